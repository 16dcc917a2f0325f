using System.Text;

namespace Lagebild.Ingest.Feeds;

/// <summary>
/// Turns feed bytes into text. Order of evidence: byte order mark, the XML declaration's encoding, UTF-8.
/// Bytes that are not valid in the chosen UTF-8 are read as Windows-1252 (feeds served as Latin-1 without a
/// declaration exist); ISO-8859-1 is read as its superset Windows-1252, as browsers do.
/// </summary>
internal static class FeedDecoding
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static (string Text, string EncodingName) Decode(ReadOnlySpan<byte> bytes)
    {
        if (bytes.StartsWith(new byte[] { 0xEF, 0xBB, 0xBF }))
        {
            return DecodeUtf8OrFallback(bytes[3..]);
        }

        if (bytes.StartsWith(new byte[] { 0xFF, 0xFE }))
        {
            return (Encoding.Unicode.GetString(bytes[2..]), "utf-16le");
        }

        if (bytes.StartsWith(new byte[] { 0xFE, 0xFF }))
        {
            return (Encoding.BigEndianUnicode.GetString(bytes[2..]), "utf-16be");
        }

        // UTF-16 without a BOM: "<" (or "{") next to a zero byte.
        if (bytes.Length >= 4 && bytes[0] != 0 && bytes[1] == 0 && bytes[3] == 0)
        {
            return (Encoding.Unicode.GetString(bytes), "utf-16le");
        }

        if (bytes.Length >= 4 && bytes[0] == 0 && bytes[1] != 0 && bytes[2] == 0)
        {
            return (Encoding.BigEndianUnicode.GetString(bytes), "utf-16be");
        }

        var declared = DeclaredEncoding(bytes);
        // A 16/32-bit encoding declared over bytes that showed no sign of it above is a wrong declaration.
        if (declared is null || IsUtf8Name(declared) || declared.StartsWith("utf-16", StringComparison.OrdinalIgnoreCase)
            || declared.StartsWith("utf-32", StringComparison.OrdinalIgnoreCase) || declared.StartsWith("ucs", StringComparison.OrdinalIgnoreCase))
        {
            return DecodeUtf8OrFallback(bytes);
        }

        var encoding = Resolve(declared);
        if (encoding is null)
        {
            // Unknown name: UTF-8 if the bytes allow it, else the Windows-1252 fallback.
            return DecodeUtf8OrFallback(bytes);
        }

        // A single-byte declaration over bytes that are valid UTF-8 with multi-byte sequences is a wrong
        // declaration: legacy-encoded text practically never forms valid UTF-8 by accident.
        if (encoding.IsSingleByte && bytes.IndexOfAnyInRange((byte)0x80, (byte)0xFF) >= 0 && IsValidUtf8(bytes))
        {
            return (Encoding.UTF8.GetString(bytes), "utf-8");
        }

        return (encoding.GetString(bytes), encoding.WebName);
    }

    /// <summary>The encoding pseudo-attribute of an XML declaration at the start of the bytes, if any.</summary>
    internal static string? DeclaredEncoding(ReadOnlySpan<byte> bytes)
    {
        var head = Encoding.ASCII.GetString(bytes[..Math.Min(bytes.Length, 512)]);
        var start = head.IndexOf("<?xml", StringComparison.Ordinal);
        if (start < 0 || start > 64)
        {
            return null;
        }

        var end = head.IndexOf("?>", start, StringComparison.Ordinal);
        if (end < 0)
        {
            return null;
        }

        var declaration = head[start..end];
        var attribute = declaration.IndexOf("encoding", StringComparison.Ordinal);
        if (attribute < 0)
        {
            return null;
        }

        var position = attribute + "encoding".Length;
        while (position < declaration.Length && declaration[position] is ' ' or '=' or '\t')
        {
            position++;
        }

        if (position >= declaration.Length || declaration[position] is not ('"' or '\''))
        {
            return null;
        }

        var quote = declaration[position];
        var close = declaration.IndexOf(quote, position + 1);
        return close < 0 ? null : declaration[(position + 1)..close].Trim();
    }

    private static Encoding? Resolve(string name)
    {
        var lower = name.ToLowerInvariant();
        if (lower is "iso-8859-1" or "iso8859-1" or "latin1" or "latin-1" or "us-ascii" or "ascii" or "cp1252")
        {
            lower = "windows-1252";
        }

        try
        {
            return System.Text.CodePagesEncodingProvider.Instance.GetEncoding(lower) ?? Encoding.GetEncoding(lower);
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    private static (string Text, string EncodingName) DecodeUtf8OrFallback(ReadOnlySpan<byte> bytes)
    {
        try
        {
            return (StrictUtf8.GetString(bytes), "utf-8");
        }
        catch (DecoderFallbackException)
        {
            var windows1252 = Resolve("windows-1252")!;
            return (windows1252.GetString(bytes), windows1252.WebName);
        }
    }

    private static bool IsValidUtf8(ReadOnlySpan<byte> bytes) => System.Text.Unicode.Utf8.IsValid(bytes);

    private static bool IsUtf8Name(string name) =>
        name.Equals("utf-8", StringComparison.OrdinalIgnoreCase) || name.Equals("utf8", StringComparison.OrdinalIgnoreCase);
}
