using System.Text;
using Lagebild.Knowledge.Dictionaries;

namespace Lagebild.Knowledge;

/// <summary>
/// Our knowledge-base format: UTF-8 tab-separated files with a header line, '#' comments, one record a line.
/// Multi-valued fields read "lang:value|value;lang:value" (lang "*" = any language); roles read
/// "CODE@yyyy-MM-dd..yyyy-MM-dd;CODE" (open ends allowed; no dates = default role).
/// countries*.tsv: code iso2 iso3 name_en name_de names adjectives metonyms
/// actors*.tsv:    id kind name names roles provenance [gender]   (gender optional: m, f or empty)
/// agents*.tsv:    language phrases code
/// given-names*.tsv: name gender                                   (m or f; for pronouns and role nouns)
/// places*.tsv:    country names                                   (sub-national places: no longer names of the country)
/// Files load in name order within a directory and directories in the order given: later records override earlier ones with the same key.
/// </summary>
public static class KnowledgeBaseFiles
{
    public static readonly string[] CountryColumns = ["code", "iso2", "iso3", "name_en", "name_de", "names", "adjectives", "metonyms"];
    public static readonly string[] ActorColumns = ["id", "kind", "name", "names", "roles", "provenance"];
    public static readonly string[] AgentColumns = ["language", "phrases", "code"];
    public static readonly string[] GivenNameColumns = ["name", "gender"];
    public static readonly string[] PlaceColumns = ["country", "names"];

    /// <summary>The optional last column of actor files.</summary>
    public const string GenderColumn = "gender";

    public static KnowledgeBase Load(IEnumerable<string> directories, List<DictionaryIssue> issues)
    {
        ArgumentNullException.ThrowIfNull(directories);
        ArgumentNullException.ThrowIfNull(issues);
        var countries = new Dictionary<string, Country>(StringComparer.Ordinal);
        var actors = new Dictionary<string, Actor>(StringComparer.Ordinal);
        var agents = new List<Agent>();
        var givenNames = new Dictionary<string, GivenName>(StringComparer.Ordinal);
        var places = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (var directory in directories)
        {
            if (!Directory.Exists(directory))
            {
                issues.Add(new DictionaryIssue(directory, 0, "knowledge directory does not exist"));
                continue;
            }

            foreach (var path in FilesInLoadOrder(directory, issues))
            {
                var name = Path.GetFileName(path);
                if (name.StartsWith("countries", StringComparison.Ordinal) && name.EndsWith(".tsv", StringComparison.Ordinal))
                {
                    foreach (var country in ReadCountries(path, issues))
                    {
                        countries[country.Code] = countries.TryGetValue(country.Code, out var earlier) ? Merge(earlier, country) : country;
                    }
                }
                else if (name.StartsWith("actors", StringComparison.Ordinal) && name.EndsWith(".tsv", StringComparison.Ordinal))
                {
                    foreach (var actor in ReadActors(path, issues))
                    {
                        actors[actor.Id] = actors.TryGetValue(actor.Id, out var earlier) ? Merge(earlier, actor) : actor;
                    }
                }
                else if (name.StartsWith("agents", StringComparison.Ordinal) && name.EndsWith(".tsv", StringComparison.Ordinal))
                {
                    agents.AddRange(ReadAgents(path, issues));
                }
                else if (name.StartsWith("given-names", StringComparison.Ordinal) && name.EndsWith(".tsv", StringComparison.Ordinal))
                {
                    foreach (var givenName in ReadGivenNames(path, issues))
                    {
                        givenNames[NameKey.Of(givenName.Name)] = givenName;
                    }
                }
                else if (name.StartsWith("places", StringComparison.Ordinal) && name.EndsWith(".tsv", StringComparison.Ordinal))
                {
                    foreach (var (code, keys) in ReadPlaces(path, issues))
                    {
                        if (!places.TryGetValue(code, out var known))
                        {
                            places[code] = known = new HashSet<string>(StringComparer.Ordinal);
                        }

                        known.UnionWith(keys);
                    }
                }
                else if (name.EndsWith(".actors.txt", StringComparison.Ordinal) || name.EndsWith(".agents.txt", StringComparison.Ordinal))
                {
                    // Users' own PETRARCH/TABARI dictionaries dropped beside ours.
                    using var reader = new StreamReader(path, Encoding.UTF8);
                    if (name.EndsWith(".actors.txt", StringComparison.Ordinal))
                    {
                        foreach (var actor in TabariImport.ToActors(TabariActorDictionary.Read(reader, path, issues), path))
                        {
                            actors[actor.Id] = actors.TryGetValue(actor.Id, out var earlier) ? Merge(earlier, actor) : actor;
                        }
                    }
                    else
                    {
                        agents.AddRange(TabariImport.ToAgents(TabariAgentDictionary.Read(reader, path, issues), path));
                    }
                }
            }
        }

        foreach (var (code, keys) in places)
        {
            if (countries.TryGetValue(code, out var country))
            {
                countries[code] = WithoutPlaceNames(country, keys);
            }
        }

        return new KnowledgeBase([.. countries.Values], [.. actors.Values], agents, [.. givenNames.Values], [.. places.Values.SelectMany(keys => keys)]);
    }

