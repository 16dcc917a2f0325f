namespace Lagebild.Ingest.Feeds;

/// <summary>Maps RSS 0.9x/1.0 (RDF)/2.0 and Atom (1.0 and 0.3) documents to format-neutral entries.</summary>
internal static class XmlFeedParser
{
    private const string AtomNamespace = "http://www.w3.org/2005/Atom";
    private const string Atom03Namespace = "http://purl.org/atom/ns#";
    private const string DublinCore = "http://purl.org/dc/elements/1.1/";
    private const string ContentModule = "http://purl.org/rss/1.0/modules/content/";
    private const string Rss10Namespace = "http://purl.org/rss/1.0/";
    private const string Rss09Namespace = "http://my.netscape.com/rdf/simple/0.9/";
    private const string Rss2Namespace = "http://backend.userland.com/rss2";
    private const string FeedburnerNamespace = "http://rssnamespace.org/feedburner/ext/1.0";

    public static FeedDocument Parse(string xml)
    {
        var (root, error) = FeedXmlTree.Parse(xml);
        if (error is not null)
        {
            var repaired = FeedXmlTree.RepairEntities(xml);
            if (!string.Equals(repaired, xml, StringComparison.Ordinal))
            {
                var (repairedRoot, repairedError) = FeedXmlTree.Parse(repaired);
                if (repairedError is null)
                {
                    // Fully recovered: nothing was lost, so nothing to report.
                    (root, error) = (repairedRoot, null);
                }
                else if (repairedRoot is not null && CountCompleteItems(repairedRoot) > CountCompleteItems(root))
                {
                    // Still broken, but further in: keep the items, report the first error in the original text.
                    root = repairedRoot;
                }
            }
        }

        if (root is null)
        {
            return new FeedDocument
            {
                Format = "xml",
                Error = error is null ? "empty document: no XML element" : NotWellFormed(error, 0),
            };
        }

        var document = root.LocalName switch
        {
            "rss" or "channel" => ParseRss(root, "rss"),
            "RDF" => ParseRss(root, "rss-rdf"),
            "feed" when IsAtom(root.Namespace) => ParseAtom(root),
            _ => null,
        };
        if (document is null)
        {
            return new FeedDocument
            {
                Format = "xml",
                Error = $"not a feed: the root element is <{root.LocalName}> (expected rss, rdf:RDF or an Atom feed)",
            };
        }

        return error is null ? document : document with { Error = NotWellFormed(error, document.Entries.Count) };
    }

    private static string NotWellFormed(FeedXmlError error, int itemsRead) =>
        $"not well-formed XML at line {error.Line}, position {error.Position}: {error.Message}; "
        + (itemsRead == 1 ? "1 item before the error was read" : $"{itemsRead} items before the error were read");

    private static FeedDocument ParseRss(FeedNode root, string format)
    {
        var channel = root.LocalName == "channel" ? root : root.Child("channel", IsRss);
        var itemNodes = (channel?.ChildrenNamed("item", IsRss) ?? []).Concat(root.ChildrenNamed("item", IsRss))
            .Where(item => item.Complete)
            .Distinct()
            .ToList();
        var channelLanguage = channel is null ? null : Text(channel.Child("language", IsRss)) ?? Text(channel.Child("language", IsDublinCore)) ?? channel.Language;
        var entries = itemNodes.Select(item => new FeedEntry
        {
            Title = MaybeHtml(Text(item.Child("title", IsRss)) ?? Text(item.Child("title", IsDublinCore))),
            Link = ItemLink(item),
            Date = Text(item.Child("pubDate", IsRss)) ?? Text(item.Child("date", IsDublinCore))
                ?? Text(item.Child("published", IsAtom)) ?? Text(item.Child("updated", IsAtom)),
            Author = Text(item.Child("author", IsRss)) ?? Text(item.Child("creator", IsDublinCore))
                ?? Text(item.Child("author", IsAtom)?.Child("name", IsAtom))
                ?? Text(item.ChildrenNamed("author").FirstOrDefault(a => a.Children.Count == 0)),
            Bodies = Bodies(
                Html(Text(item.Child("encoded", ns => ns == ContentModule))),
                Html(Text(item.Child("description", IsRss))),
                TextConstruct(item.Child("content", IsAtom)),
                TextConstruct(item.Child("summary", IsAtom)),
                Html(Text(item.Child("description", IsDublinCore)))),
            Language = Text(item.Child("language", IsDublinCore)) ?? item.Language ?? channelLanguage,
        }).ToList();

        return new FeedDocument
        {
            Format = format,
            Title = MaybeHtml(Text(channel?.Child("title", IsRss)) ?? Text(channel?.Child("title", IsDublinCore))),
            Language = channelLanguage,
            Entries = entries,
        };
    }

