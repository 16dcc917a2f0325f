using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Lagebild.Evaluation;

/// <summary>What a gold mention refers to: an acting person, organisation or country; a location; anything else.</summary>
public enum GoldMentionKind
{
    Actor,
    Place,
    Other,
}

/// <summary>
/// How the name occurs: a name of its own, the name part of a compound ("UN" in "UN-Soldaten"), or a form derived from
/// a name ("ugandische", "German"). Parts and derived forms are names for link precision but not owed to recall.
/// </summary>
public enum GoldMentionForm
{
    Name,
    Part,
    Derived,
}

/// <summary>
/// One hand-annotated proper-name mention: span in UTF-16 units into the article text, surface, type (PER, ORG, LOC,
/// MISC), kind and the CAMEO country part of the actor on the article's date (IGO for international organisations;
/// null when none applies).
/// </summary>
public sealed record GoldMention(int Start, int Length, string Text, string Type, GoldMentionKind Kind, string? Country, GoldMentionForm Form)
{
    public int End => Start + Length;

    public bool Overlaps(int start, int length) => Start < start + length && start < End;

    /// <summary>PER and ORG names of their own: what name recall counts.</summary>
    public bool CountsForNameRecall => Form == GoldMentionForm.Name && Type is "PER" or "ORG";

    /// <summary>Actor names of their own with a country: what link recall counts.</summary>
    public bool CountsForLinkRecall => Form == GoldMentionForm.Name && Kind == GoldMentionKind.Actor && Country is not null;
}

/// <summary>
/// Standoff annotation of one news article: which line of which file under the news folder, the date the article is
/// analysed with, and the length and SHA-256 (of the UTF-8 text) that detect a text that no longer matches.
/// </summary>
public sealed record GoldArticle(string Id, string Language, string File, int Line, DateOnly Published, int TextLength, string TextSha256, IReadOnlyList<GoldMention> Mentions)
{
    /// <summary>Null when <paramref name="text"/> is the text the annotation was made on, else what differs.</summary>
    public string? CheckText(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length != TextLength)
        {
            return string.Create(CultureInfo.InvariantCulture, $"text has {text.Length} characters, the annotation expects {TextLength}");
        }

        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
        return string.Equals(hash, TextSha256, StringComparison.Ordinal) ? null : "text differs from the annotated text (SHA-256)";
    }
}

/// <summary>A gold file read, or the error that names it.</summary>
public sealed record GoldArticleResult(string Path, GoldArticle? Article, string? Error);

/// <summary>
/// Reads the development set: one JSON file per article under DIR/&lt;lang&gt;/ (tests/Lagebild.Tests/Data/actors-dev,
/// documented in its README.md).
/// </summary>
public static class MentionGoldReader
{
    public static IReadOnlyList<GoldArticleResult> ReadDirectory(string directory, string language)
    {
        ArgumentNullException.ThrowIfNull(directory);
        ArgumentNullException.ThrowIfNull(language);
        var folder = Path.Combine(directory, language);
        if (!Directory.Exists(folder))
        {
            return [];
        }

        return [.. Directory.EnumerateFiles(folder, "*.json").Order(StringComparer.Ordinal).Select(path => Read(path, language))];
    }

    public static GoldArticleResult Read(string path, string language)
    {
        ArgumentNullException.ThrowIfNull(path);
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllText(path));
            return Parse(document.RootElement, path, language);
        }
        catch (JsonException exception)
        {
            return new GoldArticleResult(path, null, $"malformed JSON: {exception.Message}");
        }
        catch (IOException exception)
        {
            return new GoldArticleResult(path, null, exception.Message);
        }
    }

    private static GoldArticleResult Parse(JsonElement root, string path, string language)
    {
        GoldArticleResult Fail(string message) => new(path, null, message);

        if (String(root, "id") is not { } id || String(root, "file") is not { } file || String(root, "textSha256") is not { } hash)
        {
            return Fail("needs the string fields id, file and textSha256");
        }

        if (Int(root, "line") is not { } line || Int(root, "textLength") is not { } length)
        {
            return Fail("needs the number fields line and textLength");
        }

        if (!DateOnly.TryParseExact(String(root, "published"), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var published))
        {
            return Fail("published must be yyyy-MM-dd");
        }

        if (!root.TryGetProperty("mentions", out var list) || list.ValueKind != JsonValueKind.Array)
        {
            return Fail("needs a mentions array");
        }

        var mentions = new List<GoldMention>();
        var index = 0;
        foreach (var item in list.EnumerateArray())
        {
            var mention = ParseMention(item);
            if (mention is null || mention.Start < 0 || mention.End > length)
            {
                return Fail(string.Create(CultureInfo.InvariantCulture, $"mention {index} is incomplete or outside the text"));
            }

            mentions.Add(mention);
            index++;
        }

        return new GoldArticleResult(path, new GoldArticle(id, language, file, line, published, length, hash, mentions), null);
    }

    private static GoldMention? ParseMention(JsonElement item)
    {
        if (item.ValueKind != JsonValueKind.Object || Int(item, "start") is not { } start || Int(item, "length") is not { } length
            || String(item, "text") is not { } text || String(item, "type") is not ("PER" or "ORG" or "LOC" or "MISC") || text.Length != length)
        {
            return null;
        }

        GoldMentionKind? kind = String(item, "kind") switch
        {
            "actor" => GoldMentionKind.Actor,
            "place" => GoldMentionKind.Place,
            "other" => GoldMentionKind.Other,
            _ => null,
        };
        GoldMentionForm? form = String(item, "form") switch
        {
            null or "name" => GoldMentionForm.Name,
            "part" => GoldMentionForm.Part,
            "derived" => GoldMentionForm.Derived,
            _ => null,
        };
        if (kind is null || form is null)
        {
            return null;
        }

        return new GoldMention(start, length, text, String(item, "type")!, kind.Value, String(item, "country"), form.Value);
    }

    private static string? String(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static int? Int(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var number) ? number : null;
}
