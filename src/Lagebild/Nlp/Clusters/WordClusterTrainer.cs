namespace Lagebild.Nlp.Clusters;

public sealed record WordClusterOptions
{
    /// <summary>Words seen fewer times get no cluster (and count as one unknown word when they are a context).</summary>
    public int MinCount { get; init; } = 2;

    /// <summary>Longest bit path: a word's cluster is split at most this many times.</summary>
    public int MaxDepth { get; init; } = 16;

    /// <summary>Passes of the exchange algorithm per split; a split also stops when a pass moves no word.</summary>
    public int MaxPasses { get; init; } = 20;

    /// <summary>Neighbours on each side that are contexts (1: the adjacent words; 2 adds the words two away, each distance its own context).</summary>
    public int Window { get; init; } = 1;
}

/// <summary>
/// Hierarchical word clusters by recursive bisection: the vocabulary is split in two, each half again, and so on,
/// and a word's cluster is its path of left/right choices (a bit string, like Brown clusters, so prefixes give coarser
/// clusters). Each split maximises the likelihood of a class bigram model in both directions — the words next to a
/// token predicted from its cluster, P(left | class) · P(right | class), and with a wider window also the words
/// further away, each distance a model of its own — with the exchange algorithm (Kneser and Ney 1993): words move to
/// the other half while that raises the likelihood. Since the contexts are words, not classes,
/// the objective separates over clusters and every split is an independent two-way problem. Deterministic: words are
/// visited by descending frequency, and the starting split alternates by frequency rank.
/// </summary>
public sealed class WordClusterTrainer
{
    private readonly WordClusterOptions _options;

    public WordClusterTrainer(WordClusterOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MinCount, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxDepth, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(options.MaxDepth, WordClusters.MaxDepth);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxPasses, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Window, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(options.Window, 4);
        _options = options;
    }

    /// <summary>Clusters the words of <paramref name="sentences"/> (tokens; normalised with <see cref="WordClusters.Normalize"/>).</summary>
    public WordClusters Train(IEnumerable<IReadOnlyList<string>> sentences)
    {
        ArgumentNullException.ThrowIfNull(sentences);
        var corpus = new List<int[]>();
        var ids = new Dictionary<string, int>(StringComparer.Ordinal);
        var counts = new List<long>();
        foreach (var sentence in sentences)
        {
            var encoded = new int[sentence.Count];
            for (var i = 0; i < sentence.Count; i++)
            {
                var word = WordClusters.Normalize(sentence[i]);
                if (!ids.TryGetValue(word, out var id))
                {
                    id = ids.Count;
                    ids.Add(word, id);
                    counts.Add(0);
                }

                counts[id]++;
                encoded[i] = id;
            }

            if (encoded.Length > 0)
            {
                corpus.Add(encoded);
            }
        }

        // The clustered vocabulary, most frequent first (ties in ordinal order, so the result does not depend on input order).
        var words = ids.Where(p => counts[p.Value] >= _options.MinCount)
            .OrderByDescending(p => counts[p.Value]).ThenBy(p => p.Key, StringComparer.Ordinal)
            .Select(p => p.Key).ToArray();
        var rank = new int[ids.Count];
        Array.Fill(rank, -1);
        for (var r = 0; r < words.Length; r++)
        {
            rank[ids[words[r]]] = r;
        }

        // Context ids per position (left 1, right 1, left 2, ...): words 0..V-1, V: rare word, V+1: beyond the sentence;
        // each position's ids are shifted by (V + 2) · position.
        var contextsPerSide = words.Length + 2;
        var window = _options.Window;
        var contextLists = new Dictionary<int, long>[words.Length];
        for (var r = 0; r < words.Length; r++)
        {
            contextLists[r] = [];
        }

        foreach (var sentence in corpus)
        {
            for (var i = 0; i < sentence.Length; i++)
            {
                var r = rank[sentence[i]];
                if (r < 0)
                {
                    continue;
                }

                var list = contextLists[r];
                for (var d = 1; d <= window; d++)
                {
                    var left = (contextsPerSide * 2 * (d - 1)) + (i - d < 0 ? words.Length + 1 : Context(sentence[i - d]));
                    var right = (contextsPerSide * ((2 * d) - 1)) + (i + d >= sentence.Length ? words.Length + 1 : Context(sentence[i + d]));
                    list[left] = list.GetValueOrDefault(left) + 1;
                    list[right] = list.GetValueOrDefault(right) + 1;
                }
            }
        }

        var vocabulary = new Vocabulary(
            [.. words.Select(w => counts[ids[w]])],
            [.. contextLists.Select(l => l.Keys.Order().ToArray())],
            [.. contextLists.Select(l => l.OrderBy(p => p.Key).Select(p => (double)p.Value).ToArray())],
            2 * window * contextsPerSide,
            2 * window);

        var paths = new ulong[words.Length];
        var depths = new byte[words.Length];
        var splitter = new Splitter(vocabulary, _options.MaxPasses);
        var pending = new Stack<(int[] Members, int Depth)>();
        pending.Push(([.. Enumerable.Range(0, words.Length)], 0));
        while (pending.Count > 0)
        {
            var (members, depth) = pending.Pop();
            if (members.Length < 2 || depth >= _options.MaxDepth)
            {
                continue;
            }

            var side = splitter.Split(members, out var gain);
            if (gain <= MinimumGain)
            {
                continue; // the words are interchangeable in their contexts: a leaf
            }

            var halves = new List<int>[] { [], [] };
            foreach (var (member, right) in members.Zip(side))
            {
                halves[right ? 1 : 0].Add(member);
                paths[member] |= right ? 1UL << depth : 0;
                depths[member] = (byte)(depth + 1);
            }

            pending.Push(([.. halves[1]], depth + 1));
            pending.Push(([.. halves[0]], depth + 1));
        }

        var entries = new WordClusters.Entry[words.Length];
        for (var r = 0; r < words.Length; r++)
        {
            entries[r] = new WordClusters.Entry(words[r], paths[r], depths[r], counts[ids[words[r]]]);
        }

        return new WordClusters(entries);

        int Context(int id) => rank[id] >= 0 ? rank[id] : words.Length;
    }

