using System.Buffers.Binary;
using System.IO.Compression;

namespace Lagebild.Ingest.Warc;

/// <summary>Corrupt gzip data in a compressed WARC/ARC file, near <see cref="CompressedOffset"/>.</summary>
internal sealed class CorruptGzipException(string message, long compressedOffset, Exception? inner = null)
    : IOException(message, inner)
{
    public long CompressedOffset { get; } = compressedOffset;
}

/// <summary>
/// Decompresses a gzip file of one or many members (WARC.gz has one member per record, some tools compress the
/// whole file as one) as a single byte stream, member by member, so that damage is noticed and bounded:
/// a corrupt member, a missing trailer, or garbage between members raises <see cref="CorruptGzipException"/>
/// (the framework's GZipStream silently stops at garbage after a member), and <see cref="Resynchronise"/>
/// restarts on the next member header.
/// </summary>
/// <remarks>
/// Each member's deflate data is read by a raw DeflateStream fed in small chunks. The decoder stops inside the
/// last chunk; the member's end is found there as the 8-byte trailer whose ISIZE equals the decoded length and
/// which is followed by the next member header, padding, or the end of the file. The unread rest is pushed back.
/// </remarks>
internal sealed class ResyncingGzipStream(Stream raw) : ForwardReadStream
{
    private readonly ChunkFeeder _feeder = new(raw);
    private DeflateStream? _member;
    private long _memberStart;
    private uint _memberLength;
    private uint _memberCrc;
    private bool _atEnd;

    public override int Read(Span<byte> buffer)
    {
        if (buffer.IsEmpty)
        {
            return 0;
        }

        while (!_atEnd)
        {
            if (_member is null && !StartMember())
            {
                _atEnd = true;
                break;
            }

            int read;
            try
            {
                read = _member!.Read(buffer);
            }
            catch (InvalidDataException error)
            {
                // The decoder noticed the damage inside the last chunk it was fed: a later member starts after it.
                _feeder.ReplayLastChunk(skip: 1);
                throw new CorruptGzipException($"corrupt gzip data in the member starting at compressed byte {_memberStart} ({error.Message})", _memberStart, error);
            }

            if (read > 0)
            {
                _memberLength = unchecked(_memberLength + (uint)read);
                _memberCrc = Crc32.Update(_memberCrc, buffer[..read]);
                return read;
            }

            FinishMember();
        }

        return 0;
    }

    /// <summary>
    /// Restarts decompression at the next gzip member header after the region where the error was detected
    /// (each error leaves the unread data positioned just after the damaged region's start).
    /// Returns false when no further member exists.
    /// </summary>
    public bool Resynchronise()
    {
        _member?.Dispose();
        _member = null;
        Span<byte> window = stackalloc byte[4];
        var filled = 0;
        while (true)
        {
            var next = _feeder.ReadRawByte();
            if (next < 0)
            {
                _atEnd = true;
                return false;
            }

            if (filled == window.Length)
            {
                window[1..].CopyTo(window);
                filled--;
            }

            window[filled++] = (byte)next;
            if (filled == 4 && IsMemberHeaderStart(window))
            {
                _feeder.Unread(window);
                _atEnd = false;
                return true;
            }
        }
    }

    /// <summary>Magic 1F 8B, method 8 (deflate), a flag byte with the reserved bits clear.</summary>
    private static bool IsMemberHeaderStart(ReadOnlySpan<byte> bytes) =>
        bytes.Length >= 4 && bytes[0] == 0x1F && bytes[1] == 0x8B && bytes[2] == 0x08 && (bytes[3] & 0xE0) == 0;

