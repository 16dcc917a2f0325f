using System.IO.Compression;
using System.Text;
using Lagebild.Ingest;
using Lagebild.Ingest.Decoding;

namespace Lagebild.Tests.Ingest;

/// <summary>Inputs a new user threw at the readers: random bytes, huge files, broken UTF-8, directories of media.</summary>
public sealed class HostileInputTests : IDisposable
{
    private const string Article = "Schlagzeile der Meldung\n\nBerlin\n\nDer erste Absatz der Meldung endet hier.\n";

    private readonly string _root = Path.Combine(Path.GetTempPath(), "lagebild-hostile-" + Guid.NewGuid().ToString("N"));
    private readonly ArticleReader _reader = new();

    public HostileInputTests() => Directory.CreateDirectory(_root);

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private string Write(string relative, byte[] content)
    {
        var path = Path.Combine(_root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, content);
        return path;
    }

    private string Write(string relative, string content) => Write(relative, Encoding.UTF8.GetBytes(content));

    private static byte[] RandomBytes(int count, int seed)
    {
        var bytes = new byte[count];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    /// <summary>Paragraphs of distinct sentences, "Absatz 17 …", so that every paragraph can be found again.</summary>
    private static string Paragraphs(int count, int sentencesEach) =>
        string.Join("\n\n", Enumerable.Range(1, count).Select(p =>
            string.Join(' ', Enumerable.Range(1, sentencesEach).Select(s => $"Absatz {p} berichtet in Satz {s} über die Lage in München und Köln."))));

    private static byte[] Gzip(byte[] content)
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Fastest))
        {
            gzip.Write(content);
        }

        return buffer.ToArray();
    }

    [Fact]
    public void RandomBytesGivenByPathAreRefusedNamingTheFile()
    {
        var path = Write("noise.txt", RandomBytes(100_000, seed: 7));
        var result = Assert.Single(_reader.Read([path], InputOptions.Default));
        Assert.True(result.IsFailure);
        Assert.Equal(path, result.Origin);
        Assert.StartsWith("binary content", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void GzippedRandomBytesAreRefusedToo()
    {
        var path = Write("noise.txt.gz", Gzip(RandomBytes(50_000, seed: 8)));
        var result = Assert.Single(_reader.Read([path], InputOptions.Default));
        Assert.True(result.IsFailure);
        Assert.StartsWith("binary content", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void RandomBytesWithoutNulOrControlsAreRefusedAsUndecodable()
    {
        // Only bytes that are neither NUL nor control characters: the decoding test alone must catch them.
        var bytes = RandomBytes(20_000, seed: 9).Select(b => b < 0x20 || b == 0x7F ? (byte)(b + 0xA0) : b).ToArray();
        Assert.Equal("binary content (not decodable as text)", InputSniffer.BinaryReason(bytes.AsSpan(0, InputSniffer.HeadLength)));
    }

    [Fact]
    public void LegitimateEncodingsAreNotTakenForBinary()
    {
        const string German = "Grüße aus Köln: Die Straßenbahn fährt über die Brücke.\n\nÄrger über Verspätungen.\n";
        var latin1 = Write("latin1.txt", Encoding.Latin1.GetBytes(German));
        var utf16 = Write("utf16.txt", [.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes(German)]);
        var utf16NoMark = Write("utf16-no-mark.txt", Encoding.Unicode.GetBytes(German));
        var utf16BigEndian = Write("utf16be.txt", [.. Encoding.BigEndianUnicode.GetPreamble(), .. Encoding.BigEndianUnicode.GetBytes(German)]);
        foreach (var path in new[] { latin1, utf16, utf16NoMark, utf16BigEndian })
        {
            var result = Assert.Single(_reader.Read([path], InputOptions.Default));
            Assert.True(result.Succeeded, $"{path}: {result.Error}");
            Assert.Contains("Grüße aus Köln", result.Article!.Text, StringComparison.Ordinal);
            Assert.Empty(result.Article.InputWarnings);
        }
    }

    [Fact]
    public void ADirectoryWalkSkipsWhatHoldsNoTextAndSaysWhy()
    {
        Write("a-good.txt", Article);
        Write("blob.bin", RandomBytes(1000, seed: 1));
        Write("image.png", [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13]);
        Write("noise.txt", RandomBytes(5000, seed: 2));
        Write("empty.txt", []);
        var results = _reader.Read([_root], InputOptions.Default).ToDictionary(r => Path.GetFileName(r.Origin));

        Assert.True(results["a-good.txt"].Succeeded);
        Assert.Equal(IngestResult.NotATextFormat, results["blob.bin"].SkipReason);
        Assert.Equal(IngestResult.NotATextFormat, results["image.png"].SkipReason);
        Assert.Equal(IngestResult.BinaryContent, results["noise.txt"].SkipReason);
        Assert.Equal(IngestResult.Empty, results["empty.txt"].SkipReason);
        Assert.All(results.Values.Where(r => r.IsSkipped), r => Assert.False(r.IsFailure));
    }

    [Fact]
    public void InvalidUtf8IsAWarningWithTheOffsetOfTheFirstBadByteAndTheCount()
    {
        var good = Encoding.UTF8.GetBytes("Grüße aus Köln.\n\nDie Straßenbahn fährt über die Brücke nach Düsseldorf.\n");
        // Two stray bytes, at ASCII positions: before "Die" (byte 20) and before "nach".
        var bad = good.ToList();
        var before = Encoding.UTF8.GetByteCount("Grüße aus Köln.\n\nDie Straßenbahn fährt über die Brücke ");
        bad.Insert(before, 0xFE);
        bad.Insert(20, 0xFF);
        Assert.Equal((byte)'D', bad[21]);
        var path = Write("broken.txt", [.. bad]);

        var article = Assert.Single(_reader.Read([path], InputOptions.Default)).Article!;
        var warning = Assert.Single(article.InputWarnings);
        Assert.Contains("2 bytes", warning, StringComparison.Ordinal);
        Assert.Contains("byte 20", warning, StringComparison.Ordinal);
        // The valid UTF-8 around the stray bytes is read as UTF-8.
        Assert.Contains("Straßenbahn", article.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void InvalidUtf8InAJsonlLineIsReplacedAndNamedByItsFileOffset()
    {
        var first = Encoding.UTF8.GetBytes("{\"id\": \"a\", \"text\": \"Erste Meldung aus Köln.\"}\n");
        var second = Encoding.UTF8.GetBytes("{\"id\": \"b\", \"text\": \"Zweite Meldung X aus Köln.\"}\n");
        var badAt = Array.IndexOf(second, (byte)'X');
        second[badAt] = 0xFE;
        var path = Write("lines.jsonl", [.. first, .. second]);

        var results = _reader.Read([path], InputOptions.Default).ToList();
        Assert.Equal(2, results.Count);
        Assert.Empty(results[0].Article!.InputWarnings);
        var warning = Assert.Single(results[1].Article!.InputWarnings);
        Assert.Equal($"invalid UTF-8: 1 byte replaced by U+FFFD, the first at byte {first.Length + badAt}", warning);
        Assert.Contains('\uFFFD', results[1].Article!.Text);
    }

    [Fact]
    public void Latin1TextGetsNoInvalidUtf8Warning()
    {
        var path = Write("latin.txt", Encoding.Latin1.GetBytes("Grüße aus Köln.\n\nÄrger über die Brücke.\n"));
        Assert.Empty(Assert.Single(_reader.Read([path], InputOptions.Default)).Article!.InputWarnings);
    }

    [Fact]
    public void ReaderWarningsReachTheAnalysisWarnings()
    {
        var article = new Lagebild.Documents.Article("Text.", new Lagebild.Documents.ArticleMetadata(), "x").WithInputWarnings(["invalid UTF-8: 1 byte replaced by U+FFFD, the first at byte 3"]);
        var context = new Lagebild.Pipeline.AnalysisContext(article, Lagebild.Pipeline.AnalysisOptions.Default);
        var warning = Assert.Single(context.Warnings);
        Assert.Equal("ingest", warning.Stage);
        Assert.Contains("byte 3", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void PlainTextOverTheLimitIsSplitAtParagraphsIntoPartsThatKeepTheirOrigin()
    {
        var text = Paragraphs(count: 60, sentencesEach: 4);
        var path = Write("large.txt", text);
        var options = InputOptions.Default with { MaxArticleBytes = 4096 };

        var results = _reader.Read([path], options).ToList();
        Assert.True(results.Count > 3);
        Assert.All(results, r => Assert.True(r.Succeeded, r.Error));
        Assert.Equal(Enumerable.Range(1, results.Count).Select(n => $"{path}#part{n}"), results.Select(r => r.Origin));
        Assert.All(results, r => Assert.True(Encoding.UTF8.GetByteCount(r.Article!.Text) <= 4096));
        Assert.All(results, r => Assert.Contains(r.Article!.InputWarnings, w => w.Contains("split at paragraph boundaries", StringComparison.Ordinal)));

        // Every paragraph is in exactly one part, whole: no paragraph was cut.
        var paragraphs = text.Split("\n\n");
        foreach (var paragraph in paragraphs)
        {
            Assert.Single(results, r => r.Article!.Text.Contains(paragraph, StringComparison.Ordinal));
        }
    }

    [Fact]
    public void ALineLongerThanTheLimitIsCutWithoutBreakingACharacter()
    {
        var text = string.Concat(Enumerable.Repeat("Über München und Köln fährt ein Zug über die Brücke. ", 400));
        var path = Write("one-line.txt", text);
        var results = _reader.Read([path], InputOptions.Default with { MaxArticleBytes = 2000 }).ToList();

        Assert.True(results.Count > 5);
        Assert.All(results, r => Assert.DoesNotContain('\uFFFD', r.Article!.Text));
        Assert.Contains(results[0].Article!.InputWarnings, w => w.Contains("inside a line", StringComparison.Ordinal));
        var joined = string.Concat(results.Select(r => r.Article!.Text)).Replace(" ", "", StringComparison.Ordinal);
        Assert.Equal(text.Replace(" ", "", StringComparison.Ordinal), joined);
    }

    [Fact]
    public void Utf16TextOverTheLimitIsSplitOnWholeCharacters()
    {
        var text = Paragraphs(count: 40, sentencesEach: 3);
        var path = Write("wide.txt", [.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes(text)]);
        var results = _reader.Read([path], InputOptions.Default with { MaxArticleBytes = 4096 }).ToList();

        Assert.True(results.Count > 3);
        foreach (var paragraph in text.Split("\n\n"))
        {
            Assert.Single(results, r => r.Article!.Text.Contains(paragraph, StringComparison.Ordinal));
        }
    }

    [Fact]
    public void AHugeInputIsReadAsAStreamPartByPart()
    {
        // 1 GiB that never exists in memory: taking the first part must not read much beyond the limit.
        using var stream = new GeneratedTextStream(1L << 30);
        using var first = _reader.Read(stream, "generated.txt", InputOptions.Default with { MaxArticleBytes = 64 * 1024 }).GetEnumerator();
        Assert.True(first.MoveNext());
        Assert.Equal("generated.txt#part1", first.Current.Origin);
        Assert.True(first.MoveNext());
        Assert.Equal("generated.txt#part2", first.Current.Origin);
        Assert.True(stream.Delivered < 4 * 64 * 1024, $"read {stream.Delivered} bytes for two parts of 64 KiB");
    }

    [Fact]
    public void AJsonlRecordOverTheLimitIsRefusedAndTheOtherLinesAreKept()
    {
        var huge = new string('x', 40_000);
        var path = Write("records.jsonl", $"{{\"text\": \"Erste Meldung.\"}}\n{{\"text\": \"{huge}\"}}\n{{\"text\": \"Dritte Meldung.\"}}\n");
        var results = _reader.Read([path], InputOptions.Default with { MaxArticleBytes = 4096 }).ToList();

        Assert.Equal(3, results.Count);
        Assert.True(results[0].Succeeded);
        Assert.Equal($"{path}:2", results[1].Origin);
        Assert.Contains("over the limit", results[1].Error, StringComparison.Ordinal);
        Assert.True(results[2].Succeeded);
    }

    [Fact]
    public void AnArticleTextOverTheLimitFromAJsonlRecordIsRefused()
    {
        var path = Write("records.jsonl", $"{{\"id\": \"big\", \"text\": \"{Paragraphs(20, 3).Replace("\n", "\\n", StringComparison.Ordinal)}\"}}\n");
        var result = Assert.Single(_reader.Read([path], InputOptions.Default with { MaxArticleBytes = 2048 }));
        Assert.True(result.IsFailure);
        Assert.Contains("--max-article-size", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void AnHtmlPageOverItsAllowanceIsRefused()
    {
        var page = "<html><body>" + string.Concat(Enumerable.Repeat("<p>Ein Absatz über die Lage.</p>", 2000)) + "</body></html>";
        var path = Write("page.html", page);
        var result = Assert.Single(_reader.Read([path], InputOptions.Default with { MaxArticleBytes = 4096 }));
        Assert.True(result.IsFailure);
        Assert.StartsWith("page larger than 32 KiB", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void MalformedJsonlLinesAreNamedInPlainWords()
    {
        var path = Write("bad.jsonl", "{\"text\": \"Gut.\"}\n{\"text\": x}\n{\"text\": \"Auch gut.\"\n");
        var results = _reader.Read([path], InputOptions.Default).ToList();

        Assert.Equal(3, results.Count);
        Assert.Equal($"{path}:2", results[1].Origin);
        Assert.StartsWith("not valid JSON at column 10", results[1].Error, StringComparison.Ordinal);
        Assert.StartsWith("not valid JSON at column", results[2].Error, StringComparison.Ordinal);
        foreach (var error in new[] { results[1].Error!, results[2].Error! })
        {
            Assert.DoesNotContain("LineNumber", error, StringComparison.Ordinal);
            Assert.DoesNotContain("BytePositionInLine", error, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void TheOriginIsTheRecordsOwnIdOrWhereItWasRead()
    {
        var jsonl = Write("records.jsonl", "{\"id\": \"dpa-2023-0042\", \"text\": \"Erste Meldung.\"}\n{\"text\": \"Zweite Meldung.\"}\n");
        var text = Write("plain.txt", Article);
        var results = _reader.Read([jsonl, text], InputOptions.Default).Select(r => r.Article!).ToList();

        Assert.Equal("dpa-2023-0042", results[0].ContractOrigin);
        Assert.Equal($"{jsonl}:2", results[1].ContractOrigin);
        Assert.Equal(text, results[2].ContractOrigin);
    }

    /// <summary>A long stream of paragraphs made on the fly, counting what it handed out.</summary>
    private sealed class GeneratedTextStream(long length) : Stream
    {
        private static readonly byte[] Paragraph = Encoding.UTF8.GetBytes("Ein Absatz über die Lage in München, der sich wiederholt, bis der Strom endet.\n\n");

        public long Delivered { get; private set; }

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = (int)Math.Min(count, length - Delivered);
            for (var i = 0; i < n; i++)
            {
                buffer[offset + i] = Paragraph[(int)((Delivered + i) % Paragraph.Length)];
            }

            Delivered += n;
            return n;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
