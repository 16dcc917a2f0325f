using AngleSharp.Dom;

namespace Lagebild.Ingest.Html;

/// <summary>
/// Finds where the characters of a parsed text node came from in the raw HTML string.
/// AngleSharp records source positions for elements only, so a text node is located by scanning the raw
/// markup from a lower bound (its previous sibling's or parent's start tag, or the end of the last node found,
/// since document order is almost always source order) and matching the decoded text against the raw
/// characters, stepping over character references, carriage returns and stray tags the parser dropped.
/// </summary>
internal sealed class HtmlSourceAligner
{
    /// <summary>How far past the lower bound a text node is searched for before giving up (chars).</summary>
    private const int SearchWindow = 1 << 18;

    /// <summary>A partial match this long is trusted; the rest of the node is mapped linearly.</summary>
    private const int TrustedPrefix = 12;

    private readonly string _raw;
    private int _cursor;

    public HtmlSourceAligner(string raw)
    {
        _raw = raw;
    }

    /// <summary>Fills <paramref name="map"/>[i] with the raw offset of character i of the node's text.</summary>
    public void Locate(IText node, Span<int> map)
    {
        var text = node.Data;
        if (text.Length == 0)
        {
            return;
        }

        var lowerBound = LowerBound(node);
        var start = Math.Max(lowerBound, _cursor);
        if (TrySearch(start, text, map, out var end) || (start > lowerBound && TrySearch(lowerBound, text, map, out end)))
        {
            _cursor = end;
            return;
        }

        // Not found (a parser repair moved the text, or the source is stranger than the scanner knows):
        // map linearly from the bound so offsets stay inside the right region.
        for (var i = 0; i < map.Length; i++)
        {
            map[i] = Math.Min(lowerBound + i, Math.Max(0, _raw.Length - 1));
        }
    }

    private static int LowerBound(INode node)
    {
        for (var sibling = node.PreviousSibling; sibling is not null; sibling = sibling.PreviousSibling)
        {
            if (sibling is IElement { SourceReference: { } reference })
            {
                return reference.Position.Index;
            }
        }

        for (var parent = node.Parent; parent is not null; parent = parent.Parent)
        {
            if (parent is IElement { SourceReference: { } reference })
            {
                return reference.Position.Index;
            }
        }

        return 0;
    }

    private bool TrySearch(int from, string text, Span<int> map, out int end)
    {
        var limit = (int)Math.Min(_raw.Length, (long)from + SearchWindow);
        var r = from;
        while (r < limit)
        {
            if (_raw[r] == '<' && LooksLikeMarkup(r))
            {
                r = SkipMarkup(r);
                continue;
            }

            if (TryMatch(r, text, map, out end))
            {
                return true;
            }

            r++;
        }

        end = from;
        return false;
    }

    private bool TryMatch(int r, string text, Span<int> map, out int end)
    {
        var i = 0;
        end = r;
        while (i < text.Length)
        {
            if (r >= _raw.Length)
            {
                return false;
            }

            var c = _raw[r];
            var expected = text[i];
            if (c == '&' && TryReference(r, out var decoded, out var referenceEnd)
                && string.CompareOrdinal(text, i, decoded, 0, decoded.Length) == 0)
            {
                for (var k = 0; k < decoded.Length; k++)
                {
                    map[i + k] = r;
                }

                i += decoded.Length;
                r = referenceEnd;
                continue;
            }

            if (c == expected)
            {
                map[i++] = r++;
                continue;
            }

            if (c == '\r')
            {
                // The parser turns CR and CRLF into LF.
                if (expected == '\n')
                {
                    map[i++] = r++;
                    if (r < _raw.Length && _raw[r] == '\n')
                    {
                        r++;
                    }
                }
                else
                {
                    r++;
                }

                continue;
            }

            if (c == '<' && i > 0 && LooksLikeMarkup(r))
            {
                // A stray tag the parser ignored sits inside this text node.
                r = SkipMarkup(r);
                continue;
            }

            if (c == '\0')
            {
                if (expected == '\uFFFD')
                {
                    map[i++] = r;
                }

                r++;
                continue;
            }

            if (c == '&' && i >= TrustedPrefix)
            {
                // A reference our decoder reads differently from the parser: take it as one character.
                map[i++] = r;
                r = TryReference(r, out _, out referenceEnd) ? referenceEnd : r + 1;
                continue;
            }

            if (i < TrustedPrefix)
            {
                return false;
            }

            for (; i < text.Length; i++)
            {
                map[i] = Math.Min(r++, _raw.Length - 1);
            }

            break;
        }

        end = r;
        return true;
    }

