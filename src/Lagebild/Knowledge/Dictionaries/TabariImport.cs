using System.Text;

namespace Lagebild.Knowledge.Dictionaries;

/// <summary>Turns TABARI/PETRARCH dictionary records into our actor and agent records.</summary>
public static class TabariImport
{
    public static IEnumerable<Actor> ToActors(IEnumerable<TabariActorRecord> records, string file, ActorKind? kind = null)
    {
        ArgumentNullException.ThrowIfNull(records);
        foreach (var record in records)
        {
            if (record.Roles.Count == 0)
            {
                continue; // A phrase without any code carries no information for coding.
            }

            var names = new List<string> { DisplayName(record.Primary) };
            names.AddRange(record.Synonyms.Select(DisplayName));
            yield return new Actor
            {
                Id = IdFor(record.Primary),
                Kind = kind ?? (record.Roles.Any(r => !r.IsDefault) ? ActorKind.Person : ActorKind.Organisation),
                Name = names[0],
                Names = new Dictionary<string, IReadOnlyList<string>> { ["*"] = names.Distinct(StringComparer.Ordinal).ToArray() },
                Roles = NormalizeRoles(record.Roles),
                Provenance = $"{Path.GetFileName(file)}:{record.Line}",
            };
        }
    }

    public static IEnumerable<Agent> ToAgents(IEnumerable<TabariAgentRecord> records, string file)
    {
        ArgumentNullException.ThrowIfNull(records);
        foreach (var record in records)
        {
            yield return new Agent(TabariActorDictionary.PhraseToWords(record.Phrase).ToLowerInvariant(), "en", record.Code, $"{Path.GetFileName(file)}:{record.Line}");
        }
    }

    /// <summary>"VLADIMIR_PUTIN_" → "VLADIMIR_PUTIN": a stable id from the primary phrase.</summary>
    public static string IdFor(string primary)
    {
        ArgumentNullException.ThrowIfNull(primary);
        return string.Join('_', primary.Split(['_', ' ', '\t', '|', ';'], StringSplitOptions.RemoveEmptyEntries)).ToUpperInvariant();
    }

    /// <summary>"VLADIMIR_V._PUTIN_" → "Vladimir V. Putin"; all-caps acronyms of up to four letters stay as they are.</summary>
    public static string DisplayName(string phrase)
    {
        ArgumentNullException.ThrowIfNull(phrase);
        var words = TabariActorDictionary.PhraseToWords(phrase).Split(' ');
        var builder = new StringBuilder();
        foreach (var word in words)
        {
            if (builder.Length > 0)
            {
                builder.Append(' ');
            }

            var letters = word.Count(char.IsLetter);
            if (letters <= 4 && words.Length == 1)
            {
                builder.Append(word);
                continue;
            }

            builder.Append(TitleCase(word));
        }

        return builder.ToString();
    }

    private static string TitleCase(string word)
    {
        var lower = word.ToLowerInvariant();
        var chars = lower.ToCharArray();
        var startOfPart = true;
        for (var i = 0; i < chars.Length; i++)
        {
            if (startOfPart && char.IsLetter(chars[i]))
            {
                chars[i] = char.ToUpperInvariant(chars[i]);
                startOfPart = false;
            }
            else if (chars[i] is '-' or '\'' or '.')
            {
                startOfPart = true;
            }
        }

        return new string(chars);
    }

    /// <summary>
    /// Makes role periods unambiguous: where dated periods overlap, the one that started later wins from its start on;
    /// adjacent pieces with the same code are joined. Default roles (no dates) are kept once each.
    /// </summary>
    public static IReadOnlyList<RolePeriod> NormalizeRoles(IReadOnlyList<RolePeriod> roles)
    {
        ArgumentNullException.ThrowIfNull(roles);
        var defaults = roles.Where(r => r.IsDefault).DistinctBy(r => r.Code).ToList();
        var dated = roles.Where(r => !r.IsDefault).ToList();
        if (dated.Count <= 1)
        {
            return [.. dated, .. defaults];
        }

        var boundaries = new SortedSet<DateOnly>();
        foreach (var role in dated)
        {
            boundaries.Add(role.From ?? DateOnly.MinValue);
            if ((role.To ?? DateOnly.MaxValue) < DateOnly.MaxValue)
            {
                boundaries.Add(role.To!.Value.AddDays(1));
            }
        }

        var points = boundaries.ToList();
        var pieces = new List<RolePeriod>();
        for (var i = 0; i < points.Count; i++)
        {
            var start = points[i];
            var end = i + 1 < points.Count ? points[i + 1].AddDays(-1) : DateOnly.MaxValue;
            RolePeriod? winner = null;
            foreach (var role in dated)
            {
                var from = role.From ?? DateOnly.MinValue;
                var to = role.To ?? DateOnly.MaxValue;
                if (from <= start && to >= start && (winner is null || from > (winner.From ?? DateOnly.MinValue)))
                {
                    winner = role;
                }
            }

            if (winner is null)
            {
                continue;
            }

            var piece = new RolePeriod(winner.Code, start == DateOnly.MinValue ? null : start, end == DateOnly.MaxValue ? null : end);
            if (pieces.Count > 0 && pieces[^1].Code == piece.Code && pieces[^1].To is { } previousEnd && previousEnd.AddDays(1) == start)
            {
                pieces[^1] = pieces[^1] with { To = piece.To };
            }
            else
            {
                pieces.Add(piece);
            }
        }

        return [.. pieces, .. defaults];
    }

}
