using System.Globalization;
using Lagebild.Nlp.Conllu;
using Lagebild.Nlp.Morphology;

namespace Lagebild.Nlp.Parsing;

public sealed record ParserTrainingOptions
{
    public required string Language { get; init; }

    public int Epochs { get; init; } = 10;

    public int Seed { get; init; } = 1;

    /// <summary>Averaged weights smaller than this are dropped from the saved model.</summary>
    public float MinimumWeight { get; init; } = 0.01f;

    /// <summary>Leave out training sentences whose gold tree is non-projective (otherwise the oracle takes the least costly moves).</summary>
    public bool SkipNonProjective { get; init; }

    /// <summary>From this epoch on, training follows the model's own (possibly wrong) moves with <see cref="ExplorationProbability"/>.</summary>
    public int ExploreFromEpoch { get; init; } = 2;

    public double ExplorationProbability { get; init; } = 0.9;
}

/// <summary>
/// Trains a <see cref="DependencyParser"/> with an averaged perceptron and the dynamic oracle of the arc-hybrid
/// system (Goldberg and Nivre 2013): every move of least cost counts as correct, and after the first epoch the
/// parser mostly follows its own predictions so it learns to recover from its errors. Deterministic for a seed.
/// </summary>
public static class ParserTrainer
{
    public static DependencyParser Train(
        IReadOnlyList<ConlluSentence> train,
        IReadOnlyList<ConlluSentence>? dev,
        ParserTrainingOptions options,
        Action<int, ParserScores?>? epochDone = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(options);
        var labelIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        var examples = new List<Example>();
        foreach (var sentence in train)
        {
            var example = Example.From(sentence, labelIndex);
            if (example is not null && !(options.SkipNonProjective && !example.IsProjective))
            {
                examples.Add(example);
            }
        }

        if (examples.Count == 0)
        {
            throw new ArgumentException("No training sentence has a complete gold tree.", nameof(train));
        }

        var labels = labelIndex.OrderBy(pair => pair.Value).Select(pair => pair.Key).ToArray();
        var classCount = 1 + (2 * labels.Length);
        var trainer = new PerceptronTrainer(classCount);
        var random = new Random(options.Seed);
        var order = Enumerable.Range(0, examples.Count).ToArray();
        var buffer = new FeatureBuffer();
        var scores = new float[classCount];
        DependencyParser? parser = null;
        for (var epoch = 1; epoch <= options.Epochs; epoch++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            random.Shuffle(order);
            var explore = epoch >= options.ExploreFromEpoch ? options.ExplorationProbability : 0;
            foreach (var index in order)
            {
                TrainSentence(examples[index], trainer, buffer, scores, labels.Length, explore, random);
            }

            parser = new DependencyParser(options.Language, labels, trainer.Build(options.MinimumWeight));
            ParserScores? devScores = null;
            if (dev is { Count: > 0 })
            {
                devScores = ParserEvaluation.Evaluate(parser, dev).Scores;
            }

            epochDone?.Invoke(epoch, devScores);
        }

        return parser!;
    }

    /// <summary>Counts the sentences with a complete gold tree and, among them, the non-projective ones.</summary>
    public static (int Trees, int NonProjective) CountTrees(IReadOnlyList<ConlluSentence> sentences)
    {
        ArgumentNullException.ThrowIfNull(sentences);
        var labels = new Dictionary<string, int>(StringComparer.Ordinal);
        int trees = 0, nonProjective = 0;
        foreach (var sentence in sentences)
        {
            var example = Example.From(sentence, labels);
            if (example is not null)
            {
                trees++;
                nonProjective += example.IsProjective ? 0 : 1;
            }
        }

        return (trees, nonProjective);
    }

