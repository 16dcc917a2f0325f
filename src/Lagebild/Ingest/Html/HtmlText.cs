using AngleSharp.Dom;
using Lagebild.Documents;

namespace Lagebild.Ingest.Html;

/// <summary>Renders HTML (a page fragment, a feed item's content) as plain text with paragraph breaks.</summary>
public static class HtmlText
{
    /// <summary>
    /// Plain text of an HTML fragment, with a map from text offsets to offsets in <paramref name="html"/>.
    /// Every visible block becomes a paragraph ("\n\n" between paragraphs, "\n" for &lt;br&gt;); character
    /// references are decoded; scripts, styles and hidden elements are dropped. Nothing is judged as boilerplate:
    /// a fragment is taken to be content already.
    /// </summary>
    public static (string Text, OffsetMap Map) FromFragment(string html)
    {
        ArgumentNullException.ThrowIfNull(html);
        if (string.IsNullOrWhiteSpace(html))
        {
            return ("", OffsetMap.Identity);
        }

        var document = HtmlMainContentExtractor.Parse(html);
        var root = (IElement?)document.Body ?? document.DocumentElement;
        if (root is null)
        {
            return ("", OffsetMap.Identity);
        }

        var segmenter = new BlockSegmenter();
        segmenter.Segment(root);
        return HtmlMainContentExtractor.Render(html, segmenter.Blocks);
    }
}
