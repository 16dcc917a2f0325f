namespace Lagebild.Text.LanguageId;

/// <summary>Hyper-parameters of <see cref="LanguageIdTrainer"/>; the defaults are the ones the shipped model uses.</summary>
public sealed record LanguageIdTrainingOptions
{
    /// <summary>Longest character n-gram.</summary>
    public int MaxOrder { get; init; } = 5;

    /// <summary>Additive (Lidstone) smoothing of the per-language n-gram counts.</summary>
    public double Smoothing { get; init; } = 0.1;

    /// <summary>N-grams seen fewer times than this over all languages are dropped (keeps the model small).</summary>
    public int MinCount { get; init; } = 2;

    public int MinLetters { get; init; } = 3;

    public float MinConfidence { get; init; } = 0.5f;

    /// <summary>Below this share of the language's expected n-gram coverage the answer is "und".</summary>
    public float MinCoverage { get; init; } = 0.55f;
}

/// <summary>
/// Counts hashed character n-grams per language and builds a <see cref="NGramLanguageModel"/>. Deterministic:
/// the same texts (in any order) give the same model bytes. Languages get equal priors whatever their data size.
/// </summary>
public sealed class LanguageIdTrainer
{
    private const int MinCalibrationLetters = 30;

    private readonly LanguageIdTrainingOptions _options;
    private readonly Dictionary<string, int> _languageIndex = new(StringComparer.Ordinal);
    private readonly List<string> _languages = [];

    private readonly List<(int Language, string Text)> _texts = [];

    // Key: n-gram hash (high 32 bits) | order (bits 8..15) | language index (low 8 bits).
    private readonly Dictionary<ulong, int> _counts = [];

