namespace Lagebild.Nlp.Entities;

public sealed record NerTrainingOptions
{
    public int Epochs { get; init; } = 10;

    public int Seed { get; init; } = 1;

    /// <summary>log2 of the number of feature buckets.</summary>
    public int HashBits { get; init; } = 20;

    /// <summary>A model trained on other data whose labels become features (stacking), or null.</summary>
    public NerModel? Auxiliary { get; init; }
}

/// <summary>
/// Averaged perceptron over the greedy decoder: each sentence is tagged with the current weights (so the history
/// features see the model's own earlier choices) and every wrong token moves weight from the predicted to the gold
/// label. Deterministic for a given seed: sentences are shuffled with a seeded generator.
/// </summary>
public sealed class NerTrainer
{
    private readonly string _language;
    private readonly NerGazetteer _gazetteer;
    private readonly NerTrainingOptions _options;

    public NerTrainer(string language, NerGazetteer gazetteer, NerTrainingOptions options)
    {
        ArgumentNullException.ThrowIfNull(language);
        ArgumentNullException.ThrowIfNull(gazetteer);
        ArgumentNullException.ThrowIfNull(options);
        _language = language;
        _gazetteer = gazetteer;
        _options = options;
    }

    /// <summary>Trains on <paramref name="training"/>; after each epoch the averaged model is passed to <paramref name="afterEpoch"/>.</summary>
    public NerModel Train(IReadOnlyList<NerSentence> training, Action<int, NerModel>? afterEpoch = null)
    {
        ArgumentNullException.ThrowIfNull(training);
        var weights = new float[(1 << _options.HashBits) * NerLabels.Count];
        var accumulated = new double[weights.Length];
        var labelMask = 1 << NerLabels.Outside;
        foreach (var sentence in training)
        {
            foreach (var label in sentence.Labels)
            {
                labelMask |= 1 << label;
            }
        }

        var features = new NerFeatures(_gazetteer, _options.HashBits, _options.Auxiliary);
        var count = features.StaticCount;
        var scratch = new NerFeatures.Sentence();
        var order = Enumerable.Range(0, training.Count).ToArray();
        var random = new Random(_options.Seed);
        Span<int> history = stackalloc int[NerFeatures.HistoryPerToken];
        Span<float> scores = stackalloc float[NerLabels.Count];
        long step = 1;
        NerModel? averaged = null;
        for (var epoch = 1; epoch <= _options.Epochs; epoch++)
        {
            random.Shuffle(order);
            foreach (var index in order)
            {
                var sentence = training[index];
                features.Prepare(sentence.Tokens, scratch);
                int previous = NerLabels.Outside, beforePrevious = NerLabels.Outside;
                for (var i = 0; i < sentence.Tokens.Length; i++)
                {
                    features.HistoryRows(scratch, i, previous, beforePrevious, history);
                    var rows = scratch.Rows.AsSpan(i * count, count);
                    scores.Clear();
                    AddRows(rows, scores);
                    AddRows(history, scores);
                    var predicted = NerModel.Best(scores, previous, labelMask);
                    var gold = sentence.Labels[i];
                    if (predicted != gold)
                    {
                        foreach (var row in rows)
                        {
                            Update(row, gold, predicted);
                        }

                        foreach (var row in history)
                        {
                            Update(row, gold, predicted);
                        }
                    }

                    step++;
                    beforePrevious = previous;
                    previous = predicted;
                }
            }

            averaged = Average();
            afterEpoch?.Invoke(epoch, averaged);
        }

        return averaged ?? Average();

        void AddRows(ReadOnlySpan<int> buckets, Span<float> scores)
        {
            foreach (var bucket in buckets)
            {
                var row = weights.AsSpan(bucket * NerLabels.Count, NerLabels.Count);
                for (var l = 0; l < NerLabels.Count; l++)
                {
                    scores[l] += row[l];
                }
            }
        }

        void Update(int bucket, int gold, int predicted)
        {
            var row = bucket * NerLabels.Count;
            weights[row + gold] += 1;
            accumulated[row + gold] += step;
            weights[row + predicted] -= 1;
            accumulated[row + predicted] -= step;
        }

        NerModel Average()
        {
            var average = new float[weights.Length];
            for (var i = 0; i < weights.Length; i++)
            {
                average[i] = (float)(weights[i] - (accumulated[i] / step));
            }

            return NerModel.FromDense(_language, _options.HashBits, _gazetteer, labelMask, _options.Auxiliary, average);
        }
    }
}
