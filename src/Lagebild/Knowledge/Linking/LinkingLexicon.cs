using System.Collections.Frozen;
using System.Text.Json;
using Lagebild.Knowledge;

namespace Lagebild.Knowledge.Linking;

/// <summary>
/// A personal or possessive pronoun: its gender ("x" for a plural one), whether it is possessive, ambiguous in gender
/// or number (German "sie" is she, they or the polite you), an object form, plural only ("they", "ihnen"), plural as
/// one of its readings ("sie", "ihre"), and a polite form when capitalised inside a sentence ("Sie", "Ihnen").
/// </summary>
public sealed record PronounEntry(string Gender, bool Possessive, bool Ambiguous, bool Object, bool Plural = false, bool MaybePlural = false, bool PoliteWhenCapitalised = false);

/// <summary>
/// The words of one language that linking and coreference need, from data/&lt;lang&gt;/actor-linking.json: locative
/// prepositions (a capital after them is a place), determiners, pronouns with gender, plural references ("beide"),
/// and the role nouns that make a description denote a person ("der belarussische Führer").
/// </summary>
public sealed class LinkingLexicon
{
    public const string FileName = "actor-linking.json";

    private LinkingLexicon(string language)
    {
        Language = language;
    }

    public string Language { get; }

    public FrozenSet<string> LocativePrepositions { get; private init; } = FrozenSet<string>.Empty;

    public FrozenSet<string> Determiners { get; private init; } = FrozenSet<string>.Empty;

    public FrozenSet<string> DefiniteDeterminers { get; private init; } = FrozenSet<string>.Empty;

    /// <summary>A preposition fused with an article ("zum", "im"): like a determiner, it marks a common noun.</summary>
    public FrozenSet<string> ArticleContractions { get; private init; } = FrozenSet<string>.Empty;

    /// <summary>Words before a noun phrase that mark it as not the subject (prepositions, oblique articles).</summary>
    public FrozenSet<string> ObliqueMarkers { get; private init; } = FrozenSet<string>.Empty;

    /// <summary>Words that never begin a name even when capitalised at the start of a sentence.</summary>
    public FrozenSet<string> FunctionWords { get; private init; } = FrozenSet<string>.Empty;

    public FrozenSet<string> Conjunctions { get; private init; } = FrozenSet<string>.Empty;

    /// <summary>Conjunctions that continue a list of places after a locative preposition ("aus Syrien oder dem Irak").</summary>
    public FrozenSet<string> ListConjunctions { get; private init; } = FrozenSet<string>.Empty;

    /// <summary>Months, weekdays, interjections and frequent common words: never a person's name on their own.</summary>
    public FrozenSet<string> CommonWords { get; private init; } = FrozenSet<string>.Empty;

    /// <summary>Nouns of seas, gulfs, straits and the like: a country named after them is part of a place name.</summary>
    public FrozenSet<string> GeographicFeatures { get; private init; } = FrozenSet<string>.Empty;

    public FrozenDictionary<string, PronounEntry> Pronouns { get; private init; } = FrozenDictionary<string, PronounEntry>.Empty;

    public FrozenSet<string> PluralReferences { get; private init; } = FrozenSet<string>.Empty;

    /// <summary>Numerals that refer back to a pair after a definite determiner ("the two leaders", "die zwei Politiker").</summary>
    public FrozenSet<string> PluralNumerals { get; private init; } = FrozenSet<string>.Empty;

    /// <summary>Plural nouns (name keys) that a plural reference can head ("beiden staatschefs", "both leaders").</summary>
    public FrozenSet<string> PluralNouns { get; private init; } = FrozenSet<string>.Empty;

    /// <summary>Role noun (name key) → gender "m", "f" or "x" (either).</summary>
    public FrozenDictionary<string, string> RoleNouns { get; private init; } = FrozenDictionary<string, string>.Empty;

    /// <summary>Loads data/&lt;language&gt;/actor-linking.json, or returns null when the language has none.</summary>
    public static LinkingLexicon? Load(DataDirectory data, string language)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(language);
        if (language.Length == 0 || !language.All(char.IsAsciiLetterLower))
        {
            return null;
        }

