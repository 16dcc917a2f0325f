using System.Buffers;
using System.Collections.Frozen;
using System.Globalization;
using System.Text;
using Lagebild.Documents;

namespace Lagebild.Ingest.Decoding;

/// <summary>
/// Repairs UTF-8 that was decoded as Windows-1252 or Latin-1 ("KÃ¶lner" → "Kölner", "â€ž" → "„") and normalises
/// line endings, in one pass with an offset map back to the input characters.
/// </summary>
/// <remarks>
/// Works per run: a maximal run of characters that a Windows-1252 byte ≥ 0x80 can stand for. A run is repaired only
/// when it holds at least one valid UTF-8 sequence whose character lies in a script or symbol block that real text uses,
/// and none of its other characters is a UTF-8 lead byte left over (a lone "Ã" in "SÃO" is real text; "ß“" in
/// German "Fuß“" would decode to an NKo letter and is kept).
/// </remarks>
internal static class MojibakeRepair
{
    private static readonly SearchValues<char> RepairTriggers = SearchValues.Create(LeadCharacters());
    private static readonly SearchValues<char> RepairAndNewlineTriggers = SearchValues.Create(LeadCharacters() + "\r");
    private static readonly SearchValues<char> NewlineTriggers = SearchValues.Create("\r");

    /// <summary>Windows-1252 characters outside U+0080–U+00FF and the byte each stands for.</summary>
    private static readonly FrozenDictionary<char, byte> Windows1252Specials = BuildSpecials();

    private const char ByteOrderMark = '\uFEFF';

    public static (string Text, OffsetMap Map, bool Repaired) Normalize(string text, bool repair, bool normalizeLineEndings)
    {
        var triggers = (repair, normalizeLineEndings) switch
        {
            (true, true) => RepairAndNewlineTriggers,
            (true, false) => RepairTriggers,
            (false, true) => NewlineTriggers,
            _ => null,
        };
        if (triggers is null)
        {
            return (text, OffsetMap.Identity, false);
        }

        var span = text.AsSpan();
        var next = span.IndexOfAny(triggers);
        if (next < 0)
        {
            return (text, OffsetMap.Identity, false);
        }

        OffsetMapBuilder? builder = null;
        var copyStart = 0;
        var changed = false;
        var repaired = false;
        Span<char> decoded = stackalloc char[2];
        while (next >= 0)
        {
            var at = next;
            var c = span[at];
            int resume;
            if (c == '\r')
            {
                builder ??= new OffsetMapBuilder();
                builder.Append(span[copyStart..at], copyStart);
                builder.Append('\n', at);
                resume = at + 1 < span.Length && span[at + 1] == '\n' ? at + 2 : at + 1;
                copyStart = resume;
                changed = true;
            }
            else if (at + 1 >= span.Length || ToWindows1252Byte(span[at + 1]) is < 0x80 or > 0xBF)
            {
                // A lead character not followed by a continuation ("ä" in "Bär"): its run cannot be repaired.
                resume = at + 1;
            }
            else
            {
                var runStart = at;
                while (runStart > copyStart && IsMojibakeCharacter(span[runStart - 1]))
                {
                    runStart--;
                }

                var runEnd = at + 1;
                while (runEnd < span.Length && IsMojibakeCharacter(span[runEnd]))
                {
                    runEnd++;
                }

                resume = runEnd;
                if (IsRepairableRun(span[runStart..runEnd]))
                {
                    builder ??= new OffsetMapBuilder();
                    builder.Append(span[copyStart..runStart], copyStart);
                    EmitRepairedRun(builder, span, runStart, runEnd, decoded);
                    copyStart = runEnd;
                    changed = true;
                    repaired = true;
                }
            }

            if (resume >= span.Length)
            {
                break;
            }

            var found = span[resume..].IndexOfAny(triggers);
            next = found < 0 ? -1 : resume + found;
        }

        if (!changed || builder is null)
        {
            return (text, OffsetMap.Identity, false);
        }

        builder.Append(span[copyStart..], copyStart);
        var (result, map) = builder.Build();
        return (result, map, repaired);
    }

    private static bool IsRepairableRun(ReadOnlySpan<char> run)
    {
        var sequences = 0;
        Span<char> scratch = stackalloc char[2];
        var i = 0;
        while (i < run.Length)
        {
            var length = TryDecodeSequence(run[i..], scratch, out _);
            if (length > 0)
            {
                sequences++;
                i += length;
                continue;
            }

            if (IsLeadCharacter(run[i]))
            {
                return false;
            }

            i++;
        }

        return sequences > 0;
    }

    private static void EmitRepairedRun(OffsetMapBuilder builder, ReadOnlySpan<char> text, int start, int end, Span<char> decoded)
    {
        var i = start;
        while (i < end)
        {
            var length = TryDecodeSequence(text[i..end], decoded, out var written);
            if (length > 0)
            {
                // A byte-order mark that went through double encoding is noise, not text.
                if (!(written == 1 && decoded[0] == ByteOrderMark))
                {
                    builder.Append(decoded[..written], i);
                }

                i += length;
                continue;
            }

            builder.Append(text[i], i);
            i++;
        }
    }