    private static string? ItemLink(FeedNode item)
    {
        var original = Text(item.Child("origLink", ns => ns == FeedburnerNamespace));
        if (original is not null)
        {
            return original;
        }

        var link = Text(item.Child("link", IsRss));
        if (link is not null)
        {
            return link;
        }

        var atomLink = AlternateLink(item, null);
        if (atomLink is not null)
        {
            return atomLink;
        }

        var guid = item.Child("guid", IsRss);
        if (guid is not null && !string.Equals(guid.Attribute("isPermaLink"), "false", StringComparison.OrdinalIgnoreCase)
            && Text(guid) is { } guidText && LooksLikeWebUrl(guidText))
        {
            return guidText;
        }

        var about = item.Attributes.FirstOrDefault(a => a.Key.EndsWith("about", StringComparison.Ordinal)).Value;
        return about is not null && LooksLikeWebUrl(about) ? about.Trim() : null;
    }

    private static FeedDocument ParseAtom(FeedNode feed)
    {
        var feedAuthor = Text(feed.Child("author", IsAtom)?.Child("name", IsAtom));
        var baseUri = feed.Attribute("xml:base") ?? AlternateLink(feed, null);
        var entries = feed.ChildrenNamed("entry", IsAtom)
            .Where(entry => entry.Complete)
            .Select(entry =>
            {
                var content = entry.Child("content", IsAtom);
                // Content with src points elsewhere; it carries no text of its own.
                var inlineContent = content?.Attribute("src") is null ? TextConstruct(content) : null;
                return new FeedEntry
                {
                    Title = TextConstruct(entry.Child("title", IsAtom)),
                    Link = AlternateLink(entry, entry.Attribute("xml:base") ?? baseUri)
                        ?? (Text(entry.Child("id", IsAtom)) is { } id && LooksLikeWebUrl(id) ? id : null),
                    Date = Text(entry.Child("published", IsAtom)) ?? Text(entry.Child("issued", IsAtom))
                        ?? Text(entry.Child("updated", IsAtom)) ?? Text(entry.Child("modified", IsAtom))
                        ?? Text(entry.Child("created", IsAtom)) ?? Text(entry.Child("date", IsDublinCore)),
                    Author = Text(entry.Child("author", IsAtom)?.Child("name", IsAtom))
                        ?? Text(entry.Child("source", IsAtom)?.Child("author", IsAtom)?.Child("name", IsAtom))
                        ?? Text(entry.Child("creator", IsDublinCore))
                        ?? feedAuthor,
                    Bodies = Bodies(inlineContent, TextConstruct(entry.Child("summary", IsAtom))),
                    Language = entry.Language,
                };
            })
            .ToList();

        return new FeedDocument
        {
            Format = feed.Namespace == Atom03Namespace ? "atom-0.3" : "atom",
            Title = TextConstruct(feed.Child("title", IsAtom)),
            Language = feed.Language,
            Entries = entries,
        };
    }