    private static void TrainSentence(Example example, PerceptronTrainer trainer, FeatureBuffer buffer, float[] scores, int labelCount, double explore, Random random)
    {
        var state = new ParserState(example.Sentence.Count);
        Span<int> costs = stackalloc int[3];
        while (!state.IsTerminal)
        {
            ParserFeatures.Extract(state, example.Sentence, buffer);
            Array.Clear(scores);
            trainer.Score(buffer.Keys, scores);
            var (predictedMove, predictedLabel) = DependencyParser.BestLegal(state, scores, labelCount);
            var minimum = int.MaxValue;
            for (var move = 0; move < 3; move++)
            {
                costs[move] = state.IsLegal(move) ? state.Cost(move, example.Heads, example.Children) : int.MaxValue;
                minimum = Math.Min(minimum, costs[move]);
            }

            // The best-scoring move among those of least cost; an arc to the gold head must carry the gold label.
            var goldMove = -1;
            var goldLabel = 0;
            var goldScore = float.NegativeInfinity;
            for (var move = 0; move < 3; move++)
            {
                if (costs[move] != minimum)
                {
                    continue;
                }

                if (move == ParserState.Shift)
                {
                    if (goldMove < 0 || scores[0] > goldScore)
                    {
                        (goldMove, goldLabel, goldScore) = (move, 0, scores[0]);
                    }

                    continue;
                }

                var s0 = state.StackAt(0);
                var head = move == ParserState.Left ? state.Next : state.StackAt(1);
                if (example.Heads[s0] == head)
                {
                    var label = example.Labels[s0];
                    var score = scores[DependencyParser.ClassOf(move, label)];
                    if (goldMove < 0 || score > goldScore)
                    {
                        (goldMove, goldLabel, goldScore) = (move, label, score);
                    }
                }
                else
                {
                    for (var label = 0; label < labelCount; label++)
                    {
                        var score = scores[DependencyParser.ClassOf(move, label)];
                        if (goldMove < 0 || score > goldScore)
                        {
                            (goldMove, goldLabel, goldScore) = (move, label, score);
                        }
                    }
                }
            }

            var predictedClass = DependencyParser.ClassOf(predictedMove, predictedLabel);
            var goldClass = DependencyParser.ClassOf(goldMove, goldLabel);
            var predictedIsCorrect = costs[predictedMove] == minimum &&
                (predictedMove == ParserState.Shift ||
                 example.Heads[state.StackAt(0)] != (predictedMove == ParserState.Left ? state.Next : state.StackAt(1)) ||
                 example.Labels[state.StackAt(0)] == predictedLabel);
            if (!predictedIsCorrect)
            {
                trainer.Update(buffer.Keys, goldClass, predictedClass);
            }

            trainer.Tick();
            if (predictedIsCorrect || (explore > 0 && random.NextDouble() < explore))
            {
                state.Apply(predictedMove, predictedLabel);
            }
            else
            {
                state.Apply(goldMove, goldLabel);
            }
        }
    }

    /// <summary>A training sentence: hashed attributes and the gold tree (position 0 is the root).</summary>
    private sealed class Example
    {
        private Example(ParserSentence sentence, int[] heads, int[] labels)
        {
            Sentence = sentence;
            Heads = heads;
            Labels = labels;
            var children = new List<int>[heads.Length];
            for (var i = 0; i < children.Length; i++)
            {
                children[i] = [];
            }

            for (var i = 1; i < heads.Length; i++)
            {
                children[heads[i]].Add(i);
            }

            Children = [.. children.Select(list => list.ToArray())];
        }

        public ParserSentence Sentence { get; }

        public int[] Heads { get; }

        public int[] Labels { get; }

        public int[][] Children { get; }

        public bool IsProjective
        {
            get
            {
                for (var i = 1; i < Heads.Length; i++)
                {
                    var (lo, hi) = (Math.Min(i, Heads[i]), Math.Max(i, Heads[i]));
                    for (var j = lo + 1; j < hi; j++)
                    {
                        // Every word between a head and its dependent must descend from the head.
                        var k = j;
                        var steps = 0;
                        while (k != 0 && k != Heads[i] && steps++ < Heads.Length)
                        {
                            k = Heads[k];
                        }

                        if (k != Heads[i])
                        {
                            return false;
                        }
                    }
                }

                return true;
            }
        }

        public static Example? From(ConlluSentence sentence, Dictionary<string, int> labelIndex)
        {
            var count = sentence.Words.Count;
            if (count == 0)
            {
                return null;
            }

            var heads = new int[count + 1];
            var labels = new int[count + 1];
            var roots = 0;
            for (var i = 0; i < count; i++)
            {
                var word = sentence.Words[i];
                if (!int.TryParse(word.Head, NumberStyles.None, CultureInfo.InvariantCulture, out var head) || head > count || head == i + 1 || word.Deprel == "_")
                {
                    return null;
                }

                roots += head == 0 ? 1 : 0;
                heads[i + 1] = head;
                if (!labelIndex.TryGetValue(word.Deprel, out var label))
                {
                    label = labelIndex.Count;
                    labelIndex[word.Deprel] = label;
                }

                labels[i + 1] = label;
            }

            if (roots != 1 || !IsTree(heads))
            {
                return null;
            }

            return new Example(new ParserSentence(sentence.Forms(), ParserEvaluation.GoldMorphology(sentence)), heads, labels);
        }

        private static bool IsTree(int[] heads)
        {
            for (var i = 1; i < heads.Length; i++)
            {
                var k = i;
                var steps = 0;
                while (k != 0)
                {
                    k = heads[k];
                    if (++steps > heads.Length)
                    {
                        return false;
                    }
                }
            }

            return true;
        }
    }
}
