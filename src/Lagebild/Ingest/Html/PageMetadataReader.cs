using System.Globalization;
using System.Text.Json;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;

namespace Lagebild.Ingest.Html;

/// <summary>What the page says about itself: title, author, dates, outlet, language, canonical address.</summary>
internal sealed record PageMetadata
{
    public string? Title { get; init; }
    public string? Headline { get; init; }
    public string? Author { get; init; }
    public DateTimeOffset? Published { get; init; }
    public string? SiteName { get; init; }
    public string? Language { get; init; }
    public string? CanonicalUrl { get; init; }
}

/// <summary>
/// Reads page metadata from &lt;meta&gt; tags (Open Graph, article:*, Dublin Core, common CMS names),
/// JSON-LD (schema.org NewsArticle and friends), &lt;time datetime&gt; and &lt;html lang&gt;.
/// JSON-LD wins over meta tags because it is written for machines and names its fields exactly.
/// </summary>
internal static class PageMetadataReader
{
    private const int MaxJsonLdChars = 1 << 20;

    private static readonly string[] PublishedMetaNames =
    [
        "article:published_time", "og:article:published_time", "article:published", "og:published_time",
        "datepublished", "date", "pubdate", "publishdate", "publish-date", "publish_date", "publication_date",
        "dc.date.issued", "dc.date", "dcterms.date", "dcterms.issued", "dcterms.created", "dc.date.created",
        "parsely-pub-date", "sailthru.date", "article.published", "article_date_original", "originalpublicationdate",
        "cxenseparse:recs:publishtime", "date.available", "citation_publication_date",
    ];

    private static readonly string[] AuthorMetaNames =
    [
        "author", "article:author", "og:article:author", "parsely-author", "sailthru.author", "dc.creator",
        "dcterms.creator", "byl", "citation_author",
    ];

    private static readonly string[] ArticleTypes =
    [
        "NewsArticle", "Article", "BlogPosting", "ReportageNewsArticle", "AnalysisNewsArticle", "OpinionNewsArticle",
        "Report", "ScholarlyArticle", "TechArticle", "LiveBlogPosting", "BackgroundNewsArticle", "SocialMediaPosting",
        "Review", "WebPage", "Posting",
    ];

    /// <summary>The elements metadata comes from, gathered in one walk over the page.</summary>
    private sealed class Sources
    {
        public List<IElement> Meta { get; } = [];
        public List<IElement> JsonLd { get; } = [];
        public List<IElement> DatePublished { get; } = [];
        public IElement? Canonical { get; set; }
        public IElement? TimeInArticle { get; set; }
        public IElement? FirstTime { get; set; }
        public IElement? RelAuthor { get; set; }
        public IElement? ItemPropAuthor { get; set; }
    }

    private static Sources Gather(IHtmlDocument document)
    {
        var sources = new Sources();
        if (document.DocumentElement is null)
        {
            return sources;
        }

        var stack = new Stack<(IElement Element, bool InArticle)>();
        stack.Push((document.DocumentElement, false));
        while (stack.Count > 0)
        {
            var (element, inArticle) = stack.Pop();
            var tag = element.LocalName;
            switch (tag)
            {
                case "meta":
                    sources.Meta.Add(element);
                    break;
                case "script":
                    if (string.Equals(element.GetAttribute("type"), "application/ld+json", StringComparison.OrdinalIgnoreCase))
                    {
                        sources.JsonLd.Add(element);
                    }

                    continue;
                case "style" or "svg" or "noscript" or "template":
                    continue;
                case "link":
                    if (sources.Canonical is null && string.Equals(element.GetAttribute("rel"), "canonical", StringComparison.OrdinalIgnoreCase))
                    {
                        sources.Canonical = element;
                    }

                    break;
                case "time":
                    if (element.HasAttribute("datetime"))
                    {
                        sources.FirstTime ??= element;
                        if (inArticle)
                        {
                            sources.TimeInArticle ??= element;
                        }
                    }

                    break;
                case "a":
                    if (sources.RelAuthor is null && string.Equals(element.GetAttribute("rel"), "author", StringComparison.OrdinalIgnoreCase))
                    {
                        sources.RelAuthor = element;
                    }

                    break;
                default:
                    break;
            }

            var itemProp = element.Attributes.Length == 0 ? null : element.GetAttribute("itemprop");
            if (itemProp is not null)
            {
                if (itemProp.Equals("datePublished", StringComparison.OrdinalIgnoreCase))
                {
                    sources.DatePublished.Add(element);
                }
                else if (itemProp.Equals("author", StringComparison.OrdinalIgnoreCase) && sources.ItemPropAuthor is null)
                {
                    sources.ItemPropAuthor = element;
                }
            }

            var children = element.ChildNodes;
            inArticle |= tag == "article";
            for (var i = children.Length - 1; i >= 0; i--)
            {
                if (children[i] is IElement child)
                {
                    stack.Push((child, inArticle));
                }
            }
        }

        return sources;
    }

