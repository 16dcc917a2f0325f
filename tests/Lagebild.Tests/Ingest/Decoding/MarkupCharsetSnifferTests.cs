using System.Text;
using Lagebild.Ingest.Decoding;

namespace Lagebild.Tests.Ingest.Decoding;

public sealed class MarkupCharsetSnifferTests
{
    [Theory]
    [InlineData("<html><head><meta charset=\"ISO-8859-1\"><title>x</title>", "ISO-8859-1")]
    [InlineData("<html><head><META CHARSET=utf-8>", "utf-8")]
    [InlineData("<meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1252\">", "windows-1252")]
    [InlineData("<meta name=\"viewport\" content=\"width=device-width\"><meta charset='koi8-r'>", "koi8-r")]
    [InlineData("<?xml version=\"1.0\" encoding=\"ISO-8859-15\"?><rss>", "ISO-8859-15")]
    [InlineData("<html><head><title>charset=utf-8 in a title is not a declaration</title>", null)]
    [InlineData("<html><head><meta name=\"description\" content=\"x\">", null)]
    public void FindsDeclaredCharset(string head, string? expected)
    {
        Assert.Equal(expected, MarkupCharsetSniffer.Sniff(Encoding.ASCII.GetBytes(head)));
    }

    [Theory]
    [InlineData("text/html; charset=ISO-8859-1", "ISO-8859-1")]
    [InlineData("text/html;charset=\"utf-8\"", "utf-8")]
    [InlineData("text/html", null)]
    public void ReadsContentTypeCharset(string contentType, string? expected)
    {
        Assert.Equal(expected, MarkupCharsetSniffer.FromContentType(contentType));
    }
}