    private bool LooksLikeMarkup(int r)
    {
        if (r + 1 >= _raw.Length)
        {
            return false;
        }

        var next = _raw[r + 1];
        return char.IsAsciiLetter(next) || next == '/' || next == '!' || next == '?';
    }

    /// <summary>Skips a tag, comment, doctype or raw-text element (script, style) starting at '&lt;'.</summary>
    private int SkipMarkup(int r)
    {
        if (string.CompareOrdinal(_raw, r, "<!--", 0, 4) == 0)
        {
            var close = _raw.IndexOf("-->", r + 4, StringComparison.Ordinal);
            return close < 0 ? _raw.Length : close + 3;
        }

        var nameStart = r + 1;
        var tagEnd = SkipTag(r);
        if (char.IsAsciiLetter(_raw[nameStart]))
        {
            foreach (var rawTextTag in RawTextTags)
            {
                if (IsTagNamed(nameStart, rawTextTag))
                {
                    var close = _raw.IndexOf("</" + rawTextTag, tagEnd, StringComparison.OrdinalIgnoreCase);
                    return close < 0 ? _raw.Length : SkipTag(close);
                }
            }
        }

        return tagEnd;
    }

    private static readonly string[] RawTextTags = ["script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes"];

    private bool IsTagNamed(int nameStart, string name)
    {
        if (nameStart + name.Length > _raw.Length || string.Compare(_raw, nameStart, name, 0, name.Length, StringComparison.OrdinalIgnoreCase) != 0)
        {
            return false;
        }

        var after = nameStart + name.Length;
        return after >= _raw.Length || !char.IsAsciiLetterOrDigit(_raw[after]);
    }

    private int SkipTag(int r)
    {
        var quote = '\0';
        for (var k = r + 1; k < _raw.Length; k++)
        {
            var c = _raw[k];
            if (quote != '\0')
            {
                if (c == quote)
                {
                    quote = '\0';
                }

                continue;
            }

            if ((c == '"' || c == '\'') && k > 0 && _raw[k - 1] == '=')
            {
                quote = c;
            }
            else if (c == '>')
            {
                return k + 1;
            }
        }

        return _raw.Length;
    }

    /// <summary>Reads a character reference at '&amp;' the way the HTML parser would (named, decimal, hex).</summary>
    private bool TryReference(int r, out string decoded, out int end)
    {
        decoded = "";
        end = r;
        var k = r + 1;
        if (k >= _raw.Length)
        {
            return false;
        }

        if (_raw[k] == '#')
        {
            k++;
            var hex = k < _raw.Length && (_raw[k] == 'x' || _raw[k] == 'X');
            if (hex)
            {
                k++;
            }

            var digitsStart = k;
            long value = 0;
            while (k < _raw.Length && (hex ? char.IsAsciiHexDigit(_raw[k]) : char.IsAsciiDigit(_raw[k])) && k - digitsStart < 8)
            {
                value = (value * (hex ? 16 : 10)) + DigitValue(_raw[k]);
                k++;
            }

            if (k == digitsStart)
            {
                return false;
            }

            if (k < _raw.Length && _raw[k] == ';')
            {
                k++;
            }

            decoded = value is > 0 and <= 0x10FFFF and not (>= 0xD800 and <= 0xDFFF) ? char.ConvertFromUtf32((int)value) : "\uFFFD";
            end = k;
            return true;
        }

        var nameStart = k;
        while (k < _raw.Length && char.IsAsciiLetterOrDigit(_raw[k]) && k - nameStart < 40)
        {
            k++;
        }

        if (k == nameStart)
        {
            return false;
        }

        var resolver = AngleSharp.Html.HtmlEntityProvider.Resolver;
        if (k < _raw.Length && _raw[k] == ';')
        {
            var symbol = resolver.GetSymbol(_raw.Substring(nameStart, k - nameStart + 1));
            if (!string.IsNullOrEmpty(symbol))
            {
                decoded = symbol;
                end = k + 1;
                return true;
            }
        }

        // Legacy references without a semicolon ("&copy2019"): the longest known prefix.
        for (var length = Math.Min(k - nameStart, 8); length >= 2; length--)
        {
            var symbol = resolver.GetSymbol(_raw.Substring(nameStart, length));
            if (!string.IsNullOrEmpty(symbol))
            {
                decoded = symbol;
                end = nameStart + length;
                return true;
            }
        }

        return false;
    }

    private static int DigitValue(char c) => c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10;
}
