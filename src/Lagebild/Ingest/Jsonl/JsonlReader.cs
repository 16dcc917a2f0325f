using System.Globalization;
using System.Text;
using System.Text.Json;
using Lagebild.Documents;
using Lagebild.Ingest.Decoding;
using Lagebild.Ingest.Html;
using Lagebild.Ingest.PlainText;

namespace Lagebild.Ingest.Jsonl;

/// <summary>
/// One article per line of JSON: fields id, url, title, published (or date), source, language (or lang), dateline,
/// author, and text or html. Text is taken as given (trimmed, line endings normalised, double-encoded UTF-8 repaired);
/// html goes through the HTML extractor. Blank lines are skipped; a malformed line is an error naming
/// "origin:line" in plain words and reading goes on. Lines are read as bytes, so that invalid UTF-8 is named by its
/// byte offset in a warning and a line over the limit is dropped without being held in memory.
/// </summary>
public sealed class JsonlReader
{
    private static readonly JsonDocumentOptions DocumentOptions = new() { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip };

    /// <summary>A record may hold a whole page in "html": it may be this many times the article limit, as an HTML file may.</summary>
    private const int RecordAllowance = 8;

    /// <summary>
    /// One pretty-printed JSON document (an array of records) is parsed whole, so it is bounded like a page: this many
    /// times the article limit. Record-per-line JSONL has no such bound.
    /// </summary>
    private const int DocumentAllowance = 8;

    private readonly HtmlMainContentExtractor _html;

    public JsonlReader()
        : this(new HtmlMainContentExtractor())
    {
    }

    public JsonlReader(HtmlMainContentExtractor html)
    {
        ArgumentNullException.ThrowIfNull(html);
        _html = html;
    }

