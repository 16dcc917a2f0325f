using System.Buffers.Binary;
using System.Text;
using Lagebild.Ingest.Decoding;

namespace Lagebild.Ingest.PlainText;

/// <summary>One part of a plain-text input too large for one article: its bytes, where they start and how it was cut.</summary>
internal sealed record TextPart(int Number, long ByteOffset, byte[] Bytes, string? Charset, TextPartCut Cut);

/// <summary>Where a part ends: after a blank line, at a line break, inside a line (no break within the limit), or at the end of input.</summary>
internal enum TextPartCut
{
    Paragraph,
    Line,
    InsideLine,
    EndOfInput,
}

/// <summary>
/// Cuts a plain-text stream into parts of at most a given number of bytes, each ending after a blank line (a paragraph
/// boundary) where there is one, else at a line break, else inside a line. Works on bytes with one buffer of the
/// limit's size, so memory stays bounded for any input length; UTF-16 and UTF-32 are cut on whole code units.
/// </summary>
internal static class ParagraphSplitter
{
    /// <summary>
    /// The parts of an input whose first <paramref name="filled"/> bytes are in <paramref name="buffer"/> (whose length
    /// is the limit plus one) and whose remaining bytes are in <paramref name="rest"/>.
    /// </summary>
    public static IEnumerable<TextPart> Split(byte[] buffer, int filled, Stream rest, int limit)
    {
        ArgumentNullException.ThrowIfNull(buffer);
        ArgumentNullException.ThrowIfNull(rest);
        var (unit, bigEndian, charset) = Layout(buffer.AsSpan(0, filled));
        long offset = 0;
        var number = 0;
        while (filled > 0)
        {
            filled += Fill(rest, buffer, filled);
            if (filled <= limit)
            {
                yield return new TextPart(++number, offset, buffer[..filled], number == 1 ? null : charset, TextPartCut.EndOfInput);
                yield break;
            }

            var (cut, kind) = FindCut(buffer.AsSpan(0, limit), unit, bigEndian);
            yield return new TextPart(++number, offset, buffer[..cut], number == 1 ? null : charset, kind);
            Buffer.BlockCopy(buffer, cut, buffer, 0, filled - cut);
            filled -= cut;
            offset += cut;
        }
    }

    /// <summary>Code-unit size and byte order of the text, and the charset later parts (without the byte-order mark) must be read as.</summary>
    private static (int Unit, bool BigEndian, string? Charset) Layout(ReadOnlySpan<byte> head)
    {
        if (head.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE, 0x00, 0x00]))
        {
            return (4, false, "utf-32");
        }

        if (head.StartsWith((ReadOnlySpan<byte>)[0x00, 0x00, 0xFE, 0xFF]))
        {
            return (4, true, "utf-32BE");
        }

        if (head.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]))
        {
            return (2, false, "utf-16");
        }

        if (head.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
        {
            return (2, true, "utf-16BE");
        }

        if (head.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            return (1, false, "utf-8");
        }

        return InputSniffer.Utf16WithoutMark(head[..Math.Min(head.Length, InputSniffer.HeadLength)]) is { } utf16
            ? (2, utf16.CodePage == Encoding.BigEndianUnicode.CodePage, utf16.WebName)
            : (1, false, null);
    }

    /// <summary>
    /// The byte position to cut at within <paramref name="window"/>: after the last blank line, else after the last
    /// line break, else at the window's end moved back to a character boundary.
    /// </summary>
    private static (int Cut, TextPartCut Kind) FindCut(ReadOnlySpan<byte> window, int unit, bool bigEndian)
    {
        var units = window.Length / unit;
        var lastParagraph = -1;
        var lastLine = -1;
        var lineStart = 0;
        var lineBlank = true;
        for (var i = 0; i < units; i++)
        {
            var c = CodeUnit(window, i, unit, bigEndian);
            if (c == '\n')
            {
                if (lineBlank && lineStart > 0)
                {
                    lastParagraph = i + 1;
                }

                lastLine = i + 1;
                lineStart = i + 1;
                lineBlank = true;
            }
            else if (c is not (' ' or '\t' or '\r'))
            {
                lineBlank = false;
            }
        }

        if (lastParagraph > 0)
        {
            return (lastParagraph * unit, TextPartCut.Paragraph);
        }

        if (lastLine > 0)
        {
            return (lastLine * unit, TextPartCut.Line);
        }

        var end = units;
        if (unit == 1)
        {
            // Not inside a UTF-8 sequence: find the lead byte of the last sequence and cut before it when it is incomplete.
            var lead = end - 1;
            while (lead > 0 && end - lead < 4 && (window[lead] & 0xC0) == 0x80)
            {
                lead--;
            }

            var length = window[lead] switch
            {
                >= 0xF0 => 4,
                >= 0xE0 => 3,
                >= 0xC0 => 2,
                _ => 1,
            };
            if (lead > 0 && lead + length > end)
            {
                end = lead;
            }
        }
        else if (unit == 2 && char.IsHighSurrogate((char)CodeUnit(window, end - 1, unit, bigEndian)))
        {
            end--;
        }

        return (end * unit, TextPartCut.InsideLine);
    }

    private static int CodeUnit(ReadOnlySpan<byte> bytes, int index, int unit, bool bigEndian) => unit switch
    {
        1 => bytes[index],
        2 => bigEndian ? BinaryPrimitives.ReadUInt16BigEndian(bytes[(index * 2)..]) : BinaryPrimitives.ReadUInt16LittleEndian(bytes[(index * 2)..]),
        _ => (int)Math.Min(int.MaxValue, bigEndian ? BinaryPrimitives.ReadUInt32BigEndian(bytes[(index * 4)..]) : BinaryPrimitives.ReadUInt32LittleEndian(bytes[(index * 4)..])),
    };

    /// <summary>Reads into the free end of <paramref name="buffer"/> until it is full or the stream ends; returns the count read.</summary>
    private static int Fill(Stream stream, byte[] buffer, int filled)
    {
        var total = 0;
        while (filled + total < buffer.Length)
        {
            var read = stream.Read(buffer, filled + total, buffer.Length - filled - total);
            if (read == 0)
            {
                break;
            }

            total += read;
        }

        return total;
    }
}
