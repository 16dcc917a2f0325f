using System.Text;

namespace Lagebild.Ingest.Decoding;

/// <summary>Tells what an input holds from its name and its first bytes (after decompression).</summary>
public static class InputSniffer
{
    /// <summary>How many leading bytes the sniffer wants to see.</summary>
    public const int HeadLength = 4096;

    public static bool IsGzip(ReadOnlySpan<byte> head) => head.Length >= 2 && head[0] == 0x1F && head[1] == 0x8B;

    /// <summary>The file name without a trailing ".gz" (the name of what the gzip holds).</summary>
    public static string InnerName(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return name.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) ? name[..^3] : name;
    }

    public static InputKind Detect(string name, ReadOnlySpan<byte> head)
    {
        ArgumentNullException.ThrowIfNull(name);
        var extension = Path.GetExtension(InnerName(Path.GetFileName(name))).ToLowerInvariant();
        switch (extension)
        {
            case ".warc":
            case ".arc":
                return InputKind.Warc;
            case ".jsonl":
            case ".ndjson":
                return InputKind.Jsonl;
            case ".html":
            case ".htm":
            case ".xhtml":
            case ".shtml":
                return InputKind.Html;
        }

        var text = HeadAsText(head).TrimStart();
        if (text.StartsWith("WARC/", StringComparison.Ordinal) || text.StartsWith("filedesc://", StringComparison.Ordinal))
        {
            return InputKind.Warc;
        }

        if (text.StartsWith('{'))
        {
            // JSON Feed names its version by URL, often with escaped slashes ("https:\/\/jsonfeed.org\/version\/1").
            var isJsonFeed = text.Contains("\"version\"", StringComparison.Ordinal) && text.Contains("jsonfeed.org", StringComparison.OrdinalIgnoreCase);
            return isJsonFeed ? InputKind.Feed : InputKind.Jsonl;
        }

        if (text.StartsWith('<'))
        {
            var kind = MarkupKind(text);
            if (kind is not null)
            {
                return kind.Value;
            }
        }

        return extension switch
        {
            ".rss" or ".atom" or ".rdf" or ".xml" => InputKind.Feed,
            ".json" => text.StartsWith('[') ? InputKind.Text : InputKind.Jsonl,
            _ => InputKind.Text,
        };
    }

    /// <summary>
    /// Why the head of an input is not text, or null when it may be: NUL bytes (outside UTF-16/32), many control
    /// characters, or bytes that are neither UTF-8 nor plausible single-byte Latin text. Legacy 8-bit text (ISO-8859-1,
    /// Windows-1252) has a few high bytes per line and no controls, so it passes.
    /// </summary>
    public static string? BinaryReason(ReadOnlySpan<byte> head)
    {
        if (head.IsEmpty || HasUnicodeMark(head) || Utf16WithoutMark(head) is not null)
        {
            return null;
        }

        // A multi-byte UTF-8 sequence cut at the end of the head is not a fault of the input.
        var sample = head.Length == HeadLength ? head[..^3] : head;
        if (sample.Contains((byte)0))
        {
            return "binary content (NUL bytes)";
        }

        var controls = 0;
        var high = 0;
        foreach (var b in sample)
        {
            if ((b < 0x20 && b is not ((byte)'\t' or (byte)'\n' or (byte)'\r' or 0x0C or 0x1B)) || b == 0x7F)
            {
                controls++;
            }
            else if (b >= 0x80)
            {
                high++;
            }
        }

        if (controls * 100 > sample.Length * MaxControlPercent)
        {
            return "binary content (control characters)";
        }

        // Random bytes are half high bytes and almost never valid UTF-8; Latin text has a few percent of them.
        if (high * 100 > sample.Length * MaxUndecodablePercent && !System.Text.Unicode.Utf8.IsValid(sample))
        {
            return "binary content (not decodable as text)";
        }

        return null;
    }

    /// <summary>Control characters (other than tab, line breaks, form feed, escape) tolerated in text, in percent.</summary>
    private const int MaxControlPercent = 2;

    /// <summary>High bytes tolerated in text that is not valid UTF-8, in percent: German in Latin-1 has about 1–3.</summary>
    private const int MaxUndecodablePercent = 25;

    /// <summary>Whether the bytes start with a UTF-8, UTF-16 or UTF-32 byte-order mark.</summary>
    public static bool HasUnicodeMark(ReadOnlySpan<byte> head) =>
        head.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF])
        || head.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE])
        || head.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF])
        || head.StartsWith((ReadOnlySpan<byte>)[0x00, 0x00, 0xFE, 0xFF]);

    /// <summary>
    /// UTF-16 without a byte-order mark, told by its zero bytes: text in Latin script has a NUL in every other byte,
    /// at odd positions (little-endian) or even ones (big-endian). Null when the bytes do not look like that.
    /// </summary>
    public static Encoding? Utf16WithoutMark(ReadOnlySpan<byte> head)
    {
        if (head.Length < 16)
        {
            return null;
        }

        int evenZeros = 0, oddZeros = 0;
        var pairs = head.Length / 2;
        for (var i = 0; i + 1 < head.Length; i += 2)
        {
            evenZeros += head[i] == 0 ? 1 : 0;
            oddZeros += head[i + 1] == 0 ? 1 : 0;
        }

        // Most characters of Latin-script text have a zero high byte; the other half of the pairs almost never is zero.
        if (oddZeros * 10 >= pairs * 7 && evenZeros * 20 <= pairs)
        {
            return Encoding.Unicode;
        }

        return evenZeros * 10 >= pairs * 7 && oddZeros * 20 <= pairs ? Encoding.BigEndianUnicode : null;
    }

    /// <summary>Feed or HTML by the first root-like element; null when the markup names neither.</summary>
    private static InputKind? MarkupKind(string text)
    {
        var feed = FirstIndex(text, "<rss", "<rdf:rdf", "<feed");
        var html = FirstIndex(text, "<!doctype html", "<html", "<head", "<body");
        if (feed >= 0 && (html < 0 || feed < html))
        {
            return InputKind.Feed;
        }

        if (html >= 0)
        {
            return InputKind.Html;
        }

        // A fragment of markup without a document element: paragraphs, divs, an article element.
        if (FirstIndex(text, "<p>", "<p ", "<div", "<article", "<h1", "<section", "<span", "<br") >= 0)
        {
            return InputKind.Html;
        }

        return null;
    }

    private static int FirstIndex(string text, params string[] needles)
    {
        var best = -1;
        foreach (var needle in needles)
        {
            var at = text.IndexOf(needle, StringComparison.OrdinalIgnoreCase);
            if (at >= 0 && (best < 0 || at < best))
            {
                best = at;
            }
        }

        return best;
    }

    /// <summary>The head as characters: UTF-16/32 by their marks, anything else byte for byte (markers are ASCII).</summary>
    private static string HeadAsText(ReadOnlySpan<byte> head)
    {
        if (head.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE, 0x00, 0x00]))
        {
            return new UTF32Encoding(false, false).GetString(head[4..(4 + ((head.Length - 4) & ~3))]);
        }

        if (head.StartsWith((ReadOnlySpan<byte>)[0x00, 0x00, 0xFE, 0xFF]))
        {
            return new UTF32Encoding(true, false).GetString(head[4..(4 + ((head.Length - 4) & ~3))]);
        }

        if (head.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]))
        {
            return Encoding.Unicode.GetString(head[2..(2 + ((head.Length - 2) & ~1))]);
        }

        if (head.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
        {
            return Encoding.BigEndianUnicode.GetString(head[2..(2 + ((head.Length - 2) & ~1))]);
        }

        if (head.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            head = head[3..];
        }

        return Encoding.Latin1.GetString(head);
    }
}
