using System.Collections.Concurrent;
using System.Globalization;
using System.IO.Compression;
using Lagebild.Documents;
using Lagebild.Ingest.Decoding;
using Lagebild.Ingest.Feeds;
using Lagebild.Ingest.Html;
using Lagebild.Ingest.Jsonl;
using Lagebild.Ingest.PlainText;
using Lagebild.Ingest.Warc;

namespace Lagebild.Ingest;

/// <summary>
/// Entry point of ingestion: turns paths (files, directories, .gz files, "-" for stdin) into a lazy stream of articles.
/// Each input goes to the reader for its kind (given, or sniffed from its name and first bytes): WARC/ARC, HTML, feed,
/// JSONL or plain text. A missing or broken input is an error naming it; the batch goes on. Binary content given by
/// path is refused; in a directory walk, files that hold no text are skipped with the reason. Memory stays bounded:
/// plain text over <see cref="InputOptions.MaxArticleBytes"/> is read in parts cut at paragraph boundaries.
/// </summary>
public sealed partial class ArticleReader
{
    /// <summary>The origin of standard input in results: "-", as the user typed it.</summary>
    public const string StandardInputOrigin = "-";

    /// <summary>
    /// An HTML page or feed is read whole and may hold this many times the article limit (markup, scripts and the
    /// items of a feed outweigh the text); a larger one is refused.
    /// </summary>
    private const int MarkupAllowance = 8;

    /// <summary>Files a directory walk leaves alone: media, binaries, archives other than gzip, styles and scripts.</summary>
    private static readonly HashSet<string> NonInputExtensions = new(StringComparer.OrdinalIgnoreCase)
    {
        ".png", ".jpg", ".jpeg", ".gif", ".webp", ".svg", ".ico", ".bmp", ".tif", ".tiff", ".avif", ".heic",
        ".mp3", ".mp4", ".m4a", ".wav", ".ogg", ".webm", ".avi", ".mov", ".mkv", ".flac",
        ".pdf", ".doc", ".docx", ".xls", ".xlsx", ".ppt", ".pptx", ".odt",
        ".zip", ".7z", ".rar", ".tar", ".tgz", ".bz2", ".xz", ".zst",
        ".exe", ".dll", ".so", ".dylib", ".bin", ".o", ".class", ".jar", ".pyc",
        ".woff", ".woff2", ".ttf", ".otf", ".eot", ".css", ".js", ".map",
        ".db", ".sqlite", ".sqlite3", ".parquet", ".pickle", ".pkl", ".onnx", ".npy",
    };

    /// <summary>Files in a data folder that describe it rather than hold articles (LICENSE, README.md, NOTICE).</summary>
    private static readonly string[] NonInputNamePrefixes = ["LICENSE", "LICENCE", "COPYING", "NOTICE", "README", "CHANGELOG", "AUTHORS", "SOURCE_COMMIT"];

    private readonly DataDirectory _data;
    private readonly HtmlMainContentExtractor _html;
    private readonly FeedReader _feeds;
    private readonly WarcReader _warc;
    private readonly JsonlReader _jsonl;
    private readonly ConcurrentDictionary<string, Lazy<PlainTextArticleParser>> _plainText = new(StringComparer.Ordinal);

    public ArticleReader()
        : this(DataDirectory.Default())
    {
    }

    public ArticleReader(DataDirectory data)
    {
        ArgumentNullException.ThrowIfNull(data);
        _data = data;
        _html = new HtmlMainContentExtractor();
        _feeds = new FeedReader();
        _warc = new WarcReader();
        _jsonl = new JsonlReader(_html);
    }

    /// <summary>Reads every path in order: a file, a directory (recursively, sorted), a .gz file, or "-" for standard input.</summary>
    public IEnumerable<IngestResult> Read(IEnumerable<string> paths, InputOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(paths);
        ArgumentNullException.ThrowIfNull(options);
        return Bounded(ReadPaths(paths, options, cancellationToken), options).Select(WithDateline);
    }