    public LanguageIdTrainer(LanguageIdTrainingOptions? options = null)
    {
        _options = options ?? new LanguageIdTrainingOptions();
        if (_options.MaxOrder is < 1 or > CharNGramHasher.MaxSupportedOrder)
        {
            throw new ArgumentOutOfRangeException(nameof(options), _options.MaxOrder, "MaxOrder is out of range.");
        }

        if (_options.Smoothing <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(options), _options.Smoothing, "Smoothing must be positive.");
        }
    }

    public int TextCount { get; private set; }

    /// <summary>Adds one training text (a sentence, a paragraph) of a language given as ISO 639-1 code.</summary>
    public void Add(string language, ReadOnlySpan<char> text)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(language);
        if (!_languageIndex.TryGetValue(language, out var index))
        {
            if (_languages.Count == byte.MaxValue)
            {
                throw new InvalidOperationException("A model holds at most 255 languages.");
            }

            index = _languages.Count;
            _languageIndex.Add(language, index);
            _languages.Add(language);
        }

        var sink = new CountingSink(_counts, (byte)index);
        CharNGramHasher.Visit(text, _options.MaxOrder, ref sink);
        _texts.Add((index, text.ToString()));
        TextCount++;
    }

    public NGramLanguageModel Build()
    {
        if (_languages.Count < 2)
        {
            throw new InvalidOperationException("Training needs texts of at least two languages.");
        }

        var maxOrder = _options.MaxOrder;

        // Languages in ordinal order, so the model does not depend on the order texts arrived in.
        var ordered = _languages.Order(StringComparer.Ordinal).ToArray();
        var remap = new byte[_languages.Count];
        for (var i = 0; i < ordered.Length; i++)
        {
            remap[_languageIndex[ordered[i]]] = (byte)i;
        }

        var languageCount = ordered.Length;
        var tokensPerLanguageOrder = new long[languageCount * maxOrder];
        var totalPerNGram = new Dictionary<ulong, int>();
        foreach (var (composite, count) in _counts)
        {
            var order = (int)((composite >> 8) & 0xFF);
            var language = remap[composite & 0xFF];
            tokensPerLanguageOrder[(language * maxOrder) + order - 1] += count;
            var ngram = composite >> 8;
            totalPerNGram[ngram] = totalPerNGram.GetValueOrDefault(ngram) + count;
        }

        var vocabularyPerOrder = new long[maxOrder + 1];
        var kept = new List<ulong>();
        foreach (var (ngram, total) in totalPerNGram)
        {
            if (total >= _options.MinCount)
            {
                kept.Add(ngram);
                vocabularyPerOrder[(int)(ngram & 0xFF)]++;
            }
        }

        var alpha = _options.Smoothing;
        var unseen = new float[languageCount * maxOrder];
        for (var language = 0; language < languageCount; language++)
        {
            for (var order = 1; order <= maxOrder; order++)
            {
                var slot = (language * maxOrder) + order - 1;
                var denominator = tokensPerLanguageOrder[slot] + (alpha * Math.Max(1, vocabularyPerOrder[order]));
                unseen[slot] = (float)Math.Log(alpha / denominator);
            }
        }

        // Sorted by key (then order), so the model does not depend on dictionary order. The 32-bit key carries the
        // order already (mixed into the hash); two orders clashing on one key is astronomically rare and only
        // merges their entries.
        kept.Sort();
        var originalIndex = new int[languageCount];
        for (var i = 0; i < _languages.Count; i++)
        {
            originalIndex[remap[i]] = i;
        }

        var keys = new List<uint>(kept.Count);
        var entryCounts = new List<byte>(kept.Count);
        var entries = new List<uint>();
        foreach (var ngram in kept)
        {
            var key = (uint)(ngram >> 8);
            var merge = keys.Count > 0 && keys[^1] == key;
            var added = 0;
            for (var language = 0; language < languageCount; language++)
            {
                if (_counts.TryGetValue((ngram << 8) | (uint)originalIndex[language], out var count))
                {
                    // Gain over "unseen": log((c + α) / α), quantised as stored, so a trained and a reloaded model agree.
                    entries.Add(NGramLanguageModel.PackEntry((byte)language, NGramLanguageModel.QuantizeGain(Math.Log((count + alpha) / alpha))));
                    added++;
                }
            }

            if (merge && entryCounts[^1] + added <= byte.MaxValue)
            {
                entryCounts[^1] = (byte)(entryCounts[^1] + added);
            }
            else if (!merge)
            {
                keys.Add(key);
                entryCounts.Add((byte)added);
            }
            else
            {
                entries.RemoveRange(entries.Count - added, added);
            }
        }

        var expectedCoverage = ExpectedCoverage(totalPerNGram, remap, languageCount);
        var settings = new LanguageModelSettings
        {
            MaxOrder = maxOrder,
            MinLetters = _options.MinLetters,
            MinConfidence = _options.MinConfidence,
            MinCoverage = _options.MinCoverage,
        };
        return new NGramLanguageModel(settings, ordered, unseen, expectedCoverage, [.. keys], [.. entryCounts], [.. entries]);
    }

    /// <summary>
    /// Per language, the mean share of a text's n-grams (order ≥ 2) that the model would have seen had the text
    /// not been trained on (leave-one-out). Scripts with many characters and little data (Chinese, Japanese) see
    /// far fewer of their n-grams than alphabetic languages, so "und" is decided relative to this.
    /// </summary>
    private float[] ExpectedCoverage(Dictionary<ulong, int> totalPerNGram, byte[] remap, int languageCount)
    {
        var sum = new double[languageCount];
        var texts = new int[languageCount];
        var own = new Dictionary<ulong, int>();
        foreach (var (language, text) in _texts)
        {
            own.Clear();
            var sink = new CountingSink(own, 0);
            var letters = CharNGramHasher.Visit(text, _options.MaxOrder, ref sink);
            if (letters < MinCalibrationLetters)
            {
                continue;
            }

            long occurrences = 0;
            long seen = 0;
            foreach (var (composite, inText) in own)
            {
                var order = (int)((composite >> 8) & 0xFF);
                if (order < NGramLanguageModel.CoverageMinOrder)
                {
                    continue;
                }

                occurrences += inText;
                var ngram = composite >> 8;
                var inLanguage = _counts[(ngram << 8) | (uint)language] - inText;
                var overall = totalPerNGram[ngram] - inText;
                if (inLanguage > 0 && overall >= _options.MinCount)
                {
                    seen += inText;
                }
            }

            if (occurrences > 0)
            {
                sum[remap[language]] += (double)seen / occurrences;
                texts[remap[language]]++;
            }
        }

        var expected = new float[languageCount];
        for (var i = 0; i < languageCount; i++)
        {
            expected[i] = texts[i] == 0 ? 1f : (float)(sum[i] / texts[i]);
        }

        return expected;
    }

    private readonly struct CountingSink(Dictionary<ulong, int> counts, byte language) : INGramSink
    {
        public void Add(uint key, int order)
        {
            var composite = ((ulong)key << 16) | ((ulong)order << 8) | language;
            ref var count = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(counts, composite, out _);
            count++;
        }
    }
}
