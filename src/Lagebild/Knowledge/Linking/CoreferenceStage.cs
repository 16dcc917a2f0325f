using Lagebild.Documents;
using Lagebild.Knowledge;
using Lagebild.Nlp.Morphology;
using Lagebild.Pipeline;

namespace Lagebild.Knowledge.Linking;

/// <summary>
/// Chains the mentions of one article: mentions of the same linked actor; partial names ("Xi" after "Xi Jinping");
/// person descriptions, either in apposition to a name ("der chinesische Staatschef Xi Jinping") or as a definite
/// description joining the most salient earlier person of that country and role ("des belarussischen Führers");
/// pronouns to the most salient compatible person of the last sentences (subjects count double, salience halves
/// per sentence); plural references ("beide", "both") to the last coordinated pair of actors.
/// </summary>
public sealed class CoreferenceStage : IStage
{
    /// <summary>How many sentences back a pronoun or description looks for its antecedent.</summary>
    public const int PronounWindowSentences = 2;

    private readonly LinkingResources _resources;

    public CoreferenceStage(LinkingResources resources)
    {
        ArgumentNullException.ThrowIfNull(resources);
        _resources = resources;
    }

    public string Name => "knowledge.coref.v1";

    public IReadOnlyList<LayerKey> Reads { get; } = [Layers.Tokens, Layers.Morphology, Layers.ActorMentions];

    public IReadOnlyList<LayerKey> Writes { get; } = [Layers.Coreference];

    public void Run(AnalysisContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var mentions = context.Get(Layers.ActorMentions);
        var lexicon = _resources.LexiconFor(context.Language);
        if (lexicon is null || mentions.Count == 0)
        {
            context.Set(Layers.Coreference, new CoreferenceLayer([], []));
            return;
        }

        var resolver = new Resolver(context.Text, context.Get(Layers.Tokens), context.Get(Layers.Morphology), lexicon, mentions, _resources.GenderOfGivenName);
        context.Set(Layers.Coreference, resolver.Resolve());
    }

    private sealed class Item(ActorMention mention)
    {
        public ActorMention Mention { get; set; } = mention;
        public ActorResolution? Actor { get; set; } = mention.Actor;
        public bool Appositive { get; set; }
        public bool Subject { get; set; }
        public int Chain { get; set; } = -1;
        public IReadOnlyList<int> Members { get; set; } = [];
    }

    private sealed class ChainState(int id, ActorResolution actor, bool person)
    {
        public int Id { get; } = id;
        public ActorResolution Actor { get; } = actor;
        public bool Person { get; } = person;
        public string? Gender { get; set; }
        public List<int> Items { get; } = [];
    }

    private sealed class Resolver(string text, IReadOnlyList<Token> tokens, MorphologyLayer morphology, LinkingLexicon lexicon, IReadOnlyList<ActorMention> found, Func<string, string?> genderOfGivenName)
    {
        private readonly string[] _lower = ActorLinkingStage.LowerForms(tokens);
        private readonly List<Item> _items = [];
        private readonly List<ChainState> _chains = [];
        private readonly Dictionary<string, ChainState> _chainsByActor = new(StringComparer.Ordinal);
        private bool[] _coveredByName = [];

