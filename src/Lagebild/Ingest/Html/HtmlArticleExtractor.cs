using Lagebild.Documents;

namespace Lagebild.Ingest.Html;

/// <summary>PLACEHOLDER: main-content extraction from an HTML page; the HTML work replaces this file.</summary>
public sealed class HtmlArticleExtractor
{
    /// <summary>Extracts the article (text, title, author, date, site name) from a decoded HTML page.</summary>
    public IngestResult Extract(string html, string origin, InputOptions options, string? url = null, DateTimeOffset? containerDate = null)
    {
        ArgumentNullException.ThrowIfNull(html);
        ArgumentNullException.ThrowIfNull(options);
        var parser = new AngleSharp.Html.Parser.HtmlParser();
        var document = parser.ParseDocument(html);
        var text = document.Body?.TextContent.Trim() ?? "";
        if (text.Length == 0)
        {
            return IngestResult.Failed(origin, "HTML page has no text");
        }

        return IngestResult.Ok(new Article(text, new ArticleMetadata { Url = url, Title = document.Title, Published = containerDate ?? options.Published, Language = options.Language }, origin));
    }
}
