using System.Collections.Frozen;

namespace Lagebild.Knowledge;

/// <summary>What a name resolves to, and why.</summary>
public sealed record ActorResolution
{
    /// <summary>Knowledge-base id: an actor id, or "country:CHN".</summary>
    public required string Id { get; init; }
    public required string Name { get; init; }
    /// <summary>The CAMEO code valid on the requested date (CHNGOV, BLR, IGOUNO...), or null when no role applies.</summary>
    public string? Code { get; init; }
    /// <summary>CAMEO country part, "IGO" for international organisations.</summary>
    public string? Country { get; init; }
    /// <summary>CAMEO role part (GOV, MIL, MED...), or null.</summary>
    public string? Role { get; init; }
    public required string Reason { get; init; }
    /// <summary>How the name matched: "name", "german-inflection", "surname", "adjective", "metonym", "agent".</summary>
    public required string MatchKind { get; init; }
}

/// <summary>
/// The loaded knowledge base: countries, named actors and agent nouns, indexed by <see cref="NameKey"/> per language.
/// Immutable after construction and safe to share between threads.
/// </summary>
public sealed class KnowledgeBase
{
    // German noun and adjective endings tried when a name does not match as written ("Washingtons", "chinesischen").
    private static readonly string[] GermanNameSuffixes = ["s", "es", "'"];
    private static readonly string[] GermanAdjectiveEndings = ["", "e", "en", "er", "es", "em"];
    private static readonly string[] GermanFirstWordEndings = ["s", "es", "e", "en", "er", "em"];
    private static readonly string[] EnglishFirstWordEndings = ["s"];

    private readonly Dictionary<string, List<(Actor Actor, string Language)>> _actorsByName = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<Actor>> _personsBySurname = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<Actor>> _organisationsByAgentName = new(StringComparer.Ordinal);
    private const string InternationalOrganisationPrefix = "IGO";
    private readonly Dictionary<string, List<(Country Country, string Language)>> _countriesByName = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<(Country Country, Metonym Metonym)>> _metonyms = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<(Country Country, string Language)>> _adjectives = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<Agent>> _agents = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Country> _countriesByCode = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Actor> _actorsById = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _maxWordsByFirstWord = new(StringComparer.Ordinal);
    private readonly HashSet<string> _twoWordPrefixes = new(StringComparer.Ordinal);
    private readonly HashSet<string> _agentFirstWords = new(StringComparer.Ordinal);

    private readonly Dictionary<string, string> _genderByGivenName = new(StringComparer.Ordinal);

    /// <summary>Name keys of sub-national places (places*.tsv: "texas", "new mexico"): never their country, and a
    /// country name inside one ("Mexico" in "New Mexico") does not name that country either.</summary>
    public FrozenSet<string> PlaceKeys { get; }