        public CoreferenceLayer Resolve()
        {
            _items.AddRange(found.Select(m => new Item(m)));
            AddPartialNames();
            _items.AddRange(ReferenceTokens());
            _items.Sort((a, b) => a.Mention.FirstToken.CompareTo(b.Mention.FirstToken));
            MarkAppositives();
            _coveredByName = new bool[tokens.Count];
            for (var i = 0; i < _items.Count; i++)
            {
                _items[i].Subject = IsSubject(i);
                if (_items[i].Mention.Kind != MentionKind.Pronoun)
                {
                    for (var t = _items[i].Mention.FirstToken; t < _items[i].Mention.EndToken; t++)
                    {
                        _coveredByName[t] = true;
                    }
                }
            }

            (int A, int B)? lastPair = null;
            Item? lastActorItem = null;
            var lastActorIndex = -1;
            for (var index = 0; index < _items.Count; index++)
            {
                var item = _items[index];
                switch (item.Mention.Kind)
                {
                    case MentionKind.Pronoun:
                        ResolvePronoun(index);
                        break;
                    case MentionKind.Plural:
                        if (lastPair is { } pair && _items[pair.A].Mention.FirstToken >= 0
                            && tokens[item.Mention.FirstToken].SentenceIndex - tokens[_items[pair.B].Mention.FirstToken].SentenceIndex <= PronounWindowSentences)
                        {
                            item.Members = [_items[pair.A].Chain, _items[pair.B].Chain];
                        }

                        break;
                    case MentionKind.Place:
                        break;
                    default:
                        if (item.Mention.IsPersonDescription && !item.Appositive)
                        {
                            ResolveDescription(index);
                        }

                        Join(index);
                        break;
                }

                if (item.Chain >= 0 && item.Mention.Kind != MentionKind.Pronoun)
                {
                    if (lastActorItem is not null && lastActorItem.Chain != item.Chain && !item.Appositive && AreCoordinated(lastActorItem, item))
                    {
                        lastPair = (lastActorIndex, index);
                    }

                    if (!(item.Appositive && lastActorItem is not null && lastActorItem.Chain == item.Chain))
                    {
                        lastActorItem = item;
                        lastActorIndex = index;
                    }
                }
            }

            return Build();
        }

        /// <summary>Capitalised words not yet linked that are part of a full person name in the article.</summary>
        private void AddPartialNames()
        {
            var byWord = new Dictionary<string, List<ActorMention>>(StringComparer.Ordinal);
            foreach (var mention in found)
            {
                if (mention.Type != EntityType.Per || mention.Kind != MentionKind.Name || mention.Actor is null)
                {
                    continue;
                }

                var words = NameKey.Of(mention.Text).Split(' ');
                if (words.Length < 2)
                {
                    continue;
                }

                // Titles inside a dictionary alias ("Secretary of State Edmund Muskie") are no part of the name: only
                // words of the canonical name count, and the last word (a surname, in whatever spelling).
                var canonical = NameKey.Of(mention.Actor.Name).Split(' ');
                foreach (var word in words.Where((w, i) => w.Length >= 2 && (i == words.Length - 1 || canonical.Contains(w, StringComparer.Ordinal))))
                {
                    if (!byWord.TryGetValue(word, out var list))
                    {
                        byWord[word] = list = [];
                    }

                    list.Add(mention);
                }
            }

            if (byWord.Count == 0)
            {
                return;
            }

            var covered = new bool[tokens.Count];
            foreach (var mention in found)
            {
                for (var t = mention.FirstToken; t < mention.EndToken; t++)
                {
                    covered[t] = true;
                }
            }

            for (var t = 0; t < tokens.Count; t++)
            {
                if (covered[t] || tokens[t].Kind != TokenKind.Word || !char.IsUpper(tokens[t].Form[0]) || IsClosedClass(t))
                {
                    continue;
                }

                if (FullNameFor(byWord, t) is { } full)
                {
                    var span = tokens[t].Span;
                    _items.Add(new Item(new ActorMention(span, text.Substring(span.Start, span.Length), t, t + 1, EntityType.Per,
                        MentionKind.Partial, full.Actor)));
                }
            }

            // A single-word name the knowledge base resolved on its own yields to the full name used in this article
            // ("Biden" after "Hunter Biden").
            foreach (var item in _items)
            {
                var mention = item.Mention;
                if (mention.Kind == MentionKind.Name && mention.Type == EntityType.Per && mention.EndToken - mention.FirstToken == 1
                    && !NameKey.Of(mention.Text).Contains(' ', StringComparison.Ordinal)
                    && FullNameFor(byWord, mention.FirstToken) is { } full
                    && !string.Equals(full.Actor!.Id, mention.Actor?.Id, StringComparison.Ordinal))
                {
                    item.Mention = mention with { Kind = MentionKind.Partial, Actor = full.Actor };
                    item.Actor = full.Actor;
                }
            }
        }

