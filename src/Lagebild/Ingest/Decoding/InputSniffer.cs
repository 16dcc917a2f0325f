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
