using Lagebild.Documents;
using Lagebild.Knowledge;
using Lagebild.Nlp;
using Lagebild.Nlp.Morphology;
using Lagebild.Nlp.Parsing;
using Lagebild.Pipeline;
using Lagebild.Text;

namespace Lagebild.Knowledge.Linking;

/// <summary>
/// Chains the mentions of one article: mentions of the same linked actor; partial names ("Xi" after "Xi Jinping");
/// person descriptions, either in apposition to a name ("der chinesische Staatschef Xi Jinping") or as a definite
/// description joining the most salient earlier person of that country and role ("des belarussischen Führers");
/// pronouns to the most salient compatible person of the last sentences (subjects count double, salience halves
/// per sentence; a person's gender comes from the knowledge base, else from a role noun, and an unknown gender fits
/// every pronoun); plural references ("beide", "die beiden Staatschefs", "the two leaders", "they", plural "sie") to
/// the last coordinated actors ("X und Y", "X, Y und Z"). German "sie" is she, they or (capitalised inside a sentence) the polite you:
/// the agreeing finite verb decides between she and they; without one a known woman is preferred, then a pair.
/// Names the knowledge base does not know chain too: a person by surname ("Michail Saakaschwili … Saakaschwili … er",
/// gender from the given name), an organisation by its name; their chains have no actor.
/// </summary>
public sealed class CoreferenceStage : IStage
{
    /// <summary>How many sentences back a pronoun or description looks for its antecedent.</summary>
    public const int PronounWindowSentences = 2;

    /// <summary>How many sentences back a plural pronoun ("they", "sie") looks for a coordinated pair: plural pronouns
    /// refer to many other things, so only a pair in this or the previous sentence counts.</summary>
    public const int PluralPronounWindowSentences = 1;

    private readonly LinkingResources _resources;

    public CoreferenceStage(LinkingResources resources)
    {
        ArgumentNullException.ThrowIfNull(resources);
        _resources = resources;
    }

    /// <summary>The versioned name with the fingerprint of the knowledge set ("knowledge.coref.v3-kb1a2b3c4d5e6f"): analyses made
    /// with other dictionaries carry another name, so a store treats them as stale.</summary>
    public string Name => "knowledge.coref.v3-kb" + _resources.Fingerprint;

    public IReadOnlyList<LayerKey> Reads { get; } = [TextLayers.Tokens, MorphologyLayers.Morphology, ParsingLayers.Dependencies, LinkingLayers.ActorMentions];

    public IReadOnlyList<LayerKey> Writes { get; } = [LinkingLayers.Coreference];

