using Lagebild.Knowledge.Dictionaries;

namespace Lagebild.Knowledge;

/// <summary>
/// Checks the knowledge-base files: no id twice in a file, every CAMEO code built from known parts (a country or
/// international prefix, then known three-letter role segments, as listed in codes*.tsv), role periods of one actor
/// that never overlap, given names listed once, and files that parse.
/// </summary>
public static class KnowledgeBaseValidator
{
    public static IReadOnlyList<DictionaryIssue> Validate(IReadOnlyList<string> directories)
    {
        ArgumentNullException.ThrowIfNull(directories);
        var issues = new List<DictionaryIssue>();
        var knowledge = KnowledgeBaseFiles.Load(directories, issues);
        var (prefixes, segments) = ReadCodes(directories, issues);
        foreach (var country in knowledge.Countries)
        {
            prefixes.Add(country.Code);
        }

        foreach (var directory in directories.Where(Directory.Exists))
        {
            foreach (var path in Directory.EnumerateFiles(directory, "actors*.tsv").Order(StringComparer.Ordinal))
            {
                var ids = new Dictionary<string, string>(StringComparer.Ordinal);
                foreach (var actor in KnowledgeBaseFiles.ReadActors(path, []))
                {
                    if (!ids.TryAdd(actor.Id, actor.Provenance ?? ""))
                    {
                        issues.Add(new DictionaryIssue(path, 0, $"actor id {actor.Id} is defined twice ({ids[actor.Id]} and {actor.Provenance})"));
                    }
                }
            }

            foreach (var path in Directory.EnumerateFiles(directory, "given-names*.tsv").Order(StringComparer.Ordinal))
            {
                var genders = new Dictionary<string, string>(StringComparer.Ordinal);
                foreach (var givenName in KnowledgeBaseFiles.ReadGivenNames(path, []))
                {
                    if (!genders.TryAdd(NameKey.Of(givenName.Name), givenName.Gender))
                    {
                        issues.Add(new DictionaryIssue(path, 0, $"given name {givenName.Name} is listed twice"));
                    }
                }
            }

            foreach (var path in Directory.EnumerateFiles(directory, "countries*.tsv").Order(StringComparer.Ordinal))
            {
                var codes = new HashSet<string>(StringComparer.Ordinal);
                foreach (var country in KnowledgeBaseFiles.ReadCountries(path, []))
                {
                    if (!codes.Add(country.Code))
                    {
                        issues.Add(new DictionaryIssue(path, 0, $"country {country.Code} is defined twice"));
                    }
                }
            }
        }

        foreach (var actor in knowledge.Actors)
        {
            foreach (var role in actor.Roles)
            {
                if (!IsKnownCode(role.Code, prefixes, segments))
                {
                    issues.Add(new DictionaryIssue(actor.Provenance ?? actor.Id, 0, $"actor {actor.Id} has unknown code {role.Code}"));
                }
            }

            var dated = actor.Roles.Where(r => !r.IsDefault).ToList();
            for (var i = 0; i < dated.Count; i++)
            {
                for (var j = i + 1; j < dated.Count; j++)
                {
                    if (dated[i].Overlaps(dated[j]))
                    {
                        issues.Add(new DictionaryIssue(actor.Provenance ?? actor.Id, 0, $"actor {actor.Id} has overlapping roles {dated[i]} and {dated[j]}"));
                    }
                }
            }
        }

        foreach (var agent in knowledge.Agents)
        {
            if (!IsKnownRole(agent.Code, segments))
            {
                issues.Add(new DictionaryIssue(agent.Provenance ?? agent.Phrase, 0, $"agent '{agent.Phrase}' has unknown role code {agent.Code}"));
            }
        }

        foreach (var country in knowledge.Countries)
        {
            foreach (var metonym in country.Metonyms)
            {
                if (metonym.Role.Length > 0 && !IsKnownRole(metonym.Role, segments))
                {
                    issues.Add(new DictionaryIssue(country.Code, 0, $"metonym '{metonym.Name}' has unknown role code {metonym.Role}"));
                }
            }
        }

        return issues;
    }

    public static bool IsKnownCode(string code, IReadOnlySet<string> prefixes, IReadOnlySet<string> segments)
    {
        ArgumentNullException.ThrowIfNull(code);
        ArgumentNullException.ThrowIfNull(prefixes);
        if (code.Length < 3 || code.Length % 3 != 0 || !code.All(char.IsAsciiLetterUpper))
        {
            return false;
        }

        return prefixes.Contains(code[..3]) && IsKnownRole(code[3..], segments);
    }

    private static bool IsKnownRole(string role, IReadOnlySet<string> segments)
    {
        if (role.Length % 3 != 0 || !role.All(char.IsAsciiLetterUpper))
        {
            return false;
        }

        for (var i = 0; i < role.Length; i += 3)
        {
            if (!segments.Contains(role.Substring(i, 3)))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>codes*.tsv: code, kind (prefix|segment), description.</summary>
    internal static (HashSet<string> Prefixes, HashSet<string> Segments) ReadCodes(IEnumerable<string> directories, List<DictionaryIssue> issues)
    {
        var prefixes = new HashSet<string>(StringComparer.Ordinal);
        var segments = new HashSet<string>(StringComparer.Ordinal);
        foreach (var directory in directories.Where(Directory.Exists))
        {
            foreach (var path in Directory.EnumerateFiles(directory, "codes*.tsv").Order(StringComparer.Ordinal))
            {
                // Codes are a set: their order does not matter.
                var lineNumber = 0;
                foreach (var line in File.ReadLines(path))
                {
                    lineNumber++;
                    if (line.Length == 0 || line[0] == '#' || line.StartsWith("code\t", StringComparison.Ordinal))
                    {
                        continue;
                    }

                    var fields = line.Split('\t');
                    if (fields.Length < 2 || fields[0].Length != 3 || !fields[0].All(char.IsAsciiLetterUpper))
                    {
                        issues.Add(new DictionaryIssue(path, lineNumber, "code line should read: CODE<TAB>prefix|segment<TAB>description"));
                        continue;
                    }

                    (fields[1] == "prefix" ? prefixes : segments).Add(fields[0]);
                }
            }
        }

        return (prefixes, segments);
    }
}
