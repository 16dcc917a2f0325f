namespace Lagebild.Nlp.Entities;

public sealed record NerTrainingOptions
{
    public int Epochs { get; init; } = 10;

    public int Seed { get; init; } = 1;

    /// <summary>log2 of the number of feature buckets.</summary>
    public int HashBits { get; init; } = 20;

    /// <summary>A model trained on other data whose labels become features (stacking), or null.</summary>
    public NerModel? Auxiliary { get; init; }

    /// <summary>Added in training to the score of every wrong label (loss-augmented decoding), so updates continue until gold wins by this margin per token.</summary>
    public float Margin { get; init; }

    /// <summary>Whether the sentences' predicted UPOS/XPOS tags are features.</summary>
    public bool PartOfSpeech { get; init; }

    /// <summary>Which features the model reads (<see cref="NerFeatureSets.Original"/> .. <see cref="NerFeatureSets.Latest"/>).</summary>
    public int FeatureSet { get; init; } = NerFeatureSets.Default;
}

/// <summary>
/// Averaged structured perceptron: each sentence is decoded (Viterbi) with the current weights, and where the best
/// sequence differs from the gold one the features of the gold sequence gain and those of the predicted one lose
/// weight. Deterministic for a given seed: sentences are shuffled with a seeded generator.
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

        var features = new NerFeatures(_gazetteer, _options.HashBits, _options.PartOfSpeech, _options.Auxiliary, _options.FeatureSet);
        var count = features.StaticCount;
        var scratch = new NerFeatures.Sentence();
        var order = Enumerable.Range(0, training.Count).ToArray();
        var random = new Random(_options.Seed);
        var dense = new DenseWeights(weights);
        var predicted = new byte[16];
        var accepted = new byte[16];
        var goldHistory = new int[NerFeatures.HistoryPerToken];
        var predictedHistory = new int[NerFeatures.HistoryPerToken];
        long step = 1;
        NerModel? averaged = null;
        for (var epoch = 1; epoch <= _options.Epochs; epoch++)
        {
            random.Shuffle(order);
            foreach (var index in order)
            {
                var sentence = training[index];
                var n = sentence.Tokens.Length;
                step++;
                if (n == 0)
                {
                    continue;
                }

                if (predicted.Length < n)
                {
                    predicted = new byte[n * 2];
                    accepted = new byte[n * 2];
                }

                features.Prepare(sentence.Tokens, sentence.Tags, scratch, sentence.FirstPass, sentence.DocumentCodes);
                NerModel.Viterbi(dense, features, scratch, count, 0, labelMask, predicted.AsSpan(0, n), sentence.Labels, _options.Margin);
                var weight = sentence.Weight;
                var gold = AcceptedLabels(sentence, predicted.AsSpan(0, n), accepted.AsSpan(0, n));
                int goldPrevious = NerLabels.Outside, predictedPrevious = NerLabels.Outside;
                for (var i = 0; i < n; i++)
                {
                    int right = gold[i], guess = predicted[i];
                    if (right != guess)
                    {
                        foreach (var row in scratch.Rows.AsSpan(i * count, count))
                        {
                            Update(row, right, weight);
                            Update(row, guess, -weight);
                        }
                    }

                    if (right != guess || goldPrevious != predictedPrevious)
                    {
                        features.HistoryRows(scratch, i, goldPrevious, goldHistory);
                        features.HistoryRows(scratch, i, predictedPrevious, predictedHistory);
                        foreach (var row in goldHistory)
                        {
                            Update(row, right, weight);
                        }

                        foreach (var row in predictedHistory)
                        {
                            Update(row, guess, -weight);
                        }
                    }

                    goldPrevious = right;
                    predictedPrevious = guess;
                }
            }

            averaged = Average();
            afterEpoch?.Invoke(epoch, averaged);
        }

        return averaged ?? Average();

        void Update(int bucket, int label, float delta)
        {
            var cell = (bucket * NerLabels.Count) + label;
            weights[cell] += delta;
            accumulated[cell] += delta * (double)step;
        }

        NerModel Average()
        {
            var average = new float[weights.Length];
            for (var i = 0; i < weights.Length; i++)
            {
                average[i] = (float)(weights[i] - (accumulated[i] / step));
            }

            return NerModel.FromDense(_language, _options.HashBits, _gazetteer, _options.PartOfSpeech, _options.FeatureSet, labelMask, _options.Auxiliary, average);
        }
    }

    /// <summary>
    /// The training data for a model stacked on a first pass: the sentences are cut into <paramref name="folds"/>
    /// contiguous blocks (documents stay together), each block is labelled by a first pass trained on the others, so
    /// the second pass learns from first-pass errors as they occur on unseen text, and the document codes
    /// (<see cref="NerFirstPassHistory"/>) are computed from those labels in stream order.
    /// </summary>
    public static List<NerSentence> WithJackknifedFirstPass(IReadOnlyList<NerSentence> training, int folds, Func<IReadOnlyList<NerSentence>, NerModel> trainFirstPass)
    {
        ArgumentNullException.ThrowIfNull(training);
        ArgumentNullException.ThrowIfNull(trainFirstPass);
        ArgumentOutOfRangeException.ThrowIfLessThan(folds, 2);
        var firstPass = new byte[training.Count][];
        for (var fold = 0; fold < folds; fold++)
        {
            int start = (int)((long)training.Count * fold / folds), end = (int)((long)training.Count * (fold + 1) / folds);
            var rest = new List<NerSentence>(training.Count - (end - start));
            for (var i = 0; i < training.Count; i++)
            {
                if (i < start || i >= end)
                {
                    rest.Add(training[i]);
                }
            }

            var model = trainFirstPass(rest);
            for (var i = start; i < end; i++)
            {
                firstPass[i] = model.Tag(training[i].Tokens, training[i].Tags);
            }
        }

        var history = new NerFirstPassHistory();
        var result = new List<NerSentence>(training.Count);
        for (var i = 0; i < training.Count; i++)
        {
            var codes = new byte[training[i].Tokens.Length];
            history.Codes(training[i].Tokens, codes);
            history.Add(training[i].Tokens, firstPass[i]);
            result.Add(training[i] with { FirstPass = firstPass[i], DocumentCodes = codes });
        }

        return result;
    }

    /// <summary>
    /// The labels an update moves towards: the gold ones, except that where the sentence says O and does not annotate
    /// the predicted label (<see cref="NerSentence.UnannotatedLabels"/>) the prediction stands.
    /// </summary>
    internal static ReadOnlySpan<byte> AcceptedLabels(NerSentence sentence, ReadOnlySpan<byte> predicted, Span<byte> buffer)
    {
        if (sentence.UnannotatedLabels == 0 && !sentence.UncertainCompounds)
        {
            return sentence.Labels;
        }

        for (var i = 0; i < predicted.Length; i++)
        {
            var gold = sentence.Labels[i];
            var token = sentence.Tokens[i];
            var hyphen = token.IndexOf('-', 1);
            var uncertain = sentence.UncertainCompounds && hyphen > 0 && hyphen < token.Length - 1;
            buffer[i] = uncertain || (gold == NerLabels.Outside && (sentence.UnannotatedLabels & (1 << predicted[i])) != 0) ? predicted[i] : gold;
        }

        return buffer[..predicted.Length];
    }

    private readonly struct DenseWeights(float[] weights) : NerModel.IWeights
    {
        public void AddRows(ReadOnlySpan<int> buckets, Span<float> scores)
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
    }
}
