using Lagebild.Documents;
using Lagebild.Pipeline;
using Lagebild.Text;

namespace Lagebild.Nlp.Parsing;

/// <summary>
/// Labelled dependency trees for every sentence, from the parser model of the article's language
/// (data/models/&lt;lang&gt;/parser.bin, loaded once on first use) over the tokens and their morphology. For a
/// language without a model, or tokens left without morphology, the layer is marked "und" and the stage adds one
/// warning.
/// </summary>
public sealed class DependencyParsingStage : IStage
{
    private readonly Lazy<string> _fingerprint;
    private readonly LanguageModels<DependencyParser> _parsers;

    public DependencyParsingStage(DataDirectory data)
    {
        ArgumentNullException.ThrowIfNull(data);
        _fingerprint = new Lazy<string>(() => ModelFingerprint.Of(data, DependencyParser.ModelFileName), LazyThreadSafetyMode.ExecutionAndPublication);
        _parsers = new LanguageModels<DependencyParser>(code => DependencyParser.Load(data, code));
    }

    /// <summary>The versioned name with the fingerprint of the models ("nlp.parser.v1-m1a2b3c4d5e6f"), computed once.</summary>
    public string Name => "nlp.parser.v1-m" + _fingerprint.Value;

    public IReadOnlyList<LayerKey> Reads { get; } = [TextLayers.Tokens, MorphologyLayers.Morphology];

    public IReadOnlyList<LayerKey> Writes { get; } = [ParsingLayers.Dependencies];

    /// <summary>The parser for a language, or null when there is no model for it.</summary>
    public DependencyParser? ParserFor(string language)
    {
        return _parsers.For(language);
    }

    public void Run(AnalysisContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var tokens = context.Get(TextLayers.Tokens);
        var morphology = context.Get(MorphologyLayers.Morphology);
        var result = new TokenDependency[tokens.Count];
        var parser = morphology.IsAnalysed ? ParserFor(morphology.ModelLanguage) : null;
        if (parser is null)
        {
            Array.Fill(result, new TokenDependency(-1, "_"));
            if (tokens.Count > 0)
            {
                context.Warn(Name, $"No parser model for language '{morphology.ModelLanguage}'; sentences are left unparsed.");
            }

            context.Set(ParsingLayers.Dependencies, new DependencyLayer("und", result));
            return;
        }

        foreach (var sentence in TokenWindow.BySentence(tokens))
        {
            var start = sentence.Start;
            var arcs = parser.Parse(sentence.Forms(tokens), sentence.Slice(morphology.Tokens));
            for (var i = 0; i < arcs.Length; i++)
            {
                result[start + i] = new TokenDependency(arcs[i].Head == 0 ? -1 : start + arcs[i].Head - 1, arcs[i].Relation);
            }
        }

        context.Set(ParsingLayers.Dependencies, new DependencyLayer(parser.Language, result));
    }
}