    // A split must raise the log likelihood by more than rounding noise.
    private const double MinimumGain = 1e-6;

    /// <summary>Per clustered word (by rank): its count and its sparse context counts; every token has <paramref name="Positions"/> contexts.</summary>
    private sealed record Vocabulary(long[] Counts, int[][] Contexts, double[][] ContextCounts, int ContextCount, int Positions);

    /// <summary>Two-way exchange over a subset of the vocabulary; the context count arrays are reused between splits.</summary>
    private sealed class Splitter(Vocabulary vocabulary, int maxPasses)
    {
        private readonly double[][] _byContext = [new double[vocabulary.ContextCount], new double[vocabulary.ContextCount]];

        /// <summary>For each member: true when it goes to the right half; <paramref name="gain"/>: the log likelihood gained over no split.</summary>
        public bool[] Split(int[] members, out double gain)
        {
            var side = new bool[members.Length];
            var totals = new double[2];
            // Members arrive in rank order (most frequent first); alternating spreads frequent words over both halves.
            for (var m = 0; m < members.Length; m++)
            {
                side[m] = (m & 1) == 1;
                Add(members[m], side[m] ? 1 : 0, 1);
                totals[side[m] ? 1 : 0] += vocabulary.Counts[members[m]];
            }

            for (var pass = 0; pass < maxPasses; pass++)
            {
                var moved = 0;
                for (var m = 0; m < members.Length; m++)
                {
                    var word = members[m];
                    int from = side[m] ? 1 : 0, to = 1 - from;
                    double count = vocabulary.Counts[word];
                    if (totals[from] - count <= 0)
                    {
                        continue; // never empty a half
                    }

                    var moveGain = vocabulary.Positions * (XLogX(totals[from]) - XLogX(totals[from] - count) + XLogX(totals[to]) - XLogX(totals[to] + count));
                    var contexts = vocabulary.Contexts[word];
                    var values = vocabulary.ContextCounts[word];
                    double[] source = _byContext[from], target = _byContext[to];
                    for (var k = 0; k < contexts.Length; k++)
                    {
                        var n = values[k];
                        var a = source[contexts[k]];
                        var b = target[contexts[k]];
                        moveGain += XLogX(a - n) - XLogX(a) + XLogX(b + n) - XLogX(b);
                    }

                    if (moveGain <= 1e-9)
                    {
                        continue;
                    }

                    Add(word, from, -1);
                    Add(word, to, 1);
                    totals[from] -= count;
                    totals[to] += count;
                    side[m] = !side[m];
                    moved++;
                }

                if (moved == 0)
                {
                    break;
                }
            }

            // Each context once (its counts are zeroed when first seen), which also clears the arrays for the next split.
            gain = vocabulary.Positions * (XLogX(totals[0] + totals[1]) - XLogX(totals[0]) - XLogX(totals[1]));
            foreach (var member in members)
            {
                foreach (var context in vocabulary.Contexts[member])
                {
                    double a = _byContext[0][context], b = _byContext[1][context];
                    gain += XLogX(a) + XLogX(b) - XLogX(a + b);
                    _byContext[0][context] = 0;
                    _byContext[1][context] = 0;
                }
            }

            return side;
        }

        private void Add(int word, int half, int sign)
        {
            var counts = _byContext[half];
            var contexts = vocabulary.Contexts[word];
            var values = vocabulary.ContextCounts[word];
            for (var k = 0; k < contexts.Length; k++)
            {
                counts[contexts[k]] += sign * values[k];
            }
        }

        private static double XLogX(double x) => x <= 0 ? 0 : x * Math.Log(x);
    }
}
