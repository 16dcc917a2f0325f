namespace Lagebild.Ingest.Decoding;

/// <summary>
/// A forward-only read stream that remembers what was read until told to stop, so that a sniffer can look at the
/// first bytes of a pipe (stdin, a gzip member) and then hand the whole stream on from its start.
/// </summary>
internal sealed class RewindableReadStream : ForwardReadStream
{
    private readonly Stream _inner;
    private readonly bool _leaveOpen;
    private MemoryStream? _recorded = new();
    private long _replayPosition = -1;

    public RewindableReadStream(Stream inner, bool leaveOpen = false)
    {
        ArgumentNullException.ThrowIfNull(inner);
        _inner = inner;
        _leaveOpen = leaveOpen;
    }

    public bool IsRecording { get; private set; } = true;

    /// <summary>Reads up to <paramref name="count"/> bytes from the current position without losing them for the next reader.</summary>
    public byte[] Peek(int count)
    {
        if (!IsRecording)
        {
            throw new InvalidOperationException("Cannot peek after recording stopped.");
        }

        var start = _replayPosition >= 0 ? _replayPosition : _recorded!.Length;
        var buffer = new byte[count];
        var read = this.ReadAtLeast(buffer, count, throwOnEndOfStream: false);
        _replayPosition = start;
        return read == count ? buffer : buffer[..read];
    }

    /// <summary>Starts reading again from the first byte.</summary>
    public void Rewind()
    {
        if (!IsRecording)
        {
            throw new InvalidOperationException("Cannot rewind after recording stopped.");
        }

        _replayPosition = 0;
    }

    /// <summary>Stops remembering; bytes still to replay are replayed, then the buffer is dropped.</summary>
    public void StopRecording()
    {
        IsRecording = false;
        if (_replayPosition < 0 || _replayPosition >= _recorded?.Length)
        {
            _recorded = null;
            _replayPosition = -1;
        }
    }

    public override int Read(Span<byte> buffer)
    {
        if (_replayPosition >= 0 && (_recorded is null || _replayPosition >= _recorded.Length))
        {
            _replayPosition = -1;
        }

        if (_recorded is not null && _replayPosition >= 0 && _replayPosition < _recorded.Length)
        {
            var available = (int)Math.Min(buffer.Length, _recorded.Length - _replayPosition);
            _recorded.GetBuffer().AsSpan((int)_replayPosition, available).CopyTo(buffer);
            _replayPosition += available;
            if (_replayPosition >= _recorded.Length)
            {
                _replayPosition = -1;
                if (!IsRecording)
                {
                    _recorded = null;
                }
            }

            return available;
        }

        var read = _inner.Read(buffer);
        if (IsRecording && read > 0)
        {
            _recorded!.Write(buffer[..read]);
        }

        return read;
    }

    public override int ReadByte()
    {
        Span<byte> one = stackalloc byte[1];
        return Read(one) == 0 ? -1 : one[0];
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing && !_leaveOpen)
        {
            _inner.Dispose();
        }

        base.Dispose(disposing);
    }
}