    /// <summary>
    /// Reads one UTF-8 sequence spelled as Windows-1252 characters at the start of <paramref name="chars"/>;
    /// returns how many characters it used (0: none) and writes the decoded UTF-16 into <paramref name="decoded"/>.
    /// </summary>
    private static int TryDecodeSequence(ReadOnlySpan<char> chars, Span<char> decoded, out int written)
    {
        written = 0;
        var lead = chars[0];
        if (!IsLeadCharacter(lead))
        {
            return 0;
        }

        int length;
        int codePoint;
        if (lead <= 0xDF)
        {
            length = 2;
            codePoint = lead & 0x1F;
        }
        else if (lead <= 0xEF)
        {
            length = 3;
            codePoint = lead & 0x0F;
        }
        else
        {
            length = 4;
            codePoint = lead & 0x07;
        }

        if (chars.Length < length)
        {
            return 0;
        }

        for (var k = 1; k < length; k++)
        {
            var b = ToWindows1252Byte(chars[k]);
            if (b is < 0x80 or > 0xBF)
            {
                return 0;
            }

            if (k == 1)
            {
                // Overlong forms, UTF-16 surrogates and code points past U+10FFFF are not UTF-8.
                if ((lead == 0xE0 && b < 0xA0) || (lead == 0xED && b > 0x9F) || (lead == 0xF0 && b < 0x90) || (lead == 0xF4 && b > 0x8F))
                {
                    return 0;
                }
            }

            codePoint = (codePoint << 6) | (b & 0x3F);
        }

        if (!IsPlausibleRepair(codePoint))
        {
            return 0;
        }

        written = new Rune(codePoint).EncodeToUtf16(decoded);
        return length;
    }

    /// <summary>Blocks that real news text uses; a repair into anything else (NKo, private use, controls) is a false alarm.</summary>
    private static bool IsPlausibleRepair(int codePoint)
    {
        var inBlock = codePoint switch
        {
            >= 0x00A0 and <= 0x058F => true, // Latin-1 supplement, Latin extended, IPA, modifiers, combining marks, Greek, Cyrillic, Armenian
            >= 0x05D0 and <= 0x06FF => true, // Hebrew letters, Arabic
            >= 0x1E00 and <= 0x1FFF => true, // Latin extended additional, Greek extended
            >= 0x2000 and <= 0x206F => true, // general punctuation (dashes, quotes, ellipsis, zero-width space)
            >= 0x20A0 and <= 0x20CF => true, // currency
            >= 0x2100 and <= 0x21FF => true, // letterlike symbols, number forms, arrows
            >= 0x2200 and <= 0x22FF => true, // mathematical operators
            >= 0x2500 and <= 0x27BF => true, // box drawing, shapes, miscellaneous symbols, dingbats
            >= 0x3000 and <= 0x9FFF => true, // CJK punctuation, kana, CJK ideographs
            >= 0xAC00 and <= 0xD7AF => true, // Hangul
            0xFEFF => true,
            >= 0x1F000 and <= 0x1FAFF => true, // emoji and pictographs
            _ => false,
        };
        if (!inBlock)
        {
            return false;
        }

        var category = CharUnicodeInfo.GetUnicodeCategory(codePoint);
        return category is not (UnicodeCategory.Control or UnicodeCategory.OtherNotAssigned or UnicodeCategory.PrivateUse or UnicodeCategory.Surrogate);
    }

    private static bool IsLeadCharacter(char c) => c is >= '\u00C2' and <= '\u00F4';

    private static bool IsMojibakeCharacter(char c) => c is >= '\u0080' and <= '\u00FF' || (c > '\u00FF' && Windows1252Specials.ContainsKey(c));

    private static int ToWindows1252Byte(char c)
    {
        if (c <= '\u00FF')
        {
            return c;
        }

        return Windows1252Specials.TryGetValue(c, out var b) ? b : -1;
    }

    private static string LeadCharacters()
    {
        var builder = new StringBuilder();
        for (var c = '\u00C2'; c <= '\u00F4'; c++)
        {
            builder.Append(c);
        }

        return builder.ToString();
    }

    private static FrozenDictionary<char, byte> BuildSpecials()
    {
        // Ask the framework's code page rather than spelling the table out.
        var encoding = CodePagesEncodingProvider.Instance.GetEncoding(1252)
            ?? throw new InvalidOperationException("Windows-1252 is not available.");
        var specials = new Dictionary<char, byte>();
        for (var b = 0x80; b <= 0x9F; b++)
        {
            var c = encoding.GetString([(byte)b])[0];
            if (c > '\u00FF')
            {
                specials[c] = (byte)b;
            }
        }

        return specials.ToFrozenDictionary();
    }
}
