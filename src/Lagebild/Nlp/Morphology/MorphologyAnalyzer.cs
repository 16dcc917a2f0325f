namespace Lagebild.Nlp.Morphology;

/// <summary>
/// Everything the morphology step knows about one language: the trained tagger/lemmatiser from
/// data/models/&lt;lang&gt;/tagger.bin and, where the language has them, the separable verb rules.
/// </summary>
public sealed class MorphologyAnalyzer
{
    public const string ModelFileName = "tagger.bin";

    public MorphologyAnalyzer(MorphTagger tagger, SeparableVerbJoiner? joiner)
    {
        ArgumentNullException.ThrowIfNull(tagger);
        Tagger = tagger;
        Joiner = joiner;
    }

    public MorphTagger Tagger { get; }

    public SeparableVerbJoiner? Joiner { get; }

    /// <summary>Loads the language's model, or returns null when data/models/&lt;lang&gt;/ has none.</summary>
    public static MorphologyAnalyzer? Load(DataDirectory data, string language, string? modelPath = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(language);
        if (language.Length == 0 || !language.All(char.IsAsciiLetterLower))
        {
            return null;
        }

        modelPath ??= data.Resolve("models", language, ModelFileName);
        if (!File.Exists(modelPath))
        {
            return null;
        }

        return new MorphologyAnalyzer(MorphTagger.Load(modelPath), SeparableVerbJoiner.Load(data.Resolve(language, "separable-verbs.txt")));
    }

    /// <summary>Tags and lemmatises one sentence; joins separated verb particles by the given parser pairs, else by the heuristic.</summary>
    public MorphAnalysis[] Analyze(IReadOnlyList<string> forms, IEnumerable<(int Verb, int Particle)>? particlePairs = null)
    {
        var analyses = Tagger.Tag(forms);
        if (particlePairs is not null)
        {
            SeparableVerbJoiner.Join(analyses, particlePairs);
        }
        else
        {
            Joiner?.Join(forms, analyses);
        }

        return analyses;
    }
}
