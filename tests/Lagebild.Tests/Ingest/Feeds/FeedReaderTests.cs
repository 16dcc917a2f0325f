using System.Text;
using Lagebild.Ingest;
using Lagebild.Ingest.Decoding;
using Lagebild.Ingest.Feeds;

namespace Lagebild.Tests.Ingest.Feeds;

public sealed class FeedReaderTests
{
    private static List<IngestResult> Read(byte[] bytes, InputOptions? options = null) =>
        new FeedReader().Read(bytes, "test.xml", options ?? InputOptions.Default).ToList();

    private static List<IngestResult> Read(string xml, InputOptions? options = null) => Read(Encoding.UTF8.GetBytes(xml), options);

    private static string Rss(string items, string channelExtra = "") =>
        $"<?xml version=\"1.0\" encoding=\"utf-8\"?><rss version=\"2.0\"><channel><title>T</title>{channelExtra}{items}</channel></rss>";

    [Fact]
    public void DoubleEncodedUtf8GoesThroughTheMojibakeRepair()
    {
        // "Kölner Straße" encoded as UTF-8, read as Windows-1252, and stored again as UTF-8.
        var mojibake = Encoding.GetEncoding("iso-8859-1").GetString(Encoding.UTF8.GetBytes("Kölner Straße"));
        Assert.Contains("Ã¶", mojibake, StringComparison.Ordinal);
        var results = Read(Rss($"<item><title>{mojibake}</title><description>{mojibake} gesperrt</description></item>"));
        var article = Assert.Single(results).Article!;
        Assert.Equal(TextDecoder.RepairMojibake(mojibake), article.Metadata.Title);
        Assert.StartsWith(TextDecoder.RepairMojibake(mojibake), article.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Utf16WithByteOrderMarkIsDecoded()
    {
        var xml = Rss("<item><title>Zürich</title><description>Grüße</description></item>").Replace("utf-8", "utf-16", StringComparison.Ordinal);
        var bytes = Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes(xml)).ToArray();
        var article = Assert.Single(Read(bytes)).Article!;
        Assert.Equal("Zürich", article.Metadata.Title);
        Assert.Equal("Grüße", article.Text);
    }

    [Fact]
    public void Utf8ByteOrderMarkIsSkipped()
    {
        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(Rss("<item><title>Ä</title></item>"))).ToArray();
        Assert.Equal("Ä", Assert.Single(Read(bytes)).Article!.Metadata.Title);
    }

    [Fact]
    public void Latin1DeclarationOverUtf8BytesIsReadAsUtf8()
    {
        var xml = Rss("<item><title>für</title></item>").Replace("utf-8", "ISO-8859-1", StringComparison.Ordinal);
        Assert.Equal("für", Assert.Single(Read(Encoding.UTF8.GetBytes(xml))).Article!.Metadata.Title);
    }

    [Fact]
    public void UndeclaredLatin1BytesFallBackToWindows1252()
    {
        var xml = "<rss version=\"2.0\"><channel><title>Notícias</title><item><title>Últimas “notícias”</title></item></channel></rss>";
        var article = Assert.Single(Read(CodePagesEncodingProvider.Instance.GetEncoding(1252)!.GetBytes(xml))).Article!;
        Assert.Equal("Últimas “notícias”", article.Metadata.Title);
        Assert.Equal("Notícias", article.Metadata.Source);
    }

    [Fact]
    public void DeclaredLanguageOptionWinsAndPublishedFillsMissingDates()
    {
        var fallback = new DateTimeOffset(2023, 3, 1, 0, 0, 0, TimeSpan.Zero);
        var options = new InputOptions { Language = "de", Published = fallback };
        var results = Read(Rss("<item><title>A</title></item><item><title>B</title><pubDate>Wed, 01 Mar 2023 10:00:00 GMT</pubDate></item>", "<language>en-us</language>"), options);
        Assert.All(results, r => Assert.Equal("de", r.Article!.Metadata.Language));
        Assert.Equal(fallback, results[0].Article!.Metadata.Published);
        Assert.Equal(new DateTimeOffset(2023, 3, 1, 10, 0, 0, TimeSpan.Zero), results[1].Article!.Metadata.Published);
    }

