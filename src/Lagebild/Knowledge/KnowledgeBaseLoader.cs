using Lagebild.Knowledge.Dictionaries;

namespace Lagebild.Knowledge;

/// <summary>
/// Loads the shipped knowledge base (data/shared/knowledge) plus the user's dictionaries, and adds the German
/// spellings of transliterated names from data/de/transliteration.tsv.
/// </summary>
public static class KnowledgeBaseLoader
{
    public static KnowledgeBase Load(DataDirectory data, IEnumerable<string> userDirectories, List<DictionaryIssue> issues)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(userDirectories);
        ArgumentNullException.ThrowIfNull(issues);
        var directories = new List<string> { data.Resolve("shared", "knowledge") };
        directories.AddRange(userDirectories);
        var loaded = KnowledgeBaseFiles.Load(directories, issues);
        var rules = data.Resolve("de", "transliteration.tsv");
        if (!File.Exists(rules))
        {
            return loaded;
        }

        var transliteration = GermanTransliteration.Load(rules, issues);
        return new KnowledgeBase(loaded.Countries, [.. loaded.Actors.Select(a => WithGermanSpellings(a, transliteration))], loaded.Agents, loaded.GivenNames, loaded.PlaceKeys);
    }

    public static IReadOnlyList<string> ShippedDirectories(DataDirectory data)
    {
        ArgumentNullException.ThrowIfNull(data);
        return [data.Resolve("shared", "knowledge")];
    }

    /// <summary>Adds "de" names for a person whose roles tie them to a country the transliteration rules cover.</summary>
    public static Actor WithGermanSpellings(Actor actor, GermanTransliteration transliteration)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(transliteration);
        if (actor.Kind != ActorKind.Person)
        {
            return actor;
        }

        var country = actor.Roles.Select(r => r.Code.Length >= 3 ? r.Code[..3] : "").FirstOrDefault(transliteration.AppliesTo);
        if (country is null)
        {
            return actor;
        }

        var german = new List<string>(actor.Names.TryGetValue("de", out var existing) ? existing : []);
        foreach (var name in actor.Names.Where(p => p.Key is "*" or "en").SelectMany(p => p.Value).Append(actor.Name))
        {
            if (transliteration.Transliterate(name, country) is { } spelled && !german.Contains(spelled, StringComparer.Ordinal))
            {
                german.Add(spelled);
            }
        }

        if (german.Count == 0)
        {
            return actor;
        }

        var names = new Dictionary<string, IReadOnlyList<string>>(actor.Names, StringComparer.Ordinal) { ["de"] = german };
        return actor with { Names = names };
    }
}
