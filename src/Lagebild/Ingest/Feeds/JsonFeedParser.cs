using System.Text.Json;

namespace Lagebild.Ingest.Feeds;

/// <summary>Maps JSON Feed 1.0 and 1.1 documents (jsonfeed.org) to format-neutral entries.</summary>
internal static class JsonFeedParser
{
    public static FeedDocument Parse(string json)
    {
        JsonDocument parsed;
        try
        {
            parsed = JsonDocument.Parse(json, new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip, MaxDepth = 64 });
        }
        catch (JsonException error)
        {
            var where = error.LineNumber is { } line ? $" at line {line + 1}, position {(error.BytePositionInLine ?? 0) + 1}" : "";
            return new FeedDocument { Format = "json", Error = $"not well-formed JSON{where}: {FirstSentence(error.Message)}" };
        }

        using (parsed)
        {
            var root = parsed.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return new FeedDocument { Format = "json", Error = "not a JSON Feed: the document is not an object" };
            }

            var version = String(root, "version");
            if (version is null || !version.Contains("jsonfeed.org/version/", StringComparison.OrdinalIgnoreCase))
            {
                return new FeedDocument { Format = "json", Error = "not a JSON Feed: no \"version\": \"https://jsonfeed.org/version/1.1\"" };
            }

            var feedLanguage = String(root, "language");
            var feedAuthor = AuthorOf(root);
            var entries = new List<FeedEntry>();
            var errors = new List<string>();
            if (root.TryGetProperty("items", out var items) && items.ValueKind == JsonValueKind.Array)
            {
                foreach (var item in items.EnumerateArray())
                {
                    if (item.ValueKind != JsonValueKind.Object)
                    {
                        entries.Add(new FeedEntry());
                        continue;
                    }

                    var title = String(item, "title");
                    var contentHtml = String(item, "content_html");
                    var contentText = String(item, "content_text");
                    var summary = String(item, "summary");
                    entries.Add(new FeedEntry
                    {
                        Title = title is null ? null : new FeedContent(title, FeedContentKind.PlainText),
                        Link = String(item, "url") ?? String(item, "external_url"),
                        Date = String(item, "date_published") ?? String(item, "date_modified"),
                        Author = AuthorOf(item) ?? feedAuthor,
                        Bodies =
                        [
                            .. new[]
                            {
                                contentHtml is null ? null : new FeedContent(contentHtml, FeedContentKind.Html),
                                contentText is null ? null : new FeedContent(contentText, FeedContentKind.PlainText),
                                summary is null ? null : new FeedContent(summary, FeedContentKind.PlainText),
                            }.Where(c => c is not null).Select(c => c!),
                        ],
                        Language = String(item, "language") ?? feedLanguage,
                    });
                }
            }
            else
            {
                errors.Add("JSON Feed has no \"items\" array");
            }

            var title2 = String(root, "title");
            return new FeedDocument
            {
                Format = "json",
                Title = title2 is null ? null : new FeedContent(title2, FeedContentKind.PlainText),
                Language = feedLanguage,
                Entries = entries,
                Error = errors.Count == 0 ? null : string.Join("; ", errors),
            };
        }
    }

    /// <summary>Version 1.1 "authors" (names joined), or version 1 "author".</summary>
    private static string? AuthorOf(JsonElement element)
    {
        if (element.TryGetProperty("authors", out var authors) && authors.ValueKind == JsonValueKind.Array)
        {
            var names = authors.EnumerateArray()
                .Where(a => a.ValueKind == JsonValueKind.Object)
                .Select(a => String(a, "name"))
                .Where(n => n is not null)
                .ToList();
            if (names.Count > 0)
            {
                return string.Join(", ", names);
            }
        }

        return element.TryGetProperty("author", out var author) && author.ValueKind == JsonValueKind.Object ? String(author, "name") : null;
    }

    private static string? String(JsonElement element, string name)
    {
        if (!element.TryGetProperty(name, out var value) || value.ValueKind != JsonValueKind.String)
        {
            return null;
        }

        var text = value.GetString()?.Trim();
        return string.IsNullOrEmpty(text) ? null : text;
    }

    private static string FirstSentence(string message)
    {
        var end = message.IndexOf(". ", StringComparison.Ordinal);
        return end > 0 ? message[..end] : message.TrimEnd('.');
    }
}
