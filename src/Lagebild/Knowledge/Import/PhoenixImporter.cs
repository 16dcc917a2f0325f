using System.Text;
using System.Text.Json;
using Lagebild.Knowledge.Dictionaries;

namespace Lagebild.Knowledge.Import;

/// <summary>What an import produced, for the summary the command prints.</summary>
public sealed record ImportSummary(int Countries, int Persons, int Organisations, int Groups, int Agents, IReadOnlyList<DictionaryIssue> Issues);

/// <summary>
/// Converts the Phoenix dictionaries shipped with PETRARCH2 (MIT) into our knowledge-base files, joined with ISO 3166
/// codes and German country names from the i18n-iso-countries package (MIT): countries-phoenix.tsv,
/// actors-phoenix.tsv and agents-phoenix-en.tsv. The output is deterministic for the same inputs.
/// Country parts that Phoenix writes in an older CAMEO convention (TMP for Timor-Leste, ANG for Angola) are rewritten
/// to the ISO-based code the knowledge base uses (code-equivalents.tsv), so that one country has one code. Records
/// coded [---] (TABARI's "recognise but do not code") are no actors and are left out.
/// </summary>
public static class PhoenixImporter
{
    private static readonly string[] GroupSegments = ["REB", "INS", "IMG", "UAF", "SEP", "RAD"];
    private static readonly string[] PetrarchFiles = ["Phoenix.Countries.actors.txt", "Phoenix.International.actors.txt", "Phoenix.MilNonState.actors.txt", "Phoenix.agents.txt"];
    private static readonly string[] IsoFiles = ["codes.json", Path.Combine("langs", "en.json"), Path.Combine("langs", "de.json")];

    /// <summary>The input files that are not where the import expects them.</summary>
    public static IReadOnlyList<string> MissingInputs(string petrarchDirectory, string isoCountriesDirectory) =>
        PetrarchFiles.Select(f => Path.Combine(petrarchDirectory, f))
            .Concat(IsoFiles.Select(f => Path.Combine(isoCountriesDirectory, f)))
            .Where(p => !File.Exists(p))
            .ToList();

    public static ImportSummary Import(string petrarchDirectory, string isoCountriesDirectory, string outputDirectory, IReadOnlyDictionary<string, string> codeEquivalents)
    {
        ArgumentNullException.ThrowIfNull(codeEquivalents);
        ArgumentNullException.ThrowIfNull(petrarchDirectory);
        ArgumentNullException.ThrowIfNull(isoCountriesDirectory);
        ArgumentNullException.ThrowIfNull(outputDirectory);
        var issues = new List<DictionaryIssue>();
        var iso = ReadIsoCountries(isoCountriesDirectory);

        var countryRecords = ReadActorFile(Path.Combine(petrarchDirectory, "Phoenix.Countries.actors.txt"), issues);
        var countries = new List<Country>();
        var persons = new List<Actor>();
        var file = "Phoenix.Countries.actors.txt";
        foreach (var record in countryRecords)
        {
            if (record.Roles.Count > 0 && record.Roles.All(r => r.Code == NullCode))
            {
                issues.Add(new DictionaryIssue(file, record.Line, $"{record.Primary} is coded {NullCode} (not an actor); left out"));
                continue;
            }

            if (IsCountryRecord(record))
            {
                var code = CurrentCode(CurrentCountryCode(record), codeEquivalents);
                var names = new List<string> { TabariImport.DisplayName(record.Primary) };
                names.AddRange(record.Synonyms.Select(TabariImport.DisplayName));
                iso.TryGetValue(code, out var isoEntry);
                var byLanguage = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal)
                {
                    ["en"] = names.Distinct(StringComparer.Ordinal).ToArray(),
                };
                if (isoEntry?.GermanNames is { Count: > 0 } german)
                {
                    byLanguage["de"] = german;
                }

                countries.Add(new Country
                {
                    Code = code,
                    Iso2 = isoEntry?.Iso2,
                    Iso3 = isoEntry?.Iso3,
                    NameEn = isoEntry?.EnglishName ?? names[0],
                    NameDe = isoEntry?.GermanNames.FirstOrDefault(),
                    Names = byLanguage,
                });
            }
            else
            {
                // Records generated from CountryInfo.txt are people; of the rest, armed groups carry group codes,
                // people carry dated offices, and what has neither is a party, institution or office.
                var kind = record.Comment is not null && record.Comment.Contains("CountryInfo", StringComparison.Ordinal)
                    ? ActorKind.Person
                    : record.Roles.Any(r => GroupSegments.Any(g => r.Code.Contains(g, StringComparison.Ordinal))) ? ActorKind.Group
                    : record.Roles.Any(r => !r.IsDefault) ? ActorKind.Person : ActorKind.Organisation;
                persons.AddRange(TabariImport.ToActors([record], file, kind));
            }
        }

