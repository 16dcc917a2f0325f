using System.Globalization;
using System.IO.Compression;
using System.Text;

namespace Lagebild.Ingest.Warc;

/// <summary>The status line and headers of an archived HTTP response, and where its body starts in the record block.</summary>
internal sealed record HttpResponseHead(int StatusCode, IReadOnlyDictionary<string, string> Headers, int BodyOffset)
{
    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;
}

/// <summary>Parses archived HTTP responses and undoes their transfer and content encodings.</summary>
internal static class HttpPayload
{
    /// <summary>Decoded bodies larger than this are refused (decompression bombs, runaway records).</summary>
    public const int MaxDecodedBodyBytes = 64 * 1024 * 1024;

    /// <summary>HTTP headers longer than this are refused.</summary>
    public const int MaxHeaderBytes = 256 * 1024;

    public static bool StartsWithHttpStatusLine(ReadOnlySpan<byte> block) => block.StartsWith("HTTP/"u8);

    /// <summary>Parses the status line and headers; the error names what is wrong.</summary>
    public static bool TryParseHead(ReadOnlySpan<byte> block, out HttpResponseHead? head, out string? error)
    {
        head = null;
        error = null;
        var limit = Math.Min(block.Length, MaxHeaderBytes);
        var position = 0;
        var statusLine = NextLine(block[..limit], ref position, out var complete);
        if (!complete)
        {
            error = "HTTP status line is not terminated";
            return false;
        }

        var statusText = Encoding.Latin1.GetString(statusLine);
        var parts = statusText.Split(' ', 3, StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length < 2 || !parts[0].StartsWith("HTTP/", StringComparison.Ordinal)
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var status))
        {
            error = $"bad HTTP status line '{Shorten(statusText)}'";
            return false;
        }

        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        string? lastName = null;
        while (true)
        {
            var line = NextLine(block[..limit], ref position, out complete);
            if (!complete)
            {
                error = block.Length >= MaxHeaderBytes
                    ? $"HTTP headers exceed {MaxHeaderBytes} bytes"
                    : "HTTP headers are not terminated by an empty line (truncated record?)";
                return false;
            }

            if (line.IsEmpty)
            {
                break;
            }

            var text = Encoding.Latin1.GetString(line);
            if ((text[0] == ' ' || text[0] == '\t') && lastName is not null)
            {
                headers[lastName] = headers[lastName] + " " + text.Trim();
                continue;
            }

            var colon = text.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
            {
                // Tolerated: some servers send junk lines; they carry nothing we need.
                continue;
            }

            var name = text[..colon].Trim();
            var value = text[(colon + 1)..].Trim();
            // Repeated headers combine as a list, as HTTP defines.
            headers[name] = headers.TryGetValue(name, out var existing) ? existing + ", " + value : value;
            lastName = name;
        }

