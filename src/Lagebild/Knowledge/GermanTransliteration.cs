using System.Text;
using Lagebild.Knowledge.Dictionaries;

namespace Lagebild.Knowledge;

/// <summary>
/// Generates the German spelling of names transliterated from Cyrillic into English ("Lukashenko" → "Lukaschenko",
/// "Vladimir" → "Wladimir", "Zelensky" → "Selenskyj"). The rules are data (data/de/transliteration.tsv):
/// country codes the rule applies to, the English letter sequence, its German replacement, and where it may stand
/// (any, start, end of a word). Rules apply left to right, longest match first.
/// </summary>
public sealed class GermanTransliteration
{
    private readonly List<Rule> _rules;

    private GermanTransliteration(List<Rule> rules) => _rules = rules;

    private sealed record Rule(HashSet<string> Countries, string From, string To, RulePosition Position);

    private enum RulePosition
    {
        Any,
        Start,
        End,
    }

    public static GermanTransliteration Load(string path, List<DictionaryIssue> issues)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(issues);
        var rules = new List<Rule>();
        var lineNumber = 0;
        foreach (var line in File.ReadLines(path, Encoding.UTF8))
        {
            lineNumber++;
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            var fields = line.Split('\t');
            if (fields.Length != 4 || fields[1].Length == 0 || !Enum.TryParse<RulePosition>(fields[3], ignoreCase: true, out var position))
            {
                issues.Add(new DictionaryIssue(path, lineNumber, "transliteration rule should read: countries<TAB>from<TAB>to<TAB>any|start|end"));
                continue;
            }

            var countries = fields[0].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet(StringComparer.Ordinal);
            rules.Add(new Rule(countries, fields[1].ToLowerInvariant(), fields[2].ToLowerInvariant(), position));
        }

        // Longest source sequence first so "shch" wins over "sh".
        rules.Sort((a, b) => b.From.Length.CompareTo(a.From.Length));
        return new GermanTransliteration(rules);
    }

    public bool AppliesTo(string countryCode) => _rules.Any(r => r.Countries.Contains(countryCode));

    /// <summary>The German spelling of an English-transliterated name, or null when no rule changes it.</summary>
    public string? Transliterate(string name, string countryCode)
    {
        ArgumentNullException.ThrowIfNull(name);
        var rules = _rules.Where(r => r.Countries.Contains(countryCode)).ToList();
        if (rules.Count == 0)
        {
            return null;
        }

        var output = new StringBuilder(name.Length + 8);
        var i = 0;
        while (i < name.Length)
        {
            var wordStart = i == 0 || !char.IsLetter(name[i - 1]);
            Rule? applied = null;
            foreach (var rule in rules)
            {
                if (i + rule.From.Length > name.Length || !name.AsSpan(i, rule.From.Length).Equals(rule.From, StringComparison.OrdinalIgnoreCase))
                {
                    continue;
                }

                var end = i + rule.From.Length;
                var wordEnd = end == name.Length || !char.IsLetter(name[end]);
                if ((rule.Position == RulePosition.Start && !wordStart) || (rule.Position == RulePosition.End && !wordEnd))
                {
                    continue;
                }

                applied = rule;
                break;
            }

            if (applied is null)
            {
                output.Append(name[i]);
                i++;
                continue;
            }

            // Keep the capitalisation of the first replaced letter.
            var replacement = applied.To;
            if (replacement.Length > 0 && char.IsUpper(name[i]))
            {
                replacement = char.ToUpperInvariant(replacement[0]) + replacement[1..];
            }

            output.Append(replacement);
            i += applied.From.Length;
        }

        var result = output.ToString();
        return string.Equals(result, name, StringComparison.Ordinal) ? null : result;
    }
}
