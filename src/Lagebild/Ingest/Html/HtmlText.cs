using Lagebild.Documents;

namespace Lagebild.Ingest.Html;

/// <summary>PLACEHOLDER: renders HTML (a page fragment, a feed item's content) as plain text with paragraph breaks; the HTML work replaces this file.</summary>
public static class HtmlText
{
    /// <summary>Plain text of an HTML fragment, with a map from text offsets to offsets in <paramref name="html"/>.</summary>
    public static (string Text, OffsetMap Map) FromFragment(string html)
    {
        ArgumentNullException.ThrowIfNull(html);
        var parser = new AngleSharp.Html.Parser.HtmlParser();
        var document = parser.ParseDocument("<body>" + html + "</body>");
        return ((document.Body?.TextContent ?? "").Trim(), OffsetMap.Identity);
    }
}
