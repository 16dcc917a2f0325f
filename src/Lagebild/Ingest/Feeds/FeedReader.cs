using System.Text;
using Lagebild.Documents;
using Lagebild.Ingest.Decoding;
using Lagebild.Ingest.Html;

namespace Lagebild.Ingest.Feeds;

/// <summary>
/// Reads RSS 0.9x/1.0 (RDF)/2.0, Atom (1.0, 0.3) and JSON Feed (1, 1.1) documents: every item becomes an
/// article whose text is the item's body (full content before summary) rendered to plain text, or its title
/// when it has no body. Encoding follows the byte order mark and the XML declaration; double-encoded UTF-8 is
/// repaired. A feed that is not well-formed yields the items read before the error and then an error naming
/// the line and position.
/// </summary>
public sealed class FeedReader
{
    /// <summary>Feeds above this size are refused.</summary>
    public const int MaxFeedBytes = 64 * 1024 * 1024;

    /// <summary>Every item of the feed as an article, or an error naming the item (or the feed when it cannot be parsed).</summary>
    public IEnumerable<IngestResult> Read(ReadOnlyMemory<byte> content, string origin, InputOptions options)
    {
        ArgumentNullException.ThrowIfNull(origin);
        ArgumentNullException.ThrowIfNull(options);
        return ReadItems(content, origin, options);
    }

    private static IEnumerable<IngestResult> ReadItems(ReadOnlyMemory<byte> content, string origin, InputOptions options)
    {
        if (content.Length > MaxFeedBytes)
        {
            yield return IngestResult.Failed(origin, $"feed too large: {content.Length} bytes (limit {MaxFeedBytes})");
            yield break;
        }

        var (text, _) = FeedDecoding.Decode(content.Span);
        var start = 0;
        while (start < text.Length && (char.IsWhiteSpace(text[start]) || text[start] == '\uFEFF'))
        {
            start++;
        }

        if (start == text.Length)
        {
            yield return IngestResult.Failed(origin, "empty feed");
            yield break;
        }

        FeedDocument document;
        if (text[start] == '{')
        {
            document = JsonFeedParser.Parse(text[start..]);
        }
        else if (text[start] == '<')
        {
            document = XmlFeedParser.Parse(text[start..]);
        }
        else
        {
            yield return IngestResult.Failed(origin, $"not a feed: the content starts with '{Shorten(text.Substring(start, Math.Min(20, text.Length - start)))}' (expected XML or JSON)");
            yield break;
        }

        var source = document.Title is null ? null : NullIfEmpty(RenderLine(document.Title));
        var feedLanguage = LanguageCode(document.Language);
        for (var i = 0; i < document.Entries.Count; i++)
        {
            yield return ToArticle(document.Entries[i], $"{origin}#item{i + 1}", source, feedLanguage, options);
        }

        if (document.Error is not null)
        {
            yield return IngestResult.Failed(origin, document.Error);
        }
    }

    private static IngestResult ToArticle(FeedEntry entry, string itemOrigin, string? source, string? feedLanguage, InputOptions options)
    {
        var link = NullIfEmpty(entry.Link?.Trim());
        var origin = link is null ? itemOrigin : $"{itemOrigin} {link}";
        var title = entry.Title is null ? null : NullIfEmpty(RenderLine(entry.Title));
        string? text = null;
        var map = OffsetMap.Identity;
        foreach (var body in entry.Bodies)
        {
            var (rendered, renderedMap) = RenderBody(body);
            if (rendered.Length > 0)
            {
                (text, map) = (rendered, renderedMap);
                break;
            }
        }

        if (text is null)
        {
            if (title is null)
            {
                return IngestResult.Failed(origin, "item has neither a title nor any text");
            }

            (text, map) = (title, OffsetMap.Identity);
        }

        DateTimeOffset? published = FeedDate.TryParse(entry.Date, out var date) ? date : options.Published;
        var metadata = new ArticleMetadata
        {
            Url = link,
            Title = title,
            Author = entry.Author is null ? null : CleanAuthor(entry.Author),
            Source = source,
            Published = published,
            Language = options.Language ?? LanguageCode(entry.Language) ?? feedLanguage,
        };
        return IngestResult.Ok(new Article(text, metadata, origin, map));
    }

