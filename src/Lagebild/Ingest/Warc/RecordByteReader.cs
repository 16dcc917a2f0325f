namespace Lagebild.Ingest.Warc;

/// <summary>
/// Buffered forward reader over the (decompressed) bytes of a WARC or ARC file: lines for headers, exact
/// counts for record blocks. Corrupt gzip data in the source ends the data like the end of the file would,
/// and is kept in <see cref="SourceError"/>; <see cref="DiscardBuffer"/> resets the reader after the source
/// has resynchronised.
/// </summary>
internal sealed class RecordByteReader(Stream source)
{
    private readonly byte[] _buffer = new byte[64 * 1024];
    private int _start;
    private int _end;
    private bool _endOfStream;

    /// <summary>The corrupt-data error that ended the data early, if any.</summary>
    public CorruptGzipException? SourceError { get; private set; }

    /// <summary>Bytes consumed so far (in decompressed terms).</summary>
    public long Position { get; private set; }

    public bool AtEnd => !Fill();

    public int PeekByte() => Fill() ? _buffer[_start] : -1;

    /// <summary>
    /// Reads one line terminated by LF (a preceding CR is dropped). Returns null at the end of the stream.
    /// A line longer than <paramref name="maxLength"/> is consumed whole but returned cut, with <paramref name="truncated"/> set.
    /// </summary>
    public byte[]? ReadLine(int maxLength, out bool truncated)
    {
        truncated = false;
        if (!Fill())
        {
            return null;
        }

        var line = new List<byte>(128);
        while (Fill())
        {
            var available = _buffer.AsSpan(_start, _end - _start);
            var newline = available.IndexOf((byte)'\n');
            var take = newline >= 0 ? newline : available.Length;
            var room = Math.Max(0, maxLength - line.Count);
            if (take > room)
            {
                truncated = true;
            }

            line.AddRange(available[..Math.Min(take, room)]);
            Consume(newline >= 0 ? newline + 1 : take);
            if (newline >= 0)
            {
                break;
            }
        }

        if (line.Count > 0 && line[^1] == (byte)'\r')
        {
            line.RemoveAt(line.Count - 1);
        }

        return [.. line];
    }

    /// <summary>Reads up to <paramref name="destination"/>.Length bytes; fewer only at the end of the stream.</summary>
    public int Read(Span<byte> destination)
    {
        var total = 0;
        while (total < destination.Length && Fill())
        {
            var count = Math.Min(destination.Length - total, _end - _start);
            _buffer.AsSpan(_start, count).CopyTo(destination[total..]);
            Consume(count);
            total += count;
        }

        return total;
    }

    /// <summary>Skips up to <paramref name="count"/> bytes; returns how many were skipped (fewer only at the end).</summary>
    public long Skip(long count)
    {
        var skipped = 0L;
        while (skipped < count && Fill())
        {
            var step = (int)Math.Min(count - skipped, _end - _start);
            Consume(step);
            skipped += step;
        }

        return skipped;
    }

    /// <summary>Skips CR and LF bytes (record separators); returns how many.</summary>
    public int SkipLineBreaks()
    {
        var skipped = 0;
        while (Fill() && (_buffer[_start] == (byte)'\r' || _buffer[_start] == (byte)'\n'))
        {
            Consume(1);
            skipped++;
        }

        return skipped;
    }

    /// <summary>Forgets buffered bytes and the end-of-stream mark, after the source restarted elsewhere.</summary>
    public void DiscardBuffer()
    {
        _start = 0;
        _end = 0;
        _endOfStream = false;
        SourceError = null;
    }

    private void Consume(int count)
    {
        _start += count;
        Position += count;
    }

    private bool Fill()
    {
        if (_start < _end)
        {
            return true;
        }

        if (_endOfStream)
        {
            return false;
        }

        _start = 0;
        _end = 0;
        int read;
        try
        {
            read = source.Read(_buffer, 0, _buffer.Length);
        }
        catch (CorruptGzipException error)
        {
            SourceError = error;
            read = 0;
        }

        if (read == 0)
        {
            _endOfStream = true;
            return false;
        }

        _end = read;
        return true;
    }
}