    public KnowledgeBase(IReadOnlyList<Country> countries, IReadOnlyList<Actor> actors, IReadOnlyList<Agent> agents, IReadOnlyList<GivenName>? givenNames = null,
        IReadOnlyCollection<string>? placeKeys = null)
    {
        ArgumentNullException.ThrowIfNull(countries);
        ArgumentNullException.ThrowIfNull(actors);
        ArgumentNullException.ThrowIfNull(agents);
        Countries = countries;
        Actors = actors;
        Agents = agents;
        GivenNames = givenNames ?? [];
        PlaceKeys = placeKeys is null ? FrozenSet<string>.Empty : placeKeys.ToFrozenSet(StringComparer.Ordinal);
        foreach (var givenName in GivenNames)
        {
            _genderByGivenName[NameKey.Of(givenName.Name)] = givenName.Gender;
        }

        foreach (var country in countries)
        {
            _countriesByCode[country.Code] = country;
            Add(_countriesByName, country.NameEn, (country, "en"));
            if (country.NameDe is not null)
            {
                Add(_countriesByName, country.NameDe, (country, "de"));
            }

            foreach (var (language, names) in country.Names)
            {
                foreach (var name in names)
                {
                    Add(_countriesByName, name, (country, language));
                }
            }

            foreach (var (language, stems) in country.Adjectives)
            {
                foreach (var stem in stems)
                {
                    Add(_adjectives, stem, (country, language));
                }
            }

            foreach (var metonym in country.Metonyms)
            {
                Add(_metonyms, metonym.Name, (country, metonym));
            }
        }

        // A later agent entry for the same phrase and language replaces the earlier one (user and curated files come last).
        foreach (var agent in agents)
        {
            var key = NameKey.Of(agent.Phrase);
            if (_agents.TryGetValue(key, out var existing))
            {
                existing.RemoveAll(a => string.Equals(a.Language, agent.Language, StringComparison.Ordinal));
            }

            Add(_agents, agent.Phrase, agent);
        }

        // Head nouns of organisation and group names ("council", "assembly", "party") are no surnames, even where the
        // dictionaries file an organisation among a country's people (the Phoenix country files do).
        var organisationHeads = actors.Where(a => a.Kind != ActorKind.Person)
            .Select(a => NameKey.Of(a.Name))
            .Where(k => k.Contains(' ', StringComparison.Ordinal))
            .Select(k => k[(k.LastIndexOf(' ') + 1)..])
            .CountBy(head => head, StringComparer.Ordinal)
            .Where(head => head.Value >= 3) // generic heads recur; a person's name at the end of one organisation's does not
            .Select(head => head.Key)
            .ToHashSet(StringComparer.Ordinal);
        foreach (var actor in actors)
        {
            _actorsById.TryAdd(actor.Id, actor);
            foreach (var (language, names) in actor.Names)
            {
                foreach (var name in names)
                {
                    // A generic role noun ("Prime Minister") that a dictionary lists as someone's alias is never a name,
                    // except that an international organisation's short name ("Security Council") names it when no
                    // country is mentioned with it (see ResolveMention).
                    if (_agents.ContainsKey(NameKey.Of(name)))
                    {
                        if (actor.Kind == ActorKind.Organisation && actor.Roles.Any(r => r.Code.StartsWith(InternationalOrganisationPrefix, StringComparison.Ordinal)))
                        {
                            Add(_organisationsByAgentName, name, actor);
                        }

                        continue;
                    }

                    Add(_actorsByName, name, (actor, language));
                    if (actor.Kind == ActorKind.Person)
                    {
                        var key = NameKey.Of(name);
                        var lastSpace = key.LastIndexOf(' ');
                        if (lastSpace > 0 && !_agents.ContainsKey(key[(lastSpace + 1)..]) && !organisationHeads.Contains(key[(lastSpace + 1)..]))
                        {
                            var surname = key[(lastSpace + 1)..];
                            if (!_personsBySurname.TryGetValue(surname, out var list))
                            {
                                _personsBySurname[surname] = list = [];
                            }

                            if (!list.Contains(actor))
                            {
                                list.Add(actor);
                            }
                        }
                    }
                }
            }

            if (!actor.Names.Values.SelectMany(n => n).Contains(actor.Name, StringComparer.Ordinal))
            {
                Add(_actorsByName, actor.Name, (actor, "*"));
            }
        }

        // For each first word, the most words a name beginning with it can have; a country name or adjective can be
        // followed by an agent phrase ("us aussenminister", "chinese state media").
        var maxAgentWords = _agents.Keys.Select(k => k.Count(c => c == ' ') + 1).DefaultIfEmpty(0).Max();
        foreach (var key in _agents.Keys)
        {
            var space = key.IndexOf(' ', StringComparison.Ordinal);
            _agentFirstWords.Add(space < 0 ? key : key[..space]);
        }

        foreach (var index in new IEnumerable<string>[] { _actorsByName.Keys, _metonyms.Keys, _personsBySurname.Keys })
        {
            foreach (var key in index)
            {
                NoteFirstWord(key, 0);
            }
        }

        foreach (var index in new IEnumerable<string>[] { _countriesByName.Keys, _adjectives.Keys })
        {
            foreach (var key in index)
            {
                NoteFirstWord(key, maxAgentWords);
            }
        }
    }

    private void NoteFirstWord(string key, int extraWords)
    {
        var second = key.IndexOf(' ', StringComparison.Ordinal);
        if (second > 0)
        {
            var third = key.IndexOf(' ', second + 1);
            _twoWordPrefixes.Add(third < 0 ? key : key[..third]);
        }

        var space = key.IndexOf(' ', StringComparison.Ordinal);
        var first = space < 0 ? key : key[..space];
        var words = key.Count(c => c == ' ') + 1 + extraWords;
        if (!_maxWordsByFirstWord.TryGetValue(first, out var known) || known < words)
        {
            _maxWordsByFirstWord[first] = words;
        }
    }

    /// <summary>The named actor with this knowledge-base id, or null (country ids such as "country:CHN" are not actors).</summary>
    public Actor? ActorById(string id) => _actorsById.GetValueOrDefault(id);

