using Lagebild.Nlp.Conllu;

namespace Lagebild.Nlp.Morphology;

public sealed record MorphTrainingOptions
{
    public required string Language { get; init; }

    public int Epochs { get; init; } = 8;

    public int Seed { get; init; } = 1;

    /// <summary>Averaged weights smaller than this are dropped from the saved model.</summary>
    public float MinimumWeight { get; init; } = 0.002f;

    /// <summary>A word seen at least this often with one label in at least <see cref="UnambiguousShare"/> of cases is tagged by lookup.</summary>
    public int UnambiguousCount { get; init; } = 20;

    public double UnambiguousShare { get; init; } = 0.995;

    /// <summary>Edit scripts seen fewer times than this in training are not predicted (the lexicon still knows their words).</summary>
    public int MinimumScriptCount { get; init; } = 1;

    /// <summary>Tag parts of speech twice, the second pass seeing the first pass's labels to the right.</summary>
    public bool TwoPassPos { get; init; } = true;

    /// <summary>Words seen at least this often in training get an ambiguity class (the set of labels they had).</summary>
    public int AmbiguityMinimumCount { get; init; } = 5;

    /// <summary>
    /// When at least 2, each training sentence sees the ambiguity classes of the training sentences in the other
    /// folds only, as new text sees those of all training data: rare words then get classes without the class
    /// restating the very label being learned.
    /// </summary>
    public int AmbiguityFolds { get; init; }

    /// <summary>External word knowledge the POS features read; it is stored in the model.</summary>
    public WordLexicon? WordLexicon { get; init; }

    /// <summary>POS training also updates when the right label wins by less than this score margin (0: only on errors).</summary>
    public float PosMargin { get; init; }
}

