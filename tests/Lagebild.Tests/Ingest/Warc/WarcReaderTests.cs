using System.Text;
using Lagebild.Ingest;
using Lagebild.Ingest.Warc;
using static Lagebild.Tests.Ingest.Warc.WarcTestArchives;

namespace Lagebild.Tests.Ingest.Warc;

public sealed class WarcReaderTests
{
    private static List<SourceItem> Read(byte[] archive) => new WarcReader().Read(new ForwardOnlyStream(archive), "crawl.warc").ToList();

    private static string Body(SourceItem item) => Encoding.UTF8.GetString(item.Document!.Content.Span);

    /// <summary>warcinfo, request, HTML response, image response, metadata, HTML resource: two documents.</summary>
    private static byte[][] MixedRecords() =>
    [
        Warcinfo("00000000-0000-0000-0000-000000000001"),
        Request("00000000-0000-0000-0000-000000000002", "https://news.example.de/artikel"),
        HtmlResponseRecord("00000000-0000-0000-0000-000000000003", "https://news.example.de/artikel", contentType: "text/html; charset=\"ISO-8859-1\""),
        WarcRecord("response", "https://news.example.de/bild.png", "application/http; msgtype=response",
            HttpResponse("Content-Type: image/png\r\n", [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]), "00000000-0000-0000-0000-000000000004"),
        WarcRecord("metadata", "https://news.example.de/artikel", "application/warc-fields", Bytes("via: test\r\n"), "00000000-0000-0000-0000-000000000005"),
        WarcRecord("resource", "https://news.example.de/offline.html", "text/html", Bytes("<html><body>Offline</body></html>"), "00000000-0000-0000-0000-000000000006"),
    ];

    private static void AssertMixedRecordsRead(List<SourceItem> items)
    {
        Assert.Equal(2, items.Count);
        var page = items[0];
        Assert.Null(page.Error);
        Assert.Equal("crawl.warc#record3 <urn:uuid:00000000-0000-0000-0000-000000000003>", page.Origin);
        Assert.Equal("https://news.example.de/artikel", page.Document!.Url);
        Assert.Equal(new DateTimeOffset(2023, 3, 1, 10, 15, 30, TimeSpan.Zero), page.Document.Date);
        Assert.Equal("ISO-8859-1", page.Document.Charset);
        Assert.Equal(InputKind.Html, page.Document.Kind);
        Assert.Equal(PageHtml, Body(page));
        Assert.Equal("crawl.warc#record6 <urn:uuid:00000000-0000-0000-0000-000000000006>", items[1].Origin);
        Assert.Equal("<html><body>Offline</body></html>", Body(items[1]));
    }

    [Fact]
    public void PlainWarcYieldsHtmlResponsesAndResourcesOnly() => AssertMixedRecordsRead(Read(Concat(MixedRecords())));

    [Fact]
    public void GzipWithOneMemberPerRecordReadsTheSame() => AssertMixedRecordsRead(Read(Concat([.. MixedRecords().Select(Gzip)])));

    [Fact]
    public void WholeFileGzipReadsTheSame() => AssertMixedRecordsRead(Read(Gzip(Concat(MixedRecords()))));

    [Theory]
    [InlineData("0.18")]
    [InlineData("1.1")]
    public void OtherWarcVersionsAreRead(string version)
    {
        var record = WarcRecord("response", "http://example.org/", "application/http; msgtype=response",
            HttpResponse("Content-Type: text/html\r\n", Bytes(PageHtml)), "00000000-0000-0000-0000-00000000000a", version);
        Assert.Equal(PageHtml, Body(Assert.Single(Read(record))));
    }

    [Fact]
    public void ChunkedAndGzipEncodedBodiesAreDecoded()
    {
        var body = Chunked(Gzip(Bytes(PageHtml)), 17);
        var record = WarcRecord("response", "http://example.org/", "application/http; msgtype=response",
            HttpResponse("Content-Type: text/html\r\nTransfer-Encoding: chunked\r\nContent-Encoding: gzip\r\n", body), "00000000-0000-0000-0000-00000000000b");
        Assert.Equal(PageHtml, Body(Assert.Single(Read(record))));
    }

