using System.Text;

namespace Lagebild.Ingest.Decoding;

/// <summary>
/// Finds the charset a page or XML document declares about itself in its first bytes:
/// &lt;meta charset=...&gt;, &lt;meta http-equiv="Content-Type" content="...; charset=..."&gt;, or &lt;?xml encoding="..."?&gt;.
/// A byte scanner, not a parser: the declaration must come early and in ASCII, as the HTML standard requires.
/// </summary>
public static class MarkupCharsetSniffer
{
    private const int PrescanLength = 4096;

    public static string? Sniff(ReadOnlySpan<byte> bytes)
    {
        var head = bytes[..Math.Min(bytes.Length, PrescanLength)];
        var xml = XmlDeclarationEncoding(head);
        if (xml is not null)
        {
            return xml;
        }

        var position = 0;
        while (position < head.Length)
        {
            var found = IndexOfIgnoreCase(head[position..], "<meta"u8);
            if (found < 0)
            {
                return null;
            }

            var tagStart = position + found + 5;
            var tagLength = head[tagStart..].IndexOf((byte)'>');
            var tag = tagLength < 0 ? head[tagStart..] : head[tagStart..(tagStart + tagLength)];
            var charset = ValueAfter(tag, "charset"u8);
            if (charset is not null)
            {
                return charset;
            }

            position = tagStart;
        }

        return null;
    }

    /// <summary>The charset parameter of an HTTP Content-Type value ("text/html; charset=ISO-8859-1").</summary>
    public static string? FromContentType(string? contentType)
    {
        if (string.IsNullOrEmpty(contentType))
        {
            return null;
        }

        return ValueAfter(Encoding.ASCII.GetBytes(contentType), "charset"u8);
    }

    private static string? XmlDeclarationEncoding(ReadOnlySpan<byte> head)
    {
        var start = 0;
        while (start < head.Length && head[start] is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n')
        {
            start++;
        }

        if (!head[start..].StartsWith("<?xml"u8))
        {
            return null;
        }

        var end = head[start..].IndexOf("?>"u8);
        var declaration = end < 0 ? head[start..] : head[start..(start + end)];
        return ValueAfter(declaration, "encoding"u8);
    }

    /// <summary>The value following "name", optional spaces, "=", optional spaces and an optional quote.</summary>
    private static string? ValueAfter(ReadOnlySpan<byte> text, ReadOnlySpan<byte> name)
    {
        var searchFrom = 0;
        while (searchFrom < text.Length)
        {
            var found = IndexOfIgnoreCase(text[searchFrom..], name);
            if (found < 0)
            {
                return null;
            }

            var i = searchFrom + found + name.Length;
            searchFrom = i;
            while (i < text.Length && text[i] == (byte)' ')
            {
                i++;
            }

            if (i >= text.Length || text[i] != (byte)'=')
            {
                continue;
            }

            i++;
            while (i < text.Length && text[i] is (byte)' ' or (byte)'"' or (byte)'\'')
            {
                i++;
            }

            var valueStart = i;
            while (i < text.Length && (char.IsAsciiLetterOrDigit((char)text[i]) || text[i] is (byte)'-' or (byte)'_' or (byte)'.' or (byte)':'))
            {
                i++;
            }

            if (i > valueStart)
            {
                return Encoding.ASCII.GetString(text[valueStart..i]);
            }
        }

        return null;
    }

    private static int IndexOfIgnoreCase(ReadOnlySpan<byte> haystack, ReadOnlySpan<byte> lowerNeedle)
    {
        for (var i = 0; i + lowerNeedle.Length <= haystack.Length; i++)
        {
            var match = true;
            for (var k = 0; k < lowerNeedle.Length; k++)
            {
                var b = haystack[i + k];
                if (b is >= (byte)'A' and <= (byte)'Z')
                {
                    b = (byte)(b + 32);
                }

                if (b != lowerNeedle[k])
                {
                    match = false;
                    break;
                }
            }

            if (match)
            {
                return i;
            }
        }

        return -1;
    }
}
