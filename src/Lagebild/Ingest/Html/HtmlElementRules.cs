using AngleSharp.Dom;

namespace Lagebild.Ingest.Html;

/// <summary>What an element's tag, role, class and id say about it.</summary>
[Flags]
internal enum ElementHint
{
    None = 0,

    /// <summary>Page furniture: navigation, share widgets, cookie banners, related lists, comments, ads.</summary>
    Boilerplate = 1,

    /// <summary>Names the article body (article, main, itemprop=articleBody, class "article-body").</summary>
    Content = 2,

    /// <summary>Names the article body unambiguously (itemprop=articleBody, class "articleBody").</summary>
    StrongContent = 4,
}

/// <summary>
/// Tag sets and class/id vocabulary for main-content extraction. The vocabulary is the English-based naming
/// that web templates use in every language, so it is language-neutral.
/// </summary>
internal static class HtmlElementRules
{
    /// <summary>Elements whose content is never article text.</summary>
    private static readonly HashSet<string> SkippedTags = new(StringComparer.Ordinal)
    {
        "script", "style", "template", "svg", "math", "canvas", "video", "audio", "object", "embed",
        "iframe", "frame", "frameset", "head", "title", "meta", "link", "base", "img", "picture", "source", "track",
        "map", "area", "select", "option", "optgroup", "input", "textarea", "button", "datalist", "output", "progress",
        "meter", "dialog", "label", "param", "applet", "noembed", "noframes",
    };

    /// <summary>Elements that start a new block of text.</summary>
    private static readonly HashSet<string> BlockTags = new(StringComparer.Ordinal)
    {
        "address", "article", "aside", "blockquote", "body", "center", "dd", "details", "dir", "div", "dl", "dt",
        "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hgroup",
        "hr", "html", "legend", "li", "main", "menu", "nav", "ol", "p", "pre", "section", "summary", "table", "tbody",
        "thead", "tfoot", "tr", "td", "th", "caption", "ul", "listing", "plaintext", "xmp",
    };

    /// <summary>Structural tags that hold page furniture rather than the story.</summary>
    private static readonly HashSet<string> FurnitureTags = new(StringComparer.Ordinal)
    {
        "nav", "aside", "footer", "header", "menu", "figure", "figcaption", "address", "form", "fieldset", "legend",
        "summary", "details",
    };

    /// <summary>Class/id parts that mark furniture even inside something called "article" or "content".</summary>
    private static readonly string[] StrongBoilerplateParts =
    [
        "comment", "disqus", "cookie", "consent", "gdpr", "privacy-banner", "share", "sharing", "social", "related",
        "recommend", "newsletter", "subscri", "sponsor", "advert", "anzeige", "werbung", "sidebar", "footer",
        "breadcrumb", "popup", "modal", "overlay", "outbrain", "taboola", "plista", "signup", "sign-up", "login",
        "navbar", "navigation", "skiplink", "skip-link", "pagination", "pager", "toolbar", "rating", "tagcloud",
        "tag-cloud", "taglist", "tag-list", "keyword", "authorbio", "author-bio", "about-author", "author-info",
        "more-stories", "morestories", "read-more", "readmore", "also-read", "trending", "popular", "most-read",
        "mostread", "meistgelesen", "weiterlesen", "sr-only", "visually-hidden", "visuallyhidden", "screen-reader",
        "screenreader", "offscreen", "print-only", "widget", "masthead", "banner", "teaser-list", "teaserlist",
        "further-reading", "infobox", "caption", "credit", "copyright", "disclaimer", "byline", "dateline", "timestamp",
        "jump-link", "follow-us", "followus", "donate", "spenden", "feedback", "survey",
        "bottom-bar", "top-bar", "topbar", "site-header", "page-header", "mainmenu", "main-menu", "megamenu",
        "submenu", "dropdown", "accordion-nav", "contact", "impressum", "legal", "print", "bookmark", "tooltip",
        "player", "gallery", "slideshow", "carousel", "slider", "lightbox", "thumbnail", "video",
    ];

    /// <summary>Whole class/id tokens that mark furniture unless a content word is present too.</summary>
    private static readonly HashSet<string> WeakBoilerplateTokens = new(StringComparer.Ordinal)
    {
        "ad", "ads", "adv", "advert", "adslot", "adunit", "nav", "menu", "header", "meta", "hidden", "hide",
        "tools", "utility", "utilities", "icons", "author", "authors", "aside", "extra", "links", "follow", "tags",
        "teaser", "teasers", "topics", "sticky", "badge", "kicker", "rail", "promo", "shop", "cart", "search",
        "filter", "tabs",
    };