    public static PageMetadata Read(IHtmlDocument document)
    {
        var sources = Gather(document);
        var meta = ReadMetaTags(sources.Meta);
        var jsonLd = ReadJsonLd(sources.JsonLd);

        var published = jsonLd.Published;
        foreach (var name in PublishedMetaNames)
        {
            if (published is not null)
            {
                break;
            }

            if (meta.TryGetValue(name, out var value))
            {
                published = ParseDate(value);
            }
        }

        published ??= ItemPropDate(sources.DatePublished) ?? ParseDate((sources.TimeInArticle ?? sources.FirstTime)?.GetAttribute("datetime"));

        string? author = jsonLd.Author;
        foreach (var name in AuthorMetaNames)
        {
            if (author is not null)
            {
                break;
            }

            if (meta.TryGetValue(name, out var value) && !LooksLikeUrl(value))
            {
                author = Clean(value);
            }
        }

        author ??= AuthorName(sources);

        var headline = jsonLd.Headline ?? Get(meta, "og:title") ?? Get(meta, "twitter:title") ?? Get(meta, "dc.title");
        var siteName = Get(meta, "og:site_name") ?? jsonLd.Publisher ?? Get(meta, "application-name") ?? Get(meta, "publisher");
        var language = LanguageCode(document.DocumentElement?.GetAttribute("lang"))
            ?? LanguageCode(document.DocumentElement?.GetAttribute("xml:lang"))
            ?? LanguageCode(Get(meta, "content-language") ?? Get(meta, "dc.language") ?? Get(meta, "language"))
            ?? LanguageCode(jsonLd.Language)
            ?? LanguageCode(Get(meta, "og:locale"));

        var canonical = AbsoluteUrl(sources.Canonical?.GetAttribute("href"))
            ?? AbsoluteUrl(Get(meta, "og:url"))
            ?? AbsoluteUrl(jsonLd.Url);

        return new PageMetadata
        {
            Title = Clean(document.Title),
            Headline = Clean(headline),
            Author = author,
            Published = published,
            SiteName = Clean(siteName),
            Language = language,
            CanonicalUrl = canonical,
        };
    }

    private static string? Get(Dictionary<string, string> meta, string name) => meta.TryGetValue(name, out var value) ? value : null;

