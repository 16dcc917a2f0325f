namespace Lagebild.Text.LanguageId;

/// <summary>The answer for one text: an ISO 639-1 code or "und", with the evidence behind it.</summary>
/// <param name="Code">The language, or "und" when the text is not confidently one of the model's languages.</param>
/// <param name="Confidence">Posterior of <paramref name="Best"/> among the model's languages (0 for empty text).</param>
/// <param name="Best">The most likely language even when <paramref name="Code"/> is "und" (or "und" for no evidence).</param>
/// <param name="Coverage">
/// Share of the text's n-grams of order ≥ 2 that <paramref name="Best"/> saw in training, relative to the share a
/// typical unseen text of that language has (about 1 for ordinary text, low for gibberish).
/// </param>
/// <param name="Letters">Letters the decision rests on.</param>
public readonly record struct LanguageIdentification(string Code, double Confidence, string Best, double Coverage, int Letters)
{
    public const string Undetermined = "und";

    public bool IsDetermined => !string.Equals(Code, Undetermined, StringComparison.Ordinal);
}

/// <summary>
/// Identifies the language of a sentence or a document with a trained <see cref="NGramLanguageModel"/>.
/// Thread-safe; load it once and share it.
/// </summary>
public sealed class LanguageIdentifier
{
    /// <summary>File name of a model inside its folder (the shipped one is data/models/langid/langid.bin).</summary>
    public const string ModelFileName = "langid.bin";

    /// <summary>Texts are scored in pieces of this size, so that a long one can stop early.</summary>
    public const int ChunkChars = 256;

    /// <summary>Letters read before a long text may stop early.</summary>
    public const int EarlyStopMinLetters = 200;

    /// <summary>Log-odds (after the order correction) of the leader over the runner-up that end reading: e^30.</summary>
    public const double EarlyStopMargin = 30;

    /// <summary>Relative coverage the leader needs for an early stop: ordinary text of the language, not a fringe case.</summary>
    public const double EarlyStopMinCoverage = 0.8;

    public LanguageIdentifier(NGramLanguageModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        Model = model;
    }

    public NGramLanguageModel Model { get; }

    /// <summary>Languages the model can answer, ISO 639-1.</summary>
    public IReadOnlyList<string> Languages => Model.Languages;

    public string Method => Model.Settings.Method;

    public static LanguageIdentifier Load(DataDirectory data)
    {
        ArgumentNullException.ThrowIfNull(data);
        return Load(ShippedModelPath(data));
    }

    /// <summary>Path of the shipped model under a data directory.</summary>
    public static string ShippedModelPath(DataDirectory data)
    {
        ArgumentNullException.ThrowIfNull(data);
        return data.Resolve("models", "langid", ModelFileName);
    }

    public static LanguageIdentifier Load(string modelPath) => new(NGramLanguageModel.Load(modelPath));

    public LanguageIdentification Identify(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Identify(text.AsSpan());
    }

    public LanguageIdentification Identify(ReadOnlySpan<char> text)
    {
        var languageCount = Model.Languages.Count;
        Span<double> scores = languageCount <= 64 ? stackalloc double[languageCount] : new double[languageCount];
        Span<int> seen = languageCount <= 64 ? stackalloc int[languageCount] : new int[languageCount];
        scores.Clear();
        seen.Clear();
        var letters = 0;
        var coverageNGrams = 0;
        var rest = text;
        while (!rest.IsEmpty)
        {
            var chunk = NextChunk(rest);
            var (chunkLetters, chunkCoverage) = Model.Score(chunk, scores, seen);
            letters += chunkLetters;
            coverageNGrams += chunkCoverage;
            rest = rest[chunk.Length..];

            // Long texts stop once the leader is far ahead and well covered: the rest cannot change the answer.
            if (!rest.IsEmpty && letters >= EarlyStopMinLetters && IsSettled(scores, seen, coverageNGrams))
            {
                break;
            }
        }

        var settings = Model.Settings;
        if (letters < settings.MinLetters)
        {
            return new LanguageIdentification(LanguageIdentification.Undetermined, 0, LanguageIdentification.Undetermined, 0, letters);
        }

        // Each character takes part in MaxOrder overlapping n-grams, which naive Bayes counts as independent
        // evidence; dividing by the order keeps the posterior from being absurdly sure.
        var best = 0;
        for (var i = 1; i < languageCount; i++)
        {
            if (scores[i] > scores[best])
            {
                best = i;
            }
        }

        var scale = 1.0 / Model.MaxOrder;
        var sum = 0.0;
        for (var i = 0; i < languageCount; i++)
        {
            sum += Math.Exp((scores[i] - scores[best]) * scale);
        }

        var confidence = 1.0 / sum;
        if (confidence >= 1 - 1e-12)
        {
            confidence = 1;
        }

        var coverage = coverageNGrams == 0 ? 1.0 : (double)seen[best] / coverageNGrams / Model.ExpectedCoverage[best];
        var bestCode = Model.Languages[best];
        var determined = confidence >= settings.MinConfidence && coverage >= settings.MinCoverage;
        return new LanguageIdentification(determined ? bestCode : LanguageIdentification.Undetermined, confidence, bestCode, coverage, letters);
    }

    /// <summary>The next piece of at most <see cref="ChunkChars"/> characters, cut after whitespace where possible.</summary>
    private static ReadOnlySpan<char> NextChunk(ReadOnlySpan<char> text)
    {
        if (text.Length <= ChunkChars)
        {
            return text;
        }

        var cut = text[..ChunkChars].LastIndexOfAny(' ', '\n', '\t');
        return cut >= ChunkChars / 2 ? text[..(cut + 1)] : text[..ChunkChars];
    }

    private bool IsSettled(ReadOnlySpan<double> scores, ReadOnlySpan<int> seen, int coverageNGrams)
    {
        int best = 0, second = -1;
        for (var i = 1; i < scores.Length; i++)
        {
            if (scores[i] > scores[best])
            {
                second = best;
                best = i;
            }
            else if (second < 0 || scores[i] > scores[second])
            {
                second = i;
            }
        }

        var margin = (scores[best] - scores[second]) / Model.MaxOrder;
        var coverage = coverageNGrams == 0 ? 0 : (double)seen[best] / coverageNGrams / Model.ExpectedCoverage[best];
        return margin >= EarlyStopMargin && coverage >= EarlyStopMinCoverage;
    }
}
