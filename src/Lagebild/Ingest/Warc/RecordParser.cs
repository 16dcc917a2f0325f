using System.Globalization;
using System.Text;

namespace Lagebild.Ingest.Warc;

/// <summary>
/// Walks the records of a decompressed WARC or ARC byte stream one at a time. Each step yields a document, an
/// error naming the broken record, or nothing (a record that holds no HTML page). After a broken record it
/// resynchronises on the next header line ("WARC/…" or an ARC header), and after corrupt gzip data on the
/// next gzip member.
/// </summary>
internal sealed class RecordParser(RecordByteReader reader, ResyncingGzipStream? gzip, string origin)
{
    /// <summary>HTML records larger than this are refused (the body is held in memory).</summary>
    public const long MaxHtmlRecordBytes = 64L * 1024 * 1024;

    private const int MaxHeaderLineBytes = 64 * 1024;
    private const int MaxHeaderBytes = 1024 * 1024;
    private const int HttpHeadProbeBytes = HttpPayload.MaxHeaderBytes;
    private ArchiveFormat _format = ArchiveFormat.Unknown;
    private int _arcVersion = 1;
    private int _recordNumber;
    private byte[]? _pendingHeaderLine;
    private bool _needResync;
    private bool _suppressErrors;
    private bool _sourceErrorReported;
    private bool _finished;

    private enum ArchiveFormat
    {
        Unknown,
        Warc,
        Arc,
    }

    /// <summary>Reads the next record. False at the end; otherwise <paramref name="item"/> is a document, an error, or null for a skipped record.</summary>
    public bool TryReadNext(out SourceItem? item)
    {
        item = null;
        if (_finished)
        {
            return false;
        }

        if (reader.SourceError is { } sourceError)
        {
            item = RecoverFromSourceError(sourceError);
            return true;
        }

        item = ReadRecord();
        return !_finished || item is not null;
    }

    /// <summary>Reports corrupt gzip data (unless the record it cut short already did) and restarts on the next gzip member.</summary>
    private SourceItem? RecoverFromSourceError(CorruptGzipException error)
    {
        var item = _suppressErrors || _sourceErrorReported ? null : SourceItem.Failed(RecordOrigin(++_recordNumber, null), error.Message);
        // One report per damaged region: later failures before the next good record are part of it.
        _sourceErrorReported = false;
        _suppressErrors = true;
        _needResync = true;
        _pendingHeaderLine = null;
        reader.DiscardBuffer();
        if (gzip is null || !gzip.Resynchronise())
        {
            _finished = true;
        }

        return item;
    }

    /// <summary>Why the data ended: the end of the file, or corrupt compressed data.</summary>
    private string EndOfData()
    {
        if (reader.SourceError is null)
        {
            return "the file ends";
        }

        _sourceErrorReported = true;
        return reader.SourceError.Message + " cuts it short";
    }

    private SourceItem? ReadRecord()
    {
        var line = _pendingHeaderLine ?? ReadNonEmptyLine();
        _pendingHeaderLine = null;
        if (line is null)
        {
            _finished = reader.SourceError is null;
            return null;
        }

        if (!IsWarcVersionLine(line) && !(_format != ArchiveFormat.Warc && LooksLikeArcHeader(line)))
        {
            if (_needResync)
            {
                _pendingHeaderLine = SkipToHeaderLine();
                return null;
            }

            var found = Encoding.Latin1.GetString(line);
            _pendingHeaderLine = SkipToHeaderLine();
            _needResync = false;
            return Fail(RecordOrigin(++_recordNumber, null), $"expected a WARC or ARC record header, found '{HttpPayload.Shorten(found)}'");
        }

        _needResync = false;
        if (IsWarcVersionLine(line))
        {
            _format = ArchiveFormat.Warc;
            return ReadWarcRecord();
        }

        _format = ArchiveFormat.Arc;
        return ReadArcRecord(line);
    }

