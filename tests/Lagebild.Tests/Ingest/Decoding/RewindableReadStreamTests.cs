using Lagebild.Ingest.Decoding;

namespace Lagebild.Tests.Ingest.Decoding;

public sealed class RewindableReadStreamTests
{
    /// <summary>A pipe: forward-only, small reads.</summary>
    private sealed class TrickleStream(byte[] content) : MemoryStream(content)
    {
        public override bool CanSeek => false;

        public override int Read(byte[] buffer, int offset, int count) => base.Read(buffer, offset, Math.Min(count, 3));

        public override int Read(Span<byte> buffer)
        {
            var chunk = new byte[Math.Min(buffer.Length, 3)];
            var read = base.Read(chunk, 0, chunk.Length);
            chunk.AsSpan(0, read).CopyTo(buffer);
            return read;
        }
    }

    private static byte[] Content() => [.. Enumerable.Range(0, 100).Select(i => (byte)i)];

    [Fact]
    public void PeekKeepsTheBytesForTheNextReader()
    {
        using var stream = new RewindableReadStream(new TrickleStream(Content()));
        Assert.Equal(Content()[..10], stream.Peek(10));
        stream.StopRecording();
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        Assert.Equal(Content(), copy.ToArray());
    }

    [Fact]
    public void RewindReplaysEverythingReadSoFar()
    {
        using var stream = new RewindableReadStream(new TrickleStream(Content()));
        var first = new byte[40];
        stream.ReadExactly(first);
        Assert.Equal(Content()[..40], first);
        stream.Rewind();
        stream.StopRecording();
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        Assert.Equal(Content(), copy.ToArray());
        Assert.Throws<InvalidOperationException>(stream.Rewind);
    }

    [Fact]
    public void PeekAfterPartialReplayContinuesWhereItWas()
    {
        using var stream = new RewindableReadStream(new TrickleStream(Content()));
        Assert.Equal(Content()[..5], stream.Peek(5));
        Assert.Equal(Content()[..20], stream.Peek(20));
        var buffer = new byte[100];
        stream.StopRecording();
        stream.ReadExactly(buffer);
        Assert.Equal(Content(), buffer);
        Assert.Equal(0, stream.Read(buffer));
    }
}