    /// <summary>Reads one input stream (standard input, a test fixture); <paramref name="origin"/> names it in results and its file name, if any, helps sniffing.</summary>
    public IEnumerable<IngestResult> Read(Stream stream, string origin, InputOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(origin);
        ArgumentNullException.ThrowIfNull(options);
        return Bounded(Guarded(origin, () => ReadStream(stream, origin, options, walked: false, cancellationToken), cancellationToken), options).Select(WithDateline);
    }

    /// <summary>Reads an undecoded document (a file's bytes, a container member) by its kind.</summary>
    public IEnumerable<IngestResult> Read(SourceDocument document, InputOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(options);
        return Bounded(Guarded(document.Origin, () => ReadDocument(document, options, cancellationToken), cancellationToken), options).Select(WithDateline);
    }

    /// <summary>
    /// Every input kind gets the dateline its text opens with when its reader found none ("Wien – …" in a JSONL text,
    /// an HTML page or a feed item), so that the place is metadata and linking keeps it from being an actor.
    /// </summary>
    private static IngestResult WithDateline(IngestResult result) =>
        result.Article is { Metadata.Dateline: null } article && PlainTextArticleParser.InlineDatelineOf(article.Text) is { } place
            ? IngestResult.Ok(article.WithMetadata(article.Metadata with { Dateline = place }))
            : result;