    private SourceItem? ReadWarcRecord()
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        string? lastName = null;
        var headerBytes = 0;
        while (true)
        {
            var line = reader.ReadLine(MaxHeaderLineBytes, out _);
            if (line is null)
            {
                var id = headers.GetValueOrDefault("WARC-Record-ID");
                return Fail(RecordOrigin(++_recordNumber, id), $"truncated record: {EndOfData()} inside the WARC header");
            }

            if (line.Length == 0)
            {
                break;
            }

            headerBytes += line.Length;
            if (headerBytes > MaxHeaderBytes)
            {
                _needResync = true;
                return Fail(RecordOrigin(++_recordNumber, headers.GetValueOrDefault("WARC-Record-ID")), $"bad WARC header: longer than {MaxHeaderBytes} bytes");
            }

            var text = Encoding.UTF8.GetString(line);
            if ((text[0] == ' ' || text[0] == '\t') && lastName is not null)
            {
                headers[lastName] = headers[lastName] + " " + text.Trim();
                continue;
            }

            var colon = text.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
            {
                _needResync = true;
                return Fail(RecordOrigin(++_recordNumber, headers.GetValueOrDefault("WARC-Record-ID")), $"bad WARC header: line '{HttpPayload.Shorten(text)}' is not a 'Name: value' field");
            }

            lastName = text[..colon].Trim();
            headers[lastName] = text[(colon + 1)..].Trim();
        }

        var recordId = headers.GetValueOrDefault("WARC-Record-ID");
        var recordOrigin = RecordOrigin(++_recordNumber, recordId);
        var lengthText = headers.GetValueOrDefault("Content-Length");
        if (!long.TryParse(lengthText, NumberStyles.None, CultureInfo.InvariantCulture, out var length))
        {
            _needResync = true;
            return Fail(recordOrigin, lengthText is null
                ? "bad WARC header: no Content-Length"
                : $"bad WARC header: Content-Length '{HttpPayload.Shorten(lengthText)}' is not a number");
        }

        var type = headers.GetValueOrDefault("WARC-Type")?.ToLowerInvariant();
        var contentType = headers.GetValueOrDefault("Content-Type");
        var mediaType = HttpPayload.MediaType(contentType);
        var url = CleanUri(headers.GetValueOrDefault("WARC-Target-URI"));
        var date = ParseWarcDate(headers.GetValueOrDefault("WARC-Date"));
        var holdsHttpResponse = type == "response" && (mediaType is null || mediaType == "application/http");
        // Resource records hold the document itself; so do response records some tools write with the page's own type.
        var holdsHtmlResource = type is "resource" or "response" && HttpPayload.IsHtmlMediaType(mediaType);
        if (!holdsHttpResponse && !holdsHtmlResource)
        {
            return FinishSkippedBlock(recordOrigin, length);
        }