    /// <summary>A body as plain text with paragraph breaks, and the map back to the (repaired) body as the feed carries it.</summary>
    private static (string Text, OffsetMap Map) RenderBody(FeedContent body)
    {
        var value = TextDecoder.RepairMojibake(WithoutControlCharacters(body.Value));
        return body.Kind == FeedContentKind.Html ? HtmlText.FromFragment(value) : NormalizePlainText(value);
    }

    /// <summary>A title, source or author: one line of plain text.</summary>
    private static string RenderLine(FeedContent content)
    {
        var value = TextDecoder.RepairMojibake(WithoutControlCharacters(content.Value));
        var text = content.Kind == FeedContentKind.Html ? HtmlText.FromFragment(value).Text : value;
        return Whitespace.Collapse(text);
    }

    /// <summary>Plain text: line breaks normalised, runs of spaces one space, blank lines one paragraph break.</summary>
    internal static (string Text, OffsetMap Map) NormalizePlainText(string value)
    {
        var builder = new OffsetMapBuilder();
        var pendingSpace = false;
        var pendingBreaks = 0;
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (c == '\r' || c == '\n')
            {
                if (c == '\r' && i + 1 < value.Length && value[i + 1] == '\n')
                {
                    i++;
                }

                pendingBreaks++;
                pendingSpace = false;
                continue;
            }

            if (char.IsWhiteSpace(c))
            {
                pendingSpace = true;
                continue;
            }

            if (builder.Length > 0)
            {
                if (pendingBreaks > 0)
                {
                    builder.Append(pendingBreaks > 1 ? "\n\n" : "\n", i);
                }
                else if (pendingSpace)
                {
                    builder.Append(' ', i);
                }
            }

            pendingBreaks = 0;
            pendingSpace = false;
            builder.Append(c, i);
        }

        return builder.Build();
    }

    /// <summary>Control characters other than tab and line breaks are junk in feeds (they are not even allowed in XML).</summary>
    private static string WithoutControlCharacters(string value)
    {
        if (!value.AsSpan().ContainsAnyInRange('\0', '\u001F'))
        {
            return value;
        }

        var builder = new StringBuilder(value.Length);
        foreach (var c in value)
        {
            if (c >= ' ' || c is '\t' or '\n' or '\r')
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }

    /// <summary>RSS authors are often "mail@example.org (Name)"; keep the name. Markup and entities are rendered.</summary>
    private static string? CleanAuthor(string author)
    {
        var value = TextDecoder.RepairMojibake(WithoutControlCharacters(author));
        if (value.Contains('<', StringComparison.Ordinal) || value.Contains('&', StringComparison.Ordinal))
        {
            value = HtmlText.FromFragment(value).Text;
        }

        value = Whitespace.Collapse(value);
        var open = value.IndexOf('(', StringComparison.Ordinal);
        if (open > 0 && value.EndsWith(')') && value[..open].Contains('@', StringComparison.Ordinal))
        {
            value = value[(open + 1)..^1].Trim();
        }

        return NullIfEmpty(value);
    }

    /// <summary>The ISO 639-1 part of a language tag ("de-AT" → "de"); null when it has none.</summary>
    internal static string? LanguageCode(string? tag)
    {
        if (string.IsNullOrWhiteSpace(tag))
        {
            return null;
        }

        var primary = tag.Trim().Split('-', '_')[0];
        return primary.Length == 2 && primary.All(char.IsAsciiLetter) ? primary.ToLowerInvariant() : null;
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;

    private static string Shorten(string text) => text.Replace('\n', ' ').Replace('\r', ' ');
}