        head = new HttpResponseHead(status, headers, position);
        return true;
    }

    /// <summary>The media type of a Content-Type value, lower case, without parameters.</summary>
    public static string? MediaType(string? contentType)
    {
        if (string.IsNullOrWhiteSpace(contentType))
        {
            return null;
        }

        var semicolon = contentType.IndexOf(';', StringComparison.Ordinal);
        var type = (semicolon >= 0 ? contentType[..semicolon] : contentType).Trim();
        return type.Length == 0 ? null : type.ToLowerInvariant();
    }

    /// <summary>The charset parameter of a Content-Type value, without quotes.</summary>
    public static string? Charset(string? contentType)
    {
        if (contentType is null)
        {
            return null;
        }

        foreach (var parameter in contentType.Split(';').Skip(1))
        {
            var equals = parameter.IndexOf('=', StringComparison.Ordinal);
            if (equals < 0 || !parameter[..equals].Trim().Equals("charset", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var value = parameter[(equals + 1)..].Trim().Trim('"', '\'').Trim();
            return value.Length == 0 ? null : value;
        }

        return null;
    }

    public static bool IsHtmlMediaType(string? mediaType) =>
        mediaType is "text/html" or "application/xhtml+xml";

    /// <summary>Whether a body without a declared type starts like an HTML document.</summary>
    public static bool LooksLikeHtml(ReadOnlySpan<byte> body)
    {
        var start = 0;
        if (body.StartsWith("\uFEFF"u8))
        {
            start = 3;
        }

        while (start < body.Length && start < 1024 && body[start] is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n')
        {
            start++;
        }

        var head = body[start..Math.Min(body.Length, start + 64)];
        return StartsWithIgnoreCase(head, "<!doctype html"u8) || StartsWithIgnoreCase(head, "<html"u8)
            || StartsWithIgnoreCase(head, "<head"u8) || StartsWithIgnoreCase(head, "<!--"u8);
    }

    /// <summary>Undoes chunked transfer encoding and gzip/deflate/brotli content encoding.</summary>
    public static bool TryDecodeBody(HttpResponseHead head, ReadOnlyMemory<byte> body, out ReadOnlyMemory<byte> decoded, out string? error)
    {
        ArgumentNullException.ThrowIfNull(head);
        decoded = body;
        error = null;
        var transfer = head.Header("Transfer-Encoding");
        if (transfer is not null && transfer.Contains("chunked", StringComparison.OrdinalIgnoreCase))
        {
            if (!TryDechunk(body.Span, out var joined, out error))
            {
                return false;
            }

            // Null: the body was stored already de-chunked though the header still says chunked.
            decoded = joined ?? body;
        }

        var encoding = head.Header("Content-Encoding")?.Trim().ToLowerInvariant();
        if (string.IsNullOrEmpty(encoding) || encoding is "identity" or "none")
        {
            return true;
        }

        return TryDecompress(encoding, decoded, out decoded, out error);
    }

    /// <summary>
    /// Joins the chunks of a chunked body. Returns true with a null result when the body does not start with a
    /// chunk-size line at all (archivers often store the de-chunked body and keep the header).
    /// </summary>
    internal static bool TryDechunk(ReadOnlySpan<byte> body, out byte[]? joined, out string? error)
    {
        joined = null;
        error = null;
        using var output = new MemoryStream();
        var position = 0;
        var first = true;
        while (true)
        {
            var sizeLineStart = position;
            var line = NextLine(body, ref position, out var complete);
            if (!complete)
            {
                if (first)
                {
                    return true;
                }

                error = $"chunked body is truncated at byte {sizeLineStart} (no chunk-size line)";
                return false;
            }

            var sizeText = Encoding.Latin1.GetString(line);
            var extension = sizeText.IndexOf(';', StringComparison.Ordinal);
            sizeText = (extension >= 0 ? sizeText[..extension] : sizeText).Trim();
            if (!long.TryParse(sizeText, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var size) || size < 0)
            {
                if (first)
                {
                    return true;
                }

                error = $"chunked body has a bad chunk-size line '{Shorten(sizeText)}' at byte {sizeLineStart}";
                return false;
            }

            first = false;
            if (size == 0)
            {
                break;
            }

            if (size > body.Length - position)
            {
                error = $"chunked body is truncated: the chunk at byte {sizeLineStart} declares {size} bytes but only {body.Length - position} remain";
                return false;
            }

            if (output.Length + size > MaxDecodedBodyBytes)
            {
                error = $"chunked body exceeds {MaxDecodedBodyBytes} bytes";
                return false;
            }

            output.Write(body.Slice(position, (int)size));
            position += (int)size;
            // The CRLF after the chunk data; tolerate a bare LF or its absence.
            if (position < body.Length && body[position] == (byte)'\r')
            {
                position++;
            }

            if (position < body.Length && body[position] == (byte)'\n')
            {
                position++;
            }
        }

        joined = output.ToArray();
        return true;
    }

    private static bool TryDecompress(string encoding, ReadOnlyMemory<byte> body, out ReadOnlyMemory<byte> decoded, out string? error)
    {
        decoded = body;
        error = null;
        var span = body.Span;
        Func<Stream, Stream>? open = encoding switch
        {
            "gzip" or "x-gzip" => span.Length >= 2 && span[0] == 0x1F && span[1] == 0x8B
                ? s => new GZipStream(s, CompressionMode.Decompress)
                : null,
            // "deflate" is zlib-wrapped by the standard; some servers send raw deflate. A zlib header's first
            // byte names method 8 and its first two bytes, read big-endian, are a multiple of 31.
            "deflate" => span.Length >= 2 && (span[0] & 0x0F) == 8 && ((span[0] << 8) | span[1]) % 31 == 0
                ? s => new ZLibStream(s, CompressionMode.Decompress)
                : s => new DeflateStream(s, CompressionMode.Decompress),
            "br" => s => new BrotliStream(s, CompressionMode.Decompress),
            _ => null,
        };
        if (open is null)
        {
            if (encoding is "gzip" or "x-gzip")
            {
                // Declared gzip but stored decoded (no gzip magic): the archiver already decompressed it.
                return true;
            }

            error = $"unsupported Content-Encoding '{encoding}'";
            return false;
        }

        try
        {
            using var input = new MemoryStream(body.ToArray(), writable: false);
            using var decompressor = open(input);
            using var output = new MemoryStream();
            var buffer = new byte[81920];
            int read;
            while ((read = decompressor.Read(buffer, 0, buffer.Length)) > 0)
            {
                if (output.Length + read > MaxDecodedBodyBytes)
                {
                    error = $"Content-Encoding {encoding} body expands beyond {MaxDecodedBodyBytes} bytes";
                    return false;
                }

                output.Write(buffer, 0, read);
            }

            decoded = output.ToArray();
            return true;
        }
        catch (InvalidDataException exception)
        {
            error = $"Content-Encoding {encoding} body is corrupt ({exception.Message})";
            return false;
        }
        catch (IOException exception)
        {
            error = $"Content-Encoding {encoding} body is corrupt ({exception.Message})";
            return false;
        }
    }

    /// <summary>The next line (without CR LF) from <paramref name="position"/>; <paramref name="complete"/> is false when no LF follows.</summary>
    private static ReadOnlySpan<byte> NextLine(ReadOnlySpan<byte> data, ref int position, out bool complete)
    {
        var rest = data[position..];
        var newline = rest.IndexOf((byte)'\n');
        if (newline < 0)
        {
            complete = false;
            return rest;
        }

        complete = true;
        position += newline + 1;
        var line = rest[..newline];
        return line.Length > 0 && line[^1] == (byte)'\r' ? line[..^1] : line;
    }

    private static bool StartsWithIgnoreCase(ReadOnlySpan<byte> data, ReadOnlySpan<byte> lowerPrefix)
    {
        if (data.Length < lowerPrefix.Length)
        {
            return false;
        }

        for (var i = 0; i < lowerPrefix.Length; i++)
        {
            var c = data[i];
            if (c is >= (byte)'A' and <= (byte)'Z')
            {
                c = (byte)(c + 32);
            }

            if (c != lowerPrefix[i])
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>At most 60 characters of untrusted text for a message, control characters shown as '?'.</summary>
    internal static string Shorten(string text)
    {
        var cut = text.Length <= 60 ? text : text[..60] + "…";
        return string.Create(cut.Length, cut, (span, source) =>
        {
            for (var i = 0; i < source.Length; i++)
            {
                span[i] = char.IsControl(source[i]) ? '?' : source[i];
            }
        });
    }
}