        /// <summary>The nearest earlier full name containing the word at <paramref name="t"/>, else the nearest later one.</summary>
        private ActorMention? FullNameFor(Dictionary<string, List<ActorMention>> byWord, int t)
        {
            var key = IsPlainAscii(_lower[t]) ? _lower[t] : NameKey.Of(tokens[t].Form);
            if (!byWord.TryGetValue(key, out var candidates)
                && !(key.Length > 3 && key.EndsWith('s') && byWord.TryGetValue(key[..^1], out candidates)))
            {
                return null;
            }

            return candidates.Where(c => c.FirstToken < t).MaxBy(c => c.FirstToken)
                   ?? candidates.Where(c => c.FirstToken > t).MinBy(c => c.FirstToken);
        }

        private static bool IsPlainAscii(string lower)
        {
            foreach (var c in lower)
            {
                if (!char.IsAsciiLetterLower(c) && !char.IsAsciiDigit(c))
                {
                    return false;
                }
            }

            return true;
        }

        private IEnumerable<Item> ReferenceTokens()
        {
            for (var t = 0; t < tokens.Count; t++)
            {
                if (tokens[t].Kind != TokenKind.Word)
                {
                    continue;
                }

                MentionKind kind;
                if (lexicon.Pronouns.ContainsKey(_lower[t]))
                {
                    kind = MentionKind.Pronoun;
                }
                else if (lexicon.PluralReferences.Contains(_lower[t]))
                {
                    kind = MentionKind.Plural;
                }
                else
                {
                    continue;
                }

                var span = tokens[t].Span;
                yield return new Item(new ActorMention(span, text.Substring(span.Start, span.Length), t, t + 1, EntityType.Per, kind, null));
            }
        }

        /// <summary>A person description directly before a person name of the same country is that person.</summary>
        private void MarkAppositives()
        {
            for (var i = 0; i + 1 < _items.Count; i++)
            {
                var description = _items[i];
                var name = _items[i + 1];
                if (description.Mention.IsPersonDescription && name.Mention.Type == EntityType.Per && name.Actor is not null
                    && name.Mention.Kind is MentionKind.Name or MentionKind.Partial
                    && name.Mention.FirstToken == description.Mention.EndToken
                    && (description.Actor?.Country is null || name.Actor.Country is null
                        || string.Equals(description.Actor.Country, name.Actor.Country, StringComparison.Ordinal)))
                {
                    description.Actor = name.Actor;
                    description.Appositive = true;
                }
            }
        }

        private void ResolveDescription(int index)
        {
            var item = _items[index];
            var description = item.Actor;
            if (description?.Country is null || !IsDefinite(item.Mention.FirstToken))
            {
                return;
            }

            var sentence = tokens[item.Mention.FirstToken].SentenceIndex;
            var best = BestChain(index, sentence, chain =>
                chain.Person
                && string.Equals(chain.Actor.Country, description.Country, StringComparison.Ordinal)
                && (description.Role is null || chain.Actor.Role is null || string.Equals(chain.Actor.Role, description.Role, StringComparison.Ordinal))
                && GenderAgrees(chain.Gender, item.Mention.RoleGender, ambiguous: false), windowSentences: int.MaxValue);
            if (best is not null)
            {
                item.Actor = best.Actor;
                item.Mention = item.Mention with { Actor = best.Actor };
                AddToChain(best, index);
            }
        }

        private void ResolvePronoun(int index)
        {
            var item = _items[index];
            var pronoun = lexicon.Pronouns[_lower[item.Mention.FirstToken]];
            var sentence = tokens[item.Mention.FirstToken].SentenceIndex;
            var best = BestChain(index, sentence, chain =>
                chain.Person
                && GenderAgrees(chain.Gender, pronoun.Gender, pronoun.Ambiguous || string.Equals(pronoun.Gender, "f", StringComparison.Ordinal))
                && !(pronoun.Object && HasSubjectInSentenceBefore(chain, sentence, item.Mention.FirstToken)), PronounWindowSentences);
            if (best is null)
            {
                return;
            }

            item.Actor = best.Actor;
            item.Subject = !pronoun.Possessive && !pronoun.Object && !IsObliqueBefore(item.Mention.FirstToken);
            AddToChain(best, index);
        }

