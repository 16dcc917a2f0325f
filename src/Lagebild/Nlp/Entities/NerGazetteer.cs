using Lagebild.Knowledge;

namespace Lagebild.Nlp.Entities;

/// <summary>Classes of gazetteer entries, combinable as a bit mask.</summary>
[Flags]
public enum GazetteerClass : byte
{
    None = 0,
    Person = 1,
    Organisation = 2,
    Location = 4,
    /// <summary>Country adjectives and demonyms ("German", "chinesische").</summary>
    Adjective = 8,
    /// <summary>A first token of a person's name ("Angela").</summary>
    GivenName = 16,
    /// <summary>A last token of a person's name ("Merkel").</summary>
    FamilyName = 32,
}

/// <summary>
/// Known names as token sequences, matched case-insensitively by longest match. Used only as features of the
/// tagger (the model decides); the entries are stored inside the model file so a model always sees the gazetteer it
/// was trained with.
/// </summary>
public sealed class NerGazetteer
{
    /// <summary>Longer names are not matched.</summary>
    public const int MaxNameTokens = 8;

    private readonly Dictionary<ulong, GazetteerClass> _phrases = [];
    private readonly HashSet<ulong> _prefixes = [];
    private readonly Dictionary<ulong, GazetteerClass> _nameParts = [];

    /// <summary>Entries as "lowercased tokens joined by spaces" → classes, sorted for stable files.</summary>
    public SortedDictionary<string, GazetteerClass> Entries { get; } = new(StringComparer.Ordinal);

    public int Count => Entries.Count;

    public void Add(string name, GazetteerClass classes)
    {
        ArgumentNullException.ThrowIfNull(name);
        var tokens = NameTokens(name);
        if (tokens.Length == 0 || tokens.Length > MaxNameTokens)
        {
            return;
        }

        var key = string.Join(' ', tokens);
        Entries[key] = Entries.GetValueOrDefault(key) | classes;
        if ((classes & GazetteerClass.Person) != 0 && tokens.Length > 1)
        {
            AddEntry(tokens[0], GazetteerClass.GivenName);
            AddEntry(tokens[^1], GazetteerClass.FamilyName);
        }

        Index(tokens, Entries[key]);
    }

    /// <summary>Adds a stored entry (already lowercased and space-joined) as read from a model file.</summary>
    public void AddEntry(string key, GazetteerClass classes)
    {
        ArgumentNullException.ThrowIfNull(key);
        Entries[key] = Entries.GetValueOrDefault(key) | classes;
        Index(key.Split(' '), Entries[key]);
    }

    private void Index(string[] tokens, GazetteerClass classes)
    {
        var hash = 0UL;
        for (var i = 0; i < tokens.Length; i++)
        {
            hash = NerHash.Combine(hash, NerHash.OfLower(tokens[i]));
            if (i < tokens.Length - 1)
            {
                _prefixes.Add(hash);
            }
        }

        const GazetteerClass parts = GazetteerClass.GivenName | GazetteerClass.FamilyName;
        if ((classes & ~parts) != 0)
        {
            _phrases[hash] = classes & ~parts;
        }

        if (tokens.Length == 1 && (classes & parts) != 0)
        {
            _nameParts[hash] = classes & parts;
        }
    }

    private static string[] NameTokens(string name)
    {
        // Names are split like the tokenizer splits text: at spaces, with a final period or comma apart.
        var parts = name.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var tokens = new List<string>(parts.Length + 1);
        foreach (var part in parts)
        {
            var lower = part.ToLowerInvariant();
            if (lower.Length > 1 && lower[^1] == ',')
            {
                tokens.Add(lower[..^1]);
                tokens.Add(",");
            }
            else
            {
                tokens.Add(lower);
            }
        }

        return [.. tokens];
    }

    /// <summary>
    /// Per token: the classes of the longest name covering it (low 6 bits; bit 6 set when the token begins the
    /// name) and the name-part classes of the token itself.
    /// </summary>
    internal void Match(ReadOnlySpan<ulong> lowerHashes, Span<byte> phraseCodes, Span<byte> partCodes)
    {
        phraseCodes.Clear();
        for (var i = 0; i < lowerHashes.Length; i++)
        {
            partCodes[i] = (byte)_nameParts.GetValueOrDefault(NerHash.Combine(0, lowerHashes[i]));
        }

        var start = 0;
        while (start < lowerHashes.Length)
        {
            var hash = 0UL;
            var bestLength = 0;
            var bestClasses = GazetteerClass.None;
            for (var end = start; end < lowerHashes.Length && end - start < MaxNameTokens; end++)
            {
                hash = NerHash.Combine(hash, lowerHashes[end]);
                if (_phrases.TryGetValue(hash, out var classes))
                {
                    bestLength = end - start + 1;
                    bestClasses = classes;
                }

                if (!_prefixes.Contains(hash))
                {
                    break;
                }
            }

            if (bestLength == 0)
            {
                start++;
                continue;
            }

            phraseCodes[start] = (byte)((byte)bestClasses | 64);
            for (var i = start + 1; i < start + bestLength; i++)
            {
                phraseCodes[i] = (byte)bestClasses;
            }

            start += bestLength;
        }
    }

    /// <summary>Names of the knowledge base usable as features for <paramref name="language"/>.</summary>
    public static NerGazetteer FromKnowledge(KnowledgeBase knowledge, string language)
    {
        ArgumentNullException.ThrowIfNull(knowledge);
        ArgumentNullException.ThrowIfNull(language);
        var gazetteer = new NerGazetteer();
        foreach (var country in knowledge.Countries)
        {
            gazetteer.Add(country.NameEn, GazetteerClass.Location);
            if (country.NameDe is { } german)
            {
                gazetteer.Add(german, GazetteerClass.Location);
            }

            foreach (var name in NamesFor(country.Names, language))
            {
                gazetteer.Add(name, GazetteerClass.Location);
            }

            foreach (var metonym in country.Metonyms)
            {
                if (metonym.Language is "*" || string.Equals(metonym.Language, language, StringComparison.Ordinal))
                {
                    gazetteer.Add(metonym.Name, GazetteerClass.Location);
                }
            }

            foreach (var adjective in NamesFor(country.Adjectives, language))
            {
                gazetteer.Add(adjective, GazetteerClass.Adjective);
                if (string.Equals(language, "de", StringComparison.Ordinal))
                {
                    foreach (var ending in (string[])["e", "en", "er", "es", "em"])
                    {
                        gazetteer.Add(adjective + ending, GazetteerClass.Adjective);
                    }
                }
            }
        }

        foreach (var actor in knowledge.Actors)
        {
            // The imported dictionaries file many office holders as organisations; an actor with dated roles is a person.
            var isPerson = actor.Kind == ActorKind.Person || (actor.Kind == ActorKind.Organisation && actor.Roles.Any(r => !r.IsDefault));
            var classes = isPerson ? GazetteerClass.Person : GazetteerClass.Organisation;
            gazetteer.Add(actor.Name, classes);
            foreach (var name in NamesFor(actor.Names, language))
            {
                gazetteer.Add(name, classes);
            }
        }

        return gazetteer;
    }

    private static IEnumerable<string> NamesFor(IReadOnlyDictionary<string, IReadOnlyList<string>> names, string language)
    {
        foreach (var (key, list) in names)
        {
            if (key is "*" || string.Equals(key, language, StringComparison.Ordinal))
            {
                foreach (var name in list)
                {
                    yield return name;
                }
            }
        }
    }
}