    /// <summary>
    /// A cheap filter before <see cref="Lookup"/>: the most words a name, country, capital, seat or adjective (with an
    /// agent phrase after it) beginning with this word can have, also after the German endings Lookup strips; 0 when
    /// nothing known begins with it. The word is given as a <see cref="NameKey"/>.
    /// </summary>
    public int MaxNameWords(string firstWordKey, string language)
    {
        ArgumentNullException.ThrowIfNull(firstWordKey);
        ArgumentNullException.ThrowIfNull(language);
        var best = _maxWordsByFirstWord.GetValueOrDefault(firstWordKey);
        if (!string.Equals(language, "de", StringComparison.Ordinal) && !string.Equals(language, "en", StringComparison.Ordinal))
        {
            return best;
        }

        var byStem = _maxWordsByFirstWord.GetAlternateLookup<ReadOnlySpan<char>>();
        foreach (var ending in string.Equals(language, "de", StringComparison.Ordinal) ? GermanFirstWordEndings : EnglishFirstWordEndings)
        {
            if (firstWordKey.Length > ending.Length + 1 && firstWordKey.EndsWith(ending, StringComparison.Ordinal)
                && byStem.TryGetValue(firstWordKey.AsSpan(0, firstWordKey.Length - ending.Length), out var words))
            {
                best = Math.Max(best, words);
            }
        }

        return best;
    }

    /// <summary>
    /// A cheap filter before <see cref="LookupNameKey"/> for a key of two or more words: false when no known name
    /// begins with its first two words (the second also without a German genitive ending) and it is no country
    /// name or adjective followed by an agent phrase. Single words always pass.
    /// </summary>
    public bool MayBeName(string key, string language)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(language);
        var space = key.IndexOf(' ', StringComparison.Ordinal);
        if (space < 0)
        {
            return true;
        }

        var third = key.IndexOf(' ', space + 1);
        var prefix = third < 0 ? key : key[..third];
        if (_twoWordPrefixes.Contains(prefix))
        {
            return true;
        }

        if (string.Equals(language, "de", StringComparison.Ordinal) && third < 0)
        {
            foreach (var suffix in GermanNameSuffixes)
            {
                if (prefix.Length > space + suffix.Length + 2 && prefix.EndsWith(suffix, StringComparison.Ordinal)
                    && _twoWordPrefixes.Contains(prefix[..^suffix.Length]))
                {
                    return true;
                }
            }
        }