        private static bool GenderAgrees(string? chainGender, string? wanted, bool ambiguous)
        {
            if (wanted is null or "x")
            {
                return true;
            }

            // A feminine or otherwise ambiguous pronoun ("sie" is also plural) needs a person known to match.
            return ambiguous
                ? string.Equals(chainGender, wanted, StringComparison.Ordinal)
                : chainGender is null or "x" || string.Equals(chainGender, wanted, StringComparison.Ordinal);
        }

        private bool HasSubjectInSentenceBefore(ChainState chain, int sentence, int token) =>
            chain.Items.Any(i => _items[i].Subject && _items[i].Mention.FirstToken < token
                                 && tokens[_items[i].Mention.FirstToken].SentenceIndex == sentence);

        /// <summary>
        /// The chain with the highest salience before item <paramref name="index"/>: every mention in the window adds
        /// 0.5^(sentences back), doubled for a subject.
        /// </summary>
        private ChainState? BestChain(int index, int sentence, Func<ChainState, bool> compatible, int windowSentences)
        {
            ChainState? best = null;
            var bestScore = 0.0;
            var position = _items[index].Mention.FirstToken;
            foreach (var chain in _chains)
            {
                if (!compatible(chain))
                {
                    continue;
                }

                var score = 0.0;
                foreach (var i in chain.Items)
                {
                    var mention = _items[i].Mention;
                    var distance = sentence - tokens[mention.FirstToken].SentenceIndex;
                    if (mention.FirstToken >= position || distance > windowSentences)
                    {
                        continue;
                    }

                    score += Math.Pow(0.5, Math.Min(distance, 30)) * (_items[i].Subject ? 2 : 1);
                }

                if (score > bestScore)
                {
                    best = chain;
                    bestScore = score;
                }
            }

            return best;
        }

        private void Join(int index)
        {
            var item = _items[index];
            if (item.Chain >= 0 || item.Actor is not { } actor)
            {
                return;
            }

            var key = ChainKey(actor);
            if (!_chainsByActor.TryGetValue(key, out var chain))
            {
                chain = new ChainState(_chains.Count, actor, item.Mention.Type == EntityType.Per);
                if (chain.Person)
                {
                    // The given name says "he" or "she" ("Angela Merkel"); the first word of the canonical name, else of
                    // the mention as written. Names with the family name first ("Xi Jinping") stay open.
                    chain.Gender = genderOfGivenName(FirstWord(actor.Name)) ?? genderOfGivenName(FirstWord(item.Mention.Text));
                }

                _chains.Add(chain);
                _chainsByActor[key] = chain;
            }

            AddToChain(chain, index);
        }

        private void AddToChain(ChainState chain, int index)
        {
            var item = _items[index];
            item.Chain = chain.Id;
            chain.Items.Add(index);
            if (item.Mention.RoleGender is "m" or "f" && chain.Gender is null)
            {
                chain.Gender = item.Mention.RoleGender;
            }
        }

        private static string FirstWord(string name)
        {
            var end = name.IndexOf(' ', StringComparison.Ordinal);
            return end < 0 ? name : name[..end];
        }

        /// <summary>Named actors are one chain per actor; a country, its government and its media are different chains.</summary>
        private static string ChainKey(ActorResolution actor) =>
            actor.Id.StartsWith("country:", StringComparison.Ordinal) ? actor.Id + "|" + actor.Code : actor.Id;