        var path = data.Resolve(language, FileName);
        return File.Exists(path) ? Parse(File.ReadAllText(path), language) : null;
    }

    public static LinkingLexicon Parse(string json, string language)
    {
        ArgumentNullException.ThrowIfNull(json);
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        var pronouns = new Dictionary<string, PronounEntry>(StringComparer.Ordinal);
        var objectPronouns = Words(root, "object_pronouns");
        if (root.TryGetProperty("pronouns", out var pronounGroups))
        {
            foreach (var group in pronounGroups.EnumerateArray())
            {
                var gender = group.TryGetProperty("gender", out var g) ? g.GetString() ?? "x" : "x";
                var possessive = group.TryGetProperty("possessive", out var p) && p.GetBoolean();
                var ambiguous = group.TryGetProperty("ambiguous", out var a) && a.GetBoolean();
                var number = group.TryGetProperty("number", out var n) ? n.GetString() : null;
                var polite = group.TryGetProperty("polite_when_capitalised", out var c) && c.GetBoolean();
                foreach (var form in group.GetProperty("forms").EnumerateArray())
                {
                    var word = form.GetString()!.ToLowerInvariant();
                    pronouns.TryAdd(word, new PronounEntry(gender, possessive, ambiguous, objectPronouns.Contains(word),
                        Plural: number == "plural", MaybePlural: number == "either", PoliteWhenCapitalised: polite));
                }
            }
        }

        var roles = new Dictionary<string, string>(StringComparer.Ordinal);
        if (root.TryGetProperty("role_nouns", out var roleGroups))
        {
            foreach (var group in roleGroups.EnumerateObject())
            {
                foreach (var noun in group.Value.EnumerateArray())
                {
                    roles.TryAdd(NameKey.Of(noun.GetString()!), group.Name);
                }
            }
        }

        return new LinkingLexicon(language)
        {
            LocativePrepositions = Words(root, "locative_prepositions"),
            Determiners = Words(root, "determiners"),
            DefiniteDeterminers = Words(root, "definite_determiners"),
            ArticleContractions = Words(root, "article_contractions"),
            ObliqueMarkers = Words(root, "oblique_markers"),
            FunctionWords = Words(root, "function_words"),
            Conjunctions = Words(root, "conjunctions"),
            ListConjunctions = Words(root, "list_conjunctions"),
            CommonWords = Words(root, "common_words"),
            GeographicFeatures = Words(root, "geographic_features"),
            Pronouns = pronouns.ToFrozenDictionary(StringComparer.Ordinal),
            PluralReferences = Words(root, "plural_references"),
            PluralNumerals = Words(root, "plural_numerals"),
            PluralNouns = (root.TryGetProperty("plural_nouns", out var nouns) ? nouns.EnumerateArray().Select(e => NameKey.Of(e.GetString()!)) : [])
                .ToFrozenSet(StringComparer.Ordinal),
            RoleNouns = roles.ToFrozenDictionary(StringComparer.Ordinal),
        };
    }

    /// <summary>
    /// The gender of a person-denoting role noun ("m", "f", "x"), also at the end of a compound ("aussenminister" →
    /// "minister"), or null when the noun does not denote a person ("staatsmedien", "truppen").
    /// </summary>
    public string? RoleNounGender(string headKey)
    {
        ArgumentNullException.ThrowIfNull(headKey);
        if (RoleNouns.TryGetValue(headKey, out var gender))
        {
            return gender;
        }

        // Longest listed noun that ends the compound, at least four letters so "chef" in "staatschef" counts but
        // short fragments do not.
        for (var start = 1; start + 4 <= headKey.Length; start++)
        {
            if (RoleNouns.TryGetValue(headKey[start..], out gender))
            {
                return gender;
            }
        }

        return null;
    }

    private static FrozenSet<string> Words(JsonElement root, string property)
    {
        if (!root.TryGetProperty(property, out var array))
        {
            return FrozenSet<string>.Empty;
        }

        return array.EnumerateArray().Select(e => e.GetString()!.ToLowerInvariant()).ToFrozenSet(StringComparer.Ordinal);
    }
}