        var second = third < 0 ? key[(space + 1)..] : key[(space + 1)..third];
        return _agentFirstWords.Contains(second) && MatchAdjective(key[..space], language).Any();
    }

    /// <summary>
    /// True when <paramref name="name"/> is a country adjective or demonym stem in the language ("chinesischen",
    /// "Chinese"), even if a dictionary also lists it among the country's names.
    /// </summary>
    public bool IsCountryAdjective(string name, string language)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(language);
        var key = NameKey.Of(name);
        foreach (var ending in GermanAdjectiveEndings)
        {
            if (ending.Length > 0 && (!string.Equals(language, "de", StringComparison.Ordinal) || !key.EndsWith(ending, StringComparison.Ordinal)))
            {
                continue;
            }

            if (_adjectives.TryGetValue(key[..^ending.Length], out var countries) && countries.Any(c => LanguageMatches(c.Language, language)))
            {
                return true;
            }
        }

        return false;
    }

    public IReadOnlyList<Country> Countries { get; }

    public IReadOnlyList<Actor> Actors { get; }

    public IReadOnlyList<Agent> Agents { get; }

    /// <summary>Given names with the gender they signal (given-names*.tsv).</summary>
    public IReadOnlyList<GivenName> GivenNames { get; }

    /// <summary>The gender ("m", "f") of a given name, or null when the name is not listed or ambiguous.</summary>
    public string? GenderOfGivenName(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return _genderByGivenName.GetValueOrDefault(NameKey.Of(name));
    }

    /// <summary>
    /// A person's gender for pronouns: the record's own, else that of the first word of a name of theirs that is a
    /// listed given name ("Annalena Baerbock" → f); null for organisations, groups and unknown people.
    /// </summary>
    public string? GenderOf(string actorId)
    {
        ArgumentNullException.ThrowIfNull(actorId);
        if (ActorById(actorId) is not { Kind: ActorKind.Person } person)
        {
            return null;
        }

        if (person.Gender is not null)
        {
            return person.Gender;
        }

        // Every listed first word must agree; names that disagree (a spouse's alias, a misfiled record) give no answer.
        string? gender = null;
        foreach (var name in person.Names.Values.SelectMany(n => n).Prepend(person.Name))
        {
            var space = name.IndexOf(' ', StringComparison.Ordinal);
            if (space <= 0 || _genderByGivenName.GetValueOrDefault(NameKey.Of(name.Substring(0, space))) is not { } found)
            {
                continue;
            }

            if (gender is not null && !string.Equals(gender, found, StringComparison.Ordinal))
            {
                return null;
            }

            gender = found;
        }

        return gender;
    }

    public Country? CountryByCode(string code) => _countriesByCode.GetValueOrDefault(code);

    /// <summary>
    /// Every reading of <paramref name="name"/> on <paramref name="date"/> in <paramref name="language"/>, best first:
    /// named actors, countries, capitals and seats, country adjectives, adjective + agent ("chinesische Staatsmedien").
    /// Unknown names give an empty list, never a guess.
    /// </summary>
    public IReadOnlyList<ActorResolution> Lookup(string name, DateOnly? date, string language)
    {
        ArgumentNullException.ThrowIfNull(name);
        return LookupNameKey(NameKey.Of(name), date, language);
    }

    /// <summary><see cref="Lookup"/> for a name already in <see cref="NameKey"/> form (callers on hot paths key once).</summary>
    public IReadOnlyList<ActorResolution> LookupNameKey(string key, DateOnly? date, string language)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(language);
        var results = new List<ActorResolution>();
        if (key.Length == 0)
        {
            return results;
        }

        LookupKey(key, date, language, "name", results);
        if (results.Count == 0 && string.Equals(language, "de", StringComparison.Ordinal))
        {
            foreach (var suffix in GermanNameSuffixes)
            {
                if (key.Length > suffix.Length + 2 && key.EndsWith(suffix, StringComparison.Ordinal))
                {
                    LookupKey(key[..^suffix.Length], date, language, "german-inflection", results);
                }
            }
        }

        if (results.Count == 0 && string.Equals(language, "en", StringComparison.Ordinal) && key.Length > 4 && key.EndsWith('s'))
        {
            // Plural demonyms name their country's people: "Libyans", "Nigerians".
            foreach (var (country, _) in MatchAdjective(key[..^1], language))
            {
                results.Add(ResolveCountry(country, "", "adjective", $"'{key}' are people of {country.NameEn}"));
            }
        }

        if (results.Count == 0)
        {
            LookupSurname(key, date, language, results);
        }

        if (results.Count == 0)
        {
            LookupAdjectiveAndAgent(key, language, results);
        }

        return results.DistinctBy(r => (r.Id, r.Code)).ToList();
    }

    /// <summary>
    /// Resolves a whole mention ("Russian Foreign Minister Andrei Kozyrev", "Poland's parliament", "die Regierung
    /// Belarus'"): the mention as a name if it is one; else the longest named actor inside it; else a country named
    /// or described inside it, with the role of an agent noun found beside it. Null when nothing is known.
    /// </summary>
    public ActorResolution? ResolveMention(string mention, DateOnly? date, string language)
    {
        ArgumentNullException.ThrowIfNull(mention);
        var whole = Lookup(mention, date, language);
        if (whole.Count > 0)
        {
            return whole[0];
        }

        var words = MentionWords(mention);
        if (words.Count >= 1 && _organisationsByAgentName.TryGetValue(string.Join(' ', words), out var organisations) && organisations is [var organisation])
        {
            return Resolve(organisation, date, "organisation-short-name", $"'{mention}' with no country is the short name of {organisation.Name} ({organisation.Provenance})");
        }

        if (words.Count < 2)
        {
            return null;
        }

        if (NamedActorInside(mention, words, date, language, minimumWords: 2) is { } named)
        {
            return named;
        }

        // "President Mugabe": a title or description before a capitalised surname that is unambiguous on the date.
        var lastWord = mention.Split([' ', '\t', '\n'], StringSplitOptions.RemoveEmptyEntries)[^1];
        var surnameKey = words[^1];
        // Capitalised, or with a capital after a particle ("al-Bashir", "d'Estaing").
        if (lastWord.Any(char.IsUpper) && CountryFor(surnameKey, language) is null && !_agents.ContainsKey(surnameKey))
        {
            var surnameMatches = new List<ActorResolution>();
            LookupSurname(surnameKey, date, language, surnameMatches);
            // "Heiko Maas" is not the only Maas in office: a given name in the mention that none of the person's names has
            // says it is someone else.
            if (surnameMatches is [{ Code: not null } onlyMatch] && !GivenNameDisagrees(onlyMatch.Id, words, language))
            {
                return onlyMatch;
            }

            // "President Omar Hassan al-Bashir": several people share the surname, but only one of them also has a name
            // with another word of the mention (Omar) in it; middle names come and go between sources.
            if (PersonBySurnameAndGivenName(surnameKey, words, date) is { } person)
            {
                return Resolve(person, date, "surname-and-given-name", $"'{surnameKey}' is the surname of {person.Name} ({person.Provenance}), the only one of that surname also named with another word of '{mention}'");
            }

            // One wrong letter in a long surname ("Mitterand", "Bouteflicka") is a misspelling, not another person; so is
            // one in a shorter surname when a given name of the mention agrees too ("Laurent Gbago").
            if (surnameMatches.Count == 0 && surnameKey.Length >= 5)
            {
                var near = _personsBySurname.Keys.Where(k => WithinOneEdit(k, surnameKey)).ToList();
                if (near.Count == 1 && surnameKey.Length >= 6)
                {
                    LookupSurname(near[0], date, language, surnameMatches);
                    if (surnameMatches is [{ Code: not null } spelled])
                    {
                        return spelled with { MatchKind = "surname-misspelt", Reason = $"'{surnameKey}' is one letter from '{near[0]}': {spelled.Reason}" };
                    }
                }

                var givenNameMatches = near.Select(k => (Key: k, Person: PersonBySurnameAndGivenName(k, words, date, allowSingle: true))).Where(m => m.Person is not null).ToList();
                if (givenNameMatches is [var (nearKey, namedPerson)])
                {
                    return Resolve(namedPerson!, date, "surname-misspelt-and-given-name", $"'{surnameKey}' is one letter from '{nearKey}', the surname of {namedPerson!.Name} ({namedPerson.Provenance}), whose name also has another word of '{mention}'");
                }
            }
        }

        (Country Country, string Key)? country = null;
        string? role = null;
        string? agentKey = null;
        var inPlace = WordsInPlaceNames(words);
        for (var length = Math.Min(words.Count, 6); length >= 1 && (country is null || role is null); length--)
        {
            for (var start = 0; start + length <= words.Count; start++)
            {
                var key = string.Join(' ', words.Skip(start).Take(length));
                // "anti-Syria journalist": a country the mention is against is not the actor's; "New Mexico" is a
                // state, not Mexico.
                if (country is null && !(start > 0 && string.Equals(words[start - 1], "anti", StringComparison.Ordinal))
                    && !inPlace.Skip(start).Take(length).Any(covered => covered))
                {
                    var found = CountryFor(key, language);
                    if (found is not null)
                    {
                        country = (found, key);
                        continue;
                    }
                }

                if (role is null && _agents.TryGetValue(key, out var agents) && agents.FirstOrDefault(a => LanguageMatches(a.Language, language)) is { } agent)
                {
                    role = agent.Code;
                    agentKey = key;
                }
            }
        }

        if (country is not { } found2)
        {
            // Single-word names last: dictionaries carry many one-word aliases that are also ordinary words.
            if (NamedActorInside(mention, words, date, language, minimumWords: 1) is { } namedInside)
            {
                return namedInside;
            }

            // "human rights group", "Association of African Jurists": a civil-society organisation named with no
            // country is what CAMEO codes as a (transnational) NGO.
            return role is not null && agentKey is not null && NonGovernmentalCode(role) is { } ngo
                ? new ActorResolution
                {
                    Id = "sector:" + ngo,
                    Name = agentKey,
                    Code = ngo,
                    Country = NonGovernmentalPrefix,
                    Role = ngo.Length > 3 ? ngo[3..] : null,
                    Reason = $"'{agentKey}' inside '{mention}' is the agent {role}, a non-governmental organisation, and no country is named",
                    MatchKind = "agent",
                }
                : null;
        }

        var reason = role is null
            ? $"'{found2.Key}' inside '{mention}' refers to {found2.Country.NameEn}"
            : $"'{found2.Key}' inside '{mention}' refers to {found2.Country.NameEn} and '{agentKey}' is the agent {role}";
        return ResolveCountry(found2.Country, role ?? "", "country-in-mention", reason);
    }

    private const string NonGovernmentalPrefix = "NGO";

    /// <summary>For each word of a mention, whether it lies in a sub-national place name of two or more words.</summary>
    private bool[] WordsInPlaceNames(List<string> words)
    {
        var covered = new bool[words.Count];
        if (PlaceKeys.Count == 0)
        {
            return covered;
        }

        for (var length = Math.Min(words.Count, 4); length >= 2; length--)
        {
            for (var start = 0; start + length <= words.Count; start++)
            {
                if (PlaceKeys.Contains(string.Join(' ', words.Skip(start).Take(length))))
                {
                    Array.Fill(covered, true, start, length);
                }
            }
        }

        return covered;
    }

    /// <summary>The NGO code of a civil-society agent code (NGO, NGODEV, HRI → NGO, NGODEV, NGOHRI), else null.</summary>
    private static string? NonGovernmentalCode(string agentCode) =>
        agentCode.StartsWith(NonGovernmentalPrefix, StringComparison.Ordinal) ? agentCode
        : string.Equals(agentCode, "HRI", StringComparison.Ordinal) ? NonGovernmentalPrefix + agentCode
        : null;

    private ActorResolution? NamedActorInside(string mention, List<string> words, DateOnly? date, string language, int minimumWords)
    {
        // Names ending where the mention ends come first: in "President Omar Hassan al-Bashir" the surname sits last,
        // and a shorter name inside ("Omar Hassan") belongs to someone else.
        for (var length = Math.Min(words.Count, 8); length >= minimumWords; length--)
        {
            var key = string.Join(' ', words.Skip(words.Count - length));
            if (_actorsByName.TryGetValue(key, out var actors) && actors.FirstOrDefault(a => LanguageMatches(a.Language, language)) is { Actor: not null } match)
            {
                return Resolve(match.Actor, date, "name-in-mention", $"'{key}' inside '{mention}' is a name of {match.Actor.Name} ({match.Actor.Provenance})");
            }
        }

        for (var length = Math.Min(words.Count, 8); length >= minimumWords; length--)
        {
            for (var start = 0; start + length <= words.Count; start++)
            {
                var key = string.Join(' ', words.Skip(start).Take(length));
                if (_actorsByName.TryGetValue(key, out var actors))
                {
                    var match = actors.FirstOrDefault(a => LanguageMatches(a.Language, language));
                    if (match.Actor is not null)
                    {
                        return Resolve(match.Actor, date, "name-in-mention", $"'{key}' inside '{mention}' is a name of {match.Actor.Name} ({match.Actor.Provenance})");
                    }
                }
            }
        }

        return null;
    }

    /// <summary>True when one insertion, deletion or substitution turns <paramref name="a"/> into <paramref name="b"/>.</summary>
    internal static bool WithinOneEdit(string a, string b)
    {
        if (Math.Abs(a.Length - b.Length) > 1 || string.Equals(a, b, StringComparison.Ordinal))
        {
            return false;
        }

        var i = 0;
        while (i < a.Length && i < b.Length && a[i] == b[i])
        {
            i++;
        }

        if (a.Length == b.Length)
        {
            return a.AsSpan(i + 1).SequenceEqual(b.AsSpan(i + 1));
        }

        return a.Length > b.Length ? a.AsSpan(i + 1).SequenceEqual(b.AsSpan(i)) : a.AsSpan(i).SequenceEqual(b.AsSpan(i + 1));
    }

    private Country? CountryFor(string key, string language)
    {
        if (_countriesByName.TryGetValue(key, out var named) && named.FirstOrDefault(c => LanguageMatches(c.Language, language)).Country is { } byName)
        {
            return byName;
        }

        if (_metonyms.TryGetValue(key, out var metonyms) && metonyms.FirstOrDefault(m => LanguageMatches(m.Metonym.Language, language) && m.Metonym.Role.Length == 0).Country is { } byCapital)
        {
            return byCapital;
        }

        return MatchAdjective(key, language).Select(m => m.Country).FirstOrDefault();
    }

    /// <summary>The words of a mention as name keys, with English possessive 's and German genitive apostrophes dropped.</summary>
    private static List<string> MentionWords(string mention)
    {
        var words = new List<string>();
        foreach (var raw in mention.Split([' ', '\t', '\n'], StringSplitOptions.RemoveEmptyEntries))
        {
            var word = raw;
            if (word.EndsWith("'s", StringComparison.Ordinal) || word.EndsWith("’s", StringComparison.Ordinal))
            {
                word = word[..^2];
            }

            var key = NameKey.Of(word);
            if (key.Length > 0)
            {
                words.AddRange(key.Split(' '));
            }
        }

        return words;
    }

    private void LookupKey(string key, DateOnly? date, string language, string matchKind, List<ActorResolution> results)
    {
        if (_actorsByName.TryGetValue(key, out var actors))
        {
            foreach (var (actor, actorLanguage) in actors)
            {
                if (LanguageMatches(actorLanguage, language))
                {
                    results.Add(Resolve(actor, date, matchKind, $"'{key}' is a name of {actor.Name} ({actor.Provenance})"));
                }
            }
        }

        if (_countriesByName.TryGetValue(key, out var countries))
        {
            foreach (var (country, countryLanguage) in countries)
            {
                if (LanguageMatches(countryLanguage, language))
                {
                    results.Add(ResolveCountry(country, "", matchKind, $"'{key}' names the country {country.NameEn}"));
                }
            }
        }

        if (_metonyms.TryGetValue(key, out var metonyms))
        {
            foreach (var (country, metonym) in metonyms)
            {
                if (LanguageMatches(metonym.Language, language))
                {
                    var what = metonym.Role.Length == 0 ? "the country" : $"the {metonym.Role} of";
                    results.Add(ResolveCountry(country, metonym.Role, "metonym", $"'{metonym.Name}' stands for {what} {country.NameEn} when it acts"));
                }
            }
        }
    }

    private void LookupSurname(string key, DateOnly? date, string language, List<ActorResolution> results)
    {
        if (key.Contains(' ', StringComparison.Ordinal) || !_personsBySurname.TryGetValue(key, out var persons))
        {
            return;
        }

        // A bare surname is only resolved when it is unambiguous among people holding a role on the date.
        var candidates = persons.Where(p => date is null || p.RoleHeldOn(date) is { IsDefault: false }).ToList();
        if (candidates.Count == 0)
        {
            candidates = persons;
        }

        if (candidates.Count == 1)
        {
            var person = candidates[0];
            results.Add(Resolve(person, date, "surname", $"'{key}' is the surname of {person.Name} ({person.Provenance}), the only match{(date is null ? "" : " in office on that date")}", outOfOffice: false));
        }

        _ = language;
    }

    /// <summary>
    /// True when a word before the surname looks like a given name (capitalised in the mention, no role word, title or
    /// country) and none of the person's names contains it.
    /// </summary>
    private bool GivenNameDisagrees(string actorId, List<string> words, string language)
    {
        if (ActorById(actorId) is not { } person)
        {
            return false;
        }

        var others = words.Take(words.Count - 1)
            .Where(w => w.Length >= 3 && w.All(char.IsLetter) && !_agents.ContainsKey(w) && !_agentFirstWords.Contains(w) && CountryFor(w, language) is null)
            .ToList();
        if (others.Count == 0)
        {
            return false;
        }

        var nameWords = person.Names.Values.SelectMany(n => n).Append(person.Name)
            .SelectMany(name => NameKey.Of(name).Split(' ')).ToHashSet(StringComparer.Ordinal);
        return !others.Any(nameWords.Contains);
    }

    /// <param name="allowSingle">Also answer when only one person has the surname (the surname itself was not an exact match).</param>
    private Actor? PersonBySurnameAndGivenName(string surnameKey, List<string> words, DateOnly? date, bool allowSingle = false)
    {
        if (!_personsBySurname.TryGetValue(surnameKey, out var persons) || persons.Count < (allowSingle ? 1 : 2))
        {
            return null;
        }

        var others = words.Take(words.Count - 1).Where(w => w.Length >= 3 && !_agents.ContainsKey(w) && !_agentFirstWords.Contains(w)).ToHashSet(StringComparer.Ordinal);
        if (others.Count == 0)
        {
            return null;
        }

        var matching = persons.Where(p => p.Names.Values.SelectMany(n => n).Append(p.Name)
            .Any(name => NameKey.Of(name).Split(' ').SkipLast(1).Any(others.Contains))).ToList();
        if (matching.Count > 1 && date is not null)
        {
            matching = [.. matching.Where(p => p.RoleHeldOn(date) is not null)];
        }

        // The dictionaries list some people twice (two spellings, two records); that is no ambiguity when every record
        // gives the same code on the date.
        if (matching.Count > 1 && date is not null && matching.Select(p => p.RoleHeldOn(date)?.Code).Distinct(StringComparer.Ordinal).Count() == 1
            && matching[0].RoleHeldOn(date) is not null)
        {
            return matching.MinBy(p => p.Id, StringComparer.Ordinal);
        }

        return matching.Count == 1 ? matching[0] : null;
    }

    private void LookupAdjectiveAndAgent(string key, string language, List<ActorResolution> results)
    {
        var words = key.Split(' ');
        // "chinesisch(e)", "chinesische staatsmedien", "us aussenminister", "russian troops"
        for (var split = 1; split <= words.Length; split++)
        {
            var head = string.Join(' ', words[..split]);
            var rest = string.Join(' ', words[split..]);
            foreach (var (country, _) in MatchAdjective(head, language))
            {
                if (rest.Length == 0)
                {
                    results.Add(ResolveCountry(country, "", "adjective", $"'{head}' is an adjective of {country.NameEn}"));
                    continue;
                }

                if (_agents.TryGetValue(rest, out var agents))
                {
                    foreach (var agent in agents.Where(a => LanguageMatches(a.Language, language)))
                    {
                        results.Add(ResolveCountry(country, agent.Code, "agent", $"'{head}' is an adjective of {country.NameEn} and '{rest}' is the agent {agent.Code} ({agent.Provenance})"));
                    }
                }
            }
        }
    }

    private IEnumerable<(Country Country, string Language)> MatchAdjective(string word, string language)
    {
        foreach (var ending in GermanAdjectiveEndings)
        {
            if (ending.Length > 0 && (!string.Equals(language, "de", StringComparison.Ordinal) || !word.EndsWith(ending, StringComparison.Ordinal)))
            {
                continue;
            }

            var stem = word[..^ending.Length];
            if (_adjectives.TryGetValue(stem, out var countries))
            {
                foreach (var match in countries.Where(c => LanguageMatches(c.Language, language)))
                {
                    yield return match;
                }
            }
        }

        // A country name can stand as a modifier too ("us aussenminister", "china politik").
        if (_countriesByName.TryGetValue(word, out var named))
        {
            foreach (var match in named.Where(c => LanguageMatches(c.Language, language)))
            {
                yield return match;
            }
        }
    }

    /// <param name="outOfOffice">Whether a person without office on the date counts as the country's elite; not for a
    /// bare surname, which is trusted only for someone in office.</param>
    private static ActorResolution Resolve(Actor actor, DateOnly? date, string matchKind, string reason, bool outOfOffice = true)
    {
        var role = outOfOffice ? actor.RoleOn(date) : actor.RoleHeldOn(date);
        var code = role?.Code;
        var why = role is null
            ? $"{reason}; no role recorded{(date is null ? "" : $" for {date:yyyy-MM-dd}")}"
            : !actor.Roles.Contains(role)
                ? $"{reason}; {role.Code}: no office on {date:yyyy-MM-dd}, so of the country's elite ({role})"
                : $"{reason}; {role.Code} {(role.IsDefault ? "by default" : date is null ? "(latest period, no date given)" : $"valid on {date:yyyy-MM-dd} ({role})")}";
        return new ActorResolution
        {
            Id = actor.Id,
            Name = actor.Name,
            Code = code,
            Country = code is { Length: >= 3 } ? code[..3] : null,
            Role = code is { Length: > 3 } ? code[3..] : null,
            Reason = why,
            MatchKind = matchKind,
        };
    }

    private static ActorResolution ResolveCountry(Country country, string role, string matchKind, string reason) => new()
    {
        Id = "country:" + country.Code,
        Name = country.NameEn,
        Code = country.Code + role,
        Country = country.Code,
        Role = role.Length == 0 ? null : role,
        Reason = reason,
        MatchKind = matchKind,
    };

    private static bool LanguageMatches(string entryLanguage, string language) =>
        entryLanguage == "*" || string.Equals(entryLanguage, language, StringComparison.Ordinal) || string.Equals(language, "*", StringComparison.Ordinal);

    private static void Add<T>(Dictionary<string, List<T>> index, string name, T value)
    {
        var key = NameKey.Of(name);
        if (key.Length == 0)
        {
            return;
        }

        if (!index.TryGetValue(key, out var list))
        {
            index[key] = list = [];
        }

        list.Add(value);
    }
}
