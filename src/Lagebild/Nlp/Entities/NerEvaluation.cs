using System.Globalization;
using System.Text;
using Lagebild.Documents;

namespace Lagebild.Nlp.Entities;

/// <summary>Exact-span, exact-type scores (conlleval-style micro averages), overall and per type.</summary>
public sealed class NerEvaluation
{
    private readonly int[] _truePositives = new int[4];
    private readonly int[] _predicted = new int[4];
    private readonly int[] _gold = new int[4];

    public int Sentences { get; private set; }

    public int Tokens { get; private set; }

    public void Add(ReadOnlySpan<byte> gold, ReadOnlySpan<byte> predicted)
    {
        if (gold.Length != predicted.Length)
        {
            throw new ArgumentException("Gold and predicted labels differ in length.", nameof(predicted));
        }

        Sentences++;
        Tokens += gold.Length;
        var goldMentions = NerLabels.Mentions(gold);
        var predictedMentions = NerLabels.Mentions(predicted);
        foreach (var mention in goldMentions)
        {
            _gold[(int)mention.Type]++;
        }

        var goldSet = new HashSet<TokenMention>(goldMentions);
        foreach (var mention in predictedMentions)
        {
            _predicted[(int)mention.Type]++;
            if (goldSet.Contains(mention))
            {
                _truePositives[(int)mention.Type]++;
            }
        }
    }

    public NerScore Overall => new("overall", _truePositives.Sum(), _predicted.Sum(), _gold.Sum());

    public NerScore For(EntityType type) => new(NerLabels.Code(type), _truePositives[(int)type], _predicted[(int)type], _gold[(int)type]);

    public IEnumerable<NerScore> ByType => NerLabels.Types.Select(For);

    public string Format()
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"sentences {Sentences}, tokens {Tokens}\n");
        foreach (var score in ByType.Append(Overall))
        {
            text.Append(CultureInfo.InvariantCulture, $"{score.Name,-8} P {score.Precision * 100,6:F2}  R {score.Recall * 100,6:F2}  F1 {score.F1 * 100,6:F2}  (gold {score.Gold}, predicted {score.Predicted}, correct {score.Correct})\n");
        }

        return text.ToString();
    }

    /// <summary>Tags every sentence with <paramref name="recognizer"/> (its tagger adds missing parts of speech) and scores it.</summary>
    /// <param name="tagged">Called with each sentence and its predicted labels (null: not needed).</param>
    public static NerEvaluation Run(EntityRecognizer recognizer, IEnumerable<NerSentence> sentences, Action<NerSentence, byte[]>? tagged = null)
    {
        ArgumentNullException.ThrowIfNull(recognizer);
        ArgumentNullException.ThrowIfNull(sentences);
        return Run(recognizer.Model, sentences.Select(recognizer.WithTags), tagged);
    }

    /// <summary>
    /// Tags every sentence with <paramref name="model"/> (parts of speech as the sentences carry them) and scores it.
    /// The sentences are one stream in order: a model with a <see cref="NerModel.MemoryWindow"/> remembers earlier mentions.
    /// </summary>
    /// <param name="tagged">Called with each sentence and its predicted labels (null: not needed).</param>
    public static NerEvaluation Run(NerModel model, IEnumerable<NerSentence> sentences, Action<NerSentence, byte[]>? tagged = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(sentences);
        var evaluation = new NerEvaluation();
        var scratch = new NerFeatures.Sentence();
        // The sentences are read as one stream, as the `ner` command reads its input.
        var memory = model.NewMemory();
        foreach (var sentence in sentences)
        {
            var predicted = new byte[sentence.Tokens.Length];
            model.Tag(sentence.Tokens, sentence.Tags, predicted, scratch, memory);
            evaluation.Add(sentence.Labels, predicted);
            tagged?.Invoke(sentence, predicted);
        }

        return evaluation;
    }
}

public readonly record struct NerScore(string Name, int Correct, int Predicted, int Gold)
{
    public double Precision => Predicted == 0 ? 0 : (double)Correct / Predicted;

    public double Recall => Gold == 0 ? 0 : (double)Correct / Gold;

    public double F1 => Precision + Recall == 0 ? 0 : 2 * Precision * Recall / (Precision + Recall);
}