    /// <summary>
    /// A country without the names of places inside it: the imported dictionaries list states and provinces
    /// ("Texas", "Bavaria") as names of their country, so that "in Texas" would become the United States acting.
    /// Such a place is a place, not its country; its name stays an unlinked name.
    /// </summary>
    private static Country WithoutPlaceNames(Country country, HashSet<string> placeKeys) => country with
    {
        Names = country.Names.ToDictionary(
            entry => entry.Key,
            entry => (IReadOnlyList<string>)[.. entry.Value.Where(name => !placeKeys.Contains(NameKey.Of(name)))],
            StringComparer.Ordinal),
    };

    /// <summary>Sub-national places per country code, as name keys.</summary>
    public static IEnumerable<(string Country, IReadOnlyList<string> Keys)> ReadPlaces(string path, List<DictionaryIssue> issues)
    {
        foreach (var (line, fields) in ReadRows(path, PlaceColumns, issues))
        {
            if (fields[0].Length == 0 || !TryParseLanguageMap(fields[1], out var names, out _))
            {
                issues.Add(new DictionaryIssue(path, line, "place row needs a country code and names such as *:Texas|Kansas"));
                continue;
            }

            yield return (fields[0], [.. names.Values.SelectMany(n => n).Select(n => NameKey.Of(n)).Where(k => k.Length > 0)]);
        }
    }

    /// <summary>
    /// The files of a knowledge directory in the order they apply: the order manifest.txt lists them in (one file name
    /// a line), else name order.
    /// </summary>
    public static IEnumerable<string> FilesInLoadOrder(string directory, List<DictionaryIssue> issues)
    {
        ArgumentNullException.ThrowIfNull(directory);
        ArgumentNullException.ThrowIfNull(issues);
        var manifest = Path.Combine(directory, "manifest.txt");
        if (!File.Exists(manifest))
        {
            return Directory.EnumerateFiles(directory).Order(StringComparer.Ordinal);
        }

        var files = new List<string>();
        var lineNumber = 0;
        foreach (var line in File.ReadLines(manifest))
        {
            lineNumber++;
            var name = line.Trim();
            if (name.Length == 0 || name[0] == '#')
            {
                continue;
            }

            var path = Path.Combine(directory, name);
            if (File.Exists(path))
            {
                files.Add(path);
            }
            else
            {
                issues.Add(new DictionaryIssue(manifest, lineNumber, $"listed file {name} does not exist"));
            }
        }

        return files;
    }

    /// <summary>A later country record adds names, adjectives and metonyms and overrides the scalar fields it fills.</summary>
    internal static Country Merge(Country earlier, Country later) => new()
    {
        Code = later.Code,
        Iso2 = later.Iso2 ?? earlier.Iso2,
        Iso3 = later.Iso3 ?? earlier.Iso3,
        NameEn = later.NameEn,
        NameDe = later.NameDe ?? earlier.NameDe,
        Names = MergeMaps(earlier.Names, later.Names),
        Adjectives = MergeMaps(earlier.Adjectives, later.Adjectives),
        Metonyms = [.. earlier.Metonyms, .. later.Metonyms.Where(m => !earlier.Metonyms.Contains(m))],
    };

    /// <summary>A later actor record adds names; its name, kind and (when it has any) roles override.</summary>
    internal static Actor Merge(Actor earlier, Actor later) => later with
    {
        Names = MergeMaps(earlier.Names, later.Names),
        Roles = later.Roles.Count > 0 ? later.Roles : earlier.Roles,
        Provenance = $"{later.Provenance}, {earlier.Provenance}",
        Gender = later.Gender ?? earlier.Gender,
    };

