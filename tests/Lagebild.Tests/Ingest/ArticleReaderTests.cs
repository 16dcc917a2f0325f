using System.IO.Compression;
using System.Text;
using Lagebild.Ingest;

namespace Lagebild.Tests.Ingest;

public sealed class ArticleReaderTests : IDisposable
{
    private const string Article = "Schlagzeile der Meldung\n\nBerlin\n\nDer erste Absatz der Meldung endet hier.\n";

    private readonly string _root = Path.Combine(Path.GetTempPath(), "lagebild-ingest-" + Guid.NewGuid().ToString("N"));
    private readonly ArticleReader _reader = new();

    public ArticleReaderTests() => Directory.CreateDirectory(_root);

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private string Write(string relative, byte[] content)
    {
        var path = Path.Combine(_root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, content);
        return path;
    }

    private string Write(string relative, string content) => Write(relative, Encoding.UTF8.GetBytes(content));

    private static byte[] Gzip(string content)
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Fastest))
        {
            gzip.Write(Encoding.UTF8.GetBytes(content));
        }

        return buffer.ToArray();
    }

    [Fact]
    public void WalksDirectoriesInOrderSkippingHiddenAndNonInputs()
    {
        Write("b.txt", Article);
        Write("a.txt.gz", Gzip(Article));
        Write("sub/c.jsonl", "{\"id\": \"1\", \"text\": \"Eins.\"}\n{\"id\": \"2\", \"text\": \"Zwei.\"}\n");
        Write("sub/deeper/d.txt", Article);
        Write(".hidden.txt", Article);
        Write(".git/config.txt", Article);
        Write("photo.jpg", [0xFF, 0xD8, 0xFF, 0xE0]);
        Write("style.css", "body { color: red }");
        Write("LICENSE", "Permission is hereby granted.");
        Write("README.md", "# Data");
        var origins = _reader.Read([_root], InputOptions.Default)
            .Select(r => (Path.GetRelativePath(_root, r.Origin.Split(':')[0]).Replace('\\', '/') + (r.Origin.Contains(':', StringComparison.Ordinal) ? ":" + r.Origin.Split(':', 2)[1] : ""), r.Succeeded, r.SkipReason))
            .ToList();
        // Hidden files are left out silently; files that never hold articles are skipped with the reason.
        Assert.Equal(
            [
                ("LICENSE", false, IngestResult.NotAnArticle), ("README.md", false, IngestResult.NotAnArticle),
                ("a.txt.gz", true, null), ("b.txt", true, null), ("photo.jpg", false, IngestResult.NotATextFormat),
                ("style.css", false, IngestResult.NotATextFormat),
                ("sub/c.jsonl:1#1", true, null), ("sub/c.jsonl:2#2", true, null), ("sub/deeper/d.txt", true, null),
            ],
            origins);
    }

    [Fact]
    public void GzippedTextIsDecompressedAndParsed()
    {
        var path = Write("meldung.txt.gz", Gzip(Article));
        var article = _reader.Read([path], InputOptions.Default).Single().Article!;
        Assert.Equal("Schlagzeile der Meldung", article.Metadata.Title);
        Assert.Equal("Berlin", article.Metadata.Dateline);
        Assert.Equal("Schlagzeile der Meldung\n\nDer erste Absatz der Meldung endet hier.", article.Text);
    }

    [Fact]
    public void GzippedJsonlIsSniffedFromItsContent()
    {
        var path = Write("dump.gz", Gzip("{\"text\": \"Eins.\"}\n{\"text\": \"Zwei.\"}\n"));
        var texts = _reader.Read([path], InputOptions.Default).Select(r => r.Article!.Text).ToList();
        Assert.Equal(["Eins.", "Zwei."], texts);
    }

    [Fact]
    public void MissingFileAndBrokenGzipAreErrorsAndTheBatchGoesOn()
    {
        var missing = Path.Combine(_root, "missing.txt");
        var broken = Write("broken.txt.gz", [0x1F, 0x8B, 0x08, 0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08, 0x09]);
        var good = Write("good.txt", Article);
        var results = _reader.Read([missing, broken, good], InputOptions.Default).ToList();
        Assert.Equal(3, results.Count);
        Assert.Equal(missing, results[0].Origin);
        Assert.Equal("no such file", results[0].Error);
        Assert.Equal(broken, results[1].Origin);
        Assert.False(results[1].Succeeded);
        Assert.Equal(good, results[2].Origin);
        Assert.True(results[2].Succeeded);
    }

    [Fact]
    public void MalformedJsonlLineInTheMiddleOfABatch()
    {
        var path = Write("batch.jsonl", "{\"text\": \"Eins.\"}\n{\"text\": \"Zwei.\"\n{\"text\": \"Drei.\"}\n");
        var results = _reader.Read([path], InputOptions.Default).ToList();
        Assert.Equal(3, results.Count);
        Assert.True(results[0].Succeeded);
        Assert.Equal(path + ":2", results[1].Origin);
        Assert.False(results[1].Succeeded);
        Assert.Equal("Drei.", results[2].Article!.Text);
    }

    [Fact]
    public void StandardInputStreamIsSniffed()
    {
        using var jsonl = new MemoryStream(Encoding.UTF8.GetBytes("{\"text\": \"Aus der Pipe.\"}\n"));
        var fromPipe = _reader.Read(jsonl, ArticleReader.StandardInputOrigin, InputOptions.Default).Single();
        Assert.Equal("-:1", fromPipe.Origin);
        Assert.Equal("Aus der Pipe.", fromPipe.Article!.Text);

        using var gzipped = new MemoryStream(Gzip(Article));
        var fromGzip = _reader.Read(gzipped, ArticleReader.StandardInputOrigin, InputOptions.Default).Single();
        Assert.Equal("Schlagzeile der Meldung", fromGzip.Article!.Metadata.Title);
    }

    [Fact]
    public void Utf16AndWindows1252FilesAreDecoded()
    {
        var utf16 = Write("utf16.txt", [0xFF, 0xFE, .. Encoding.Unicode.GetBytes("Überschrift zum Thema\n\nDer Text über Köln.")]);
        byte[] cp1252 = [.. "Preise steigen\n\nEin Kaffee kostet 5 "u8, 0x80, .. " in K"u8, 0xF6, .. "ln "u8, 0x96, .. " zu viel."u8];
        var legacy = Write("cp1252.txt", cp1252);
        var results = _reader.Read([utf16, legacy], InputOptions.Default).Select(r => r.Article!).ToList();
        Assert.Equal("Überschrift zum Thema\n\nDer Text über Köln.", results[0].Text);
        Assert.Equal("Preise steigen\n\nEin Kaffee kostet 5 € in Köln – zu viel.", results[1].Text);
    }

    [Fact]
    public void CrlfTextMapsBackToTheDecodedFile()
    {
        var raw = "Schlagzeile der Meldung\r\n\r\nBerlin\r\n\r\nDer erste Absatz.\r\nDer zweite Absatz.\r\n";
        var path = Write("crlf.txt", raw);
        var article = _reader.Read([path], InputOptions.Default).Single().Article!;
        Assert.Equal("Schlagzeile der Meldung\n\nDer erste Absatz.\nDer zweite Absatz.", article.Text);
        OffsetAssert.LinesMapBack(article, raw);
    }

    [Fact]
    public void HtmlCharsetComesFromTheMetaElement()
    {
        byte[] page = [.. "<!DOCTYPE html><html><head><meta charset=\"iso-8859-1\"><title>Dom</title></head><body><article><p>Der K"u8, 0xF6, .. "lner Dom wurde am Montag f"u8, 0xFC, .. "r Besucher gesperrt, teilte die Stadt mit.</p></article></body></html>"u8];
        var path = Write("dom.html", page);
        var result = _reader.Read([path], InputOptions.Default).Single();
        Assert.True(result.Succeeded, result.Error);
        Assert.Contains("Der Kölner Dom wurde am Montag für Besucher gesperrt", result.Article!.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void GivenKindOverridesSniffing()
    {
        var path = Write("looks-like.jsonl", "{\"text\": \"x\"} ist kein JSON-Artikel, sondern ein Satz.");
        var result = _reader.Read([path], new InputOptions { Kind = InputKind.Text }).Single();
        Assert.Equal("{\"text\": \"x\"} ist kein JSON-Artikel, sondern ein Satz.", result.Article!.Text);
    }

    [Fact]
    public void ReadingIsLazyAndCancellable()
    {
        var first = Write("1.txt", Article);
        var second = Write("2.txt", Article);
        using var cancellation = new CancellationTokenSource();
        using var results = _reader.Read([first, second], InputOptions.Default, cancellation.Token).GetEnumerator();
        Assert.True(results.MoveNext());
        cancellation.Cancel();
        Assert.Throws<OperationCanceledException>(() => results.MoveNext());
    }
}