        var organisations = TabariImport.ToActors(ReadActorFile(Path.Combine(petrarchDirectory, "Phoenix.International.actors.txt"), issues), "Phoenix.International.actors.txt")
            .Select(a => a.Kind == ActorKind.Person ? a : a with { Kind = ActorKind.Organisation })
            .ToList();
        var groups = TabariImport.ToActors(ReadActorFile(Path.Combine(petrarchDirectory, "Phoenix.MilNonState.actors.txt"), issues), "Phoenix.MilNonState.actors.txt", ActorKind.Group).ToList();

        var agentsPath = Path.Combine(petrarchDirectory, "Phoenix.agents.txt");
        IReadOnlyList<TabariAgentRecord> agentRecords;
        using (var reader = new StreamReader(agentsPath, Encoding.UTF8))
        {
            agentRecords = TabariAgentDictionary.Read(reader, "Phoenix.agents.txt", issues);
        }

        Directory.CreateDirectory(outputDirectory);
        // The same phrase can head several records (a person listed under two countries, an office holder who later
        // led an IGO): they are one actor whose names and roles are joined.
        var actors = new List<Actor>();
        var byId = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var actor in persons.Concat(organisations).Concat(groups))
        {
            if (byId.TryGetValue(actor.Id, out var index))
            {
                var earlier = actors[index];
                actors[index] = KnowledgeBaseFiles.Merge(earlier, actor) with
                {
                    Kind = earlier.Kind,
                    Name = earlier.Name,
                    Roles = TabariImport.NormalizeRoles([.. earlier.Roles, .. actor.Roles]),
                };
            }
            else
            {
                byId[actor.Id] = actors.Count;
                actors.Add(actor);
            }
        }

        // Codes CAMEO cannot mean (digits, dashes, stray letters) are dropped with a note; the rest of the record stays.
        for (var i = 0; i < actors.Count; i++)
        {
            if (actors[i].Roles.Any(r => !string.Equals(CurrentCode(r.Code, codeEquivalents), r.Code, StringComparison.Ordinal)))
            {
                actors[i] = actors[i] with { Roles = [.. actors[i].Roles.Select(r => r with { Code = CurrentCode(r.Code, codeEquivalents) })] };
            }

            var wellFormed = actors[i].Roles.Where(r => IsWellFormed(r.Code)).ToList();
            foreach (var dropped in actors[i].Roles.Where(r => !IsWellFormed(r.Code)))
            {
                issues.Add(new DictionaryIssue(actors[i].Provenance ?? actors[i].Id, 0, $"code {dropped.Code} of {actors[i].Id} is not a CAMEO code; dropped"));
            }

            if (wellFormed.Count != actors[i].Roles.Count)
            {
                actors[i] = actors[i] with { Roles = wellFormed };
            }
        }

        var uniqueCountries = countries.GroupBy(c => c.Code).Select(MergeCountryRecords).OrderBy(c => c.Code, StringComparer.Ordinal).ToList();
        using (var writer = new StreamWriter(Path.Combine(outputDirectory, "countries-phoenix.tsv"), false, new UTF8Encoding(false)))
        {
            writer.Write("# Generated by `lagebild kb import` from PETRARCH2 Phoenix.Countries.actors.txt (MIT) and i18n-iso-countries (MIT). Do not edit: add to countries-curated.tsv.\n");
            KnowledgeBaseFiles.WriteCountries(writer, uniqueCountries);
        }

        using (var writer = new StreamWriter(Path.Combine(outputDirectory, "actors-phoenix.tsv"), false, new UTF8Encoding(false)))
        {
            writer.Write("# Generated by `lagebild kb import` from PETRARCH2 Phoenix actor dictionaries (MIT). Do not edit: add to actors-curated.tsv.\n");
            KnowledgeBaseFiles.WriteActors(writer, actors);
        }

        var agents = TabariImport.ToAgents(agentRecords, agentsPath).DistinctBy(a => (a.Phrase, a.Code)).ToList();
        using (var writer = new StreamWriter(Path.Combine(outputDirectory, "agents-phoenix-en.tsv"), false, new UTF8Encoding(false)))
        {
            writer.Write("# Generated by `lagebild kb import` from PETRARCH2 Phoenix.agents.txt (MIT). Do not edit: add to agents-curated.tsv.\n");
            writer.Write(string.Join('\t', KnowledgeBaseFiles.AgentColumns) + "\n");
            foreach (var group in agents.GroupBy(a => a.Code).OrderBy(g => g.Key, StringComparer.Ordinal))
            {
                writer.Write($"en\t{string.Join('|', group.Select(a => a.Phrase))}\t{group.Key}\n");
            }
        }

        // Every code part the dictionaries use, so the validator can tell a typo from a code.
        var countryCodes = uniqueCountries.Select(c => c.Code).ToHashSet(StringComparer.Ordinal);
        var roleCodes = actors.SelectMany(a => a.Roles).Select(r => r.Code)
            .Concat(countryRecords.Where(IsCountryRecord).SelectMany(r => r.Roles).Select(r => r.Code))
            .Where(c => c.Length % 3 == 0 && c.All(char.IsAsciiLetterUpper))
            .ToList();
        var prefixes = new SortedSet<string>(StringComparer.Ordinal);
        var segments = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var code in roleCodes)
        {
            if (!countryCodes.Contains(code[..3]))
            {
                prefixes.Add(code[..3]);
            }

            for (var i = 3; i < code.Length; i += 3)
            {
                segments.Add(code.Substring(i, 3));
            }
        }

        foreach (var agent in agents)
        {
            for (var i = 0; i + 3 <= agent.Code.Length; i += 3)
            {
                segments.Add(agent.Code.Substring(i, 3));
            }
        }

        using (var writer = new StreamWriter(Path.Combine(outputDirectory, "codes-phoenix.tsv"), false, new UTF8Encoding(false)))
        {
            writer.Write("# Generated by `lagebild kb import`: every CAMEO code part the Phoenix dictionaries use. Descriptions live in codes-curated.tsv.\n");
            writer.Write("code\tkind\tdescription\n");
            foreach (var prefix in prefixes)
            {
                writer.Write($"{prefix}\tprefix\t\n");
            }

            foreach (var segment in segments)
            {
                writer.Write($"{segment}\tsegment\t\n");
            }
        }

        return new ImportSummary(uniqueCountries.Count, actors.Count(a => a.Kind == ActorKind.Person), actors.Count(a => a.Kind == ActorKind.Organisation), actors.Count(a => a.Kind == ActorKind.Group), agents.Count, issues);
    }

    /// <summary>TABARI's code for a phrase that is recognised but never coded ("Indian Ocean" must not code India).</summary>
    private const string NullCode = "---";

    /// <summary>The code with a historical country part (TMP, ANG) replaced by the current one (TLS, AGO).</summary>
    private static string CurrentCode(string code, IReadOnlyDictionary<string, string> codeEquivalents) =>
        code.Length >= 3 && codeEquivalents.TryGetValue(code[..3], out var current) ? current + code[3..] : code;

    private static bool IsWellFormed(string code) => code.Length >= 3 && code.Length % 3 == 0 && code.All(char.IsAsciiLetterUpper);

    private static IReadOnlyList<TabariActorRecord> ReadActorFile(string path, List<DictionaryIssue> issues)
    {
        using var reader = new StreamReader(path, Encoding.UTF8);
        return TabariActorDictionary.Read(reader, Path.GetFileName(path), issues);
    }

    /// <summary>Country records carry bare three-letter codes ([AFG], [BLR >911221]); people carry roles (CHNGOV).</summary>
    /// People's records are the ones generated from CountryInfo.txt and say so in their comment.
    private static bool IsCountryRecord(TabariActorRecord record) =>
        record.Roles.Any(r => r.Code.Length == 3)
        && (record.Comment is null || !record.Comment.Contains("CountryInfo", StringComparison.Ordinal));

    /// <summary>The code in force at the end of the record's history: the open-ended or default one.</summary>
    private static string CurrentCountryCode(TabariActorRecord record)
    {
        var open = record.Roles.FirstOrDefault(r => r.Code.Length == 3 && r.To is null && r.From is not null)
            ?? record.Roles.FirstOrDefault(r => r.Code.Length == 3 && r.IsDefault)
            ?? record.Roles.Last(r => r.Code.Length == 3);
        return open.Code;
    }

    private static Country MergeCountryRecords(IGrouping<string, Country> group)
    {
        var first = group.First();
        var english = group.SelectMany(c => c.Names.TryGetValue("en", out var n) ? n : []).Distinct(StringComparer.Ordinal).ToArray();
        var names = new Dictionary<string, IReadOnlyList<string>>(first.Names, StringComparer.Ordinal) { ["en"] = english };
        return first with { Names = names };
    }

    private sealed record IsoEntry(string Iso2, string Iso3, string? EnglishName, IReadOnlyList<string> GermanNames);

    /// <summary>Reads codes.json and langs/{en,de}.json of the i18n-iso-countries package, keyed by alpha-3.</summary>
    private static Dictionary<string, IsoEntry> ReadIsoCountries(string directory)
    {
        using var codes = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(directory, "codes.json")));
        using var english = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(directory, "langs", "en.json")));
        using var german = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(directory, "langs", "de.json")));
        var result = new Dictionary<string, IsoEntry>(StringComparer.Ordinal);
        foreach (var row in codes.RootElement.EnumerateArray())
        {
            var iso2 = row[0].GetString()!;
            var iso3 = row[1].GetString()!;
            result[iso3] = new IsoEntry(iso2, iso3, FirstName(english, iso2), Names(german, iso2));
        }

        return result;
    }

    private static string? FirstName(JsonDocument language, string iso2) => Names(language, iso2).FirstOrDefault();

    private static IReadOnlyList<string> Names(JsonDocument language, string iso2)
    {
        if (!language.RootElement.GetProperty("countries").TryGetProperty(iso2, out var value))
        {
            return [];
        }

        return value.ValueKind == JsonValueKind.Array
            ? value.EnumerateArray().Select(v => v.GetString()!).ToArray()
            : [value.GetString()!];
    }
}
