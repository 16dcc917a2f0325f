namespace Lagebild.Knowledge.Dictionaries;

/// <summary>One agent phrase with its code, e.g. FOREIGN_MINISTER → ~GOVFRM (the '~' side says where the code attaches).</summary>
public sealed record TabariAgentRecord(string Phrase, string Code, bool Prefix, int Line);

/// <summary>
/// Reads PETRARCH agent dictionaries: "PHRASE {optional plural} [~CODE]" with automatic regular English plurals,
/// "{}" for none, and substitution markers "!PERSON! = MAN, MEN, ..." expanded in later phrases.
/// </summary>
public static class TabariAgentDictionary
{
    public static IReadOnlyList<TabariAgentRecord> Read(TextReader reader, string fileName, List<DictionaryIssue> issues)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(issues);
        var markers = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var records = new List<TabariAgentRecord>();
        var lineNumber = 0;
        while (reader.ReadLine() is { } raw)
        {
            lineNumber++;
            var hash = raw.IndexOf('#', StringComparison.Ordinal);
            var line = (hash < 0 ? raw : raw[..hash]).Trim();
            if (line.Length == 0 || line.StartsWith("<!--", StringComparison.Ordinal))
            {
                continue;
            }

            if (line[0] == '!' && line.Contains('=', StringComparison.Ordinal))
            {
                var equals = line.IndexOf('=', StringComparison.Ordinal);
                markers[line[..equals].Trim()] = line[(equals + 1)..].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
                continue;
            }

            var open = line.IndexOf('[', StringComparison.Ordinal);
            if (open < 0)
            {
                issues.Add(new DictionaryIssue(fileName, lineNumber, "agent phrase without a [code]"));
                continue;
            }

            var close = line.IndexOfAny([']', '}'], open);
            var code = line[(open + 1)..(close < 0 ? line.Length : close)].Trim();
            var prefix = code.EndsWith('~');
            code = code.Trim('~');
            if (code.Length == 0)
            {
                issues.Add(new DictionaryIssue(fileName, lineNumber, "empty agent code"));
                continue;
            }

            var head = line[..open];
            string? plural = null;
            var brace = head.IndexOf('{', StringComparison.Ordinal);
            if (brace >= 0)
            {
                var braceEnd = head.IndexOf('}', brace);
                plural = head[(brace + 1)..(braceEnd < 0 ? head.Length : braceEnd)].Trim();
                head = head[..brace];
            }

            var phrase = head.Trim();
            if (phrase.Length == 0)
            {
                issues.Add(new DictionaryIssue(fileName, lineNumber, "empty agent phrase"));
                continue;
            }

            var expanded = Expand(phrase, markers).ToList();
            var hasMarker = expanded.Count > 1 || !string.Equals(expanded[0], phrase, StringComparison.Ordinal);
            foreach (var form in expanded)
            {
                records.Add(new TabariAgentRecord(form, code, prefix, lineNumber));
                if (hasMarker)
                {
                    continue; // Marker expansions list their own plurals.
                }

                if (plural is null)
                {
                    records.Add(new TabariAgentRecord(RegularPlural(form), code, prefix, lineNumber));
                }
                else if (plural.Length > 0)
                {
                    records.Add(new TabariAgentRecord(plural, code, prefix, lineNumber));
                }
            }
        }

        return records;
    }

    private static IEnumerable<string> Expand(string phrase, Dictionary<string, string[]> markers)
    {
        var start = phrase.IndexOf('!', StringComparison.Ordinal);
        var end = start < 0 ? -1 : phrase.IndexOf('!', start + 1);
        if (start < 0 || end < 0)
        {
            yield return phrase;
            yield break;
        }

        var marker = phrase[start..(end + 1)];
        if (!markers.TryGetValue(marker, out var values))
        {
            yield return phrase;
            yield break;
        }

        foreach (var value in values)
        {
            foreach (var rest in Expand(phrase[..start] + value + phrase[(end + 1)..], markers))
            {
                yield return rest;
            }
        }
    }

    private static string RegularPlural(string phrase)
    {
        if (phrase.EndsWith("SS", StringComparison.Ordinal))
        {
            return phrase + "ES";
        }

        if (phrase.EndsWith('Y') && phrase.Length > 1 && "AEIOU".IndexOf(phrase[^2]) < 0)
        {
            return phrase[..^1] + "IES";
        }

        return phrase + "S";
    }
}