    /// <summary>All meta tags by lower-case name/property/itemprop/http-equiv; the first occurrence wins.</summary>
    private static Dictionary<string, string> ReadMetaTags(List<IElement> metaElements)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var element in metaElements)
        {
            var content = element.GetAttribute("content");
            if (string.IsNullOrWhiteSpace(content))
            {
                continue;
            }

            foreach (var attribute in (ReadOnlySpan<string>)["property", "name", "itemprop", "http-equiv"])
            {
                var key = element.GetAttribute(attribute);
                if (!string.IsNullOrEmpty(key))
                {
                    result.TryAdd(key.Trim().ToLowerInvariant(), content.Trim());
                }
            }
        }

        return result;
    }

    private sealed record JsonLdFacts(string? Headline, string? Author, DateTimeOffset? Published, string? Publisher, string? Language, string? Url);

    private static JsonLdFacts ReadJsonLd(List<IElement> scripts)
    {
        string? headline = null, author = null, publisher = null, language = null, url = null;
        DateTimeOffset? published = null;
        var bestRank = int.MaxValue;
        foreach (var script in scripts)
        {
            var json = script.TextContent;
            if (json.Length == 0 || json.Length > MaxJsonLdChars)
            {
                continue;
            }

            JsonDocument parsed;
            try
            {
                parsed = JsonDocument.Parse(json, new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip, MaxDepth = 64 });
            }
            catch (JsonException)
            {
                // Broken JSON-LD is common; the other metadata sources still apply.
                continue;
            }

            using (parsed)
            {
                foreach (var item in Items(parsed.RootElement))
                {
                    var rank = TypeRank(item);
                    if (rank == int.MaxValue)
                    {
                        continue;
                    }

                    // Fill from the most article-like object first; weaker objects only fill gaps.
                    var better = rank < bestRank;
                    if (better)
                    {
                        bestRank = rank;
                    }

                    Take(ref headline, StringProperty(item, "headline") ?? (rank < ArticleTypes.Length - 2 ? StringProperty(item, "name") : null), better);
                    Take(ref author, PersonNames(item, "author") ?? PersonNames(item, "creator"), better);
                    Take(ref publisher, PersonNames(item, "publisher"), better);
                    Take(ref language, StringProperty(item, "inLanguage"), better);
                    Take(ref url, StringProperty(item, "url"), better);
                    var date = ParseDate(StringProperty(item, "datePublished") ?? StringProperty(item, "dateCreated"));
                    if (date is not null && (better || published is null))
                    {
                        published = date;
                    }
                }
            }
        }

        return new JsonLdFacts(Clean(Decode(headline)), Clean(Decode(author)), published, Clean(Decode(publisher)), language, url);
    }

    /// <summary>JSON-LD strings are often written with HTML character references ("Krieg &amp; Frieden").</summary>
    private static string? Decode(string? value) =>
        value is not null && value.Contains('&', StringComparison.Ordinal) ? System.Net.WebUtility.HtmlDecode(value) : value;

    private static void Take(ref string? slot, string? value, bool better)
    {
        if (!string.IsNullOrWhiteSpace(value) && (better || slot is null))
        {
            slot = value;
        }
    }

    /// <summary>Objects of a JSON-LD document: the root, array members, and @graph members (one level).</summary>
    private static IEnumerable<JsonElement> Items(JsonElement root)
    {
        if (root.ValueKind == JsonValueKind.Array)
        {
            foreach (var element in root.EnumerateArray())
            {
                foreach (var inner in Items(element))
                {
                    yield return inner;
                }
            }

            yield break;
        }

        if (root.ValueKind != JsonValueKind.Object)
        {
            yield break;
        }

        yield return root;
        if (root.TryGetProperty("@graph", out var graph) && graph.ValueKind == JsonValueKind.Array)
        {
            foreach (var element in graph.EnumerateArray())
            {
                if (element.ValueKind == JsonValueKind.Object)
                {
                    yield return element;
                }
            }
        }
    }

    private static int TypeRank(JsonElement item)
    {
        if (!item.TryGetProperty("@type", out var type))
        {
            return int.MaxValue;
        }

        var best = int.MaxValue;
        if (type.ValueKind == JsonValueKind.String)
        {
            best = RankOf(type.GetString());
        }
        else if (type.ValueKind == JsonValueKind.Array)
        {
            foreach (var member in type.EnumerateArray())
            {
                if (member.ValueKind == JsonValueKind.String)
                {
                    best = Math.Min(best, RankOf(member.GetString()));
                }
            }
        }

        return best;
    }

    private static int RankOf(string? type)
    {
        if (type is null)
        {
            return int.MaxValue;
        }

        var index = Array.FindIndex(ArticleTypes, t => t.Equals(type, StringComparison.OrdinalIgnoreCase));
        return index < 0 ? int.MaxValue : index;
    }

    private static string? StringProperty(JsonElement item, string name)
    {
        if (!item.TryGetProperty(name, out var value))
        {
            return null;
        }

        return value.ValueKind switch
        {
            JsonValueKind.String => value.GetString(),
            JsonValueKind.Array when value.GetArrayLength() > 0 && value[0].ValueKind == JsonValueKind.String => value[0].GetString(),
            JsonValueKind.Object => StringProperty(value, "@id") ?? StringProperty(value, "url"),
            _ => null,
        };
    }

    /// <summary>A person or organisation field: a string, an object with "name", or an array of these.</summary>
    private static string? PersonNames(JsonElement item, string name)
    {
        if (!item.TryGetProperty(name, out var value))
        {
            return null;
        }

        var names = new List<string>();
        void Add(JsonElement element)
        {
            var text = element.ValueKind switch
            {
                JsonValueKind.String => element.GetString(),
                JsonValueKind.Object when element.TryGetProperty("name", out var n) && n.ValueKind == JsonValueKind.String => n.GetString(),
                _ => null,
            };
            if (!string.IsNullOrWhiteSpace(text) && !LooksLikeUrl(text) && !names.Contains(text.Trim()))
            {
                names.Add(text.Trim());
            }
        }

        if (value.ValueKind == JsonValueKind.Array)
        {
            foreach (var member in value.EnumerateArray())
            {
                Add(member);
            }
        }
        else
        {
            Add(value);
        }

        return names.Count == 0 ? null : string.Join(", ", names);
    }

    private static DateTimeOffset? ItemPropDate(List<IElement> elements)
    {
        foreach (var element in elements)
        {
            var date = ParseDate(element.GetAttribute("content") ?? element.GetAttribute("datetime") ?? element.TextContent);
            if (date is not null)
            {
                return date;
            }
        }

        return null;
    }

    private static string? AuthorName(Sources sources)
    {
        var element = sources.RelAuthor;
        if (element is null && sources.ItemPropAuthor is { } author)
        {
            element = author.GetAttribute("itemprop") is not null && author.QuerySelector("[itemprop='name']") is { } name ? name : author;
            if (element.HasAttribute("content"))
            {
                return Clean(element.GetAttribute("content"));
            }
        }

        var text = Clean(element?.TextContent);
        return text is { Length: > 1 and < 100 } ? text : null;
    }

    internal static DateTimeOffset? ParseDate(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        value = value.Trim();
        if (value.Length > 64)
        {
            return null;
        }

        const DateTimeStyles styles = DateTimeStyles.AssumeUniversal | DateTimeStyles.AllowWhiteSpaces;
        if (DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, styles, out var parsed))
        {
            return parsed;
        }

        foreach (var format in (ReadOnlySpan<string>)["yyyyMMdd", "yyyyMMddHHmmss", "yyyy-MM-dd HH:mm:ss zzz", "yyyy-MM-ddTHH:mm:sszzz", "dd.MM.yyyy", "dd.MM.yyyy HH:mm", "yyyy-MM-ddTHH:mm:ss.fffffffzzz"])
        {
            if (DateTimeOffset.TryParseExact(value, format, CultureInfo.InvariantCulture, styles, out parsed))
            {
                return parsed;
            }
        }

        // "2019-11-19T08:00:00+0100" (offset without colon).
        if (value.Length >= 24 && value[^5] is '+' or '-' && DateTimeOffset.TryParse(value[..^2] + ":" + value[^2..], CultureInfo.InvariantCulture, styles, out parsed))
        {
            return parsed;
        }

        return null;
    }

    /// <summary>ISO 639-1 code from a language tag ("de-AT", "en_US", "DE"), or null.</summary>
    internal static string? LanguageCode(string? tag)
    {
        if (string.IsNullOrWhiteSpace(tag))
        {
            return null;
        }

        var span = tag.AsSpan().Trim();
        var cut = span.IndexOfAny('-', '_');
        var primary = cut < 0 ? span : span[..cut];
        if (primary.Length != 2 || !char.IsAsciiLetter(primary[0]) || !char.IsAsciiLetter(primary[1]))
        {
            return null;
        }

        return primary.ToString().ToLowerInvariant();
    }

    private static string? AbsoluteUrl(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        return Uri.TryCreate(value.Trim(), UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
            ? uri.ToString()
            : null;
    }

    private static bool LooksLikeUrl(string value) =>
        value.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || value.StartsWith("https://", StringComparison.OrdinalIgnoreCase)
        || value.StartsWith("www.", StringComparison.OrdinalIgnoreCase);

    /// <summary>Collapses whitespace; null for empty or absurdly long values.</summary>
    internal static string? Clean(string? value)
    {
        if (string.IsNullOrWhiteSpace(value) || value.Length > 2000)
        {
            return null;
        }

        var builder = new System.Text.StringBuilder(value.Length);
        var space = false;
        foreach (var c in value)
        {
            if (InlineTextWriter.IsCollapsible(c))
            {
                space = builder.Length > 0;
                continue;
            }

            if (InlineTextWriter.IsInvisible(c))
            {
                continue;
            }

            if (space)
            {
                builder.Append(' ');
                space = false;
            }

            builder.Append(c);
        }

        return builder.Length == 0 ? null : builder.ToString();
    }
}