    /// <summary>The href of the rel="alternate" link (or the first link without rel), resolved against <paramref name="baseUri"/>.</summary>
    private static string? AlternateLink(FeedNode node, string? baseUri)
    {
        var links = node.ChildrenNamed("link", IsAtom).Where(l => !string.IsNullOrWhiteSpace(l.Attribute("href"))).ToList();
        var chosen = links.FirstOrDefault(l => string.Equals(l.Attribute("rel"), "alternate", StringComparison.OrdinalIgnoreCase))
            ?? links.FirstOrDefault(l => l.Attribute("rel") is null)
            ?? links.FirstOrDefault(l => l.Attribute("type")?.Contains("html", StringComparison.OrdinalIgnoreCase) == true
                && !string.Equals(l.Attribute("rel"), "self", StringComparison.OrdinalIgnoreCase));
        var href = chosen?.Attribute("href")?.Trim();
        if (href is null)
        {
            return null;
        }

        if (baseUri is not null && !Uri.IsWellFormedUriString(href, UriKind.Absolute)
            && Uri.TryCreate(baseUri.Trim(), UriKind.Absolute, out var baseAddress)
            && Uri.TryCreate(baseAddress, href, out var resolved))
        {
            return resolved.ToString();
        }

        return href;
    }

    /// <summary>An Atom text construct: type text (default), html, or xhtml; other media types carry no readable text.</summary>
    private static FeedContent? TextConstruct(FeedNode? node)
    {
        if (node is null)
        {
            return null;
        }

        var declaredType = node.Attribute("type")?.Trim().ToLowerInvariant();
        var type = declaredType ?? "text";
        var mode = node.Attribute("mode");
        if (node.InnerXml is not null)
        {
            return node.InnerXml.Trim().Length == 0 ? null : new FeedContent(node.InnerXml, FeedContentKind.Html);
        }

        var text = Text(node);
        if (text is null)
        {
            return null;
        }

        return type switch
        {
            "html" or "text/html" or "application/xhtml+xml" => new FeedContent(text, FeedContentKind.Html),
            // Atom 0.3: mode="escaped" means the text is escaped markup.
            // Atom 0.3: mode="escaped" means the text is escaped markup. Without any type, markup is taken as
            // what it looks like: publishers omit type="html" more often than they send text with tags in it.
            "text" or "text/plain" => string.Equals(mode, "escaped", StringComparison.OrdinalIgnoreCase) || (declaredType is null && LooksLikeMarkup(text))
                ? new FeedContent(text, FeedContentKind.Html)
                : new FeedContent(text, FeedContentKind.PlainText),
            _ => null,
        };
    }

    private static IReadOnlyList<FeedContent> Bodies(params FeedContent?[] candidates) =>
        [.. candidates.Where(c => c is not null).Select(c => c!)];

    private static FeedContent? Html(string? text) => text is null ? null : new FeedContent(text, FeedContentKind.Html);

    /// <summary>RSS titles are plain text in theory and escaped HTML in practice; markup or entities mark the latter.</summary>
    private static FeedContent? MaybeHtml(string? text) =>
        text is null ? null : new FeedContent(text, text.Contains('<', StringComparison.Ordinal) || text.Contains('&', StringComparison.Ordinal) ? FeedContentKind.Html : FeedContentKind.PlainText);

    private static string? Text(FeedNode? node)
    {
        if (node is null)
        {
            return null;
        }

        var text = node.Text.Trim();
        return text.Length == 0 ? null : text;
    }

    private static bool LooksLikeMarkup(string text) =>
        text.Contains("</", StringComparison.Ordinal) || text.Contains("<br", StringComparison.OrdinalIgnoreCase)
        || text.Contains("<p>", StringComparison.OrdinalIgnoreCase) || text.Contains("<img", StringComparison.OrdinalIgnoreCase);

    private static bool LooksLikeWebUrl(string text) =>
        text.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || text.StartsWith("https://", StringComparison.OrdinalIgnoreCase);

    private static int CountCompleteItems(FeedNode? root)
    {
        if (root is null)
        {
            return 0;
        }

        var count = 0;
        var stack = new Stack<FeedNode>([root]);
        while (stack.Count > 0)
        {
            var node = stack.Pop();
            if (node.Complete && node.LocalName is "item" or "entry")
            {
                count++;
            }

            foreach (var child in node.Children)
            {
                stack.Push(child);
            }
        }

        return count;
    }

    private static bool IsRss(string ns) => ns.Length == 0 || ns is Rss10Namespace or Rss09Namespace or Rss2Namespace;

    private static bool IsAtom(string ns) => ns is AtomNamespace or Atom03Namespace;

    private static bool IsDublinCore(string ns) => ns == DublinCore;
}
