using Lagebild.Documents;
using Lagebild.Knowledge;
using Lagebild.Nlp;
using Lagebild.Nlp.Morphology;
using Lagebild.Pipeline;
using Lagebild.Text;

namespace Lagebild.Knowledge.Linking;

/// <summary>
/// Finds the mentions of known actors: at each word, the longest run of tokens (up to <see cref="MaxMentionTokens"/>)
/// that the knowledge base resolves on the article's publication date (names, countries, capitals and seats,
/// country adjective + agent noun). Unknown names are not guessed. A country, capital or seat after a locative
/// preposition ("in Peking", "nach Moskau") is kept as a place without actor; a country adjective alone
/// ("chinesischen") is no mention. The first part of a hyphenated compound is tried as a name ("Putin-Verbündete").
/// </summary>
public sealed class ActorLinkingStage : IStage
{
    public const int MaxMentionTokens = 6;

    // Parts of speech that a single-word name never has; a tagger's NOUN is allowed because German capitalises nouns
    // and taggers often take rare names for nouns.
    private static readonly HashSet<string> NonNameUpos = new(StringComparer.Ordinal)
    {
        "VERB", "AUX", "ADP", "DET", "PRON", "CCONJ", "SCONJ", "PART", "ADV", "ADJ", "NUM", "PUNCT", "SYM", "INTJ",
    };

    private readonly LinkingResources _resources;

    public ActorLinkingStage(LinkingResources resources)
    {
        ArgumentNullException.ThrowIfNull(resources);
        _resources = resources;
    }

    /// <summary>The versioned name with the fingerprint of the knowledge set ("knowledge.actors.v2-kb1a2b3c4d5e6f"): analyses made
    /// with other dictionaries carry another name, so a store treats them as stale.</summary>
    public string Name => "knowledge.actors.v2-kb" + _resources.Fingerprint;

    public IReadOnlyList<LayerKey> Reads { get; } = [TextLayers.Tokens, TextLayers.Sentences, MorphologyLayers.Morphology];

    public IReadOnlyList<LayerKey> Writes { get; } = [LinkingLayers.ActorMentions];

    public void Run(AnalysisContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var tokens = context.Get(TextLayers.Tokens);
        var morphology = context.Get(MorphologyLayers.Morphology);
        var lexicon = _resources.LexiconFor(context.Language);
        if (lexicon is null || tokens.Count == 0)
        {
            context.Set(LinkingLayers.ActorMentions, (IReadOnlyList<ActorMention>)[]);
            return;
        }

        var run = new MentionFinder(context.Text, tokens, morphology, lexicon, _resources.Knowledge, context.Language, PublicationDay(context));
        context.Set(LinkingLayers.ActorMentions, run.FindMentions());
    }

    /// <summary>The article's publication day (the date as written in its own offset), or null when unknown.</summary>
    public static DateOnly? PublicationDay(AnalysisContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.ReferenceDate is { } published ? DateOnly.FromDateTime(published.DateTime) : null;
    }

    /// <summary>The lower-cased forms of the tokens, computed once per article.</summary>
    internal static string[] LowerForms(IReadOnlyList<Token> tokens)
    {
        var lower = new string[tokens.Count];
        for (var i = 0; i < tokens.Count; i++)
        {
            lower[i] = tokens[i].Form.ToLowerInvariant();
        }

        return lower;
    }

    internal static bool StartsUpperOrDigit(string form) => form.Length > 0 && (char.IsUpper(form[0]) || char.IsDigit(form[0]));

