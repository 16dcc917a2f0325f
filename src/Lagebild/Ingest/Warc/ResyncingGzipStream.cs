using System.IO.Compression;

namespace Lagebild.Ingest.Warc;

/// <summary>Corrupt gzip data in a compressed WARC/ARC file, near <see cref="CompressedOffset"/>.</summary>
internal sealed class CorruptGzipException(string message, long compressedOffset, Exception inner)
    : IOException(message, inner)
{
    public long CompressedOffset { get; } = compressedOffset;
}

/// <summary>
/// Decompresses a gzip file of one or many members (WARC.gz has one member per record, some tools compress
/// the whole file as one) as a single byte stream. After corrupt data it can resynchronise on the next member
/// header: the raw source is fed in small chunks and the last chunk is kept, so scanning can restart from just
/// inside the region where the error was detected, without seeking.
/// </summary>
internal sealed class ResyncingGzipStream : Stream
{
    private readonly ChunkFeeder _feeder;
    private GZipStream _gzip;

    public ResyncingGzipStream(Stream raw)
    {
        _feeder = new ChunkFeeder(raw);
        _gzip = new GZipStream(_feeder, CompressionMode.Decompress, leaveOpen: true);
    }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        try
        {
            return _gzip.Read(buffer);
        }
        catch (InvalidDataException error)
        {
            throw new CorruptGzipException($"corrupt gzip data near compressed byte {_feeder.LastChunkOffset} ({error.Message})", _feeder.LastChunkOffset, error);
        }
    }

    /// <summary>
    /// Restarts decompression at the next gzip member header after the start of the last chunk fed to the decoder.
    /// Returns false when no further member exists.
    /// </summary>
    public bool Resynchronise()
    {
        _gzip.Dispose();
        _feeder.ReplayLastChunk(skip: 1);
        Span<byte> header = stackalloc byte[4];
        var filled = 0;
        while (true)
        {
            var next = _feeder.ReadByte();
            if (next < 0)
            {
                _gzip = new GZipStream(_feeder, CompressionMode.Decompress, leaveOpen: true);
                return false;
            }

            if (filled == header.Length)
            {
                header[1..].CopyTo(header);
                filled--;
            }

            header[filled++] = (byte)next;
            // Magic 1F 8B, method 8 (deflate), flag byte with the reserved bits clear.
            if (filled == 4 && header[0] == 0x1F && header[1] == 0x8B && header[2] == 0x08 && (header[3] & 0xE0) == 0)
            {
                _feeder.PushBack(header);
                _gzip = new GZipStream(_feeder, CompressionMode.Decompress, leaveOpen: true);
                return true;
            }
        }
    }

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
            _gzip.Dispose();
        }

        base.Dispose(disposing);
    }

    /// <summary>Hands the raw bytes to the decoder in small chunks, remembering the last one and allowing push-back.</summary>
    private sealed class ChunkFeeder(Stream raw) : Stream
    {
        private const int ChunkSize = 4096;
        private readonly byte[] _lastChunk = new byte[ChunkSize];
        private readonly List<byte> _pending = [];
        private int _lastChunkLength;
        private long _position;

        public long LastChunkOffset { get; private set; }

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => _position;
            set => throw new NotSupportedException();
        }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            var wanted = Math.Min(buffer.Length, ChunkSize);
            int read;
            if (_pending.Count > 0)
            {
                read = Math.Min(wanted, _pending.Count);
                for (var i = 0; i < read; i++)
                {
                    buffer[i] = _pending[i];
                }

                _pending.RemoveRange(0, read);
            }
            else
            {
                read = raw.Read(buffer[..wanted]);
            }

            if (read > 0)
            {
                buffer[..read].CopyTo(_lastChunk);
                _lastChunkLength = read;
                LastChunkOffset = _position;
                _position += read;
            }

            return read;
        }

        /// <summary>Makes the last chunk (less its first <paramref name="skip"/> bytes) readable again, before any pending bytes.</summary>
        public void ReplayLastChunk(int skip)
        {
            var from = Math.Min(skip, _lastChunkLength);
            var replay = _lastChunk.AsSpan(from, _lastChunkLength - from).ToArray();
            _pending.InsertRange(0, replay);
            _position = LastChunkOffset + from;
            _lastChunkLength = 0;
        }

        public void PushBack(ReadOnlySpan<byte> bytes)
        {
            _pending.InsertRange(0, bytes.ToArray());
            _position -= bytes.Length;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