        /// <summary>Two actor mentions joined by a conjunction, with only determiners, pronouns or descriptions between.</summary>
        private bool AreCoordinated(Item first, Item second)
        {
            var from = first.Mention.EndToken;
            var to = second.Mention.FirstToken;
            if (to <= from || to - from > 8 || tokens[from].SentenceIndex != tokens[to].SentenceIndex)
            {
                return false;
            }

            var conjunction = false;
            for (var t = from; t < to; t++)
            {
                if (lexicon.Conjunctions.Contains(_lower[t]))
                {
                    conjunction = true;
                }
                else if (!lexicon.Determiners.Contains(_lower[t]) && !lexicon.Pronouns.ContainsKey(_lower[t]) && !_coveredByName[t])
                {
                    return false;
                }
            }

            return conjunction;
        }

        private bool IsDefinite(int first)
        {
            var previous = first - 1;
            return previous >= 0 && tokens[previous].SentenceIndex == tokens[first].SentenceIndex
                   && lexicon.DefiniteDeterminers.Contains(_lower[previous]);
        }

        /// <summary>
        /// Subject salience: not after a preposition or oblique article (looking back past an appositive description
        /// and determiners), and not marked accusative, dative or genitive by the tagger.
        /// </summary>
        private bool IsSubject(int index)
        {
            var mention = _items[index].Mention;
            if (mention.Kind is MentionKind.Pronoun or MentionKind.Plural or MentionKind.Place)
            {
                return false;
            }

            var first = mention.FirstToken;
            if (index > 0 && _items[index - 1].Appositive && _items[index - 1].Mention.EndToken == first)
            {
                first = _items[index - 1].Mention.FirstToken;
            }

            if (IsObliqueBefore(first))
            {
                return false;
            }

            if (morphology.IsAnalysed)
            {
                var grammaticalCase = morphology.Tokens[mention.EndToken - 1].Feature("Case");
                return grammaticalCase is null or "Nom";
            }

            return true;
        }

        private bool IsObliqueBefore(int first)
        {
            var previous = first - 1;
            var sentence = tokens[first].SentenceIndex;
            // Skip lower-case adjectives and the like between an article and the noun ("den ukrainischen Präsidenten").
            for (var skipped = 0; skipped < 2 && previous >= 0 && tokens[previous].SentenceIndex == sentence
                 && tokens[previous].Kind == TokenKind.Word && !lexicon.ObliqueMarkers.Contains(_lower[previous])
                 && !lexicon.Determiners.Contains(_lower[previous]) && char.IsLower(tokens[previous].Form[0])
                 && !lexicon.FunctionWords.Contains(_lower[previous]) && !lexicon.Pronouns.ContainsKey(_lower[previous]); skipped++)
            {
                previous--;
            }

            return previous >= 0 && tokens[previous].SentenceIndex == sentence && lexicon.ObliqueMarkers.Contains(_lower[previous]);
        }

        private bool IsClosedClass(int t) =>
            lexicon.FunctionWords.Contains(_lower[t]) || lexicon.Determiners.Contains(_lower[t]) || lexicon.Pronouns.ContainsKey(_lower[t])
            || lexicon.PluralReferences.Contains(_lower[t]) || lexicon.ObliqueMarkers.Contains(_lower[t]);

        private CoreferenceLayer Build()
        {
            var entities = new List<LinkedEntity>();
            var newIndex = new int[_items.Count];
            for (var i = 0; i < _items.Count; i++)
            {
                var item = _items[i];
                newIndex[i] = -1;
                var unresolvedReference = item.Mention.Kind is MentionKind.Pronoun && item.Chain < 0
                                          || item.Mention.Kind is MentionKind.Plural && item.Members.Count == 0;
                if (unresolvedReference)
                {
                    continue;
                }

                newIndex[i] = entities.Count;
                entities.Add(new LinkedEntity(item.Mention.Span, item.Mention.Text, item.Mention.Type, item.Mention.Kind, item.Actor,
                    item.Chain >= 0 ? item.Chain : null, item.Members));
            }

            var chains = _chains
                .Select(c => new CoreferenceChain(c.Id, c.Actor, c.Items.Select(i => newIndex[i]).Where(i => i >= 0).Order().ToList()))
                .ToList();
            return new CoreferenceLayer(entities, chains);
        }
    }
}