    private sealed class MentionFinder(
        string text,
        IReadOnlyList<Token> tokens,
        MorphologyLayer morphology,
        LinkingLexicon lexicon,
        KnowledgeBase knowledge,
        string language,
        DateOnly? date)
    {
        private readonly string[] _lower = LowerForms(tokens);
        private readonly string?[] _keys = new string?[tokens.Count];

        // Names recur within an article; each distinct candidate text is looked up once.
        private readonly Dictionary<string, IReadOnlyList<ActorResolution>> _lookups = new(StringComparer.Ordinal);

        public List<ActorMention> FindMentions()
        {
            var mentions = new List<ActorMention>();
            var i = 0;
            while (i < tokens.Count)
            {
                if (MatchAt(i) is { } mention)
                {
                    mentions.Add(mention);
                    i = mention.EndToken;
                }
                else
                {
                    i++;
                }
            }

            return mentions;
        }

        private ActorMention? MatchAt(int first)
        {
            var token = tokens[first];
            if (!IsWordlike(token) || IsFunctionWord(first))
            {
                return null;
            }

            var key = KeyOf(first);
            var space = key.IndexOf(' ', StringComparison.Ordinal);
            var maxWords = key.Length == 0 ? 0 : knowledge.MaxNameWords(space < 0 ? key : key[..space], language);
            if (maxWords == 0)
            {
                return null;
            }

            // A token holds at least one word of a name, so no match is longer in tokens than the longest name in words.
            // A hyphen glued between two words ("US-Außenminister", split the UD way) joins them and counts as no word.
            var limit = first;
            var words = 0;
            while (limit < tokens.Count && words < Math.Min(MaxMentionTokens, maxWords) && tokens[limit].SentenceIndex == token.SentenceIndex)
            {
                if (IsWordlike(tokens[limit]))
                {
                    words++;
                }
                else if (!IsGluedHyphen(limit))
                {
                    break;
                }

                limit++;
            }

            for (var end = limit; end > first; end--)
            {
                if (end - 1 > first && (IsFunctionWord(end - 1) || !IsWordlike(tokens[end - 1])))
                {
                    continue;
                }

                var span = new Span(token.Span.Start, tokens[end - 1].Span.End - token.Span.Start);
                var candidateKey = CandidateKey(first, end) ?? NameKey.Of(text.AsSpan(span.Start, span.Length));
                if (!knowledge.MayBeName(candidateKey, language))
                {
                    continue;
                }

                var results = Lookup(candidateKey);
                if (results.Count > 0 && Accept(results[0], first, end, span) is { } mention)
                {
                    return mention;
                }
            }

            return CompoundHead(first);
        }

        private bool IsGluedHyphen(int index) =>
            tokens[index].Form is "-" or "‐" && index > 0 && index + 1 < tokens.Count
            && tokens[index - 1].Span.End == tokens[index].Span.Start && tokens[index].Span.End == tokens[index + 1].Span.Start
            && IsWordlike(tokens[index - 1]) && IsWordlike(tokens[index + 1]);

        private IReadOnlyList<ActorResolution> Lookup(string candidateKey)
        {
            if (!_lookups.TryGetValue(candidateKey, out var results))
            {
                _lookups[candidateKey] = results = knowledge.LookupNameKey(candidateKey, date, language);
            }

            return results;
        }

        /// <summary>The name key of a token: its lower-cased form when that is plain ASCII letters and digits.</summary>
        private string KeyOf(int index)
        {
            if (_keys[index] is { } known)
            {
                return known;
            }

            var lower = _lower[index];
            var plain = true;
            foreach (var c in lower)
            {
                if (!char.IsAsciiLetterLower(c) && !char.IsAsciiDigit(c))
                {
                    plain = false;
                    break;
                }
            }

            return _keys[index] = plain ? lower : NameKey.Of(tokens[index].Form);
        }

        /// <summary>
        /// The name key of tokens [first, end) joined from the token keys, or null when two tokens touch without
        /// white space between them (then the key of the covered text can differ).
        /// </summary>
        private string? CandidateKey(int first, int end)
        {
            if (end - first == 1)
            {
                return KeyOf(first);
            }

            var builder = new System.Text.StringBuilder();
            for (var i = first; i < end; i++)
            {
                if (i > first)
                {
                    if (tokens[i].Span.Start == tokens[i - 1].Span.End)
                    {
                        return null;
                    }

                    builder.Append(' ');
                }

                var key = KeyOf(i);
                if (key.Length == 0)
                {
                    return null;
                }

                builder.Append(key);
            }

            return builder.ToString();
        }

        /// <summary>"Putin-Verbündete", "G20-Treffen": the part before the first hyphen as a name of its own.</summary>
        private ActorMention? CompoundHead(int index)
        {
            var token = tokens[index];
            var hyphen = token.Form.IndexOf('-', StringComparison.Ordinal);
            if (hyphen < 2 || token.Span.Length != token.Form.Length || !StartsUpperOrDigit(token.Form))
            {
                return null;
            }

            var part = token.Form[..hyphen];
            var results = Lookup(NameKey.Of(part));
            if (results.Count == 0 || results[0].MatchKind is not ("name" or "german-inflection" or "metonym" or "surname"))
            {
                return null;
            }

            var resolution = results[0];
            var span = new Span(token.Span.Start, hyphen);
            return Classify(resolution, index, index + 1, span, part, compoundPart: true);
        }

        private ActorMention? Accept(ActorResolution resolution, int first, int end, Span span)
        {
            var mentionText = text.Substring(span.Start, span.Length);
            switch (resolution.MatchKind)
            {
                case "adjective":
                    // A country adjective alone is no mention; an English plural demonym ("Libyans") names the people.
                    return string.Equals(language, "en", StringComparison.Ordinal) && end - first == 1
                           && StartsUpperOrDigit(tokens[first].Form) && _lower[first].EndsWith('s')
                        ? new ActorMention(span, mentionText, first, end, EntityType.Geopolitical, MentionKind.Name, resolution)
                        : null;
                case "agent":
                    {
                        var headKey = NameKey.Of(tokens[end - 1].Form);
                        var lastSpace = headKey.LastIndexOf(' ');
                        var gender = lexicon.RoleNounGender(lastSpace < 0 ? headKey : headKey[(lastSpace + 1)..]);
                        return new ActorMention(span, mentionText, first, end, gender is null ? EntityType.Organisation : EntityType.Person,
                            MentionKind.Description, resolution, gender);
                    }

                default:
                    if (!StartsUpperOrDigit(tokens[first].Form) || !StartsUpperOrDigit(tokens[end - 1].Form))
                    {
                        return null;
                    }

                    // Dictionaries list demonyms among country names ("Chinese"); as an adjective alone it is no mention.
                    if (end - first == 1 && resolution.Id.StartsWith("country:", StringComparison.Ordinal)
                        && knowledge.IsCountryAdjective(mentionText, language))
                    {
                        return null;
                    }

                    return Classify(resolution, first, end, span, mentionText);
            }
        }

        private ActorMention? Classify(ActorResolution resolution, int first, int end, Span span, string mentionText, bool compoundPart = false)
        {
            if (resolution.Id.StartsWith("country:", StringComparison.Ordinal))
            {
                var kind = string.Equals(resolution.MatchKind, "metonym", StringComparison.Ordinal) ? MentionKind.Metonym : MentionKind.Name;
                if (IsGovernedByLocative(first) && !IsGenitiveModifier(end))
                {
                    return new ActorMention(span, mentionText, first, end, resolution.Role is null ? EntityType.Geopolitical : EntityType.Location,
                        MentionKind.Place, null);
                }

                return new ActorMention(span, mentionText, first, end, resolution.Role is null ? EntityType.Geopolitical : EntityType.Organisation, kind, resolution);
            }

            if (end - first == 1 && morphology.IsAnalysed && NonNameUpos.Contains(morphology.Tokens[first].Upos))
            {
                return null;
            }

            var actor = knowledge.ActorById(resolution.Id);
            var type = actor?.Kind == ActorKind.Person ? EntityType.Person : EntityType.Organisation;

            // A bare surname of someone the dictionaries list is trusted only for a person in office on the article's
            // date: dictionaries hold thousands of minor officials whose surnames are common words or first names
            // ("Juni", "Andreas", "Mann"). Within an article, the coreference stage links surnames of full names.
            // The same holds for a single-word alias from the imported dictionaries ("Arthur", "Howard"); the curated
            // file lists the single names that are safe on their own ("Lukaschenko", "Blinken").
            var singleWordAlias = type == EntityType.Person && end - first == 1 && !NameKey.Of(mentionText).Contains(' ', StringComparison.Ordinal)
                                  && actor?.Provenance?.Contains("curated", StringComparison.Ordinal) != true;
            if ((singleWordAlias || string.Equals(resolution.MatchKind, "surname", StringComparison.Ordinal))
                && (date is null || actor?.RoleHeldOn(date) is not { IsDefault: false }))
            {
                return null;
            }

            if (end - first == 1 && mentionText.Count(char.IsLetterOrDigit) < 2)
            {
                return null;
            }

            // "zum Frieden", "die Wahl": a single word after an article is a common noun, even when some person in the
            // dictionaries bears it as a surname.
            if (type == EntityType.Person && !compoundPart && end - first == 1 && first > 0 && tokens[first - 1].SentenceIndex == tokens[first].SentenceIndex
                && (lexicon.Determiners.Contains(_lower[first - 1]) || lexicon.ArticleContractions.Contains(_lower[first - 1])))
            {
                return null;
            }
            return new ActorMention(span, mentionText, first, end, type, MentionKind.Name, resolution);
        }

        /// <summary>"in Chinas Friedensvorschlag": a possessive name before a capitalised noun modifies it, it is no place.</summary>
        private bool IsGenitiveModifier(int end)
        {
            var last = _lower[end - 1];
            return (last.EndsWith('s') || last.EndsWith("'s", StringComparison.Ordinal) || last.EndsWith("’s", StringComparison.Ordinal))
                   && end < tokens.Count && tokens[end].SentenceIndex == tokens[end - 1].SentenceIndex
                   && tokens[end].Kind == TokenKind.Word && char.IsUpper(tokens[end].Form[0]);
        }

        /// <summary>"in Peking", "in der Ukraine", "at the Kremlin": a locative preposition before the phrase.</summary>
        private bool IsGovernedByLocative(int first)
        {
            var sentence = tokens[first].SentenceIndex;
            var previous = first - 1;
            for (var skipped = 0; skipped < 2 && previous >= 0 && tokens[previous].SentenceIndex == sentence
                 && lexicon.Determiners.Contains(_lower[previous]); skipped++)
            {
                previous--;
            }

            return previous >= 0 && tokens[previous].SentenceIndex == sentence && lexicon.LocativePrepositions.Contains(_lower[previous]);
        }

        private bool IsFunctionWord(int index) =>
            lexicon.FunctionWords.Contains(_lower[index]) || lexicon.Determiners.Contains(_lower[index])
            || lexicon.Pronouns.ContainsKey(_lower[index]) || lexicon.LocativePrepositions.Contains(_lower[index]);

        private static bool IsWordlike(Token token) => token.Kind is TokenKind.Word or TokenKind.Number;
    }
}