    private static Dictionary<string, IReadOnlyList<string>> MergeMaps(IReadOnlyDictionary<string, IReadOnlyList<string>> earlier, IReadOnlyDictionary<string, IReadOnlyList<string>> later)
    {
        var result = new Dictionary<string, IReadOnlyList<string>>(earlier, StringComparer.Ordinal);
        foreach (var (language, values) in later)
        {
            result[language] = result.TryGetValue(language, out var existing) ? existing.Concat(values).Distinct(StringComparer.Ordinal).ToArray() : values;
        }

        return result;
    }

    public static IEnumerable<Country> ReadCountries(string path, List<DictionaryIssue> issues)
    {
        foreach (var (line, fields) in ReadRows(path, CountryColumns, issues))
        {
            if (fields[0].Length == 0 || fields[3].Length == 0)
            {
                issues.Add(new DictionaryIssue(path, line, "country needs a code and an English name"));
                continue;
            }

            if (!TryParseLanguageMap(fields[5], out var names, out var error)
                || !TryParseLanguageMap(fields[6], out var adjectives, out error)
                || !TryParseMetonyms(fields[7], out var metonyms, out error))
            {
                issues.Add(new DictionaryIssue(path, line, error!));
                continue;
            }

            yield return new Country
            {
                Code = fields[0],
                Iso2 = NullIfEmpty(fields[1]),
                Iso3 = NullIfEmpty(fields[2]),
                NameEn = fields[3],
                NameDe = NullIfEmpty(fields[4]),
                Names = names,
                Adjectives = adjectives,
                Metonyms = metonyms,
            };
        }
    }

    public static IEnumerable<Actor> ReadActors(string path, List<DictionaryIssue> issues)
    {
        foreach (var (line, fields) in ReadRows(path, ActorColumns, issues, GenderColumn))
        {
            var gender = fields.Length > ActorColumns.Length ? NullIfEmpty(fields[ActorColumns.Length]) : null;
            if (gender is not (null or "m" or "f"))
            {
                issues.Add(new DictionaryIssue(path, line, $"gender '{gender}' should be m, f or empty"));
                continue;
            }

            if (fields[0].Length == 0 || fields[2].Length == 0)
            {
                issues.Add(new DictionaryIssue(path, line, "actor needs an id and a name"));
                continue;
            }

            if (!Enum.TryParse<ActorKind>(fields[1], ignoreCase: true, out var kind))
            {
                issues.Add(new DictionaryIssue(path, line, $"actor kind '{fields[1]}' is not person, organisation or group"));
                continue;
            }

            if (!TryParseLanguageMap(fields[3], out var names, out var error))
            {
                issues.Add(new DictionaryIssue(path, line, error!));
                continue;
            }

            var roles = new List<RolePeriod>();
            var bad = false;
            foreach (var part in fields[4].Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                if (RolePeriod.TryParse(part, out var role, out error))
                {
                    roles.Add(role);
                }
                else
                {
                    issues.Add(new DictionaryIssue(path, line, error!));
                    bad = true;
                }
            }

            if (bad)
            {
                continue;
            }

            yield return new Actor
            {
                Id = fields[0],
                Kind = kind,
                Name = fields[2],
                Names = names,
                Roles = roles,
                Provenance = NullIfEmpty(fields[5]) is { } provenance ? provenance : $"{Path.GetFileName(path)}:{line}",
                Gender = gender,
            };
        }
    }

