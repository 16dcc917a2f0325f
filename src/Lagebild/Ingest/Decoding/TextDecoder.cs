using System.Globalization;
using System.Text;
using System.Text.Unicode;
using Lagebild.Documents;

namespace Lagebild.Ingest.Decoding;

/// <summary>
/// Decoded text, the encoding it was read as, and the map from <see cref="Text"/> back to the characters as first
/// decoded (before mojibake repair and line-ending normalisation). <see cref="Repaired"/> tells whether mojibake was repaired.
/// </summary>
public sealed record DecodedText(string Text, string EncodingName, OffsetMap Map, bool Repaired)
{
    /// <summary>What a reader should tell the user about the decoding (invalid UTF-8 bytes and where), or null.</summary>
    public string? Warning { get; init; }
}

/// <summary>
/// Turns bytes into text: byte-order mark, then a declared charset when it is plausible for the bytes, then strict
/// UTF-8, then Windows-1252 / ISO-8859-1. Repairs double-encoded UTF-8 and normalises line endings to LF, keeping
/// an offset map to the decoded characters.
/// </summary>
public static class TextDecoder
{
    static TextDecoder()
    {
        // Legacy code pages (windows-125x, iso-8859-x, koi8...) come from the framework's provider; register once.
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
    }

    private static readonly Encoding StrictUtf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false);

    public static DecodedText Decode(ReadOnlySpan<byte> bytes, string? declaredCharset = null, long byteOffset = 0)
    {
        var (raw, encodingName) = DecodeRaw(bytes, declaredCharset);
        var (text, map, repaired) = MojibakeRepair.Normalize(raw, repair: true, normalizeLineEndings: true);
        return new DecodedText(text, encodingName, map, repaired) { Warning = InvalidUtf8Warning(bytes, encodingName, byteOffset) };
    }

    /// <summary>
    /// Names the invalid UTF-8 in input read as UTF-8 (replaced by U+FFFD) or in mostly-UTF-8 input read as
    /// Windows-1252 because of a few stray bytes. Input that is Latin-1 throughout gets no warning: it is not broken.
    /// <paramref name="byteOffset"/> is where <paramref name="bytes"/> start in the file.
    /// </summary>
    internal static string? InvalidUtf8Warning(ReadOnlySpan<byte> bytes, string encodingName, long byteOffset = 0)
    {
        var readAsUtf8 = encodingName == "utf-8";
        if (!readAsUtf8 && encodingName is not ("windows-1252" or "iso-8859-1"))
        {
            return null;
        }

        if (Utf8.IsValid(bytes))
        {
            return null;
        }

        var (first, invalid, validSequences) = Utf8Inspection.Inspect(bytes);
        if (!readAsUtf8 && validSequences < invalid)
        {
            return null;
        }

        var at = (byteOffset + first).ToString("N0", CultureInfo.InvariantCulture);
        var count = invalid == 1 ? "1 byte" : $"{invalid.ToString("N0", CultureInfo.InvariantCulture)} bytes";
        return readAsUtf8
            ? $"invalid UTF-8: {count} replaced by U+FFFD, the first at byte {at}"
            : $"invalid UTF-8: {count} read as Windows-1252 instead, the first at byte {at}";
    }

    /// <summary>Repairs UTF-8 that was decoded as Windows-1252/Latin-1 ("KÃ¶lner" → "Kölner"); other text is returned unchanged.</summary>
    public static string RepairMojibake(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return MojibakeRepair.Normalize(text, repair: true, normalizeLineEndings: false).Text;
    }

    /// <summary>Repairs mojibake and normalises line endings in already decoded text (a JSON string, a feed field), with the map back.</summary>
    public static (string Text, OffsetMap Map, bool Repaired) Normalize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return MojibakeRepair.Normalize(text, repair: true, normalizeLineEndings: true);
    }

    /// <summary>Decodes without repair or normalisation: the characters every offset map of the input ends at.</summary>
    internal static (string Text, string EncodingName) DecodeRaw(ReadOnlySpan<byte> bytes, string? declaredCharset)
    {
        var bom = DetectByteOrderMark(bytes);
        if (bom is not null)
        {
            var (encoding, length) = bom.Value;
            return (encoding.GetString(bytes[length..]), encoding.WebName);
        }

        if (InputSniffer.Utf16WithoutMark(bytes[..Math.Min(bytes.Length, InputSniffer.HeadLength)]) is { } utf16)
        {
            return (utf16.GetString(bytes[..(bytes.Length & ~1)]), utf16.WebName);
        }

        var declared = ResolveCharset(declaredCharset);
        if (declared is not null && IsPlausible(declared, bytes))
        {
            if (declared.CodePage == Encoding.UTF8.CodePage)
            {
                return (StrictUtf8.GetString(bytes), "utf-8");
            }

            if (!IsLatinFamily(declared))
            {
                return (declared.GetString(bytes), declared.WebName);
            }
        }

        if (Utf8.IsValid(bytes))
        {
            return (StrictUtf8.GetString(bytes), "utf-8");
        }

        return DecodeSingleByteLatin(bytes);
    }

    /// <summary>Windows-1252 when C1 bytes (0x80–0x9F) occur, since they are punctuation there and almost never controls; else ISO-8859-1 (identical otherwise).</summary>
    private static (string Text, string EncodingName) DecodeSingleByteLatin(ReadOnlySpan<byte> bytes)
    {
        var hasC1 = bytes.IndexOfAnyInRange((byte)0x80, (byte)0x9F) >= 0;
        var encoding = hasC1 ? Encoding.GetEncoding(1252) : Encoding.Latin1;
        return (encoding.GetString(bytes), hasC1 ? "windows-1252" : "iso-8859-1");
    }

    private static (Encoding Encoding, int Length)? DetectByteOrderMark(ReadOnlySpan<byte> bytes)
    {
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            return (StrictUtf8, 3);
        }

        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE, 0x00, 0x00]))
        {
            return (new UTF32Encoding(bigEndian: false, byteOrderMark: false), 4);
        }

        if (bytes.StartsWith((ReadOnlySpan<byte>)[0x00, 0x00, 0xFE, 0xFF]))
        {
            return (new UTF32Encoding(bigEndian: true, byteOrderMark: false), 4);
        }

        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]))
        {
            return (Encoding.Unicode, 2);
        }

        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
        {
            return (Encoding.BigEndianUnicode, 2);
        }

        return null;
    }

    /// <summary>The encoding a charset label names, or null for an unknown label.</summary>
    internal static Encoding? ResolveCharset(string? label)
    {
        if (string.IsNullOrWhiteSpace(label))
        {
            return null;
        }

        var name = label.Trim().Trim('"', '\'').ToLowerInvariant();
        switch (name)
        {
            case "utf8":
            case "utf-8":
            case "unicode-1-1-utf-8":
                return StrictUtf8;
            case "latin1":
            case "latin-1":
            case "iso-8859-1":
            case "iso8859-1":
            case "iso_8859-1":
            case "us-ascii":
            case "ascii":
            case "windows-1252":
            case "cp1252":
            case "x-cp1252":
                return Encoding.GetEncoding(1252);
        }

        try
        {
            return Encoding.GetEncoding(name);
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    /// <summary>
    /// Whether a declared charset can be right for these bytes. A single-byte Latin label on bytes that are valid,
    /// non-ASCII UTF-8 is the classic mislabel (random Latin-1 text is almost never valid UTF-8), so UTF-8 wins;
    /// a UTF-16/32 label without zero bytes is impossible; UTF-8 must validate.
    /// </summary>
    private static bool IsPlausible(Encoding declared, ReadOnlySpan<byte> bytes)
    {
        if (declared.CodePage == Encoding.UTF8.CodePage)
        {
            return Utf8.IsValid(bytes);
        }

        if (declared is UnicodeEncoding or UTF32Encoding)
        {
            return bytes.Length >= 2 && bytes[..Math.Min(bytes.Length, 1024)].Contains((byte)0);
        }

        if (Utf8.IsValid(bytes) && !Ascii.IsValid(bytes))
        {
            return false;
        }

        return true;
    }

    private static bool IsLatinFamily(Encoding encoding) => encoding.CodePage is 1252 or 28591 or 20127;
}
