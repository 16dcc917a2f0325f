using System.Text;
using Lagebild.Ingest.Warc;
using static Lagebild.Tests.Ingest.Warc.WarcTestArchives;

namespace Lagebild.Tests.Ingest.Warc;

public sealed class HttpPayloadTests
{
    [Theory]
    [InlineData("text/html; charset=\"UTF-8\"", "text/html", "UTF-8")]
    [InlineData("TEXT/HTML;Charset=iso-8859-1", "text/html", "iso-8859-1")]
    [InlineData("application/xhtml+xml", "application/xhtml+xml", null)]
    [InlineData("text/html; boundary=x; charset='windows-1252'", "text/html", "windows-1252")]
    [InlineData("  ", null, null)]
    public void ReadsMediaTypeAndCharset(string contentType, string? mediaType, string? charset)
    {
        Assert.Equal(mediaType, HttpPayload.MediaType(contentType));
        Assert.Equal(charset, HttpPayload.Charset(contentType));
    }

    [Fact]
    public void ParsesStatusHeadersContinuationsAndRepeats()
    {
        var block = Bytes("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nX-Long: first\r\n  second\r\nVary: a\r\nVary: b\r\n\r\nbody");
        Assert.True(HttpPayload.TryParseHead(block, out var head, out var error), error);
        Assert.Equal(200, head!.StatusCode);
        Assert.Equal("first second", head.Header("x-long"));
        Assert.Equal("a, b", head.Header("Vary"));
        Assert.Equal("body", Encoding.ASCII.GetString(block.AsSpan(head.BodyOffset)));
    }

    [Theory]
    [InlineData("HTTP/1.1 OK\r\n\r\n", "bad HTTP status line")]
    [InlineData("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n", "not terminated")]
    public void RejectsBrokenHeads(string text, string expected)
    {
        Assert.False(HttpPayload.TryParseHead(Bytes(text), out _, out var error));
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }

    [Fact]
    public void DeclaredGzipOverAPlainBodyKeepsTheBody()
    {
        var block = Concat(Bytes("HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\n\r\n"), Bytes(PageHtml));
        Assert.True(HttpPayload.TryParseHead(block, out var head, out _));
        Assert.True(HttpPayload.TryDecodeBody(head!, block.AsMemory(head!.BodyOffset), out var body, out var error), error);
        Assert.Equal(PageHtml, Encoding.UTF8.GetString(body.Span));
    }

    [Fact]
    public void CorruptGzipBodyAndUnknownEncodingAreErrors()
    {
        var gzip = Gzip(Bytes(PageHtml));
        gzip.AsSpan(12, 20).Fill(0xFF);
        var block = Concat(Bytes("HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\n\r\n"), gzip);
        Assert.True(HttpPayload.TryParseHead(block, out var head, out _));
        Assert.False(HttpPayload.TryDecodeBody(head!, block.AsMemory(head!.BodyOffset), out _, out var error));
        Assert.Contains("corrupt", error, StringComparison.Ordinal);

        var zstd = Concat(Bytes("HTTP/1.1 200 OK\r\nContent-Encoding: zstd\r\n\r\n"), Bytes("xx"));
        Assert.True(HttpPayload.TryParseHead(zstd, out var zstdHead, out _));
        Assert.False(HttpPayload.TryDecodeBody(zstdHead!, zstd.AsMemory(zstdHead!.BodyOffset), out _, out var zstdError));
        Assert.Contains("unsupported Content-Encoding 'zstd'", zstdError, StringComparison.Ordinal);
    }

    [Fact]
    public void DechunksWithExtensionsAndBareLineFeeds()
    {
        var chunked = Bytes("5;name=value\r\nHello\r\n7\n, world\n0\r\n\r\n");
        Assert.True(HttpPayload.TryDechunk(chunked, out var joined, out var error), error);
        Assert.Equal("Hello, world", Encoding.ASCII.GetString(joined!));
    }

    [Theory]
    [InlineData("<!DOCTYPE html><html>", true)]
    [InlineData("\uFEFF\r\n  <html lang=\"de\">", true)]
    [InlineData("{\"json\": true}", false)]
    [InlineData("GIF89a", false)]
    public void SniffsHtmlWhenNoTypeIsGiven(string start, bool expected) => Assert.Equal(expected, HttpPayload.LooksLikeHtml(Bytes(start)));
}
