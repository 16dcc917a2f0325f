using Lagebild.Documents;
using Lagebild.Nlp.Morphology;
using Lagebild.Pipeline;
using Lagebild.Text;

namespace Lagebild.Nlp;

/// <summary>
/// Part of speech, UD features and lemmas for every token, per sentence, from the model of the article's
/// language (data/models/&lt;lang&gt;/tagger.bin, loaded once on first use). For a language without a model
/// ("und" included) the layer marks every token "X" with its form as lemma and the stage adds one warning.
/// </summary>
public sealed class MorphologyStage : IStage
{
    private readonly Lazy<string> _fingerprint;
    private readonly LanguageModels<MorphologyAnalyzer> _analyzers;

    public MorphologyStage(DataDirectory data)
    {
        ArgumentNullException.ThrowIfNull(data);
        _fingerprint = new Lazy<string>(() => ModelFingerprint.Of(data, MorphologyAnalyzer.ModelFileName), LazyThreadSafetyMode.ExecutionAndPublication);
        _analyzers = new LanguageModels<MorphologyAnalyzer>(code => MorphologyAnalyzer.Load(data, code));
    }

    /// <summary>The versioned name with the fingerprint of the models ("nlp.morphology.v1-m1a2b3c4d5e6f"), computed once.</summary>
    public string Name => "nlp.morphology.v1-m" + _fingerprint.Value;

    public IReadOnlyList<LayerKey> Reads { get; } = [TextLayers.Language, TextLayers.Tokens];

    public IReadOnlyList<LayerKey> Writes { get; } = [MorphologyLayers.Morphology];

    /// <summary>The analyser for a language, or null when there is no model for it.</summary>
    public MorphologyAnalyzer? AnalyzerFor(string language)
    {
        return _analyzers.For(language);
    }

    public void Run(AnalysisContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var tokens = context.Get(TextLayers.Tokens);
        var language = context.Language;
        var analyzer = AnalyzerFor(language);
        var result = new MorphAnalysis[tokens.Count];
        if (analyzer is null)
        {
            for (var i = 0; i < tokens.Count; i++)
            {
                result[i] = new MorphAnalysis("X", "_", "_", tokens[i].Form, tokens[i].Form);
            }

            if (tokens.Count > 0)
            {
                context.Warn(Name, $"No morphology model for language '{language}'; tokens are left unanalysed.");
            }

            context.Set(MorphologyLayers.Morphology, new MorphologyLayer("und", result));
            return;
        }

        foreach (var sentence in TokenWindow.BySentence(tokens))
        {
            analyzer.Analyze(sentence.Forms(tokens)).CopyTo(result, sentence.Start);
        }

        context.Set(MorphologyLayers.Morphology, new MorphologyLayer(analyzer.Tagger.Language, result));
    }
}
