using Lagebild.Documents;

namespace Lagebild.Ingest.Decoding;

/// <summary>Decoded text, the encoding it was read as, and the map back to the raw characters if repairs changed them.</summary>
public sealed record DecodedText(string Text, string EncodingName, OffsetMap Map, bool Repaired);

/// <summary>PLACEHOLDER: encoding detection and mojibake repair; the ingestion work replaces this file.</summary>
public static class TextDecoder
{
    public static DecodedText Decode(ReadOnlySpan<byte> bytes, string? declaredCharset = null)
    {
        _ = declaredCharset;
        return new DecodedText(System.Text.Encoding.UTF8.GetString(bytes), "utf-8", OffsetMap.Identity, false);
    }

    /// <summary>Repairs UTF-8 that was decoded as Windows-1252/Latin-1 ("KÃ¶lner" → "Kölner").</summary>
    public static string RepairMojibake(string text) => text;
}
