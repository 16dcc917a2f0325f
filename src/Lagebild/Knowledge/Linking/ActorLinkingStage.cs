using Lagebild.Documents;
using Lagebild.Ingest.PlainText;
using Lagebild.Knowledge;
using Lagebild.Nlp;
using Lagebild.Nlp.Entities;
using Lagebild.Nlp.Morphology;
using Lagebild.Pipeline;
using Lagebild.Text;

namespace Lagebild.Knowledge.Linking;

/// <summary>
/// Finds the mentions of known actors: at each word, the longest run of tokens (up to <see cref="MaxMentionTokens"/>)
/// that the knowledge base resolves on the article's publication date (names, countries, capitals and seats,
/// country adjective + agent noun). Unknown names are not guessed. A country, capital or seat after a locative
/// preposition ("in Peking", "nach Moskau") is kept as a place without actor; a country adjective alone
/// ("chinesischen") is no mention. Places listed after such a place ("aus Syrien oder dem Irak") and the dateline's
/// place ("Wien – …") are places too. The first part of a hyphenated compound is tried as a name ("Putin-Verbündete").
/// Every name the recogniser found becomes a mention too, without actor when the knowledge base does not link it; where
/// both overlap, one mention is kept: the knowledge base's when it covers the recogniser's span, else the recogniser's
/// longer span (a surname or place inside a longer name is no link: "Tim Hunt", "Otto Pérez Molina").
/// A single word links to a person only with evidence beyond the string: a curated one-word name, not a common word of
/// the language; other one-word matches are left to coreference with a full name in the same article.
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

    /// <summary>The versioned name with the fingerprint of the knowledge set ("knowledge.actors.v3-kb1a2b3c4d5e6f"): analyses made
    /// with other dictionaries carry another name, so a store treats them as stale.</summary>
    public string Name => "knowledge.actors.v3-kb" + _resources.Fingerprint;

    // The recogniser's entities are used when that stage ran (it runs before this one in the registry); they are not a
    // declared read, so a profile without the recogniser still links names from the knowledge base alone.
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

        var recognised = context.TryGet(EntityLayers.Entities, out var entities) ? entities : [];
        // Readers fill the dateline; an article built without one (a test, an evaluation) still has its opening dateline.
        var dateline = DatelineSpan(context.Text, context.Article.Metadata.Dateline ?? PlainTextArticleParser.InlineDatelineOf(context.Text));
        var run = new MentionFinder(context.Text, tokens, morphology, lexicon, _resources.Knowledge, context.Language, PublicationDay(context),
            recognised, dateline);
        context.Set(LinkingLayers.ActorMentions, run.FindMentions());
    }

    /// <summary>
    /// Where the dateline's place stands in the text: at the start of a paragraph within the first 600 characters
    /// ("Wien – …", "BERLIN (Reuters) -") or after a headline run into it, or null when the article has no dateline or the text does not open with it.
    /// </summary>
    public static Span? DatelineSpan(string text, string? dateline)
    {
        ArgumentNullException.ThrowIfNull(text);
        var place = dateline?.Trim();
        if (string.IsNullOrEmpty(place))
        {
            return null;
        }

        var limit = Math.Min(text.Length, 600);
        for (var from = 0; from < limit;)
        {
            var found = text.IndexOf(place, from, limit - from, StringComparison.OrdinalIgnoreCase);
            if (found < 0)
            {
                return null;
            }

            var lineStart = found;
            while (lineStart > 0 && text[lineStart - 1] is ' ' or '\t')
            {
                lineStart--;
            }

            // At a paragraph start, or after a headline run into the first paragraph ("… getroffen. Beirut – …"); then
            // the place must be followed by what follows a dateline place (a dash, an outlet in parentheses, a date).
            var afterHeadline = lineStart < limit / 2 && lineStart < found && text[lineStart - 1] is '.' or '!' or '?' or ':'
                                && found + place.Length + 2 < text.Length && text.AsSpan(found + place.Length, 2) is " –" or " -" or " —" or " (" or ", ";
            if (lineStart == 0 || text[lineStart - 1] == '\n' || afterHeadline)
            {
                return new Span(found, place.Length);
            }

            from = found + 1;
        }

        return null;
    }

    /// <summary>
    /// How sure a link from the knowledge base is (0–1): full names and country names are near certain, a capital or a
    /// role noun standing for its country less so, a one-word name less again; the recogniser calling the same words a
    /// name adds a little.
    /// </summary>
    public static double LinkConfidence(ActorResolution resolution, int words, bool recognised)
    {
        ArgumentNullException.ThrowIfNull(resolution);
        var country = resolution.Id.StartsWith("country:", StringComparison.Ordinal);
        var confidence = resolution.MatchKind switch
        {
            "name" => words >= 2 ? 0.95 : country ? 0.92 : 0.85,
            "german-inflection" => words >= 2 ? 0.93 : country ? 0.9 : 0.8,
            "metonym" => 0.8,
            "adjective" => 0.8,
            "agent" => 0.85,
            "surname" => 0.7,
            "surname-and-given-name" => 0.8,
            _ => 0.6,
        };
        return Math.Min(0.99, confidence + (recognised ? 0.03 : 0));
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
        DateOnly? date,
        IReadOnlyList<Entity> recognised,
        Span? dateline)
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

            mentions = Reconcile(mentions);
            MarkDateline(mentions);
            MarkLocativeLists(mentions);
            for (var m = 0; m < mentions.Count; m++)
            {
                if (mentions[m] is { Actor: { } actor, Confidence: null } linked)
                {
                    var agrees = RecognisedExactly(linked.FirstToken, linked.EndToken);
                    mentions[m] = linked with
                    {
                        Confidence = LinkConfidence(actor, linked.EndToken - linked.FirstToken, agrees),
                        Evidence = agrees ? actor.Reason + "; the recogniser also found this name" : actor.Reason,
                    };
                }
            }

            return mentions;
        }

        private bool RecognisedExactly(int first, int end) =>
            recognised.Any(e => e.FirstToken == first && e.FirstToken + e.TokenCount == end);

        /// <summary>
        /// One mention per span: a recogniser's name that no knowledge-base mention touches is added without actor; one
        /// that strictly contains knowledge-base names replaces them when they are one-word names, or countries and capitals
        /// inside a person's or organisation's name (a shorter name inside a longer one: "Hunt" in "Tim Hunt", "Otto" in
        /// "Otto Pérez Molina"); otherwise the knowledge base's mention stays (it covers the span, crosses it, is a full
        /// name or description, or a country in a recognised location or before a noun it modifies: "Chinas Friedensplan").
        /// </summary>
        private List<ActorMention> Reconcile(List<ActorMention> found)
        {
            if (recognised.Count == 0)
            {
                return found;
            }

            var result = new List<ActorMention>(found);
            foreach (var entity in recognised)
            {
                var first = entity.FirstToken;
                var end = entity.FirstToken + entity.TokenCount;
                var overlapping = result.Where(m => m.FirstToken < end && m.EndToken > first).ToList();
                var replace = overlapping.Count > 0 && overlapping.All(m =>
                    m.FirstToken >= first && m.EndToken <= end && m.EndToken - m.FirstToken < end - first
                    && m.Kind is MentionKind.Name or MentionKind.Metonym or MentionKind.Place
                    && (m.EndToken - m.FirstToken == 1 || m.Type != EntityType.Person)
                    && m.Span.Length >= tokens[m.FirstToken].Span.Length
                    && !(m.Actor?.Id.StartsWith("country:", StringComparison.Ordinal) == true
                         && (entity.Type is EntityType.Location or EntityType.Miscellaneous || IsGenitiveModifier(m.EndToken))));
                if (overlapping.Count > 0 && !replace)
                {
                    continue;
                }

                result.RemoveAll(overlapping.Contains);
                result.Add(Unlinked(entity));
            }

            result.Sort((a, b) => a.FirstToken.CompareTo(b.FirstToken));
            return result;
        }

        /// <summary>A recogniser's name the knowledge base does not link; an unknown location is a place.</summary>
        private ActorMention Unlinked(Entity entity)
        {
            var type = entity.Type;
            var mentionText = text.Substring(entity.Span.Start, entity.Span.Length);
            return new ActorMention(entity.Span, mentionText, entity.FirstToken, entity.FirstToken + entity.TokenCount, type,
                type == EntityType.Location ? MentionKind.Place : MentionKind.Name, null);
        }

        /// <summary>The dateline's place ("Wien –") is where the story was filed, never an actor.</summary>
        private void MarkDateline(List<ActorMention> mentions)
        {
            if (dateline is not { } line)
            {
                return;
            }

            for (var m = 0; m < mentions.Count; m++)
            {
                var mention = mentions[m];
                if (mention.Span.Start >= line.Start && mention.Span.End <= line.End && mention.Kind != MentionKind.Place)
                {
                    mentions[m] = AsPlace(mention);
                }
            }
        }

        private static ActorMention AsPlace(ActorMention mention) =>
            mention with
            {
                Kind = MentionKind.Place,
                Actor = null,
                Type = mention.Type is EntityType.Geopolitical or EntityType.Location ? mention.Type : EntityType.Location,
                RoleGender = null,
                Confidence = null,
                Evidence = null,
            };

        /// <summary>
        /// "in Greece, Bulgaria, Italy, Austria and Germany", "aus Syrien oder dem Irak": countries, capitals and unknown
        /// locations listed after a place governed by a locative preposition are places too. The list must close with a
        /// conjunction; a comma alone may end the phrase ("In Berlin, Russia said …").
        /// </summary>
        private void MarkLocativeLists(List<ActorMention> mentions)
        {
            for (var m = 0; m < mentions.Count; m++)
            {
                if (mentions[m].Kind != MentionKind.Place || !IsGovernedByLocative(mentions[m].FirstToken))
                {
                    continue;
                }

                var last = m;
                var closed = -1;
                while (last + 1 < mentions.Count && IsPlaceLike(mentions[last + 1])
                       && ListSeparator(mentions[last].EndToken, mentions[last + 1].FirstToken) is { } conjunction)
                {
                    last++;
                    if (conjunction)
                    {
                        closed = last;
                        break;
                    }
                }

                for (var k = m + 1; k <= closed; k++)
                {
                    if (mentions[k].Kind != MentionKind.Place)
                    {
                        mentions[k] = AsPlace(mentions[k]);
                    }
                }
            }
        }

        private static bool IsPlaceLike(ActorMention mention) =>
            mention.Kind is MentionKind.Name or MentionKind.Metonym or MentionKind.Place
            && (mention.Actor is null ? mention.Type is EntityType.Location or EntityType.Geopolitical : mention.Actor.Id.StartsWith("country:", StringComparison.Ordinal) && mention.Actor.Role is null);

        /// <summary>Between two list items only commas, list conjunctions and determiners: true when a conjunction is
        /// among them, false for commas alone, null when something else stands between.</summary>
        private bool? ListSeparator(int from, int to)
        {
            if (to <= from || to - from > 3 || tokens[from].SentenceIndex != tokens[to].SentenceIndex)
            {
                return null;
            }

            var conjunction = false;
            var separated = false;
            for (var t = from; t < to; t++)
            {
                if (lexicon.ListConjunctions.Contains(_lower[t]))
                {
                    conjunction = separated = true;
                }
                else if (tokens[t].Form == ",")
                {
                    separated = true;
                }
                else if (!lexicon.Determiners.Contains(_lower[t]))
                {
                    return null;
                }
            }

            return separated ? conjunction : null;
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

                    // Dictionaries list demonyms among country names ("Chinese", "U.S."); as an adjective before a noun it is
                    // no mention ("the U.S. economy"), standing alone it names the country ("The U.S. said").
                    if (end - first == 1 && resolution.Id.StartsWith("country:", StringComparison.Ordinal)
                        && knowledge.IsCountryAdjective(mentionText, language) && ModifiesNextWord(end))
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
                // A capital is a place, not its country, after a locative preposition, after a noun it names the place of
                // ("Stadt Wien", "Straflandesgericht Wien") and at the head of a compound ("Wien-Umgebung", "Moskau-Reise");
                // seats of power ("Kreml-Sprecher") stay actors.
                var capital = kind == MentionKind.Metonym && resolution.Role is null;
                if (IsGovernedByLocative(first) && !IsGenitiveModifier(end) || capital && (compoundPart || AfterCommonNoun(first))
                    || NamesGeographicFeature(first, resolution) || InsidePlaceName(first, end))
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
            // Evidence beyond the string: no one-word person name from the imported dictionaries links on its own
            // ("Juni", "Grad", "Frieden", "Note" are surnames of minor officials), and no common word of the language
            // links even to a curated person; a bare surname of a curated person needs an office on the date.
            var singleWord = type == EntityType.Person && end - first == 1 && !NameKey.Of(mentionText).Contains(' ', StringComparison.Ordinal);
            var curated = actor?.Provenance?.Contains("curated", StringComparison.Ordinal) == true;
            if (singleWord && (!curated || lexicon.CommonWords.Contains(_lower[first])))
            {
                return null;
            }

            if (string.Equals(resolution.MatchKind, "surname", StringComparison.Ordinal)
                && (!curated || date is null || actor?.RoleHeldOn(date) is not { IsDefault: false }))
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

        /// <summary>The words before the mention complete a sub-national place name ("New" + "Mexico", "West" +
        /// "Virginia"): the country is part of the place's name.</summary>
        private bool InsidePlaceName(int first, int end)
        {
            var name = NameKey.Of(string.Join(' ', tokens.Skip(first).Take(end - first).Select(t => t.Form)));
            for (var before = first - 1; before >= Math.Max(0, first - 2) && tokens[before].SentenceIndex == tokens[first].SentenceIndex; before--)
            {
                name = NameKey.Of(tokens[before].Form) + " " + name;
                if (knowledge.PlaceKeys.Contains(name))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>A country that names a sea, gulf or strait ("Gulf of Mexico", "Golf von Mexiko", "Straße von Hormus")
        /// is part of a place name, whether the mention starts with the feature word or the feature precedes it.</summary>
        private bool NamesGeographicFeature(int first, ActorResolution resolution) =>
            string.Equals(resolution.MatchKind, "country-in-mention", StringComparison.Ordinal) && lexicon.GeographicFeatures.Contains(_lower[first])
            || first >= 2 && tokens[first - 2].SentenceIndex == tokens[first].SentenceIndex && lexicon.GeographicFeatures.Contains(_lower[first - 2])
               && lexicon.ObliqueMarkers.Contains(_lower[first - 1]);

        /// <summary>The word before is a common noun of the same sentence ("Stadt Wien"); a genitive after it names its
        /// possessor, an actor ("der Bedenken Washingtons").</summary>
        private bool AfterCommonNoun(int first) =>
            first > 0 && morphology.IsAnalysed && tokens[first - 1].SentenceIndex == tokens[first].SentenceIndex
            && tokens[first - 1].Span.End < tokens[first].Span.Start && morphology.Tokens[first - 1].Upos == "NOUN"
            && !_lower[first].EndsWith('s') && morphology.Tokens[first].Feature("Case") != "Gen";

        /// <summary>The next word of the sentence is one an attributive adjective can modify (or, untagged, any word).</summary>
        private bool ModifiesNextWord(int end) =>
            end < tokens.Count && tokens[end].SentenceIndex == tokens[end - 1].SentenceIndex && IsWordlike(tokens[end])
            && (!morphology.IsAnalysed || morphology.Tokens[end].Upos is "NOUN" or "PROPN" or "ADJ" or "NUM" or "X");

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
