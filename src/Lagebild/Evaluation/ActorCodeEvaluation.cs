using System.Globalization;
using System.Text.Json;
using Lagebild.Knowledge;

namespace Lagebild.Evaluation;

/// <summary>One gold actor mention and what the knowledge base made of it.</summary>
public sealed record ActorCodeOutcome(string RecordId, string ActorText, string GoldCode, string? PredictedCode, bool CountryMatches, bool CountryMatchesUpToHistoricalCodes);

/// <summary>
/// Scores actor linking against PLOVER gold records (PLOVER_GSR_CAMEO.*.json): for every source and target actor text,
/// the country part of the linked code (first three letters; IGO for international organisations) must equal the
/// gold code's. Unlinked mentions count as misses.
/// </summary>
public static class ActorCodeEvaluation
{
    /// <summary>Reads "historical&lt;TAB&gt;current" pairs (data/shared/knowledge/code-equivalents.tsv).</summary>
    public static IReadOnlyDictionary<string, string> ReadEquivalents(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in File.ReadLines(path))
        {
            var fields = line.Split('\t');
            if (line.Length == 0 || line[0] == '#' || fields.Length != 2 || fields[0] == "historical")
            {
                continue;
            }

            result[fields[0]] = fields[1];
        }

        return result;
    }

    public static IReadOnlyList<ActorCodeOutcome> Run(Stream ploverJson, KnowledgeBase knowledge, IReadOnlyDictionary<string, string>? equivalents = null)
    {
        equivalents ??= new Dictionary<string, string>();
        ArgumentNullException.ThrowIfNull(ploverJson);
        ArgumentNullException.ThrowIfNull(knowledge);
        using var document = JsonDocument.Parse(ploverJson);
        var outcomes = new List<ActorCodeOutcome>();
        foreach (var record in document.RootElement.EnumerateArray())
        {
            if (!record.TryGetProperty("text", out _))
            {
                continue; // documentation records
            }

            var id = record.GetProperty("id").GetString() ?? "";
            DateOnly? date = record.TryGetProperty("date", out var dateValue)
                && DateOnly.TryParseExact(dateValue.GetString(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed)
                ? parsed
                : null;
            var language = record.TryGetProperty("language", out var languageValue) ? languageValue.GetString() ?? "en" : "en";
            foreach (var side in new[] { "source", "target" })
            {
                if (!record.TryGetProperty(side, out var actors) || actors.ValueKind != JsonValueKind.Array)
                {
                    continue;
                }

                foreach (var actor in actors.EnumerateArray())
                {
                    var text = actor.TryGetProperty("actorText", out var t) ? t.GetString() : null;
                    var gold = actor.TryGetProperty("code", out var c) ? c.GetString() : null;
                    if (string.IsNullOrWhiteSpace(text) || string.IsNullOrWhiteSpace(gold))
                    {
                        continue;
                    }

                    var predicted = knowledge.ResolveMention(text, date, language)?.Code;
                    var matches = predicted is { Length: >= 3 } && gold.Length >= 3
                        && string.Equals(predicted[..3], gold[..3], StringComparison.Ordinal);
                    var canonicalGold = gold.Length >= 3 ? equivalents.GetValueOrDefault(gold[..3], gold[..3]) : gold;
                    var canonicalPredicted = predicted is { Length: >= 3 } ? equivalents.GetValueOrDefault(predicted[..3], predicted[..3]) : null;
                    outcomes.Add(new ActorCodeOutcome(id, text, gold, predicted, matches, string.Equals(canonicalGold, canonicalPredicted, StringComparison.Ordinal)));
                }
            }
        }

        return outcomes;
    }
}