/// <summary>
/// Trains a <see cref="MorphTagger"/> from CoNLL-U with averaged perceptrons. Deterministic for a given seed:
/// the only randomness is the sentence order per epoch, drawn from a seeded generator.
/// </summary>
public static class MorphTrainer
{
    /// <param name="train">Sentences whose every column follows the model's scheme.</param>
    /// <param name="partial">
    /// Sentences whose UPOS and lemmas are usable but whose XPOS and FEATS follow another scheme (German PUD uses
    /// Penn tags): they teach part of speech through the UPOS alone (the best label with the gold UPOS counts as
    /// gold) and lemmas, never XPOS or features.
    /// </param>
    public static MorphTagger Train(
        IReadOnlyList<ConlluSentence> train,
        IReadOnlyList<ConlluSentence>? dev,
        MorphTrainingOptions options,
        Action<int, MorphScores?>? epochDone = null,
        IReadOnlyList<ConlluSentence>? partial = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(options);
        var full = train.Where(s => s.Words.Count > 0).ToList();
        if (full.Count == 0)
        {
            throw new ArgumentException("No training sentences.", nameof(train));
        }

        var fullCount = full.Count;
        var sentences = full.Concat((partial ?? []).Where(s => s.Words.Count > 0)).ToList();
        var labels = new Labels(full, sentences, options.MinimumScriptCount, options.AmbiguityMinimumCount);
        labels.ComputeUnambiguous(options);
        var views = sentences.Select(s => new SentenceView(s.Forms(), labels.AmbiguityClasses, options.WordLexicon)).ToArray();
        for (var fold = 0; options.AmbiguityFolds >= 2 && fold < options.AmbiguityFolds; fold++)
        {
            var others = labels.AmbiguityClassesOf(full.Where((_, k) => k % options.AmbiguityFolds != fold).SelectMany(s => s.Words));
            for (var k = fold; k < fullCount; k += options.AmbiguityFolds)
            {
                views[k] = new SentenceView(full[k].Forms(), others, options.WordLexicon);
            }
        }

        var posGold = sentences.Select((s, k) => k < fullCount ? s.Words.Select(w => labels.Pos[PosLabel(w)]).ToArray() : null).ToArray();
        var featsGold = sentences.Select((s, k) => k < fullCount ? s.Words.Select(w => labels.Feats[w.Feats]).ToArray() : null).ToArray();
        var scriptGold = sentences.Select(s => s.Words.Select(w => labels.ScriptOf(w.Form, w.Lemma)).ToArray()).ToArray();

        var posTrainer = new PerceptronTrainer(labels.PosList.Count);
        var posRightTrainer = new PerceptronTrainer(labels.PosList.Count);
        var featsTrainer = new PerceptronTrainer(labels.FeatsList.Count);
        var lemmaTrainer = new PerceptronTrainer(labels.ScriptList.Length);
        var random = new Random(options.Seed);
        var order = Enumerable.Range(0, sentences.Count).ToArray();
        var buffer = new FeatureBuffer();
        var posScores = new float[labels.PosList.Count];
        var featsScores = new float[labels.FeatsList.Count];
        var lemmaScores = new float[labels.ScriptList.Length];
        MorphTagger? model = null;
        for (var epoch = 1; epoch <= options.Epochs; epoch++)
        {
            random.Shuffle(order);
            foreach (var s in order)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var view = views[s];
                var words = sentences[s].Words;
                var isFull = s < fullCount;
                var predictedPos = new int[view.Count];
                // The label each word is trained towards: gold, or for partial sentences the best label with the gold UPOS.
                var target = new int[view.Count];
                for (var i = 0; i < view.Count; i++)
                {
                    if (labels.Unambiguous.TryGetValue(view.Forms[i], out var known))
                    {
                        predictedPos[i] = known;
                        target[i] = isFull ? posGold[s]![i] : known;
                        continue;
                    }

                    MorphFeatures.Pos(view, i, i > 0 ? predictedPos[i - 1] : -1, i > 1 ? predictedPos[i - 2] : -1, buffer);
                    Array.Clear(posScores);
                    posTrainer.Score(buffer.Keys, posScores);
                    var guess = ArgMax(posScores);
                    target[i] = isFull ? posGold[s]![i] : labels.BestWithUpos(posScores, words[i].Upos, guess);
                    posTrainer.Tick();
                    posTrainer.Update(buffer.Keys, target[i], Rival(posScores, target[i], guess, options.PosMargin));
                    predictedPos[i] = guess;
                }

                if (options.TwoPassPos)
                {
                    // Second pass: the same decisions again, now also seeing the first pass's labels to the right.
                    var second = new int[view.Count];
                    for (var i = 0; i < view.Count; i++)
                    {
                        if (labels.Unambiguous.TryGetValue(view.Forms[i], out var known))
                        {
                            second[i] = known;
                            continue;
                        }

                        MorphFeatures.Pos(view, i, i > 0 ? second[i - 1] : -1, i > 1 ? second[i - 2] : -1, buffer);
                        MorphFeatures.AddRightContext(view, i, predictedPos, buffer);
                        Array.Clear(posScores);
                        posRightTrainer.Score(buffer.Keys, posScores);
                        var guess = ArgMax(posScores);
                        var gold = isFull ? posGold[s]![i] : labels.BestWithUpos(posScores, words[i].Upos, guess);
                        posRightTrainer.Tick();
                        posRightTrainer.Update(buffer.Keys, gold, Rival(posScores, gold, guess, options.PosMargin));
                        second[i] = guess;
                    }
                }

                // Features are learned from gold parts of speech and the bundles predicted so far to the left.
                var featsOf = new int[view.Count];
                var lastAdposition = -1;
                for (var i = 0; i < view.Count; i++)
                {
                    var candidates = labels.FeatsByPos[target[i]];
                    if (candidates.Length == 1)
                    {
                        featsOf[i] = candidates[0];
                    }
                    else
                    {
                        MorphFeatures.Feats(view, i, target, featsOf, lastAdposition, buffer);
                        Array.Clear(featsScores);
                        featsTrainer.Score(buffer.Keys, featsScores);
                        var best = candidates[0];
                        foreach (var c in candidates)
                        {
                            if (featsScores[c] > featsScores[best])
                            {
                                best = c;
                            }
                        }

                        if (isFull)
                        {
                            featsTrainer.Tick();
                            featsTrainer.Update(buffer.Keys, featsGold[s]![i], best);
                            featsOf[i] = featsGold[s]![i];
                        }
                        else
                        {
                            featsOf[i] = best;
                        }
                    }

                    if (string.Equals(words[i].Upos, "ADP", StringComparison.Ordinal))
                    {
                        lastAdposition = i;
                    }
                }

                for (var i = 0; i < view.Count; i++)
                {
                    var script = scriptGold[s][i];
                    if (script < 0)
                    {
                        continue;
                    }

                    MorphFeatures.Lemma(view.Forms[i], view.Lower[i], target[i], featsOf[i], buffer);
                    Array.Clear(lemmaScores);
                    lemmaTrainer.Score(buffer.Keys, lemmaScores);
                    var best = MorphTagger.BestApplicable(labels.ScriptList, lemmaScores, new CasedForms(view.Forms[i], view.Lower[i]));
                    lemmaTrainer.Tick();
                    lemmaTrainer.Update(buffer.Keys, script, best);
                }
            }

            model = Build(labels, posTrainer, options.TwoPassPos ? posRightTrainer : null, featsTrainer, lemmaTrainer, options);
            MorphScores? scores = null;
            if (dev is { Count: > 0 })
            {
                scores = MorphEvaluator.Evaluate(model, dev).Scores;
            }

            epochDone?.Invoke(epoch, scores);
        }

