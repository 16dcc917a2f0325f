using System.Diagnostics;
using System.Globalization;
using Lagebild.Nlp.Conllu;
using Lagebild.Nlp.Morphology;

namespace Lagebild.Nlp.Parsing;

/// <summary>
/// Attachment scores on gold words, CoNLL 2018 style: every word counts, punctuation included; LAS compares the
/// universal part of the relation ("nsubj:pass" scores as "nsubj"); <see cref="LabelledFull"/> also compares subtypes.
/// </summary>
public sealed record ParserScores(int Words, double Uas, double Las, double LabelledFull)
{
    public override string ToString() => string.Create(
        CultureInfo.InvariantCulture,
        $"UAS {Uas:F2}  LAS {Las:F2}  LAS-full {LabelledFull:F2}  ({Words} words)");
}

public static class ParserEvaluation
{
    /// <summary>
    /// Parses the gold sentences' words and scores the result. With <paramref name="tagger"/> the parser sees
    /// predicted morphology, otherwise the gold columns. The speed, in words per processor second, counts parsing only (and tagging when given).
    /// </summary>
    public static (ParserScores Scores, double WordsPerSecond) Evaluate(
        DependencyParser parser,
        IReadOnlyList<ConlluSentence> gold,
        MorphTagger? tagger = null)
    {
        ArgumentNullException.ThrowIfNull(parser);
        ArgumentNullException.ThrowIfNull(gold);
        var inputs = new (string[] Forms, MorphAnalysis[] Morphology)[gold.Count];
        for (var i = 0; i < gold.Count; i++)
        {
            inputs[i] = (gold[i].Forms(), GoldMorphology(gold[i]));
        }

        var predicted = new DependencyArc[gold.Count][];
        // Processor time, not wall time: on a shared machine it is the figure that says what one core can do.
        using var process = Process.GetCurrentProcess();
        var cpuBefore = process.TotalProcessorTime;
        for (var i = 0; i < gold.Count; i++)
        {
            var morphology = tagger is null ? inputs[i].Morphology : tagger.Tag(inputs[i].Forms);
            predicted[i] = parser.Parse(inputs[i].Forms, morphology);
        }

        process.Refresh();
        var seconds = (process.TotalProcessorTime - cpuBefore).TotalSeconds;
        var scores = Score(gold, predicted);
        return (scores, seconds > 0 ? scores.Words / seconds : 0);
    }

    /// <summary>Scores predicted arcs (one array per sentence, one arc per word) against gold HEAD/DEPREL.</summary>
    public static ParserScores Score(IReadOnlyList<ConlluSentence> gold, IReadOnlyList<IReadOnlyList<DependencyArc>> predicted)
    {
        ArgumentNullException.ThrowIfNull(gold);
        ArgumentNullException.ThrowIfNull(predicted);
        int words = 0, heads = 0, labelled = 0, full = 0;
        for (var s = 0; s < gold.Count; s++)
        {
            var goldWords = gold[s].Words;
            for (var i = 0; i < goldWords.Count; i++)
            {
                if (!int.TryParse(goldWords[i].Head, NumberStyles.None, CultureInfo.InvariantCulture, out var goldHead))
                {
                    continue;
                }

                words++;
                var arc = i < predicted[s].Count ? predicted[s][i] : new DependencyArc(-1, "_");
                if (arc.Head != goldHead)
                {
                    continue;
                }

                heads++;
                if (Universal(arc.Relation).SequenceEqual(Universal(goldWords[i].Deprel)))
                {
                    labelled++;
                }

                if (string.Equals(arc.Relation, goldWords[i].Deprel, StringComparison.Ordinal))
                {
                    full++;
                }
            }
        }

        double Percent(int count) => words == 0 ? 0 : 100.0 * count / words;
        return new ParserScores(words, Percent(heads), Percent(labelled), Percent(full));
    }

    /// <summary>The morphology columns of a CoNLL-U sentence as analyses.</summary>
    public static MorphAnalysis[] GoldMorphology(ConlluSentence sentence)
    {
        ArgumentNullException.ThrowIfNull(sentence);
        var result = new MorphAnalysis[sentence.Words.Count];
        for (var i = 0; i < result.Length; i++)
        {
            var word = sentence.Words[i];
            result[i] = new MorphAnalysis(word.Upos, word.Xpos, word.Feats, word.Lemma, word.Lemma);
        }

        return result;
    }

    private static ReadOnlySpan<char> Universal(string relation)
    {
        var colon = relation.IndexOf(':', StringComparison.Ordinal);
        return colon < 0 ? relation : relation.AsSpan(0, colon);
    }
}
