namespace Lagebild.Ingest.Warc;

/// <summary>
/// Reads WARC (0.17/0.18/1.0/1.1) and ARC (v1, v2) files, plain or gzip-compressed (one member per record or
/// the whole file as one), and yields the HTML pages they archive: HTTP <c>response</c> records and ARC records
/// with an HTML Content-Type, plus <c>resource</c> records holding HTML. HTTP headers are stripped, chunked
/// transfer encoding and gzip/deflate/brotli content encoding undone. Other records are skipped silently;
/// a broken record yields an error naming it and reading goes on with the next record.
/// </summary>
public sealed class WarcReader
{
    /// <summary>The HTML response records of a (possibly gzipped) WARC or ARC stream, or errors naming broken records.</summary>
    public IEnumerable<SourceItem> Read(Stream stream, string origin)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(origin);
        return ReadRecords(stream, origin);
    }

    private static IEnumerable<SourceItem> ReadRecords(Stream stream, string origin)
    {
        var prefix = new byte[2];
        var prefixLength = 0;
        while (prefixLength < prefix.Length)
        {
            var read = stream.Read(prefix, prefixLength, prefix.Length - prefixLength);
            if (read == 0)
            {
                break;
            }

            prefixLength += read;
        }

        if (prefixLength == 0)
        {
            yield return SourceItem.Failed(origin, "empty file: no WARC or ARC records");
            yield break;
        }

        Stream source = new PrefixedStream(prefix.AsMemory(0, prefixLength), stream);
        ResyncingGzipStream? gzip = null;
        if (prefixLength == 2 && prefix[0] == 0x1F && prefix[1] == 0x8B)
        {
            gzip = new ResyncingGzipStream(source);
            source = gzip;
        }

        using (source)
        {
            var parser = new RecordParser(new RecordByteReader(source), gzip, origin);
            while (parser.TryReadNext(out var item))
            {
                if (item is not null)
                {
                    yield return item;
                }
            }
        }
    }
}