    [Fact]
    public void DeflateBodiesAreDecodedWithAndWithoutZlibWrapper()
    {
        foreach (var encoded in new[] { Zlib(Bytes(PageHtml)), RawDeflate(Bytes(PageHtml)) })
        {
            var record = WarcRecord("response", "http://example.org/", "application/http; msgtype=response",
                HttpResponse("Content-Type: text/html\r\nContent-Encoding: deflate\r\n", encoded), "00000000-0000-0000-0000-00000000000c");
            Assert.Equal(PageHtml, Body(Assert.Single(Read(record))));
        }
    }

    [Fact]
    public void ChunkedHeaderOverAnAlreadyDechunkedBodyKeepsTheBody()
    {
        var record = WarcRecord("response", "http://example.org/", "application/http; msgtype=response",
            HttpResponse("Content-Type: text/html\r\nTransfer-Encoding: chunked\r\n", Bytes(PageHtml)), "00000000-0000-0000-0000-00000000000d");
        Assert.Equal(PageHtml, Body(Assert.Single(Read(record))));
    }

    [Fact]
    public void TruncatedChunkIsAnErrorNamingTheRecord()
    {
        var body = Chunked(Bytes(PageHtml), 40);
        var cut = body.AsSpan(0, 60).ToArray();
        var record = WarcRecord("response", "http://example.org/", "application/http; msgtype=response",
            HttpResponse("Content-Type: text/html\r\nTransfer-Encoding: chunked\r\n", cut), "00000000-0000-0000-0000-00000000000e");
        var item = Assert.Single(Read(record));
        Assert.Equal("crawl.warc#record1 <urn:uuid:00000000-0000-0000-0000-00000000000e>", item.Origin);
        Assert.Contains("chunked body is truncated", item.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void NonSuccessResponsesAndMissingContentTypesAreHandled()
    {
        var notFound = WarcRecord("response", "http://example.org/missing", "application/http; msgtype=response",
            HttpResponse("Content-Type: text/html\r\n", Bytes("<html>Not found</html>"), "404 Not Found"), "00000000-0000-0000-0000-000000000010");
        var untyped = WarcRecord("response", "http://example.org/untyped", "application/http; msgtype=response",
            HttpResponse("Server: test\r\n", Bytes("\n  <!doctype html><html><body>Sniffed</body></html>")), "00000000-0000-0000-0000-000000000011");
        var item = Assert.Single(Read(Concat(notFound, untyped)));
        Assert.Equal("http://example.org/untyped", item.Document!.Url);
    }

    [Fact]
    public void TruncatedFinalRecordIsAnErrorAfterTheGoodOnes()
    {
        var good = HtmlResponseRecord("00000000-0000-0000-0000-000000000020", "http://example.org/a");
        var second = HtmlResponseRecord("00000000-0000-0000-0000-000000000021", "http://example.org/b");
        var items = Read(Concat(good, second.AsSpan(0, second.Length - 60).ToArray()));
        Assert.Equal(2, items.Count);
        Assert.NotNull(items[0].Document);
        Assert.Equal("crawl.warc#record2 <urn:uuid:00000000-0000-0000-0000-000000000021>", items[1].Origin);
        Assert.Contains("truncated record", items[1].Error, StringComparison.Ordinal);
    }

    [Fact]
    public void BadHeaderIsReportedAndReadingResumesAtTheNextRecord()
    {
        var broken = Bytes("WARC/1.0\r\nWARC-Type: response\r\nWARC-Record-ID: <urn:uuid:bad>\r\nContent-Length: lots\r\n\r\nHTTP/1.1 200 OK\r\n\r\nWARC/1.0 is mentioned in text\r\n\r\n");
        var good = HtmlResponseRecord("00000000-0000-0000-0000-000000000031", "http://example.org/good");
        var items = Read(Concat(broken, good));
        Assert.Equal(2, items.Count);
        Assert.Equal("crawl.warc#record1 <urn:uuid:bad>", items[0].Origin);
        Assert.Contains("Content-Length 'lots'", items[0].Error, StringComparison.Ordinal);
        Assert.Equal("http://example.org/good", items[1].Document!.Url);
    }

    [Fact]
    public void WrongContentLengthIsReportedAndTheNextRecordIsFound()
    {
        var record = HtmlResponseRecord("00000000-0000-0000-0000-000000000040", "http://example.org/short");
        var text = Encoding.UTF8.GetString(record);
        var declared = text[(text.IndexOf("Content-Length: ", StringComparison.Ordinal) + 16)..].Split('\r')[0];
        var shortened = Bytes(text.Replace($"Content-Length: {declared}", $"Content-Length: {int.Parse(declared, System.Globalization.CultureInfo.InvariantCulture) - 10}", StringComparison.Ordinal));
        var good = HtmlResponseRecord("00000000-0000-0000-0000-000000000041", "http://example.org/next");
        var items = Read(Concat(shortened, good));
        Assert.Equal(2, items.Count);
        Assert.Contains("does not match the record", items[0].Error, StringComparison.Ordinal);
        Assert.Equal("http://example.org/next", items[1].Document!.Url);
    }

    [Fact]
    public void CorruptGzipMemberIsReportedAndLaterMembersAreRead()
    {
        var first = Gzip(HtmlResponseRecord("00000000-0000-0000-0000-000000000050", "http://example.org/1"));
        var second = Gzip(HtmlResponseRecord("00000000-0000-0000-0000-000000000051", "http://example.org/2", html: PageHtml + new string('x', 3000)));
        var third = Gzip(HtmlResponseRecord("00000000-0000-0000-0000-000000000052", "http://example.org/3"));
        // Destroy the deflate data of the second member (its 10-byte gzip header stays intact).
        for (var i = 20; i < second.Length - 20; i++)
        {
            second[i] = 0xFF;
        }

        var items = Read(Concat(first, second, third));
        Assert.Equal("http://example.org/1", items[0].Document!.Url);
        Assert.Equal("http://example.org/3", items[^1].Document!.Url);
        var errors = items.Where(i => i.Error is not null).ToList();
        var error = Assert.Single(errors);
        Assert.Contains("corrupt gzip data", error.Error, StringComparison.Ordinal);
        Assert.Equal(3, items.Count);
    }

    private static string Describe(IEnumerable<SourceItem> items) =>
        string.Join(" | ", items.Select(i => i.Origin + ": " + (i.Error ?? i.Document!.Url)));

    /// <summary>Pages of pseudo-random words: they compress poorly, so each member spans several decoder chunks.</summary>
    private static string LargePage(int seed)
    {
        var random = new Random(seed);
        var words = new StringBuilder("<html><body><p>");
        for (var i = 0; i < 12000; i++)
        {
            words.Append((char)('a' + random.Next(26))).Append((char)('a' + random.Next(26))).Append((char)('a' + random.Next(26))).Append(' ');
        }

        return words.Append("</p></body></html>").ToString();
    }

    [Fact]
    public void CorruptionInsideALargeMemberLosesOnlyThatRecord()
    {
        var members = Enumerable.Range(1, 5)
            .Select(n => Gzip(HtmlResponseRecord($"00000000-0000-0000-0000-0000000001{n:00}", $"http://example.org/{n}", html: LargePage(n))))
            .ToArray();
        Assert.True(members[2].Length > 3 * 4096, "the third member should span several chunks");
        for (var i = members[2].Length / 2; i < members[2].Length / 2 + 64; i++)
        {
            members[2][i] ^= 0x5A;
        }

        var items = Read(Concat(members));
        var urls = items.Where(i => i.Document is not null).Select(i => i.Document!.Url).ToList();
        Assert.True(urls.SequenceEqual(["http://example.org/1", "http://example.org/2", "http://example.org/4", "http://example.org/5"]), Describe(items));
        Assert.Single(items, i => i.Error is not null);
        Assert.Equal(LargePage(4), Body(items.First(i => i.Document?.Url == "http://example.org/4")));
    }

    [Fact]
    public void GarbageBetweenMembersIsReportedAndLaterMembersAreRead()
    {
        var first = Gzip(HtmlResponseRecord("00000000-0000-0000-0000-000000000070", "http://example.org/1"));
        var second = Gzip(HtmlResponseRecord("00000000-0000-0000-0000-000000000071", "http://example.org/2"));
        var third = Gzip(HtmlResponseRecord("00000000-0000-0000-0000-000000000072", "http://example.org/3"));
        // The second member's header is destroyed: the framework's GZipStream would silently stop here.
        second[0] = 0x42;
        second[1] = 0x42;
        var items = Read(Concat(first, second, Bytes("garbage"), third, new byte[512]));
        Assert.True(items.Count == 3, Describe(items));
        Assert.Equal("http://example.org/1", items[0].Document!.Url);
        Assert.Contains("not a gzip member header", items[1].Error, StringComparison.Ordinal);
        Assert.Equal("http://example.org/3", items[2].Document!.Url);
    }

    [Fact]
    public void TruncatedGzipFileReportsTheLastRecord()
    {
        var first = Gzip(HtmlResponseRecord("00000000-0000-0000-0000-000000000060", "http://example.org/1"));
        var second = Gzip(HtmlResponseRecord("00000000-0000-0000-0000-000000000061", "http://example.org/2"));
        var items = Read(Concat(first, second.AsSpan(0, second.Length / 2).ToArray()));
        Assert.Equal("http://example.org/1", items[0].Document!.Url);
        Assert.Equal(2, items.Count);
        Assert.NotNull(items[1].Error);
    }

    [Fact]
    public void ArcFilesAreRead()
    {
        var http = HttpResponse("Content-Type: text/html; charset=windows-1252\r\n", Bytes(PageHtml));
        var version = Bytes("1 0 Test Capture\nURL IP-address Archive-date Content-type Archive-length\n");
        var arc = Concat(
            Bytes($"filedesc://test.arc 127.0.0.1 20230301101530 text/plain {version.Length}\n"), version, Bytes("\n"),
            Bytes($"http://example.org/a page.html 93.184.216.34 20230301101531 text/html {http.Length}\n"), http, Bytes("\n"),
            Bytes("http://example.org/logo.gif 93.184.216.34 20230301101532 image/gif 6\n"), Bytes("GIF89a"), Bytes("\n"),
            Bytes("http://example.org/broken 93.184.216.34 20230301101533 text/html abc\n"), Bytes("junk\n"));
        var items = Read(arc);
        Assert.Equal(2, items.Count);
        var page = items[0].Document!;
        Assert.Equal("crawl.warc#record2", page.Origin);
        Assert.Equal("http://example.org/a page.html", page.Url);
        Assert.Equal(new DateTimeOffset(2023, 3, 1, 10, 15, 31, TimeSpan.Zero), page.Date);
        Assert.Equal("windows-1252", page.Charset);
        Assert.Equal(PageHtml, Encoding.UTF8.GetString(page.Content.Span));
        Assert.Equal("crawl.warc#record4", items[1].Origin);
        Assert.Contains("bad ARC header", items[1].Error, StringComparison.Ordinal);
    }

    [Fact]
    public void InputThatIsNoArchiveIsOneError()
    {
        var item = Assert.Single(Read(Bytes("<html><body>Just a page</body></html>\nmore\nlines\n")));
        Assert.Contains("expected a WARC or ARC record header", item.Error, StringComparison.Ordinal);
        Assert.Contains("empty file", Assert.Single(Read([])).Error, StringComparison.Ordinal);
    }

    [Fact]
    public void RevisitsAreSkippedAndHtmlTypedResponsesAreRead()
    {
        var revisit = WarcRecord("revisit", "http://example.org/", "application/http; msgtype=response",
            Bytes("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n"), "00000000-0000-0000-0000-000000000080");
        var bare = WarcRecord("response", "http://example.org/bare", "text/html; charset=utf-8", Bytes(PageHtml), "00000000-0000-0000-0000-000000000081");
        var item = Assert.Single(Read(Concat(revisit, bare)));
        Assert.Equal("http://example.org/bare", item.Document!.Url);
        Assert.Equal("utf-8", item.Document.Charset);
        Assert.Equal(PageHtml, Body(item));
    }

    [Fact]
    public void LineFeedOnlyHeadersAreTolerated()
    {
        var html = Bytes(PageHtml);
        var http = Concat(Bytes("HTTP/1.0 200 OK\nContent-Type: text/html\n\n"), html);
        var record = Concat(Bytes($"WARC/1.0\nWARC-Type: response\nWARC-Target-URI: <http://example.org/lf>\nContent-Length: {http.Length}\n\n"), http, Bytes("\n\n"));
        var item = Assert.Single(Read(record));
        Assert.Equal("http://example.org/lf", item.Document!.Url);
        Assert.Equal(PageHtml, Body(item));
    }
}