        return model ?? Build(labels, posTrainer, options.TwoPassPos ? posRightTrainer : null, featsTrainer, lemmaTrainer, options);
    }

    /// <summary>
    /// The label to train against: the guess when it is wrong, else the runner-up when the right label won by
    /// less than <paramref name="margin"/>, else the right label itself (no update).
    /// </summary>
    private static int Rival(ReadOnlySpan<float> scores, int target, int guess, float margin)
    {
        if (guess != target || margin <= 0)
        {
            return guess;
        }

        var rival = -1;
        for (var c = 0; c < scores.Length; c++)
        {
            if (c != target && (rival < 0 || scores[c] > scores[rival]))
            {
                rival = c;
            }
        }

        return rival >= 0 && scores[target] - scores[rival] < margin ? rival : target;
    }

    private static MorphTagger Build(Labels labels, PerceptronTrainer pos, PerceptronTrainer? posRight, PerceptronTrainer feats, PerceptronTrainer lemma, MorphTrainingOptions options) =>
        new(
            options.Language,
            [.. labels.PosList],
            pos.Build(options.MinimumWeight),
            posRight?.Build(options.MinimumWeight),
            [.. labels.FeatsList],
            labels.FeatsByPos,
            feats.Build(options.MinimumWeight),
            [.. labels.ScriptList],
            lemma.Build(options.MinimumWeight),
            labels.Lexicon,
            labels.Unambiguous,
            labels.AmbiguityClasses,
            options.WordLexicon);

    internal static string PosLabel(ConlluWord word) => string.Concat(word.Upos, "\t", word.Xpos);

    private static int ArgMax(ReadOnlySpan<float> scores)
    {
        var best = 0;
        for (var c = 1; c < scores.Length; c++)
        {
            if (scores[c] > scores[best])
            {
                best = c;
            }
        }

        return best;
    }

    /// <summary>The label sets, the lemma lexicon and the lookup table for unambiguous words, from the training data.</summary>
    private sealed class Labels
    {
        private readonly Dictionary<string, Dictionary<int, int>> _formPos = new(StringComparer.Ordinal);

        public Labels(List<ConlluSentence> full, List<ConlluSentence> all, int minimumScriptCount, int ambiguityMinimumCount)
        {
            var words = full.SelectMany(s => s.Words).ToList();
            PosList = Ranked(words.Select(PosLabel));
            Pos = Index(PosList);
            FeatsList = Ranked(words.Select(w => w.Feats).Prepend("_"));
            Feats = Index(FeatsList);
            var byPos = new SortedSet<int>[PosList.Count];
            for (var p = 0; p < byPos.Length; p++)
            {
                byPos[p] = [];
            }

            foreach (var word in words)
            {
                var pos = Pos[PosLabel(word)];
                byPos[pos].Add(Feats[word.Feats]);
                if (!_formPos.TryGetValue(word.Form, out var posCounts))
                {
                    _formPos[word.Form] = posCounts = [];
                }

                posCounts[pos] = posCounts.GetValueOrDefault(pos) + 1;
            }

            UposOf = [.. PosList.Select(label => label[..label.IndexOf('\t', StringComparison.Ordinal)])];
            var exactCounts = new Dictionary<string, Dictionary<string, int>>(StringComparer.Ordinal);
            var loweredCounts = new Dictionary<string, Dictionary<string, int>>(StringComparer.Ordinal);
            var scriptKeys = new List<string>();
            var fullWords = new HashSet<ConlluWord>(words, ReferenceEqualityComparer.Instance);
            foreach (var word in all.SelectMany(s => s.Words))
            {
                var hasFeats = fullWords.Contains(word);
                // Lemmas are looked up by form, part of speech and features ("her" Poss=Yes → "her", else "she"),
                // falling back to form and part of speech, then the same for the lowercased form.
                // The lowercased spelling's entries only serve forms never seen as such: lowercase "al" (Arabic
                // article, lemma "al") must not take the lemma "Al" of the more frequent given name.
                var lower = word.Form.ToLowerInvariant();
                var lowered = !string.Equals(lower, word.Form, StringComparison.Ordinal);
                CountLemma(exactCounts, hasFeats ? MorphTagger.LexiconKey(word.Form, word.Upos, word.Feats) : null, word.Lemma);
                CountLemma(exactCounts, MorphTagger.LexiconKey(word.Form, word.Upos), word.Lemma);
                CountLemma(loweredCounts, lowered && hasFeats ? MorphTagger.LexiconKey(lower, word.Upos, word.Feats) : null, word.Lemma);
                CountLemma(loweredCounts, lowered ? MorphTagger.LexiconKey(lower, word.Upos) : null, word.Lemma);
                if (EditScript.Derive(word.Form, word.Lemma) is { } script)
                {
                    scriptKeys.Add(script.Key);
                }
            }

            FeatsByPos = [.. byPos.Select(set => set.ToArray())];
            AmbiguityMinimumCount = ambiguityMinimumCount;
            AmbiguityClasses = AmbiguityClassesOf(words);

            // Scripts seen fewer times are mostly irregular forms or annotation slips; the lexicon covers those words.
            ScriptList = [.. scriptKeys.Prepend(EditScript.Identity.Key).Prepend(EditScript.Identity.Key)
                .GroupBy(k => k, StringComparer.Ordinal)
                .Where(g => g.Count() >= minimumScriptCount)
                .OrderByDescending(g => g.Count())
                .ThenBy(g => g.Key, StringComparer.Ordinal)
                .Select(g => EditScript.FromKey(g.Key))];
            _scriptIndex = Index([.. ScriptList.Select(s => s.Key)]);
            Lexicon = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var (key, counts) in loweredCounts.Where(p => !exactCounts.ContainsKey(p.Key)).Concat(exactCounts))
            {
                Lexicon[key] = counts.OrderByDescending(p => p.Value).ThenBy(p => p.Key, StringComparer.Ordinal).First().Key;
            }
        }

        private static void CountLemma(Dictionary<string, Dictionary<string, int>> lemmaCounts, string? key, string lemma)
        {
            if (key is null)
            {
                return;
            }

            if (!lemmaCounts.TryGetValue(key, out var counts))
            {
                lemmaCounts[key] = counts = new Dictionary<string, int>(StringComparer.Ordinal);
            }

            counts[lemma] = counts.GetValueOrDefault(lemma) + 1;
        }

        private readonly Dictionary<string, int> _signatures = new(StringComparer.Ordinal);

        private int AmbiguityMinimumCount { get; }

        /// <summary>
        /// Ambiguity classes: per lowercased word seen at least <see cref="AmbiguityMinimumCount"/> times, the set
        /// of labels it had in at least 5% of its occurrences, numbered by set (the same set gets the same number
        /// in every call). Rare words' classes restate their training label unless the words come from other
        /// sentences than those trained on (see <see cref="MorphTrainingOptions.AmbiguityFolds"/>).
        /// </summary>
        public Dictionary<string, int> AmbiguityClassesOf(IEnumerable<ConlluWord> words)
        {
            var labelCounts = new Dictionary<string, Dictionary<int, int>>(StringComparer.Ordinal);
            foreach (var word in words)
            {
                var lower = word.Form.ToLowerInvariant();
                if (!labelCounts.TryGetValue(lower, out var perLabel))
                {
                    labelCounts[lower] = perLabel = [];
                }

                var label = Pos[PosLabel(word)];
                perLabel[label] = perLabel.GetValueOrDefault(label) + 1;
            }

            var classes = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (var (lower, perLabel) in labelCounts.OrderBy(p => p.Key, StringComparer.Ordinal))
            {
                var total = perLabel.Values.Sum();
                if (total < AmbiguityMinimumCount)
                {
                    continue;
                }

                var signature = string.Join(',', perLabel.Where(p => p.Value * 20 >= total).Select(p => p.Key).Order());
                if (!_signatures.TryGetValue(signature, out var id))
                {
                    _signatures[signature] = id = _signatures.Count;
                }

                classes[lower] = id;
            }

            return classes;
        }


        private readonly Dictionary<string, int> _scriptIndex;

        public List<string> PosList { get; }

        public Dictionary<string, int> Pos { get; }

        public List<string> FeatsList { get; }

        public Dictionary<string, int> Feats { get; }

        public int[][] FeatsByPos { get; }

        /// <summary>The UPOS part of each POS label.</summary>
        public string[] UposOf { get; }

        /// <summary>The best-scoring label whose UPOS is <paramref name="upos"/>, or <paramref name="fallback"/> when no label has it.</summary>
        public int BestWithUpos(ReadOnlySpan<float> scores, string upos, int fallback)
        {
            var best = -1;
            for (var c = 0; c < scores.Length; c++)
            {
                if (string.Equals(UposOf[c], upos, StringComparison.Ordinal) && (best < 0 || scores[c] > scores[best]))
                {
                    best = c;
                }
            }

            return best < 0 ? fallback : best;
        }

        public EditScript[] ScriptList { get; }

        public Dictionary<string, string> Lexicon { get; }

        public Dictionary<string, int> AmbiguityClasses { get; }

        public Dictionary<string, int> Unambiguous { get; private set; } = new(StringComparer.Ordinal);

        public int ScriptOf(string form, string lemma) =>
            EditScript.Derive(form, lemma) is { } script && _scriptIndex.TryGetValue(script.Key, out var index) ? index : -1;

        public void ComputeUnambiguous(MorphTrainingOptions options)
        {
            var result = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (var (form, counts) in _formPos)
            {
                var total = counts.Values.Sum();
                var (best, count) = counts.OrderByDescending(p => p.Value).ThenBy(p => p.Key).Select(p => (p.Key, p.Value)).First();
                if (total >= options.UnambiguousCount && count >= options.UnambiguousShare * total)
                {
                    result[form] = best;
                }
            }

            Unambiguous = result;
        }

        private static List<string> Ranked(IEnumerable<string> values) =>
            [.. values.GroupBy(v => v, StringComparer.Ordinal)
                .OrderByDescending(g => g.Count())
                .ThenBy(g => g.Key, StringComparer.Ordinal)
                .Select(g => g.Key)];

        private static Dictionary<string, int> Index(List<string> values)
        {
            var index = new Dictionary<string, int>(StringComparer.Ordinal);
            for (var i = 0; i < values.Count; i++)
            {
                index[values[i]] = i;
            }

            return index;
        }
    }
}
