using System.Diagnostics;
using System.Globalization;
using Lagebild.Nlp.Conllu;

namespace Lagebild.Nlp.Morphology;

/// <summary>
/// Jackknifed tags for training data of later stages (parser, entity recognition): a tagger tags its own training
/// sentences almost perfectly, so a model trained on such tags meets far cleaner tags than it will see. The
/// sentences are split into K folds by sentence index mod K; for each fold a tagger trained on the other folds
/// replaces the fold's UPOS, XPOS, FEATS and LEMMA. Deterministic for the options' seed; other columns are kept.
/// </summary>
public static class JackknifeTagging
{
    /// <summary>Replaces the tags of <paramref name="sentences"/> in place and returns one report line per fold.</summary>
    /// <param name="partial">
    /// Sentences that also get jackknifed tags but teach the fold taggers only UPOS and lemma (see
    /// <see cref="MorphTrainer.Train"/>); they are folded by their index after the last of <paramref name="sentences"/>.
    /// </param>
    public static IReadOnlyList<string> Retag(
        IReadOnlyList<ConlluSentence> sentences,
        int folds,
        MorphTrainingOptions options,
        IReadOnlyList<ConlluSentence>? partial = null,
        Action<string>? foldDone = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(sentences);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(folds, 2);
        partial ??= [];
        var offset = sentences.Count;
        var lines = new List<string>();

        // Every fold tagger must learn from gold tags, so predictions are applied only after the last fold.
        var predictions = new List<(ConlluSentence Sentence, MorphAnalysis[] Analyses)>();
        for (var fold = 0; fold < folds; fold++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var watch = Stopwatch.StartNew();
            var f = fold;
            var fullRest = sentences.Where((_, i) => i % folds != f).ToList();
            var partialRest = partial.Where((_, i) => (offset + i) % folds != f).ToList();
            var held = sentences.Where((_, i) => i % folds == f).ToList();
            var heldPartial = partial.Where((_, i) => (offset + i) % folds == f).ToList();
            var tagger = MorphTrainer.Train(fullRest, null, options, partial: partialRest, cancellationToken: cancellationToken);
            var scores = held.Count > 0 ? MorphEvaluator.Evaluate(tagger, held).Scores.ToString() : "no full sentences";
            predictions.AddRange(held.Concat(heldPartial).Where(s => s.Words.Count > 0).Select(s => (s, tagger.Tag(s.Forms()))));
            var line = string.Create(CultureInfo.InvariantCulture,
                $"jackknife fold {fold + 1}/{folds}: tagger on {fullRest.Count + partialRest.Count} sentences tags {held.Count + heldPartial.Count} unseen ones: {scores} ({watch.Elapsed.TotalSeconds:F0} s)");
            lines.Add(line);
            foldDone?.Invoke(line);
        }

        foreach (var (sentence, analyses) in predictions)
        {
            Apply(sentence, analyses);
        }

        return lines;
    }

    /// <summary>Replaces UPOS, XPOS, FEATS and LEMMA of every word by the tagger's predictions.</summary>
    public static void Retag(MorphTagger tagger, IReadOnlyList<ConlluSentence> sentences)
    {
        ArgumentNullException.ThrowIfNull(tagger);
        ArgumentNullException.ThrowIfNull(sentences);
        foreach (var sentence in sentences)
        {
            if (sentence.Words.Count == 0)
            {
                continue;
            }

            Apply(sentence, tagger.Tag(sentence.Forms()));
        }
    }

    private static void Apply(ConlluSentence sentence, MorphAnalysis[] analyses)
    {
        for (var i = 0; i < analyses.Length; i++)
        {
            var word = sentence.Words[i];
            word.Upos = analyses[i].Upos;
            word.Xpos = analyses[i].Xpos;
            word.Feats = analyses[i].Feats;
            word.Lemma = analyses[i].Lemma;
        }
    }
}
