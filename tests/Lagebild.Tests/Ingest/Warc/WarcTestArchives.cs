using System.IO.Compression;
using System.Text;

namespace Lagebild.Tests.Ingest.Warc;

/// <summary>Builds small WARC and ARC archives byte by byte, so each test states exactly what the file holds.</summary>
internal static class WarcTestArchives
{
    public const string PageHtml = "<!DOCTYPE html><html><head><title>Seite</title></head><body><p>Grüße aus Köln.</p></body></html>";

    public static byte[] Bytes(string text) => Encoding.UTF8.GetBytes(text);

    public static byte[] Concat(params byte[][] parts) => [.. parts.SelectMany(p => p)];

    public static byte[] WarcRecord(string type, string? targetUri, string contentType, byte[] block, string id, string version = "1.0")
    {
        var header = new StringBuilder()
            .Append("WARC/").Append(version).Append("\r\n")
            .Append("WARC-Type: ").Append(type).Append("\r\n")
            .Append("WARC-Record-ID: <urn:uuid:").Append(id).Append(">\r\n")
            .Append("WARC-Date: 2023-03-01T10:15:30Z\r\n");
        if (targetUri is not null)
        {
            header.Append("WARC-Target-URI: ").Append(targetUri).Append("\r\n");
        }

        header.Append("Content-Type: ").Append(contentType).Append("\r\n")
            .Append("Content-Length: ").Append(block.Length).Append("\r\n\r\n");
        return Concat(Bytes(header.ToString()), block, Bytes("\r\n\r\n"));
    }

    public static byte[] HttpResponse(string headers, byte[] body, string status = "200 OK") =>
        Concat(Bytes($"HTTP/1.1 {status}\r\n{headers}\r\n"), body);

    public static byte[] HtmlResponseRecord(string id, string uri, string html = PageHtml, string contentType = "text/html; charset=utf-8") =>
        WarcRecord("response", uri, "application/http; msgtype=response", HttpResponse($"Content-Type: {contentType}\r\n", Bytes(html)), id);

    public static byte[] Warcinfo(string id) =>
        WarcRecord("warcinfo", null, "application/warc-fields", Bytes("software: test\r\nformat: WARC File Format 1.0\r\n"), id);

    public static byte[] Request(string id, string uri) =>
        WarcRecord("request", uri, "application/http; msgtype=request", Bytes($"GET / HTTP/1.1\r\nHost: {new Uri(uri).Host}\r\n\r\n"), id);

    public static byte[] Gzip(byte[] data)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Optimal, leaveOpen: true))
        {
            gzip.Write(data);
        }

        return output.ToArray();
    }

    public static byte[] Zlib(byte[] data)
    {
        using var output = new MemoryStream();
        using (var zlib = new ZLibStream(output, CompressionLevel.Optimal, leaveOpen: true))
        {
            zlib.Write(data);
        }

        return output.ToArray();
    }

    public static byte[] RawDeflate(byte[] data)
    {
        using var output = new MemoryStream();
        using (var deflate = new DeflateStream(output, CompressionLevel.Optimal, leaveOpen: true))
        {
            deflate.Write(data);
        }

        return output.ToArray();
    }

    public static byte[] Chunked(byte[] body, int chunkSize)
    {
        var parts = new List<byte[]>();
        for (var i = 0; i < body.Length; i += chunkSize)
        {
            var chunk = body.AsSpan(i, Math.Min(chunkSize, body.Length - i)).ToArray();
            parts.Add(Bytes($"{chunk.Length:x}\r\n"));
            parts.Add(chunk);
            parts.Add(Bytes("\r\n"));
        }

        parts.Add(Bytes("0\r\n\r\n"));
        return Concat([.. parts]);
    }

    /// <summary>A stream that refuses to seek, like a pipe.</summary>
    public sealed class ForwardOnlyStream(byte[] data) : Stream
    {
        private readonly MemoryStream _inner = new(data, writable: false);

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => throw new NotSupportedException();
            set => throw new NotSupportedException();
        }

        public override int Read(byte[] buffer, int offset, int count) => _inner.Read(buffer, offset, Math.Min(count, 1000));

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                _inner.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