    private static readonly string[] ContentParts =
    [
        "article", "content", "entry", "post", "story", "body", "text", "main", "blog", "hentry", "beitrag", "artikel",
        "inhalt", "meldung", "news-detail", "column",
    ];

    private static readonly string[] StrongContentParts =
    [
        "articlebody", "article-body", "article_body", "articletext", "article-text", "article_text", "story-body",
        "storybody", "story-text", "entry-content", "post-content", "post-body", "postbody", "post-text",
        "article-content", "article__body", "article__content", "article__text", "body-text", "bodytext", "main-text",
        "maintext", "artikeltext", "text-body", "rich-text", "richtext", "news-text", "content-body", "article-main",
    ];

    public static bool IsSkipped(string tag) => SkippedTags.Contains(tag);

    public static bool IsBlock(string tag) => BlockTags.Contains(tag);

    public static bool IsHeading(string tag) => tag.Length == 2 && tag[0] == 'h' && tag[1] is >= '1' and <= '6';

    /// <summary>The attributes the rules read, gathered in one pass over the element's attribute list.</summary>
    public readonly record struct RelevantAttributes(string? Id, string? Class, string? Role, string? ItemProp, bool Hidden)
    {
        public bool HasNames => !string.IsNullOrEmpty(Id) || !string.IsNullOrEmpty(Class);
    }

    /// <summary>
    /// Reads id, class, role, itemprop and visibility (hidden, aria-hidden, inline display:none or
    /// visibility:hidden: browsers do not show such elements, so they are not article text).
    /// </summary>
    public static RelevantAttributes ReadAttributes(IElement element)
    {
        var attributes = element.Attributes;
        if (attributes.Length == 0)
        {
            return default;
        }

        string? id = null, className = null, role = null, itemProp = null;
        var hidden = false;
        foreach (var attribute in attributes)
        {
            switch (attribute.LocalName)
            {
                case "id":
                    id = attribute.Value;
                    break;
                case "class":
                    className = attribute.Value;
                    break;
                case "role":
                    role = attribute.Value;
                    break;
                case "itemprop":
                    itemProp = attribute.Value;
                    break;
                case "hidden":
                    hidden = true;
                    break;
                case "aria-hidden":
                    hidden |= attribute.Value.Equals("true", StringComparison.OrdinalIgnoreCase);
                    break;
                case "style":
                    var style = attribute.Value;
                    hidden |= style.Length <= 2000 && (ContainsDeclaration(style, "display", "none") || ContainsDeclaration(style, "visibility", "hidden"));
                    break;
                default:
                    break;
            }
        }

        return new RelevantAttributes(id, className, role, itemProp, hidden);
    }

    /// <param name="names">Verdicts on class/id strings already seen on this page (templates repeat them).</param>
    /// <param name="insideContent">An ancestor names the article body: a &lt;header&gt; there holds the headline and lede, not the site's masthead.</param>
    public static ElementHint Classify(string tag, RelevantAttributes attributes, bool insideContent, Dictionary<string, ElementHint> names)
    {
        var hint = ElementHint.None;
        if (FurnitureTags.Contains(tag) && !(insideContent && tag == "header"))
        {
            hint |= ElementHint.Boilerplate;
        }
        else if (tag is "article" or "main")
        {
            hint |= ElementHint.Content;
        }

        var itemProp = attributes.ItemProp;
        if (itemProp is not null && (itemProp.Contains("articleBody", StringComparison.OrdinalIgnoreCase) || itemProp.Equals("text", StringComparison.OrdinalIgnoreCase)))
        {
            return ElementHint.Content | ElementHint.StrongContent;
        }

        var role = attributes.Role;
        if (role is not null)
        {
            if (role is "navigation" or "banner" or "contentinfo" or "complementary" or "dialog" or "alertdialog" or "menu" or "menubar" or "search" or "toolbar")
            {
                hint |= ElementHint.Boilerplate;
            }
            else if (role is "main" or "article")
            {
                hint |= ElementHint.Content;
            }
        }

        if (!attributes.HasNames)
        {
            return hint;
        }

        var key = string.Concat(attributes.Class, "\u0001", attributes.Id);
        if (!names.TryGetValue(key, out var fromNames))
        {
            fromNames = ClassifyNames(Names(attributes.Id, attributes.Class));
            if (names.Count < 10_000)
            {
                names[key] = fromNames;
            }
        }

        if ((fromNames & ElementHint.StrongContent) != 0)
        {
            return (hint & ~ElementHint.Boilerplate) | ElementHint.Content | ElementHint.StrongContent;
        }

        if (fromNames == StrongBoilerplateVerdict)
        {
            return ElementHint.Boilerplate;
        }

        if ((fromNames & ElementHint.Content) != 0 || (hint & ElementHint.Content) != 0)
        {
            return hint | ElementHint.Content;
        }

        return hint | fromNames;
    }