    public void Run(AnalysisContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var mentions = context.Get(LinkingLayers.ActorMentions);
        var lexicon = _resources.LexiconFor(context.Language);
        if (lexicon is null || mentions.Count == 0)
        {
            context.Set(LinkingLayers.Coreference, new CoreferenceLayer([], []));
            return;
        }

        var resolver = new Resolver(context.Text, context.Get(TextLayers.Tokens), context.Get(MorphologyLayers.Morphology), context.Get(ParsingLayers.Dependencies), lexicon, _resources.Knowledge, mentions);
        context.Set(LinkingLayers.Coreference, resolver.Resolve());
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

    private sealed class ChainState(int id, ActorResolution? actor, bool person, string? name = null)
    {
        public int Id { get; } = id;
        public ActorResolution? Actor { get; } = actor;
        public string? Name { get; } = name;
        public bool Person { get; } = person;
        public string? Gender { get; set; }
        public List<int> Items { get; } = [];
    }

    private sealed class Resolver(string text, IReadOnlyList<Token> tokens, MorphologyLayer morphology, DependencyLayer dependencies, LinkingLexicon lexicon, KnowledgeBase knowledge, IReadOnlyList<ActorMention> found)
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

            IReadOnlyList<int>? lastGroup = null;
            var actorSequence = new List<int>();
            for (var index = 0; index < _items.Count; index++)
            {
                var item = _items[index];
                switch (item.Mention.Kind)
                {
                    case MentionKind.Pronoun:
                        ResolvePronoun(index, lastGroup);
                        break;
                    case MentionKind.Plural:
                        ResolvePlural(index, lastGroup, PronounWindowSentences);
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
                    var lastActorItem = actorSequence.Count > 0 ? _items[actorSequence[^1]] : null;
                    if (lastActorItem is not null && lastActorItem.Chain != item.Chain && !item.Appositive && AreCoordinated(lastActorItem, item))
                    {
                        lastGroup = CoordinatedGroup(actorSequence, index);
                    }

                    if (!(item.Appositive && lastActorItem is not null && lastActorItem.Chain == item.Chain))
                    {
                        actorSequence.Add(index);
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
                if (mention.Type != EntityType.Person || mention.Kind != MentionKind.Name || mention.Actor is null)
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
                    _items.Add(new Item(new ActorMention(span, text.Substring(span.Start, span.Length), t, t + 1, EntityType.Person,
                        MentionKind.Partial, full.Actor)));
                }
            }

            // A single-word name the knowledge base resolved on its own yields to the full name used in this article
            // ("Biden" after "Hunter Biden").
            foreach (var item in _items)
            {
                var mention = item.Mention;
                if (mention.Kind == MentionKind.Name && mention.Type == EntityType.Person && mention.EndToken - mention.FirstToken == 1
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
            var named = new bool[tokens.Count];
            foreach (var item in _items)
            {
                for (var t = item.Mention.FirstToken; t < item.Mention.EndToken; t++)
                {
                    named[t] = true;
                }
            }

            for (var t = 0; t < tokens.Count; t++)
            {
                if (tokens[t].Kind != TokenKind.Word || named[t])
                {
                    continue;
                }

                MentionKind kind;
                var end = t + 1;
                if (lexicon.Pronouns.TryGetValue(_lower[t], out var pronoun))
                {
                    // "Sie", "Ihnen" inside a sentence address the reader or an interviewee politely.
                    if (pronoun.PoliteWhenCapitalised && char.IsUpper(tokens[t].Form[0]) && !StartsClause(t))
                    {
                        continue;
                    }

                    kind = MentionKind.Pronoun;
                }
                else if (lexicon.PluralReferences.Contains(_lower[t])
                         || lexicon.PluralNumerals.Contains(_lower[t]) && t > 0 && lexicon.DefiniteDeterminers.Contains(_lower[t - 1]) && IsPluralNoun(t + 1))
                {
                    // "both China and Russia" announces a pair instead of referring back to one.
                    if (t + 1 < tokens.Count && named[t + 1])
                    {
                        continue;
                    }

                    kind = MentionKind.Plural;
                    if (IsPluralNoun(t + 1))
                    {
                        end = t + 2;
                    }
                }
                else
                {
                    continue;
                }

                var span = new Span(tokens[t].Span.Start, tokens[end - 1].Span.End - tokens[t].Span.Start);
                yield return new Item(new ActorMention(span, text.Substring(span.Start, span.Length), t, end, EntityType.Person, kind, null));
                t = end - 1;
            }
        }

        private bool IsPluralNoun(int t) =>
            t < tokens.Count && tokens[t].SentenceIndex == tokens[t - 1].SentenceIndex && tokens[t].Kind == TokenKind.Word
            && lexicon.PluralNouns.Contains(NameKey.Of(tokens[t].Form));

        /// <summary>The first word of a sentence or of a quotation or clause opened by punctuation.</summary>
        private bool StartsClause(int t) =>
            t == 0 || tokens[t - 1].SentenceIndex != tokens[t].SentenceIndex
            || tokens[t - 1].Kind != TokenKind.Word && tokens[t - 1].Form is "\"" or "„" or "“" or "«" or "»" or ":" or "(" or "'" or "‚";

        /// <summary>A person description directly before a person name of the same country is that person.</summary>
        private void MarkAppositives()
        {
            for (var i = 0; i + 1 < _items.Count; i++)
            {
                var description = _items[i];
                var name = _items[i + 1];
                if (description.Mention.IsPersonDescription && name.Mention.Type == EntityType.Person && name.Actor is not null
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
                chain.Person && chain.Actor is not null
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

        private void ResolvePronoun(int index, IReadOnlyList<int>? lastGroup)
        {
            var item = _items[index];
            var pronoun = lexicon.Pronouns[_lower[item.Mention.FirstToken]];
            if (pronoun.Plural)
            {
                ResolvePlural(index, lastGroup, PluralPronounWindowSentences, pronoun: true);
                return;
            }

            var number = pronoun.MaybePlural && !pronoun.Possessive ? GrammaticalNumber(item.Mention.FirstToken) : null;
            if (string.Equals(number, "Plur", StringComparison.Ordinal))
            {
                ResolvePlural(index, lastGroup, PluralPronounWindowSentences, pronoun: true);
                return;
            }

            if (!ResolveSingularPronoun(index, pronoun) && pronoun.MaybePlural && number is null)
            {
                ResolvePlural(index, lastGroup, PluralPronounWindowSentences, pronoun: true);
            }
        }

        /// <summary>A plural reference names the chains of the last coordinated pair, if that is near enough.</summary>
        /// <param name="pronoun">A plural pronoun ("they", "sie"): another plural noun between the group and it
        /// ("Japanese institutions ..., they said") is the likelier antecedent, so the group is not taken.</param>
        private void ResolvePlural(int index, IReadOnlyList<int>? lastGroup, int windowSentences, bool pronoun = false)
        {
            var item = _items[index];
            if (lastGroup is { Count: > 0 } group
                && tokens[item.Mention.FirstToken].SentenceIndex - tokens[_items[group[^1]].Mention.FirstToken].SentenceIndex <= windowSentences
                && !(pronoun && PluralNounBetween(_items[group[^1]].Mention.EndToken, item.Mention.FirstToken)))
            {
                item.Members = [.. group.Select(i => _items[i].Chain).Distinct()];
                item.Mention = item.Mention with { Kind = MentionKind.Plural };
            }
        }

        private bool PluralNounBetween(int from, int to)
        {
            if (!morphology.IsAnalysed)
            {
                return false;
            }

            for (var t = from; t < to; t++)
            {
                if (!_coveredByName[t] && morphology.Tokens[t].Upos == "NOUN" && morphology.Tokens[t].Feature("Number") == "Plur")
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// "Sing" or "Plur" from the finite third-person verb a subject pronoun agrees with: the pronoun's head or an
        /// auxiliary of it in the parse ("weil sie ihn sexy finden", "sie haben gesagt"), else a finite verb beside it
        /// ("sagten sie"), else the pronoun's own analysis when that is third person; null when nothing tells.
        /// </summary>
        private string? GrammaticalNumber(int t)
        {
            if (!morphology.IsAnalysed)
            {
                return null;
            }

            if (dependencies.IsParsed && dependencies.Tokens[t].Relation.StartsWith("nsubj", StringComparison.Ordinal)
                && dependencies.Tokens[t].Head is var head and >= 0)
            {
                if (FiniteThirdPersonNumber(head) is { } headNumber)
                {
                    return headNumber;
                }

                var sentence = tokens[t].SentenceIndex;
                for (var i = Math.Max(0, head - 8); i < tokens.Count && i <= head + 8 && tokens[i].SentenceIndex <= sentence; i++)
                {
                    if (tokens[i].SentenceIndex == sentence && dependencies.Tokens[i].Head == head
                        && dependencies.Tokens[i].Relation is "aux" or "cop" && FiniteThirdPersonNumber(i) is { } auxiliaryNumber)
                    {
                        return auxiliaryNumber;
                    }
                }
            }

            foreach (var neighbour in (ReadOnlySpan<int>)[t + 1, t - 1])
            {
                if (neighbour >= 0 && neighbour < tokens.Count && tokens[neighbour].SentenceIndex == tokens[t].SentenceIndex)
                {
                    if (FiniteThirdPersonNumber(neighbour) is { } verbNumber)
                    {
                        return verbNumber;
                    }
                }
            }

            var own = morphology.Tokens[t];
            return own.Feature("Person") == "3" ? own.Feature("Number") : null;
        }

        private string? FiniteThirdPersonNumber(int t)
        {
            var analysis = morphology.Tokens[t];
            return analysis.Upos is "VERB" or "AUX" && analysis.Feature("VerbForm") == "Fin" && analysis.Feature("Person") == "3"
                ? analysis.Feature("Number")
                : null;
        }

        private bool ResolveSingularPronoun(int index, PronounEntry pronoun)
        {
            var item = _items[index];
            var sentence = tokens[item.Mention.FirstToken].SentenceIndex;
            // An object pronoun never means the subject of its own clause ("Biden thanked him"); English "her" before
            // a noun is a possessive, which may ("She said her team...").
            var objectUse = pronoun.Object && !BeforeNoun(item.Mention.FirstToken);
            var best = BestChain(index, sentence, chain =>
                chain.Person
                && GenderAgrees(chain.Gender, pronoun.Gender, pronoun.Ambiguous || string.Equals(pronoun.Gender, "f", StringComparison.Ordinal))
                && !(objectUse && HasSubjectInSentenceBefore(chain, sentence, item.Mention.FirstToken)), PronounWindowSentences);
            if (best is null)
            {
                return false;
            }

            item.Actor = best.Actor;
            item.Subject = !pronoun.Possessive && !pronoun.Object && !IsObliqueBefore(item.Mention.FirstToken);
            AddToChain(best, index);
            return true;
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

        private bool BeforeNoun(int t) =>
            morphology.IsAnalysed && t + 1 < tokens.Count && tokens[t + 1].SentenceIndex == tokens[t].SentenceIndex
            && morphology.Tokens[t + 1].Upos is "NOUN" or "ADJ" or "PROPN" or "NUM";

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
            if (item.Chain >= 0)
            {
                return;
            }

            if (item.Actor is not { } actor)
            {
                JoinUnlinked(index);
                return;
            }

            var key = ChainKey(actor);
            if (!_chainsByActor.TryGetValue(key, out var chain))
            {
                chain = new ChainState(_chains.Count, actor, item.Mention.Type == EntityType.Person) { Gender = knowledge.GenderOf(actor.Id) };
                _chains.Add(chain);
                _chainsByActor[key] = chain;
            }

            AddToChain(chain, index);
        }

        /// <summary>
        /// A person or organisation name the knowledge base does not know: persons chain by surname (the last word, a
        /// German genitive "s" dropped when the stem is already a chain), organisations by the whole name.
        /// </summary>
        private void JoinUnlinked(int index)
        {
            var item = _items[index];
            var mention = item.Mention;
            if (mention.Kind is not (MentionKind.Name or MentionKind.Partial) || mention.Type is not (EntityType.Person or EntityType.Organisation))
            {
                return;
            }

            var words = NameKey.Of(mention.Text).Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (words.Length == 0)
            {
                return;
            }

            var person = mention.Type == EntityType.Person;
            var key = "name:" + (person ? "per:" + words[^1] : "org:" + string.Join(' ', words));
            if (person && !_chainsByActor.ContainsKey(key) && words[^1].Length > 3 && words[^1].EndsWith('s')
                && _chainsByActor.ContainsKey(key[..^1]))
            {
                key = key[..^1];
            }

            if (!_chainsByActor.TryGetValue(key, out var chain))
            {
                var gender = person && words.Length > 1 ? knowledge.GenderOfGivenName(words[0]) : null;
                chain = new ChainState(_chains.Count, null, person, Whitespace.Collapse(mention.Text)) { Gender = gender };
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

        /// <summary>Named actors are one chain per actor; a country, its government and its media are different chains.</summary>
        private static string ChainKey(ActorResolution actor) =>
            actor.Id.StartsWith("country:", StringComparison.Ordinal) ? actor.Id + "|" + actor.Code : actor.Id;

        /// <summary>
        /// The actors coordinated with the one at <paramref name="last"/>: the previous actor and, before it, those listed
        /// with commas ("Syrien, dem Irak und Afghanistan" is three, not the last two).
        /// </summary>
        private List<int> CoordinatedGroup(List<int> actorSequence, int last)
        {
            var group = new List<int> { actorSequence[^1], last };
            for (var k = actorSequence.Count - 2; k >= 0 && AreListed(_items[actorSequence[k]], _items[group[0]]); k--)
            {
                group.Insert(0, actorSequence[k]);
            }

            return group;
        }

        /// <summary>Two actor mentions separated by a comma, with only determiners between.</summary>
        private bool AreListed(Item first, Item second)
        {
            var from = first.Mention.EndToken;
            var to = second.Mention.FirstToken;
            if (to <= from || to - from > 3 || tokens[from].SentenceIndex != tokens[to].SentenceIndex || first.Chain == second.Chain)
            {
                return false;
            }

            var comma = false;
            for (var t = from; t < to; t++)
            {
                if (tokens[t].Form == ",")
                {
                    comma = true;
                }
                else if (!lexicon.Determiners.Contains(_lower[t]))
                {
                    return false;
                }
            }

            return comma;
        }

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

        /// <summary>
        /// The confidence and reason of an item's link: the linking stage's own for a name it linked; for a link made
        /// here, the chain's first named mention's confidence, lowered for the weaker kinds of reference.
        /// </summary>
        private (double? Confidence, string? Evidence) LinkEvidence(Item item)
        {
            if (item.Actor is null)
            {
                return (null, null);
            }

            if (item.Mention.Confidence is { } own && ReferenceEquals(item.Actor, item.Mention.Actor))
            {
                return (own, item.Mention.Evidence);
            }

            var head = item.Chain >= 0
                ? _chains[item.Chain].Items.Select(i => _items[i].Mention).FirstOrDefault(m => m.Confidence is not null)
                : null;
            var baseConfidence = head?.Confidence ?? 0.8;
            var name = item.Actor.Name;
            return item.Mention.Kind switch
            {
                MentionKind.Partial => (Math.Round(baseConfidence * 0.95, 2), $"part of the full name of {name} in this article"),
                MentionKind.Pronoun => (Math.Round(baseConfidence * 0.7, 2), $"pronoun agreeing with {name}, the most salient compatible person of the last sentences"),
                MentionKind.Description when item.Appositive => (Math.Round(baseConfidence * 0.95, 2), $"description in apposition to {name}"),
                MentionKind.Description => (Math.Round(baseConfidence * 0.75, 2), $"definite description matching the country and role of {name}, mentioned earlier"),
                _ => (Math.Round(baseConfidence * 0.9, 2), $"same actor as {name} earlier in this article"),
            };
        }

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
                var (confidence, evidence) = LinkEvidence(item);
                entities.Add(new LinkedEntity(item.Mention.Span, item.Mention.Text, item.Mention.Type, item.Mention.Kind, item.Actor,
                    item.Chain >= 0 ? item.Chain : null, item.Members, confidence, evidence));
            }

            var chains = _chains
                .Select(c => new CoreferenceChain(c.Id, c.Actor, c.Items.Select(i => newIndex[i]).Where(i => i >= 0).Order().ToList(), c.Name))
                .ToList();
            return new CoreferenceLayer(entities, chains);
        }
    }
}