    public IEnumerable<IngestResult> Read(Stream stream, string origin, InputOptions options)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(origin);
        ArgumentNullException.ThrowIfNull(options);
        return ReadLines(stream, origin, options);
    }

    private IEnumerable<IngestResult> ReadLines(Stream stream, string origin, InputOptions options)
    {
        var recordLimit = (int)Math.Min(Array.MaxLength, (long)options.MaxArticleBytes * RecordAllowance);
        var lines = new ByteLineReader(Utf8Stream(stream), recordLimit);
        var seenContent = false;
        while (lines.TryRead(out var line))
        {
            var lineOrigin = $"{origin}:{line.Number.ToString(CultureInfo.InvariantCulture)}";
            if (line.TooLong)
            {
                seenContent = true;
                yield return IngestResult.Failed(lineOrigin, $"record of {line.Length.ToString("N0", CultureInfo.InvariantCulture)} bytes is over the limit of {DescribeSize(recordLimit)} ({RecordAllowance} × --max-article-size); not read");
                continue;
            }

            var bytes = line.Bytes.Span;
            if (line.Number == 1 && bytes.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
            {
                bytes = bytes[3..];
            }

            if (bytes.IndexOfAnyExcept((byte)' ', (byte)'\t', (byte)'\r') < 0)
            {
                continue;
            }

            var text = Encoding.UTF8.GetString(bytes);
            var isFirst = !seenContent;
            seenContent = true;
            if (isFirst && IsDocumentStart(text))
            {
                // Not JSON Lines but one pretty-printed JSON document: an object or an array of objects.
                var documentLimit = (int)Math.Min(Array.MaxLength, (long)options.MaxArticleBytes * DocumentAllowance);
                var rest = lines.ReadRest(documentLimit - bytes.Length);
                if (rest is null)
                {
                    yield return IngestResult.Failed(origin, $"JSON document larger than {DescribeSize(documentLimit)} ({DocumentAllowance} × --max-article-size); not read (write one record per line to read any size)");
                    yield break;
                }

                foreach (var result in ReadDocument(text + "\n" + Encoding.UTF8.GetString(rest), origin, options))
                {
                    yield return result;
                }

                yield break;
            }

            var read = ReadLine(text, lineOrigin, options);
            // JSON text is UTF-8 by definition: broken bytes were replaced, and the user should know where.
            if (read.Article is { } article && TextDecoder.InvalidUtf8Warning(line.Bytes.Span, "utf-8", line.ByteOffset) is { } warning)
            {
                read = IngestResult.Ok(article.WithInputWarnings([warning]));
            }

            yield return read;
        }
    }

    /// <summary>The stream as UTF-8: JSON Lines are UTF-8, but a file saved as UTF-16 or UTF-32 says so by its byte-order mark.</summary>
    private static Stream Utf8Stream(Stream stream)
    {
        var head = new byte[4];
        var read = stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        var prefix = head.AsSpan(0, read);
        Encoding? wide = prefix.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE, 0x00, 0x00]) ? new UTF32Encoding(false, true)
            : prefix.StartsWith((ReadOnlySpan<byte>)[0x00, 0x00, 0xFE, 0xFF]) ? new UTF32Encoding(true, true)
            : prefix.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]) ? new UnicodeEncoding(false, true)
            : prefix.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]) ? new UnicodeEncoding(true, true)
            : null;
        var whole = new PrefixedStream(head.AsMemory(0, read), stream);
        return wide is null ? whole : Encoding.CreateTranscodingStream(whole, wide, Encoding.UTF8, leaveOpen: true);
    }

    private static string DescribeSize(long bytes) => ArticleReader.DescribeSize(bytes);

    /// <summary>
    /// A JSON parse error in plain words: what is wrong and where ("not valid JSON at column 5: 'x' is an invalid start
    /// of a value"), without the parser's internal position notation.
    /// </summary>
    internal static string DescribeJsonError(JsonException exception, bool multiLine)
    {
        var message = exception.Message;
        foreach (var marker in new[] { " Path:", " LineNumber:", " | " })
        {
            var cut = message.IndexOf(marker, StringComparison.Ordinal);
            if (cut >= 0)
            {
                message = message[..cut];
            }
        }

        // The parser's first sentence says what is wrong; the rest repeats it for programmers.
        var sentenceEnd = message.IndexOf(". ", StringComparison.Ordinal);
        message = (sentenceEnd > 0 ? message[..sentenceEnd] : message).Trim().TrimEnd('.');
        var column = ((exception.BytePositionInLine ?? 0) + 1).ToString(CultureInfo.InvariantCulture);
        var where = multiLine && exception.LineNumber is { } line
            ? $"line {(line + 1).ToString(CultureInfo.InvariantCulture)}, column {column}"
            : $"column {column}";
        return message.Length == 0 ? $"not valid JSON at {where}" : $"not valid JSON at {where}: {message}";
    }

    /// <summary>One JSON object as an article, or an error naming <paramref name="lineOrigin"/>.</summary>
    public IngestResult ReadLine(string line, string lineOrigin, InputOptions options)
    {
        ArgumentNullException.ThrowIfNull(line);
        ArgumentNullException.ThrowIfNull(lineOrigin);
        ArgumentNullException.ThrowIfNull(options);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(line, DocumentOptions);
        }
        catch (JsonException exception)
        {
            return IngestResult.Failed(lineOrigin, DescribeJsonError(exception, multiLine: false));
        }

        using (document)
        {
            return ReadElement(document.RootElement, lineOrigin, options);
        }
    }

    private IEnumerable<IngestResult> ReadDocument(string json, string origin, InputOptions options)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, DocumentOptions);
        }
        catch (JsonException exception)
        {
            return [IngestResult.Failed(origin, DescribeJsonError(exception, multiLine: true))];
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Array)
            {
                return [ReadElement(root, origin, options)];
            }

            return [.. root.EnumerateArray().Select((item, index) => ReadElement(item, $"{origin}#{index.ToString(CultureInfo.InvariantCulture)}", options))];
        }
    }

    /// <summary>A first line that opens a document rather than holding a whole object: "[", "{" alone, or an object left open.</summary>
    private static bool IsDocumentStart(string line)
    {
        var trimmed = line.AsSpan().Trim();
        return trimmed.StartsWith("[") || (trimmed.StartsWith("{") && !trimmed.EndsWith("}"));
    }

    private IngestResult ReadElement(JsonElement root, string lineOrigin, InputOptions options)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            return IngestResult.Failed(lineOrigin, $"expected a JSON object, found {root.ValueKind.ToString().ToLowerInvariant()}");
        }

        var id = Field(root, "id")?.Trim();
        var itemOrigin = id is null ? lineOrigin : $"{lineOrigin}#{id}";
        // A date that is not ISO 8601 is ignored rather than costing the article: the text is what matters.
        var published = ParseIsoDate(Field(root, "published", "date")?.Trim());

        var metadata = new ArticleMetadata
        {
            Url = MetadataField(root, "url"),
            Title = MetadataField(root, "title"),
            Author = MetadataField(root, "author"),
            Source = MetadataField(root, "source"),
            Dateline = MetadataField(root, "dateline") is { } dateline ? PlainTextArticleParser.PlaceOfDateline(dateline) : null,
            Language = Field(root, "language", "lang")?.Trim().ToLowerInvariant() ?? options.Language,
            Published = published ?? options.Published,
            InputId = id,
        };

        var text = Field(root, "text");
        if (!string.IsNullOrWhiteSpace(text))
        {
            var (clean, map) = Clean(text);
            return IngestResult.Ok(new Article(clean, metadata, itemOrigin, map));
        }

        var html = Field(root, "html");
        if (!string.IsNullOrWhiteSpace(html))
        {
            var extracted = _html.Extract(html, itemOrigin, options with { Language = metadata.Language, Published = metadata.Published }, metadata.Url, metadata.Published);
            return extracted.Article is null ? extracted : IngestResult.Ok(extracted.Article.WithMetadata(Merge(metadata, extracted.Article.Metadata)));
        }

        return IngestResult.Failed(itemOrigin, "no 'text' or 'html' field");
    }

    /// <summary>Trims, normalises line endings and repairs mojibake, with the map back to the JSON string value.</summary>
    private static (string Text, OffsetMap Map) Clean(string value)
    {
        var (normalized, repairMap, _) = TextDecoder.Normalize(value);
        var start = 0;
        var end = normalized.Length;
        while (start < end && char.IsWhiteSpace(normalized[start]))
        {
            start++;
        }

        while (end > start && char.IsWhiteSpace(normalized[end - 1]))
        {
            end--;
        }

        var trimmed = normalized[start..end];
        var trimMap = start == 0 ? OffsetMap.Identity : new OffsetMap([0], [start]);
        return (trimmed, OffsetMapComposition.Compose(trimMap, trimmed.Length, repairMap));
    }

    /// <summary>What the line says wins over what the extractor found in the page.</summary>
    private static ArticleMetadata Merge(ArticleMetadata fromLine, ArticleMetadata fromPage) => fromPage with
    {
        Url = fromLine.Url ?? fromPage.Url,
        Title = fromLine.Title ?? fromPage.Title,
        Author = fromLine.Author ?? fromPage.Author,
        Source = fromLine.Source ?? fromPage.Source,
        Dateline = fromLine.Dateline ?? fromPage.Dateline,
        Language = fromLine.Language ?? fromPage.Language,
        Published = fromLine.Published ?? fromPage.Published,
        InputId = fromLine.InputId,
    };

    /// <summary>A metadata string with double-encoded UTF-8 repaired (no offsets point into metadata).</summary>
    private static string? MetadataField(JsonElement root, string name) =>
        Field(root, name) is { } value ? TextDecoder.RepairMojibake(value.Trim()) : null;

    private static string? Field(JsonElement root, params string[] names)
    {
        foreach (var name in names)
        {
            if (!root.TryGetProperty(name, out var value))
            {
                continue;
            }

            var text = value.ValueKind switch
            {
                JsonValueKind.String => value.GetString(),
                JsonValueKind.Number => value.GetRawText(),
                _ => null,
            };
            if (!string.IsNullOrWhiteSpace(text))
            {
                // Untrimmed: offsets into the text field count from its first character.
                return text;
            }
        }

        return null;
    }

    /// <summary>ISO 8601 date or date-time ("2023-03-01", "1987-02-26T15:01:01", "2023-03-01T08:00:00+01:00"); no offset means UTC.</summary>
    internal static DateTimeOffset? ParseIsoDate(string? value)
    {
        if (value is null || value.Length < 10 || !IsIsoDatePrefix(value.AsSpan(0, 10)))
        {
            return null;
        }

        return DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed) ? parsed : null;
    }

    private static bool IsIsoDatePrefix(ReadOnlySpan<char> head) =>
        char.IsAsciiDigit(head[0]) && char.IsAsciiDigit(head[1]) && char.IsAsciiDigit(head[2]) && char.IsAsciiDigit(head[3])
        && head[4] == '-' && char.IsAsciiDigit(head[5]) && char.IsAsciiDigit(head[6])
        && head[7] == '-' && char.IsAsciiDigit(head[8]) && char.IsAsciiDigit(head[9]);
}