    public static IEnumerable<Agent> ReadAgents(string path, List<DictionaryIssue> issues)
    {
        foreach (var (line, fields) in ReadRows(path, AgentColumns, issues))
        {
            if (fields[0].Length == 0 || fields[1].Length == 0 || fields[2].Length == 0)
            {
                issues.Add(new DictionaryIssue(path, line, "agent needs a language, phrases and a code"));
                continue;
            }

            foreach (var phrase in fields[1].Split('|', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                yield return new Agent(phrase, fields[0], fields[2], $"{Path.GetFileName(path)}:{line}");
            }
        }
    }

    public static IEnumerable<GivenName> ReadGivenNames(string path, List<DictionaryIssue> issues)
    {
        foreach (var (line, fields) in ReadRows(path, GivenNameColumns, issues))
        {
            if (fields[0].Length == 0 || fields[1] is not ("m" or "f"))
            {
                issues.Add(new DictionaryIssue(path, line, "given name needs a name and the gender m or f"));
                continue;
            }

            yield return new GivenName(fields[0], fields[1]);
        }
    }

    public static void WriteCountries(TextWriter writer, IEnumerable<Country> countries)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(countries);
        writer.Write(string.Join('\t', CountryColumns) + "\n");
        foreach (var c in countries)
        {
            writer.Write(string.Join('\t', c.Code, c.Iso2 ?? "", c.Iso3 ?? "", c.NameEn, c.NameDe ?? "", FormatLanguageMap(c.Names), FormatLanguageMap(c.Adjectives), FormatMetonyms(c.Metonyms)));
            writer.Write('\n');
        }
    }

    public static void WriteActors(TextWriter writer, IEnumerable<Actor> actors)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(actors);
        writer.Write(string.Join('\t', ActorColumns) + "\n");
        foreach (var a in actors)
        {
            writer.Write(string.Join('\t', a.Id, a.Kind.ToString().ToLowerInvariant(), a.Name, FormatLanguageMap(a.Names), string.Join(';', a.Roles), a.Provenance ?? ""));
            writer.Write('\n');
        }
    }

    internal static bool TryParseLanguageMap(string field, out IReadOnlyDictionary<string, IReadOnlyList<string>> map, out string? error)
    {
        var result = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        map = result;
        error = null;
        foreach (var group in field.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var colon = group.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
            {
                error = $"'{group}' should read lang:value|value";
                return false;
            }

            var language = group[..colon];
            var values = group[(colon + 1)..].Split('|', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            result[language] = result.TryGetValue(language, out var existing) ? [.. existing, .. values] : values;
        }

        return true;
    }

    private static bool TryParseMetonyms(string field, out IReadOnlyList<Metonym> metonyms, out string? error)
    {
        var list = new List<Metonym>();
        metonyms = list;
        if (!TryParseLanguageMap(field, out var map, out error))
        {
            return false;
        }

        foreach (var (language, values) in map)
        {
            foreach (var value in values)
            {
                var equals = value.IndexOf('=', StringComparison.Ordinal);
                list.Add(equals < 0 ? new Metonym(value, language, "") : new Metonym(value[..equals].Trim(), language, value[(equals + 1)..].Trim()));
            }
        }

        return true;
    }

    private static string FormatLanguageMap(IReadOnlyDictionary<string, IReadOnlyList<string>> map) =>
        string.Join(';', map.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}:{string.Join('|', p.Value)}"));

    private static string FormatMetonyms(IReadOnlyList<Metonym> metonyms) =>
        string.Join(';', metonyms.GroupBy(m => m.Language).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => $"{g.Key}:{string.Join('|', g.Select(m => m.Role.Length == 0 ? m.Name : $"{m.Name}={m.Role}"))}"));

    /// <param name="optionalColumn">A column a file may add after <paramref name="columns"/>; its rows then have it too.</param>
    private static IEnumerable<(int Line, string[] Fields)> ReadRows(string path, string[] columns, List<DictionaryIssue> issues, string? optionalColumn = null)
    {
        var width = columns.Length;
        using var reader = new StreamReader(path, Encoding.UTF8);
        var lineNumber = 0;
        var sawHeader = false;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            var fields = line.Split('\t');
            if (!sawHeader)
            {
                sawHeader = true;
                if (optionalColumn is not null && fields.SequenceEqual([.. columns, optionalColumn], StringComparer.Ordinal))
                {
                    width++;
                }
                else if (!fields.SequenceEqual(columns, StringComparer.Ordinal))
                {
                    issues.Add(new DictionaryIssue(path, lineNumber, $"header should be: {string.Join(' ', columns)}{(optionalColumn is null ? "" : $" [{optionalColumn}]")}"));
                    yield break;
                }

                continue;
            }

            if (fields.Length != width)
            {
                issues.Add(new DictionaryIssue(path, lineNumber, $"expected {width} tab-separated fields, found {fields.Length}"));
                continue;
            }

            yield return (lineNumber, fields.Select(f => f.Trim()).ToArray());
        }
    }

    private static string? NullIfEmpty(string value) => value.Length == 0 ? null : value;
}
