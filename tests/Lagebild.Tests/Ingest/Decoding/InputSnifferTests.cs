using System.Text;
using Lagebild.Ingest;
using Lagebild.Ingest.Decoding;

namespace Lagebild.Tests.Ingest.Decoding;

public sealed class InputSnifferTests
{
    [Theory]
    [InlineData("crawl.warc.gz", "", InputKind.Warc)]
    [InlineData("x.bin", "WARC/1.0\r\nWARC-Type: warcinfo", InputKind.Warc)]
    [InlineData("x.arc", "", InputKind.Warc)]
    [InlineData("x", "filedesc://IA-001.arc 0.0.0.0 2005 text/plain 76", InputKind.Warc)]
    [InlineData("news.ndjson", "", InputKind.Jsonl)]
    [InlineData("news.txt", "{\"text\": \"x\"}\n{\"text\": \"y\"}", InputKind.Jsonl)]
    [InlineData("feed.json", "{\"version\": \"https://jsonfeed.org/version/1.1\", \"items\": []}", InputKind.Feed)]
    [InlineData("feed.json", "{\"version\":\"https:\\/\\/jsonfeed.org\\/version\\/1\",\"title\":\"Technology\"}", InputKind.Feed)]
    [InlineData("page", "\n  <!DOCTYPE html><html><body>", InputKind.Html)]
    [InlineData("page.htm", "plain words", InputKind.Html)]
    [InlineData("feed", "<?xml version=\"1.0\"?>\n<rss version=\"2.0\"><channel>", InputKind.Feed)]
    [InlineData("feed", "<?xml version=\"1.0\"?><rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">", InputKind.Feed)]
    [InlineData("feed", "<feed xmlns=\"http://www.w3.org/2005/Atom\">", InputKind.Feed)]
    [InlineData("fragment", "<p>Ein Absatz.</p><p>Noch einer.</p>", InputKind.Html)]
    [InlineData("article.txt", "Schlagzeile\n\nText.", InputKind.Text)]
    [InlineData("README", "Just words <with> angle brackets", InputKind.Text)]
    public void DetectsKind(string name, string head, InputKind expected)
    {
        Assert.Equal(expected, InputSniffer.Detect(name, Encoding.UTF8.GetBytes(head)));
    }

    [Fact]
    public void ReadsUtf16Heads()
    {
        byte[] head = [0xFF, 0xFE, .. Encoding.Unicode.GetBytes("<html><body>x")];
        Assert.Equal(InputKind.Html, InputSniffer.Detect("x", head));
    }
}