    [Fact]
    public void DoctypeAndExternalEntitiesAreNotProcessed()
    {
        var secret = Path.Combine(Path.GetTempPath(), $"lagebild-xxe-{Guid.NewGuid():N}.txt");
        File.WriteAllText(secret, "TOP-SECRET");
        try
        {
            var xml = "<?xml version=\"1.0\"?><!DOCTYPE rss [<!ENTITY xxe SYSTEM \"file://" + secret + "\"><!ENTITY lol \"lol\"><!ENTITY lol2 \"&lol;&lol;&lol;&lol;\">]>"
                + "<rss version=\"2.0\"><channel><title>X</title><item><title>a &xxe; b &lol2;</title><description>body</description></item></channel></rss>";
            var results = Read(xml);
            Assert.DoesNotContain(results, r => r.Article?.Metadata.Title?.Contains("TOP-SECRET", StringComparison.Ordinal) == true);
            Assert.DoesNotContain(results, r => r.Article?.Metadata.Title?.Contains("lollol", StringComparison.Ordinal) == true);
            Assert.Contains(results, r => r.Article?.Text == "body");
        }
        finally
        {
            File.Delete(secret);
        }
    }

    [Fact]
    public void OversizedEmptyAndNonFeedInputsAreErrorsNamingTheFeed()
    {
        var huge = new byte[FeedReader.MaxFeedBytes + 1];
        Assert.Contains("too large", Assert.Single(Read(huge)).Error, StringComparison.Ordinal);
        Assert.Equal("test.xml", Assert.Single(Read("   ")).Origin);
        Assert.Contains("not a feed", Assert.Single(Read("Hello, world")).Error, StringComparison.Ordinal);
        Assert.Contains("not well-formed JSON", Assert.Single(Read("{\"version\": ")).Error, StringComparison.Ordinal);
        Assert.Contains("not a JSON Feed", Assert.Single(Read("{\"title\": \"x\"}")).Error, StringComparison.Ordinal);
    }

    [Fact]
    public void AtomContentWithSourceFallsBackToSummary()
    {
        const string atom = "<feed xmlns=\"http://www.w3.org/2005/Atom\"><title>F</title><entry><title>E</title>"
            + "<content src=\"https://example.org/body.html\" type=\"text/html\"/><summary>Kurzfassung.</summary></entry></feed>";
        Assert.Equal("Kurzfassung.", Assert.Single(Read(atom)).Article!.Text);
    }

    [Fact]
    public void ItemWithoutTitleAndBodyIsAnErrorAndTheRestIsRead()
    {
        var results = Read(Rss("<item><link>https://example.org/empty</link></item><item><title>Fine</title></item>"));
        Assert.Equal(2, results.Count);
        Assert.Equal("test.xml#item1 https://example.org/empty", results[0].Origin);
        Assert.NotNull(results[0].Error);
        Assert.Equal("Fine", results[1].Article!.Text);
    }

    [Fact]
    public void InvalidControlCharactersDoNotBreakTheFeed()
    {
        var results = Read(Rss("<item><title>Bytes\u000F\u0001 here</title><description>A\u000Bb</description></item>"));
        var article = Assert.Single(results).Article!;
        Assert.DoesNotContain(article.Text, c => c < ' ' && c != '\n');
    }

    [Fact]
    public void PlainTextBodiesKeepParagraphsAndMapBackToTheRawBody()
    {
        var (text, map) = FeedReader.NormalizePlainText("  First   line\r\n\r\n\r\nSecond\tparagraph  ");
        Assert.Equal("First line\n\nSecond paragraph", text);
        // "Second" starts at raw offset 20 in the input.
        Assert.Equal(20, map.ToRaw(text.IndexOf("Second", StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData("de-AT", "de")]
    [InlineData("EN_us", "en")]
    [InlineData("deu", null)]
    [InlineData("", null)]
    public void LanguageTagsReduceToIso6391(string tag, string? expected) => Assert.Equal(expected, FeedReader.LanguageCode(tag));
}