    private IEnumerable<IngestResult> ReadPaths(IEnumerable<string> paths, InputOptions options, CancellationToken cancellationToken)
    {
        foreach (var path in paths)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (path == "-")
            {
                foreach (var result in Read(Console.OpenStandardInput(), StandardInputOrigin, options, cancellationToken))
                {
                    yield return result;
                }
            }
            else if (Directory.Exists(path))
            {
                foreach (var entry in EnumerateInputFiles(path))
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    var results = entry.Error is not null ? [IngestResult.Failed(entry.Path, entry.Error)]
                        : entry.SkipReason is not null ? [IngestResult.Skip(entry.Path, entry.SkipReason)]
                        : ReadFile(entry.Path, options, walked: true, cancellationToken);
                    foreach (var result in results)
                    {
                        yield return result;
                    }
                }
            }
            else
            {
                foreach (var result in ReadFile(path, options, walked: false, cancellationToken))
                {
                    yield return result;
                }
            }
        }
    }

    /// <summary>Reads a file; <paramref name="walked"/>: found in a directory (so binary or empty content is skipped, not refused).</summary>
    private IEnumerable<IngestResult> ReadFile(string path, InputOptions options, bool walked, CancellationToken cancellationToken) =>
        Guarded(path, () => ReadOpenedFile(path, options, walked, cancellationToken), cancellationToken);

    private IEnumerable<IngestResult> ReadOpenedFile(string path, InputOptions options, bool walked, CancellationToken cancellationToken)
    {
        // Saved articles are often named by their date ("…-2023-03-01.txt"): it stands in when the content has none.
        if (options.Published is null && PublicationDateFromFileName(path) is { } named)
        {
            options = options with { Published = named };
        }

        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1 << 16, FileOptions.SequentialScan);
        if (walked && stream.Length == 0)
        {
            yield return IngestResult.Skip(path, IngestResult.Empty);
            yield break;
        }

        foreach (var result in ReadStream(stream, path, options, walked, cancellationToken))
        {
            yield return result;
        }
    }

    private IEnumerable<IngestResult> ReadStream(Stream source, string origin, InputOptions options, bool walked, CancellationToken cancellationToken)
    {
        using var raw = new RewindableReadStream(source, leaveOpen: true);
        var head = raw.Peek(InputSniffer.HeadLength);
        if (!InputSniffer.IsGzip(head))
        {
            raw.StopRecording();
            var kind = options.Kind == InputKind.Auto ? InputSniffer.Detect(origin, head) : options.Kind;
            if (kind != InputKind.Warc && InputSniffer.BinaryReason(head) is { } binary)
            {
                yield return Refused(origin, binary, walked);
                yield break;
            }

            foreach (var result in ReadByKind(kind, raw, origin, options, cancellationToken))
            {
                yield return result;
            }

            yield break;
        }

        using var gzip = new GZipStream(raw, CompressionMode.Decompress, leaveOpen: true);
        using var inflated = new RewindableReadStream(gzip, leaveOpen: true);
        var innerHead = inflated.Peek(InputSniffer.HeadLength);
        var innerKind = options.Kind == InputKind.Auto ? InputSniffer.Detect(InputSniffer.InnerName(origin), innerHead) : options.Kind;
        if (innerKind != InputKind.Warc && InputSniffer.BinaryReason(innerHead) is { } inflatedBinary)
        {
            yield return Refused(origin, inflatedBinary, walked);
            yield break;
        }

        if (innerKind == InputKind.Warc)
        {
            // The WARC reader takes gzip itself: member by member, so that one broken record does not end the file.
            raw.Rewind();
            raw.StopRecording();
            foreach (var result in ReadByKind(InputKind.Warc, raw, origin, options, cancellationToken))
            {
                yield return result;
            }

            yield break;
        }

        raw.StopRecording();
        inflated.StopRecording();
        foreach (var result in ReadByKind(innerKind, inflated, origin, options, cancellationToken))
        {
            yield return result;
        }
    }

    private IEnumerable<IngestResult> ReadByKind(InputKind kind, Stream stream, string origin, InputOptions options, CancellationToken cancellationToken)
    {
        switch (kind)
        {
            case InputKind.Warc:
                foreach (var item in _warc.Read(stream, origin))
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    if (item.Document is null)
                    {
                        yield return IngestResult.Failed(item.Origin, item.Error ?? "unreadable record");
                        continue;
                    }

                    foreach (var result in Read(item.Document, options, cancellationToken))
                    {
                        yield return result;
                    }
                }

                yield break;
            case InputKind.Jsonl:
                foreach (var result in _jsonl.Read(stream, origin, options))
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    yield return result;
                }

                yield break;
        }

        var limit = kind is InputKind.Html or InputKind.Feed ? (int)Math.Min(Array.MaxLength, (long)options.MaxArticleBytes * MarkupAllowance) : options.MaxArticleBytes;
        var (buffer, filled) = ReadUpTo(stream, limit + 1);
        if (filled > limit)
        {
            var parts = kind is InputKind.Html or InputKind.Feed
                ? [IngestResult.Failed(origin, $"{(kind == InputKind.Html ? "page" : "feed")} larger than {DescribeSize(limit)} ({MarkupAllowance} × --max-article-size); not read")]
                : ReadParts(ParagraphSplitter.Split(buffer, filled, stream, limit), origin, options, cancellationToken);
            foreach (var result in parts)
            {
                yield return result;
            }

            yield break;
        }

        foreach (var result in ReadDocument(new SourceDocument(origin, buffer.AsMemory(0, filled), kind), options, cancellationToken))
        {
            yield return result;
        }
    }

    /// <summary>A plain-text input over the article limit, as one article per part ("path#part2"), each saying where it comes from.</summary>
    private IEnumerable<IngestResult> ReadParts(IEnumerable<TextPart> parts, string origin, InputOptions options, CancellationToken cancellationToken)
    {
        foreach (var part in parts)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (IsBlank(part.Bytes))
            {
                continue;
            }

            var partOrigin = $"{origin}#part{part.Number.ToString(CultureInfo.InvariantCulture)}";
            var document = new SourceDocument(partOrigin, part.Bytes, InputKind.Text) { Charset = part.Charset };
            var result = ReadPlainText(document, options, part.ByteOffset);
            if (result.Article is not { } article)
            {
                yield return result;
                continue;
            }

            var at = part.ByteOffset.ToString("N0", CultureInfo.InvariantCulture);
            var how = part.Cut switch
            {
                TextPartCut.Line => "; no blank line within the limit, so it ends at a line break",
                TextPartCut.InsideLine => "; no line break within the limit, so it ends inside a line",
                _ => "",
            };
            var warning = $"part {part.Number.ToString(CultureInfo.InvariantCulture)} of {origin}, from byte {at}: the input is larger than the article limit of {DescribeSize(options.MaxArticleBytes)} (--max-article-size) and was split at paragraph boundaries{how}";
            yield return IngestResult.Ok(article.WithInputWarnings([warning]));
        }
    }

    /// <summary>
    /// Reads until the stream ends or <paramref name="capacity"/> bytes are in; the buffer grows as bytes come, so a
    /// small file costs a small buffer, and has exactly <paramref name="capacity"/> bytes when it filled up.
    /// </summary>
    private static (byte[] Buffer, int Filled) ReadUpTo(Stream stream, int capacity)
    {
        var buffer = new byte[Math.Min(capacity, 1 << 16)];
        var filled = 0;
        while (true)
        {
            var read = stream.Read(buffer, filled, buffer.Length - filled);
            if (read == 0)
            {
                return (buffer, filled);
            }

            filled += read;
            if (filled == buffer.Length)
            {
                if (buffer.Length == capacity)
                {
                    return (buffer, filled);
                }

                Array.Resize(ref buffer, (int)Math.Min(capacity, buffer.Length * 2L));
            }
        }
    }

    /// <summary>Only spaces and line breaks (in any of the encodings a part can be in): nothing to read.</summary>
    private static bool IsBlank(ReadOnlySpan<byte> bytes) =>
        bytes.IndexOfAnyExcept((ReadOnlySpan<byte>)[(byte)' ', (byte)'\n', (byte)'\r', (byte)'\t', 0]) < 0;

    /// <summary>A byte count in the unit a user would write it in ("2 MiB", "512 KiB", "1,000 bytes").</summary>
    internal static string DescribeSize(long bytes) =>
        bytes % (1024 * 1024) == 0 ? $"{(bytes / (1024 * 1024)).ToString(CultureInfo.InvariantCulture)} MiB"
        : bytes % 1024 == 0 ? $"{(bytes / 1024).ToString(CultureInfo.InvariantCulture)} KiB"
        : $"{bytes.ToString("N0", CultureInfo.InvariantCulture)} bytes";

    /// <summary>Binary content: refused with an error when the user named the input, skipped with the reason in a directory walk.</summary>
    private static IngestResult Refused(string origin, string reason, bool walked) =>
        walked ? IngestResult.Skip(origin, IngestResult.BinaryContent) : IngestResult.Failed(origin, $"{reason}: not text; not read");

    /// <summary>
    /// Refuses articles whose text is over the limit (from a JSONL record, an HTML page or a feed item; plain text
    /// was already split): analysing them would take minutes and gigabytes.
    /// </summary>
    private static IEnumerable<IngestResult> Bounded(IEnumerable<IngestResult> results, InputOptions options)
    {
        foreach (var result in results)
        {
            // Characters, not bytes: a character takes at least one byte in any input, so this never refuses text within the limit.
            if (result.Article is { } article && article.Text.Length > options.MaxArticleBytes)
            {
                yield return IngestResult.Failed(result.Origin, $"article text of {article.Text.Length.ToString("N0", CultureInfo.InvariantCulture)} characters is over the limit of {DescribeSize(options.MaxArticleBytes)} (--max-article-size); not analysed");
                continue;
            }

            yield return result;
        }
    }

    private IEnumerable<IngestResult> ReadDocument(SourceDocument document, InputOptions options, CancellationToken cancellationToken)
    {
        var content = document.Content;
        var kind = document.Kind == InputKind.Auto
            ? InputSniffer.Detect(document.Origin, content.Span[..Math.Min(content.Length, InputSniffer.HeadLength)])
            : document.Kind;
        // What the container says about the item (URL, date) stands in for what the content does not carry.
        var itemOptions = document.Date is { } date && options.Published is null ? options with { Published = date } : options;
        switch (kind)
        {
            case InputKind.Html:
                yield return ReadHtml(document, options);
                break;
            case InputKind.Feed:
                foreach (var result in _feeds.Read(content, document.Origin, itemOptions))
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    yield return result;
                }

                break;
            case InputKind.Jsonl:
            case InputKind.Warc:
                using (var stream = new MemoryStream(content.ToArray(), writable: false))
                {
                    foreach (var result in ReadByKind(kind, stream, document.Origin, itemOptions, cancellationToken))
                    {
                        yield return result;
                    }
                }

                break;
            default:
                if (content.Length > options.MaxArticleBytes)
                {
                    // A container member (a .txt inside a WARC): in memory already, so split in memory.
                    using (var stream = new MemoryStream(content.ToArray(), writable: false))
                    {
                        var (buffer, filled) = ReadUpTo(stream, options.MaxArticleBytes + 1);
                        foreach (var result in ReadParts(ParagraphSplitter.Split(buffer, filled, stream, options.MaxArticleBytes), document.Origin, itemOptions, cancellationToken))
                        {
                            yield return result;
                        }
                    }

                    break;
                }

                yield return ReadPlainText(document, document.Date is null ? options : options with { Published = document.Date });
                break;
        }
    }

    private IngestResult ReadHtml(SourceDocument document, InputOptions options)
    {
        var bytes = document.Content.Span;
        var charset = document.Charset ?? MarkupCharsetSniffer.Sniff(bytes);
        var decoded = TextDecoder.Decode(bytes, charset);
        var result = WithDecodingWarning(_html.Extract(decoded.Text, document.Origin, options, document.Url, document.Date), decoded);
        if (result.Article is not { } article || OffsetMapComposition.IsIdentity(decoded.Map))
        {
            return result;
        }

        // The extractor maps into the normalised page; carry that on to the page as decoded.
        var map = OffsetMapComposition.Compose(article.RawOffsets, article.Text.Length, decoded.Map);
        return IngestResult.Ok(new Article(article.Text, article.Metadata, article.Origin, map).WithInputWarnings(article.InputWarnings));
    }

    /// <param name="byteOffset">Where the document's bytes start in the file (a part of a split file), for warnings.</param>
    private IngestResult ReadPlainText(SourceDocument document, InputOptions options, long byteOffset = 0)
    {
        var decoded = TextDecoder.Decode(document.Content.Span, document.Charset, byteOffset);
        var result = WithDecodingWarning(PlainTextParser(options.Language).Parse(decoded.Text, document.Origin, options, decoded.Map), decoded);
        if (result.Article is { } article && document.Url is not null && article.Metadata.Url is null)
        {
            return IngestResult.Ok(article.WithMetadata(article.Metadata with { Url = document.Url }));
        }

        return result;
    }

    private static IngestResult WithDecodingWarning(IngestResult result, DecodedText decoded) =>
        decoded.Warning is { } warning && result.Article is { } article ? IngestResult.Ok(article.WithInputWarnings([warning])) : result;

    private PlainTextArticleParser PlainTextParser(string? language)
    {
        var key = language ?? "";
        return _plainText.GetOrAdd(key, _ => new Lazy<PlainTextArticleParser>(() => new PlainTextArticleParser(PlainTextConventions.Load(_data, language)))).Value;
    }

    /// <summary>
    /// Files under a directory in a fixed order (files by ordinal name, then subdirectories), lazily, skipping hidden
    /// entries, symbolic links to directories and files that are never articles.
    /// </summary>
    private static IEnumerable<(string Path, string? Error, string? SkipReason)> EnumerateInputFiles(string root)
    {
        var pending = new Stack<string>();
        pending.Push(root);
        while (pending.Count > 0)
        {
            var directory = pending.Pop();
            string[] files;
            string[] subdirectories;
            string? error = null;
            try
            {
                files = Directory.GetFiles(directory);
                subdirectories = Directory.GetDirectories(directory);
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                files = [];
                subdirectories = [];
                error = $"cannot list directory: {exception.Message}";
            }

            if (error is not null)
            {
                yield return (directory, error, null);
                continue;
            }

            Array.Sort(files, StringComparer.Ordinal);
            foreach (var file in files)
            {
                // Hidden files (.git, editor backups) are not the user's input: left out without a word.
                if (!IsHidden(file))
                {
                    yield return (file, null, NonInputReason(file));
                }
            }

            Array.Sort(subdirectories, StringComparer.Ordinal);
            for (var i = subdirectories.Length - 1; i >= 0; i--)
            {
                var subdirectory = subdirectories[i];
                if (!IsHidden(subdirectory) && !IsLink(subdirectory))
                {
                    pending.Push(subdirectory);
                }
            }
        }
    }

    /// <summary>Why a file is never an article by its name, or null when it may be one.</summary>
    private static string? NonInputReason(string path)
    {
        var name = Path.GetFileName(path);
        if (NonInputExtensions.Contains(Path.GetExtension(name)))
        {
            return IngestResult.NotATextFormat;
        }

        return NonInputNamePrefixes.Any(prefix => name.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)) ? IngestResult.NotAnArticle : null;
    }

    private static bool IsHidden(string path)
    {
        var name = Path.GetFileName(path);
        if (name.StartsWith('.') || name.EndsWith('~'))
        {
            return true;
        }

        try
        {
            return (File.GetAttributes(path) & FileAttributes.Hidden) != 0;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    private static bool IsLink(string path)
    {
        try
        {
            return (File.GetAttributes(path) & FileAttributes.ReparsePoint) != 0;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>Runs a reader, turning input errors (missing file, bad gzip, unreadable stream) into one failed result naming the input.</summary>
    private static IEnumerable<IngestResult> Guarded(string origin, Func<IEnumerable<IngestResult>> produce, CancellationToken cancellationToken)
    {
        IEnumerator<IngestResult>? enumerator = null;
        string? error = null;
        try
        {
            enumerator = produce().GetEnumerator();
        }
        catch (Exception exception) when (IsInputError(exception))
        {
            error = Describe(exception);
        }

        if (enumerator is not null)
        {
            using (enumerator)
            {
                while (true)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    IngestResult current;
                    try
                    {
                        if (!enumerator.MoveNext())
                        {
                            break;
                        }

                        current = enumerator.Current;
                    }
                    catch (Exception exception) when (IsInputError(exception))
                    {
                        error = Describe(exception);
                        break;
                    }

                    yield return current;
                }
            }
        }

        if (error is not null)
        {
            yield return IngestResult.Failed(origin, error);
        }
    }

    private static bool IsInputError(Exception exception) =>
        exception is IOException or InvalidDataException or UnauthorizedAccessException;

    private static string Describe(Exception exception) => exception switch
    {
        FileNotFoundException => "no such file",
        DirectoryNotFoundException => "no such file or directory",
        UnauthorizedAccessException => "permission denied",
        InvalidDataException => $"broken compressed data: {exception.Message}",
        EndOfStreamException => "unexpected end of input",
        _ => exception.Message,
    };

    /// <summary>A calendar date written yyyy-MM-dd (or with _ or .) in the file name, else null.</summary>
    internal static DateTimeOffset? PublicationDateFromFileName(string path)
    {
        var match = FileNameDate().Match(Path.GetFileName(path));
        if (!match.Success)
        {
            return null;
        }

        var year = int.Parse(match.Groups["y"].ValueSpan, System.Globalization.CultureInfo.InvariantCulture);
        var month = int.Parse(match.Groups["m"].ValueSpan, System.Globalization.CultureInfo.InvariantCulture);
        var day = int.Parse(match.Groups["d"].ValueSpan, System.Globalization.CultureInfo.InvariantCulture);
        return day <= DateTime.DaysInMonth(year, month) ? new DateTimeOffset(year, month, day, 0, 0, 0, TimeSpan.Zero) : null;
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"(?<![0-9])(?<y>(?:19|20)[0-9]{2})([-_.])(?<m>0[1-9]|1[0-2])\1(?<d>0[1-9]|[12][0-9]|3[01])(?![0-9])", System.Text.RegularExpressions.RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 100)]
    private static partial System.Text.RegularExpressions.Regex FileNameDate();
}
