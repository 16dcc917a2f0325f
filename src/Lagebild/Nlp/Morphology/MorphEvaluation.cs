using System.Diagnostics;
using System.Globalization;
using Lagebild.Nlp.Conllu;

namespace Lagebild.Nlp.Morphology;

/// <summary>
/// Accuracy on gold word segmentation, as in the CoNLL 2018 shared task: UPOS, XPOS, UFeats (the whole feature
/// bundle), AllTags (all three right) and Lemma, each in percent of words.
/// </summary>
public sealed record MorphScores(int Words, double Upos, double Xpos, double UFeats, double AllTags, double Lemma)
{
    public override string ToString() => string.Create(
        CultureInfo.InvariantCulture,
        $"UPOS {Upos:F2}  XPOS {Xpos:F2}  UFeats {UFeats:F2}  AllTags {AllTags:F2}  Lemma {Lemma:F2}  ({Words} words)");
}

public static class MorphEvaluator
{
    /// <summary>
    /// Tags the gold sentences' words and scores the result; also returns the tagging speed in words per second of
    /// CPU time (on a shared machine wall-clock time mostly measures the other processes).
    /// </summary>
    public static (MorphScores Scores, double WordsPerSecond) Evaluate(MorphTagger tagger, IReadOnlyList<ConlluSentence> gold)
    {
        ArgumentNullException.ThrowIfNull(tagger);
        ArgumentNullException.ThrowIfNull(gold);
        var predictions = new MorphAnalysis[gold.Count][];
        using var process = Process.GetCurrentProcess();
        var cpuBefore = process.TotalProcessorTime;
        for (var s = 0; s < gold.Count; s++)
        {
            predictions[s] = tagger.Tag(gold[s].Forms());
        }

        process.Refresh();
        var cpuSeconds = (process.TotalProcessorTime - cpuBefore).TotalSeconds;
        var scores = Score(gold, predictions);
        return (scores, scores.Words / Math.Max(cpuSeconds, 1e-9));
    }

    public static MorphScores Score(IReadOnlyList<ConlluSentence> gold, IReadOnlyList<IReadOnlyList<MorphAnalysis>> predicted)
    {
        ArgumentNullException.ThrowIfNull(gold);
        ArgumentNullException.ThrowIfNull(predicted);
        long words = 0, upos = 0, xpos = 0, feats = 0, all = 0, lemma = 0;
        for (var s = 0; s < gold.Count; s++)
        {
            var goldWords = gold[s].Words;
            var guess = predicted[s];
            if (guess.Count != goldWords.Count)
            {
                throw new ArgumentException($"Sentence {s}: {guess.Count} predictions for {goldWords.Count} words.", nameof(predicted));
            }

            for (var i = 0; i < goldWords.Count; i++)
            {
                var g = goldWords[i];
                var p = guess[i];
                words++;
                var uposOk = string.Equals(g.Upos, p.Upos, StringComparison.Ordinal);
                var xposOk = string.Equals(g.Xpos, p.Xpos, StringComparison.Ordinal);
                var featsOk = string.Equals(g.Feats, p.Feats, StringComparison.Ordinal);
                upos += uposOk ? 1 : 0;
                xpos += xposOk ? 1 : 0;
                feats += featsOk ? 1 : 0;
                all += uposOk && xposOk && featsOk ? 1 : 0;
                lemma += string.Equals(g.Lemma, p.Lemma, StringComparison.Ordinal) ? 1 : 0;
            }
        }

        double Percent(long n) => words == 0 ? 0 : 100.0 * n / words;
        return new MorphScores((int)words, Percent(upos), Percent(xpos), Percent(feats), Percent(all), Percent(lemma));
    }
}