    /// <summary>Reads the next member's header; false at the end of the file (or of its zero padding).</summary>
    private bool StartMember()
    {
        var first = _feeder.ReadRawByte();
        while (first == 0)
        {
            // Zero padding after the last member (block-aligned writers) ends the file quietly.
            first = _feeder.ReadRawByte();
        }

        if (first < 0)
        {
            return false;
        }

        _memberStart = _feeder.Position - 1;
        Span<byte> header = stackalloc byte[10];
        header[0] = (byte)first;
        var read = 1 + _feeder.ReadRaw(header[1..]);
        if (read < header.Length || !IsMemberHeaderStart(header))
        {
            _feeder.Unread(header[1..read]);
            throw new CorruptGzipException(read < header.Length
                ? $"truncated gzip member header at compressed byte {_memberStart}"
                : $"data at compressed byte {_memberStart} is not a gzip member header (damaged file or garbage between members)", _memberStart);
        }

        var flags = header[3];
        if ((flags & 0x04) != 0)
        {
            Span<byte> extraLength = stackalloc byte[2];
            SkipOrFail(_feeder.ReadRaw(extraLength) == 2 ? BinaryPrimitives.ReadUInt16LittleEndian(extraLength) : -1);
        }

        if ((flags & 0x08) != 0)
        {
            SkipZeroTerminated();
        }

        if ((flags & 0x10) != 0)
        {
            SkipZeroTerminated();
        }

        if ((flags & 0x02) != 0)
        {
            SkipOrFail(2);
        }

        _member = new DeflateStream(_feeder, CompressionMode.Decompress, leaveOpen: true);
        _memberLength = 0;
        _memberCrc = 0;
        return true;
    }

    private void SkipOrFail(int count)
    {
        if (count < 0 || _feeder.SkipRaw(count) < count)
        {
            throw new CorruptGzipException($"truncated gzip member header at compressed byte {_memberStart}", _memberStart);
        }
    }

    private void SkipZeroTerminated()
    {
        for (var i = 0; i < 64 * 1024; i++)
        {
            var next = _feeder.ReadRawByte();
            if (next == 0)
            {
                return;
            }

            if (next < 0)
            {
                break;
            }
        }

        throw new CorruptGzipException($"bad gzip member header at compressed byte {_memberStart} (unterminated name or comment)", _memberStart);
    }

    /// <summary>Finds the end of the member just decoded and pushes back whatever follows its trailer.</summary>
    private void FinishMember()
    {
        _member!.Dispose();
        _member = null;
        var chunk = _feeder.LastChunk;
        // The trailer can reach past the last chunk; so can the 3 bytes of the next header checked below.
        Span<byte> more = stackalloc byte[11];
        var moreLength = _feeder.ReadRaw(more);
        var window = new byte[chunk.Length + moreLength];
        chunk.CopyTo(window);
        more[..moreLength].CopyTo(window.AsSpan(chunk.Length));
        var atEndOfFile = moreLength < more.Length && _feeder.AtEndOfSource;
        // The trailer is the first place holding the CRC-32 and length of what was decoded; what follows it,
        // a member header or garbage, is for the next StartMember to judge.
        for (var end = 8; end <= window.Length; end++)
        {
            if (BinaryPrimitives.ReadUInt32LittleEndian(window.AsSpan(end - 4, 4)) == _memberLength
                && BinaryPrimitives.ReadUInt32LittleEndian(window.AsSpan(end - 8, 4)) == _memberCrc)
            {
                _feeder.Unread(window.AsSpan(end));
                return;
            }
        }

        // Resynchronisation scans from just inside the last chunk, where the member's end should have been.
        _feeder.Unread(window.AsSpan(Math.Min(1, window.Length)));
        throw new CorruptGzipException(atEndOfFile
            ? $"the file ends inside the gzip member starting at compressed byte {_memberStart} (truncated file)"
            : $"the gzip member starting at compressed byte {_memberStart} is corrupt (its trailer's checksum and length do not match the data)", _memberStart);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _member?.Dispose();
        }