        var record = new RecordInfo(recordOrigin, url, date, contentType, RequiresHttp: true);
        return ReadPayload(record, length, holdsHttpResponse, hasSeparator: true);
    }

    private SourceItem? ReadArcRecord(byte[] headerLine)
    {
        var text = Encoding.UTF8.GetString(headerLine);
        var fields = text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var recordOrigin = RecordOrigin(++_recordNumber, null);
        if (!long.TryParse(fields[^1], NumberStyles.None, CultureInfo.InvariantCulture, out var length))
        {
            _needResync = true;
            return Fail(recordOrigin, $"bad ARC header: length '{HttpPayload.Shorten(fields[^1])}' is not a non-negative number");
        }

        if (fields[0].StartsWith("filedesc:", StringComparison.OrdinalIgnoreCase))
        {
            return ReadArcVersionBlock(recordOrigin, length);
        }

        // v1: URL IP date type length; v2: URL IP date type status checksum location offset filename length.
        // Counted from the right, because URLs in ARC files may contain spaces.
        var fromRight = _arcVersion == 2 ? 8 : 3;
        if (fields.Length < fromRight + 2)
        {
            _needResync = true;
            return Fail(recordOrigin, $"bad ARC header: {fields.Length} fields, expected at least {fromRight + 2}");
        }

        var dateField = fields[^fromRight];
        var arcType = fields[^(fromRight - 1)];
        var url = string.Join(' ', fields[..^(fromRight + 1)]);
        // An ARC record of an http URL normally holds the HTTP response; if not, the block is the document itself.
        var record = new RecordInfo(recordOrigin, CleanUri(url), ParseArcDate(dateField), arcType, RequiresHttp: false);
        return ReadPayload(record, length, holdsHttpResponse: url.StartsWith("http", StringComparison.OrdinalIgnoreCase), hasSeparator: false);
    }

    private SourceItem? ReadArcVersionBlock(string recordOrigin, long length)
    {
        var probe = new byte[(int)Math.Min(length, 4096)];
        var read = reader.Read(probe);
        var rest = length - read;
        var skipped = rest > 0 ? reader.Skip(rest) : 0;
        if (read + skipped < length)
        {
            return Fail(recordOrigin, $"truncated record: the ARC file header declares {length} bytes but {EndOfData()} after {read + skipped}");
        }

        var versionLine = Encoding.Latin1.GetString(probe, 0, read).Split('\n')[0].Trim();
        _arcVersion = versionLine.StartsWith("2 ", StringComparison.Ordinal) ? 2 : 1;
        reader.SkipLineBreaks();
        return null;
    }

    private SourceItem? ReadPayload(RecordInfo record, long length, bool holdsHttpResponse, bool hasSeparator)
    {
        var probeLength = (int)Math.Min(length, HttpHeadProbeBytes);
        var probe = new byte[probeLength];
        var probed = reader.Read(probe);
        if (probed < probeLength)
        {
            return Truncated(record.Origin, length, probed);
        }

        HttpResponseHead? head = null;
        string? contentType = record.ContentType;
        if (holdsHttpResponse && HttpPayload.StartsWithHttpStatusLine(probe))
        {
            if (!HttpPayload.TryParseHead(probe, out head, out var headError))
            {
                return FinishBlockWithError(record.Origin, length, probeLength, $"bad HTTP response: {headError}");
            }

            contentType = head!.Header("Content-Type");
            if (head.StatusCode is < 200 or > 299)
            {
                return FinishSkippedBlock(record.Origin, length - probeLength, hasSeparator);
            }
        }
        else if (holdsHttpResponse && record.RequiresHttp)
        {
            // A WARC response record that does not hold HTTP (dns:, ftp:): nothing for us.
            return FinishSkippedBlock(record.Origin, length - probeLength, hasSeparator);
        }

        var bodyStart = head?.BodyOffset ?? 0;
        var mediaType = HttpPayload.MediaType(contentType);
        var isHtml = mediaType is null
            ? HttpPayload.LooksLikeHtml(probe.AsSpan(bodyStart))
            : HttpPayload.IsHtmlMediaType(mediaType);
        if (!isHtml)
        {
            return FinishSkippedBlock(record.Origin, length - probeLength, hasSeparator);
        }

        if (length > MaxHtmlRecordBytes)
        {
            return FinishBlockWithError(record.Origin, length, probeLength, $"record too large: {length} bytes (limit {MaxHtmlRecordBytes})");
        }

        var block = new byte[length];
        probe.CopyTo(block, 0);
        var read = reader.Read(block.AsSpan(probeLength));
        if (probeLength + read < length)
        {
            return Truncated(record.Origin, length, probeLength + read);
        }

        var separatorOk = ConsumeSeparator(hasSeparator);
        ReadOnlyMemory<byte> body = block.AsMemory(bodyStart);
        if (head is not null && !HttpPayload.TryDecodeBody(head, body, out body, out var decodeError))
        {
            return Fail(record.Origin, decodeError!);
        }

        if (!separatorOk)
        {
            return Fail(record.Origin, LengthMismatch(length));
        }

        _suppressErrors = false;
        var document = new SourceDocument(record.Origin, body, InputKind.Html)
        {
            Url = record.Url,
            Date = record.Date,
            Charset = HttpPayload.Charset(contentType),
        };
        return SourceItem.Ok(document);
    }

    private SourceItem? FinishSkippedBlock(string recordOrigin, long remaining, bool hasSeparator = true)
    {
        var skipped = reader.Skip(remaining);
        if (skipped < remaining)
        {
            return Fail(recordOrigin, $"truncated record: {EndOfData()} {remaining - skipped} bytes before the end of the record");
        }

        if (!ConsumeSeparator(hasSeparator))
        {
            return Fail(recordOrigin, LengthMismatch(null));
        }

        _suppressErrors = false;
        return null;
    }

    private SourceItem? FinishBlockWithError(string recordOrigin, long length, long consumed, string error)
    {
        var remaining = length - consumed;
        var skipped = reader.Skip(remaining);
        if (skipped < remaining)
        {
            return Truncated(recordOrigin, length, consumed + skipped);
        }

        ConsumeSeparator(hasSeparator: true);
        return Fail(recordOrigin, error);
    }

    /// <summary>
    /// Consumes the line breaks that end a record. Data right after the block means the declared length was
    /// wrong; the next header is then searched for.
    /// </summary>
    private bool ConsumeSeparator(bool hasSeparator)
    {
        var breaks = reader.SkipLineBreaks();
        if (reader.AtEnd || breaks > 0 || !hasSeparator)
        {
            return true;
        }

        _needResync = true;
        return false;
    }

    private static string LengthMismatch(long? length) =>
        (length is null ? "Content-Length" : $"Content-Length {length}")
        + " does not match the record: other data follows the block where the record separator should be";

    private SourceItem? Truncated(string recordOrigin, long length, long available)
    {
        _finished = reader.AtEnd && reader.SourceError is null;
        return Fail(recordOrigin, $"truncated record: the header declares {length} bytes but {EndOfData()} after {available}");
    }

    private SourceItem? Fail(string recordOrigin, string message)
    {
        if (_suppressErrors)
        {
            return null;
        }

        return SourceItem.Failed(recordOrigin, message);
    }

    private byte[]? ReadNonEmptyLine()
    {
        while (true)
        {
            var line = reader.ReadLine(MaxHeaderLineBytes, out _);
            if (line is null || line.Length > 0)
            {
                return line;
            }
        }
    }

    private byte[]? SkipToHeaderLine()
    {
        while (true)
        {
            var line = reader.ReadLine(MaxHeaderLineBytes, out _);
            if (line is null)
            {
                return null;
            }

            if (IsWarcVersionLine(line) || (_format != ArchiveFormat.Warc && LooksLikeArcHeader(line)))
            {
                return line;
            }
        }
    }

    /// <summary>"WARC/1.0", "WARC/0.18": the version and nothing else (text that merely mentions WARC/1.0 is no header).</summary>
    private static bool IsWarcVersionLine(ReadOnlySpan<byte> line)
    {
        line = line.TrimEnd(" \t"u8);
        if (line.Length < 8 || !line.StartsWith("WARC/"u8))
        {
            return false;
        }

        var version = line[5..];
        var dot = version.IndexOf((byte)'.');
        return dot > 0 && dot < version.Length - 1
            && version[..dot].IndexOfAnyExceptInRange((byte)'0', (byte)'9') < 0
            && version[(dot + 1)..].IndexOfAnyExceptInRange((byte)'0', (byte)'9') < 0;
    }

    /// <summary>An ARC header: "URL IP date type … length", the date 14+ digits, the URL with a scheme.</summary>
    private static bool LooksLikeArcHeader(ReadOnlySpan<byte> line)
    {
        if (line.Length > 8192 || line.IndexOfAnyInRange((byte)0, (byte)31) >= 0)
        {
            return false;
        }

        var text = Encoding.Latin1.GetString(line);
        var fields = text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (fields.Length < 5 || !fields[0].Contains(':', StringComparison.Ordinal))
        {
            return false;
        }

        // The date is the third field from the left in both versions when the URL has no spaces; with spaces
        // look for any 12+ digit field after the URL.
        for (var i = 2; i < fields.Length - 1; i++)
        {
            if (fields[i].Length >= 12 && fields[i].All(char.IsAsciiDigit))
            {
                return true;
            }
        }

        return false;
    }

    private string RecordOrigin(int number, string? recordId) =>
        recordId is null ? $"{origin}#record{number}" : $"{origin}#record{number} {recordId}";

    private static string? CleanUri(string? uri)
    {
        if (uri is null)
        {
            return null;
        }

        var cleaned = uri.Trim();
        if (cleaned.Length >= 2 && cleaned[0] == '<' && cleaned[^1] == '>')
        {
            cleaned = cleaned[1..^1].Trim();
        }

        return cleaned.Length == 0 ? null : cleaned;
    }

    private static DateTimeOffset? ParseWarcDate(string? value)
    {
        if (value is null)
        {
            return null;
        }

        return DateTimeOffset.TryParse(value.Trim(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var date)
            ? date
            : null;
    }

    private static DateTimeOffset? ParseArcDate(string value)
    {
        if (value.Length < 14 || value.AsSpan(0, 14).ContainsAnyExceptInRange('0', '9'))
        {
            return null;
        }

        return DateTimeOffset.TryParseExact(value[..14], "yyyyMMddHHmmss", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var date)
            ? date
            : null;
    }

    /// <summary>What the container header says about a record. RequiresHttp: a block that is not HTTP holds no page.</summary>
    private sealed record RecordInfo(string Origin, string? Url, DateTimeOffset? Date, string? ContentType, bool RequiresHttp);
}
