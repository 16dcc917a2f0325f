namespace Lagebild.Ingest.Jsonl;

/// <summary>One line of bytes (without its line break) and where it starts, or, for a line over the limit, only its length.</summary>
internal readonly record struct ByteLine(int Number, long ByteOffset, ReadOnlyMemory<byte> Bytes, long Length, bool TooLong);

/// <summary>
/// Reads a stream line by line as bytes, so that a reader can name byte offsets and decode each line itself. A line
/// longer than the limit is reported by its length and its bytes are dropped as they arrive: memory stays bounded
/// by the limit, however long the line.
/// </summary>
internal sealed class ByteLineReader(Stream stream, int maxLineBytes)
{
    private readonly byte[] _chunk = new byte[1 << 16];
    private int _chunkStart;
    private int _chunkEnd;
    private long _chunkOffset;
    private byte[] _line = new byte[1 << 12];
    private int _lineLength;
    private int _lineNumber;

    /// <summary>Where the next unread byte is in the stream.</summary>
    public long Position => _chunkOffset + _chunkStart;

    public bool TryRead(out ByteLine line)
    {
        var start = Position;
        _lineLength = 0;
        long length = 0;
        var tooLong = false;
        while (true)
        {
            if (_chunkStart == _chunkEnd && !FillChunk())
            {
                if (length == 0 && !tooLong)
                {
                    line = default;
                    return false;
                }

                break;
            }

            var available = _chunk.AsSpan(_chunkStart, _chunkEnd - _chunkStart);
            var newline = available.IndexOf((byte)'\n');
            var take = newline < 0 ? available : available[..newline];
            length += take.Length;
            if (!tooLong && length > maxLineBytes)
            {
                tooLong = true;
                _lineLength = 0;
            }

            if (!tooLong)
            {
                Append(take);
            }

            _chunkStart += newline < 0 ? available.Length : newline + 1;
            if (newline >= 0)
            {
                break;
            }
        }

        _lineNumber++;
        var bytes = _line.AsMemory(0, _lineLength);
        if (!tooLong && bytes.Span.EndsWith((byte)'\r'))
        {
            bytes = bytes[..^1];
        }

        line = new ByteLine(_lineNumber, start, tooLong ? ReadOnlyMemory<byte>.Empty : bytes, length, tooLong);
        return true;
    }

    /// <summary>The rest of the stream after the lines read, up to <paramref name="limit"/> bytes; null when there is more.</summary>
    public byte[]? ReadRest(int limit)
    {
        using var rest = new MemoryStream();
        while (_chunkStart < _chunkEnd || FillChunk())
        {
            var count = _chunkEnd - _chunkStart;
            if (rest.Length + count > limit)
            {
                return null;
            }

            rest.Write(_chunk, _chunkStart, count);
            _chunkStart = _chunkEnd;
        }

        return rest.ToArray();
    }

    private bool FillChunk()
    {
        _chunkOffset += _chunkEnd;
        _chunkStart = 0;
        _chunkEnd = stream.Read(_chunk, 0, _chunk.Length);
        return _chunkEnd > 0;
    }

    private void Append(ReadOnlySpan<byte> bytes)
    {
        if (_lineLength + bytes.Length > _line.Length)
        {
            Array.Resize(ref _line, Math.Max(_line.Length * 2, _lineLength + bytes.Length));
        }

        bytes.CopyTo(_line.AsSpan(_lineLength));
        _lineLength += bytes.Length;
    }
}