        base.Dispose(disposing);
    }

    /// <summary>CRC-32 as gzip uses it (IEEE 802.3, reflected).</summary>
    private static class Crc32
    {
        private static readonly uint[] Table = BuildTable();

        public static uint Update(uint crc, ReadOnlySpan<byte> data)
        {
            var value = ~crc;
            foreach (var b in data)
            {
                value = Table[(value ^ b) & 0xFF] ^ (value >> 8);
            }

            return ~value;
        }

        private static uint[] BuildTable()
        {
            var table = new uint[256];
            for (uint n = 0; n < 256; n++)
            {
                var c = n;
                for (var k = 0; k < 8; k++)
                {
                    c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
                }

                table[n] = c;
            }

            return table;
        }
    }

    /// <summary>
    /// The raw bytes, handed to the decoder in small chunks (the last one is remembered), with push-back, and
    /// raw reads for headers and trailers that bypass the chunk bookkeeping.
    /// </summary>
    private sealed class ChunkFeeder(Stream raw) : ForwardReadStream
    {
        private const int ChunkSize = 4096;
        private readonly byte[] _lastChunk = new byte[ChunkSize];
        private byte[] _pending = new byte[ChunkSize * 2];
        private int _pendingStart;
        private int _pendingEnd;
        private int _lastChunkLength;
        private bool _sourceEnded;
        private long _position;

        /// <summary>Offset in the raw file of the next byte to be read.</summary>
        public override long Position
        {
            get => _position;
            set => throw new NotSupportedException();
        }

        public ReadOnlySpan<byte> LastChunk => _lastChunk.AsSpan(0, _lastChunkLength);

        public bool AtEndOfSource => _sourceEnded && _pendingStart == _pendingEnd;

        /// <summary>The decoder's read: at most one chunk, remembered as the last chunk.</summary>
        public override int Read(Span<byte> buffer)
        {
            var read = ReadRaw(buffer[..Math.Min(buffer.Length, ChunkSize)]);
            if (read > 0)
            {
                buffer[..read].CopyTo(_lastChunk);
                _lastChunkLength = read;
            }

            return read;
        }

        /// <summary>Reads up to <paramref name="buffer"/>.Length bytes (fewer only at the end), outside the chunk bookkeeping.</summary>
        public int ReadRaw(Span<byte> buffer)
        {
            var total = 0;
            while (total < buffer.Length)
            {
                if (_pendingStart < _pendingEnd)
                {
                    var count = Math.Min(buffer.Length - total, _pendingEnd - _pendingStart);
                    _pending.AsSpan(_pendingStart, count).CopyTo(buffer[total..]);
                    _pendingStart += count;
                    total += count;
                    continue;
                }

                if (_sourceEnded)
                {
                    break;
                }

                var read = raw.Read(buffer[total..]);
                if (read == 0)
                {
                    _sourceEnded = true;
                    break;
                }

                total += read;
                // A short read from a pipe is fine for the decoder; stop rather than block for more.
                if (total > 0 && buffer.Length > 16)
                {
                    break;
                }
            }

            _position += total;
            return total;
        }

        public int ReadRawByte()
        {
            Span<byte> one = stackalloc byte[1];
            return ReadRaw(one) == 1 ? one[0] : -1;
        }

        public int SkipRaw(int count)
        {
            var skipped = 0;
            Span<byte> scratch = stackalloc byte[256];
            while (skipped < count)
            {
                var read = ReadRaw(scratch[..Math.Min(scratch.Length, count - skipped)]);
                if (read == 0)
                {
                    break;
                }

                skipped += read;
            }

            return skipped;
        }

        /// <summary>Puts bytes back in front of the unread data.</summary>
        public void Unread(ReadOnlySpan<byte> bytes)
        {
            if (bytes.IsEmpty)
            {
                return;
            }

            var remaining = _pendingEnd - _pendingStart;
            if (bytes.Length <= _pendingStart)
            {
                _pendingStart -= bytes.Length;
                bytes.CopyTo(_pending.AsSpan(_pendingStart));
            }
            else
            {
                var combined = new byte[Math.Max(_pending.Length, bytes.Length + remaining + ChunkSize)];
                bytes.CopyTo(combined);
                _pending.AsSpan(_pendingStart, remaining).CopyTo(combined.AsSpan(bytes.Length));
                _pending = combined;
                _pendingStart = 0;
                _pendingEnd = bytes.Length + remaining;
            }

            _position -= bytes.Length;
        }

        /// <summary>Makes the last chunk, less its first <paramref name="skip"/> bytes, readable again (the decoder read nothing after it).</summary>
        public void ReplayLastChunk(int skip)
        {
            var from = Math.Min(skip, _lastChunkLength);
            Unread(_lastChunk.AsSpan(from, _lastChunkLength - from));
            _lastChunkLength = 0;
        }
    }
}