    /// <summary>Marks a class/id verdict that overrides the tag (strong furniture words).</summary>
    private const ElementHint StrongBoilerplateVerdict = ElementHint.Boilerplate | (ElementHint)0x100;

    /// <summary>Words that contain a furniture word but name content ("commentary" is an opinion piece, "promoted" a featured story).</summary>
    private static readonly string[] NeutralWords = ["commentary", "promoted"];

    private static ElementHint ClassifyNames(string names)
    {
        if (names.Length == 0)
        {
            return ElementHint.None;
        }

        foreach (var word in NeutralWords)
        {
            if (names.Contains(word, StringComparison.Ordinal))
            {
                names = names.Replace(word, " ", StringComparison.Ordinal);
            }
        }

        foreach (var part in StrongContentParts)
        {
            if (names.Contains(part, StringComparison.Ordinal))
            {
                return ElementHint.Content | ElementHint.StrongContent;
            }
        }

        foreach (var part in StrongBoilerplateParts)
        {
            if (names.Contains(part, StringComparison.Ordinal))
            {
                return StrongBoilerplateVerdict;
            }
        }

        foreach (var part in ContentParts)
        {
            if (names.Contains(part, StringComparison.Ordinal))
            {
                return ElementHint.Content;
            }
        }

        foreach (var token in names.Split(TokenSeparators, StringSplitOptions.RemoveEmptyEntries))
        {
            if (WeakBoilerplateTokens.Contains(token))
            {
                return ElementHint.Boilerplate;
            }
        }

        return ElementHint.None;
    }

    private static readonly char[] TokenSeparators = [' ', '-', '_', '\t', '\n', ':', '.', '/'];

    /// <summary>Class and id in lower case; camelCase boundaries become '-' so "socialShare" reads "social-share".</summary>
    private static string Names(string? id, string? className)
    {
        if (string.IsNullOrEmpty(id) && string.IsNullOrEmpty(className))
        {
            return "";
        }

        var combined = string.Concat(WithoutTaxonomyClasses(className), " ", id ?? "");
        if (combined.Length > 400)
        {
            combined = combined[..400];
        }

        var builder = new System.Text.StringBuilder(combined.Length + 8);
        for (var i = 0; i < combined.Length; i++)
        {
            var c = combined[i];
            if (char.IsUpper(c))
            {
                if (i > 0 && char.IsLower(combined[i - 1]))
                {
                    builder.Append('-');
                }

                builder.Append(char.ToLowerInvariant(c));
            }
            else
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }

    /// <summary>
    /// Blog engines list the post's tags, categories and features as classes ("tag-review", "has-post-thumbnail",
    /// "category-social-media"); they describe the topic, not the element's role, so they are left out.
    /// </summary>
    private static string WithoutTaxonomyClasses(string? className)
    {
        if (string.IsNullOrEmpty(className) || !className.Contains('-', StringComparison.Ordinal))
        {
            return className ?? "";
        }

        var kept = new List<string>();
        foreach (var token in className.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var taxonomy = false;
            foreach (var prefix in TaxonomyPrefixes)
            {
                if (token.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
                {
                    taxonomy = true;
                    break;
                }
            }

            if (!taxonomy)
            {
                kept.Add(token);
            }
        }

        return string.Join(' ', kept);
    }

    private static readonly string[] TaxonomyPrefixes = ["tag-", "category-", "cat-", "format-", "has-", "status-", "type-", "post-type-", "topic-", "tags-", "categories-"];

    private static bool ContainsDeclaration(string style, string property, string value)
    {
        var at = style.IndexOf(property, StringComparison.OrdinalIgnoreCase);
        while (at >= 0)
        {
            var k = at + property.Length;
            while (k < style.Length && style[k] == ' ')
            {
                k++;
            }

            if (k < style.Length && style[k] == ':')
            {
                k++;
                while (k < style.Length && style[k] == ' ')
                {
                    k++;
                }

                if (string.Compare(style, k, value, 0, value.Length, StringComparison.OrdinalIgnoreCase) == 0)
                {
                    return true;
                }
            }

            at = style.IndexOf(property, at + property.Length, StringComparison.OrdinalIgnoreCase);
        }

        return false;
    }
}
