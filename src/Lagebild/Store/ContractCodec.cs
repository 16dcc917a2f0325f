using System.Buffers;
using System.IO.Compression;
using System.Text.Json;
using Lagebild.Output;
using Lagebild.Pipeline;

namespace Lagebild.Store;

/// <summary>
/// The stored form of the JSON contract: compact UTF-8 exactly as <see cref="ArticleJsonWriter"/> writes it
/// (tokens left out), Brotli-compressed (German news JSON shrinks to about 55%).
/// </summary>
internal static class ContractCodec
{
    // Quality 1: three times faster than 4 for 7% more bytes on news text. A small window (64 KiB) matters too:
    // the encoder allocates it per call, and references further back than that gain little in one article.
    private const int Quality = 1;
    private const int Window = 16;

    public static byte[] EncodeContract(AnalysisContext context)
    {
        var json = new ArrayBufferWriter<byte>(8 * 1024);
        using (var writer = new Utf8JsonWriter(json, ArticleJsonWriter.Compact))
        {
            ArticleJsonWriter.Write(writer, context, includeTokens: false);
        }

        return Compress(json.WrittenSpan);
    }

    public static byte[] Compress(ReadOnlySpan<byte> data)
    {
        var buffer = new byte[BrotliEncoder.GetMaxCompressedLength(data.Length)];
        if (!BrotliEncoder.TryCompress(data, buffer, out var written, Quality, Window))
        {
            throw new InvalidOperationException("Brotli compression failed with a buffer of the maximum compressed size.");
        }

        return buffer.AsSpan(0, written).ToArray();
    }

    public static byte[] Decompress(byte[] compressed)
    {
        ArgumentNullException.ThrowIfNull(compressed);
        using var input = new MemoryStream(compressed, writable: false);
        using var brotli = new BrotliStream(input, CompressionMode.Decompress);
        using var output = new MemoryStream(compressed.Length * 4);
        brotli.CopyTo(output);
        return output.ToArray();
    }
}
