using System.Globalization;
using System.Text;
using System.Text.Json;
using Lagebild.Documents;
using Lagebild.Ingest.Decoding;
using Lagebild.Ingest.Html;
using Lagebild.Ingest.PlainText;

namespace Lagebild.Ingest.Jsonl;

/// <summary>
/// One article per line of JSON: fields id, url, title, published (or date), source, language (or lang), dateline,
/// author, and text or html. Text is taken as given (trimmed, line endings normalised, double-encoded UTF-8 repaired);
/// html goes through the HTML extractor. Blank lines are skipped; a malformed line is an error naming
/// "origin:line" and reading goes on.
/// </summary>
public sealed class JsonlReader
{
    private static readonly JsonDocumentOptions DocumentOptions = new() { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip };

    private readonly HtmlArticleExtractor _html;

    public JsonlReader()
        : this(new HtmlArticleExtractor())
    {
    }

    public JsonlReader(HtmlArticleExtractor html)
    {
        ArgumentNullException.ThrowIfNull(html);
        _html = html;
    }

    public IEnumerable<IngestResult> Read(Stream stream, string origin, InputOptions options)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(origin);
        ArgumentNullException.ThrowIfNull(options);
        return ReadLines(stream, origin, options);
    }

    private IEnumerable<IngestResult> ReadLines(Stream stream, string origin, InputOptions options)
    {
        using var reader = new StreamReader(stream, new UTF8Encoding(false), detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16, leaveOpen: true);
        var lineNumber = 0;
        var seenContent = false;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            var isFirst = !seenContent;
            seenContent = true;
            if (isFirst && IsDocumentStart(line))
            {
                // Not JSON Lines but one pretty-printed JSON document: an object or an array of objects.
                foreach (var result in ReadDocument(line + "\n" + reader.ReadToEnd(), origin, options))
                {
                    yield return result;
                }

                yield break;
            }

            yield return ReadLine(line, $"{origin}:{lineNumber.ToString(CultureInfo.InvariantCulture)}", options);
        }
    }

    /// <summary>One JSON object as an article, or an error naming <paramref name="lineOrigin"/>.</summary>
    public IngestResult ReadLine(string line, string lineOrigin, InputOptions options)
    {
        ArgumentNullException.ThrowIfNull(line);
        ArgumentNullException.ThrowIfNull(lineOrigin);
        ArgumentNullException.ThrowIfNull(options);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(line, DocumentOptions);
        }
        catch (JsonException exception)
        {
            return IngestResult.Failed(lineOrigin, $"malformed JSON: {exception.Message}");
        }

        using (document)
        {
            return ReadElement(document.RootElement, lineOrigin, options);
        }
    }

    private IEnumerable<IngestResult> ReadDocument(string json, string origin, InputOptions options)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, DocumentOptions);
        }
        catch (JsonException exception)
        {
            return [IngestResult.Failed(origin, $"malformed JSON: {exception.Message}")];
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Array)
            {
                return [ReadElement(root, origin, options)];
            }

            return [.. root.EnumerateArray().Select((item, index) => ReadElement(item, $"{origin}#{index.ToString(CultureInfo.InvariantCulture)}", options))];
        }
    }

    /// <summary>A first line that opens a document rather than holding a whole object: "[", "{" alone, or an object left open.</summary>
    private static bool IsDocumentStart(string line)
    {
        var trimmed = line.AsSpan().Trim();
        return trimmed.StartsWith("[") || (trimmed.StartsWith("{") && !trimmed.EndsWith("}"));
    }

    private IngestResult ReadElement(JsonElement root, string lineOrigin, InputOptions options)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            return IngestResult.Failed(lineOrigin, $"expected a JSON object, found {root.ValueKind.ToString().ToLowerInvariant()}");
        }

        var id = Field(root, "id")?.Trim();
        var itemOrigin = id is null ? lineOrigin : $"{lineOrigin}#{id}";
        // A date that is not ISO 8601 is ignored rather than costing the article: the text is what matters.
        var published = ParseIsoDate(Field(root, "published", "date")?.Trim());

        var metadata = new ArticleMetadata
        {
            Url = MetadataField(root, "url"),
            Title = MetadataField(root, "title"),
            Author = MetadataField(root, "author"),
            Source = MetadataField(root, "source"),
            Dateline = MetadataField(root, "dateline") is { } dateline ? PlainTextArticleParser.PlaceOfDateline(dateline) : null,
            Language = Field(root, "language", "lang")?.Trim().ToLowerInvariant() ?? options.Language,
            Published = published ?? options.Published,
        };

        var text = Field(root, "text");
        if (!string.IsNullOrWhiteSpace(text))
        {
            var (clean, map) = Clean(text);
            return IngestResult.Ok(new Article(clean, metadata, itemOrigin, map));
        }

        var html = Field(root, "html");
        if (!string.IsNullOrWhiteSpace(html))
        {
            var extracted = _html.Extract(html, itemOrigin, options with { Language = metadata.Language, Published = metadata.Published }, metadata.Url, metadata.Published);
            return extracted.Article is null ? extracted : IngestResult.Ok(extracted.Article.WithMetadata(Merge(metadata, extracted.Article.Metadata)));
        }

        return IngestResult.Failed(itemOrigin, "no 'text' or 'html' field");
    }

    /// <summary>Trims, normalises line endings and repairs mojibake, with the map back to the JSON string value.</summary>
    private static (string Text, OffsetMap Map) Clean(string value)
    {
        var (normalized, repairMap, _) = TextDecoder.Normalize(value);
        var start = 0;
        var end = normalized.Length;
        while (start < end && char.IsWhiteSpace(normalized[start]))
        {
            start++;
        }

        while (end > start && char.IsWhiteSpace(normalized[end - 1]))
        {
            end--;
        }

        var trimmed = normalized[start..end];
        var trimMap = start == 0 ? OffsetMap.Identity : new OffsetMap([0], [start]);
        return (trimmed, OffsetMapComposition.Compose(trimMap, trimmed.Length, repairMap));
    }

    /// <summary>What the line says wins over what the extractor found in the page.</summary>
    private static ArticleMetadata Merge(ArticleMetadata fromLine, ArticleMetadata fromPage) => fromPage with
    {
        Url = fromLine.Url ?? fromPage.Url,
        Title = fromLine.Title ?? fromPage.Title,
        Author = fromLine.Author ?? fromPage.Author,
        Source = fromLine.Source ?? fromPage.Source,
        Dateline = fromLine.Dateline ?? fromPage.Dateline,
        Language = fromLine.Language ?? fromPage.Language,
        Published = fromLine.Published ?? fromPage.Published,
    };

    /// <summary>A metadata string with double-encoded UTF-8 repaired (no offsets point into metadata).</summary>
    private static string? MetadataField(JsonElement root, string name) =>
        Field(root, name) is { } value ? TextDecoder.RepairMojibake(value.Trim()) : null;

    private static string? Field(JsonElement root, params string[] names)
    {
        foreach (var name in names)
        {
            if (!root.TryGetProperty(name, out var value))
            {
                continue;
            }

            var text = value.ValueKind switch
            {
                JsonValueKind.String => value.GetString(),
                JsonValueKind.Number => value.GetRawText(),
                _ => null,
            };
            if (!string.IsNullOrWhiteSpace(text))
            {
                // Untrimmed: offsets into the text field count from its first character.
                return text;
            }
        }

        return null;
    }

    /// <summary>ISO 8601 date or date-time ("2023-03-01", "1987-02-26T15:01:01", "2023-03-01T08:00:00+01:00"); no offset means UTC.</summary>
    internal static DateTimeOffset? ParseIsoDate(string? value)
    {
        if (value is null || value.Length < 10 || !IsIsoDatePrefix(value.AsSpan(0, 10)))
        {
            return null;
        }

        return DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed) ? parsed : null;
    }

    private static bool IsIsoDatePrefix(ReadOnlySpan<char> head) =>
        char.IsAsciiDigit(head[0]) && char.IsAsciiDigit(head[1]) && char.IsAsciiDigit(head[2]) && char.IsAsciiDigit(head[3])
        && head[4] == '-' && char.IsAsciiDigit(head[5]) && char.IsAsciiDigit(head[6])
        && head[7] == '-' && char.IsAsciiDigit(head[8]) && char.IsAsciiDigit(head[9]);
}
