using Lagebild.Documents;
using Lagebild.Nlp.Morphology;
using Lagebild.Pipeline;
using Lagebild.Text;

namespace Lagebild.Nlp.Entities;

/// <summary>
/// Named entities (PER, ORG, LOC, MISC) per sentence from the model of the article's language
/// (data/models/&lt;lang&gt;/ner.bin, loaded once on first use). A language without a model gets an empty layer and
/// one warning. Models that read parts of speech take them from the morphology layer.
/// </summary>
public sealed class EntityRecognitionStage : IStage
{
    private readonly Lazy<string> _fingerprint;
    private readonly LanguageModels<EntityRecognizer> _recognizers;

    public EntityRecognitionStage(DataDirectory data)
    {
        ArgumentNullException.ThrowIfNull(data);
        _fingerprint = new Lazy<string>(() => ModelFingerprint.Of(data, EntityRecognizer.ModelFileName), LazyThreadSafetyMode.ExecutionAndPublication);
        _recognizers = new LanguageModels<EntityRecognizer>(code => EntityRecognizer.Load(data, code));
    }

    /// <summary>The versioned name with the fingerprint of the models ("nlp.entities.v3-m1a2b3c4d5e6f"), computed once.</summary>
    public string Name => "nlp.entities.v3-m" + _fingerprint.Value;

    public IReadOnlyList<LayerKey> Reads { get; } = [TextLayers.Language, TextLayers.Tokens, TextLayers.Sentences, MorphologyLayers.Morphology];

    public IReadOnlyList<LayerKey> Writes { get; } = [EntityLayers.Entities];

    /// <summary>The recogniser for a language, or null when there is no model for it.</summary>
    public EntityRecognizer? RecognizerFor(string language)
    {
        return _recognizers.For(language);
    }

    public void Run(AnalysisContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var tokens = context.Get(TextLayers.Tokens);
        var recognizer = RecognizerFor(context.Language);
        if (recognizer is null)
        {
            if (tokens.Count > 0)
            {
                context.Warn(Name, $"No entity model for language '{context.Language}'; no entities are marked.");
            }

            context.Set<IReadOnlyList<Entity>>(EntityLayers.Entities, []);
            return;
        }

        var morphology = context.Has(MorphologyLayers.Morphology) ? context.Get(MorphologyLayers.Morphology) : null;
        context.Set<IReadOnlyList<Entity>>(EntityLayers.Entities, Recognize(recognizer, tokens, morphology));
    }

    /// <summary>
    /// Entities over tokens grouped into sentences by <see cref="Token.SentenceIndex"/>; parts of speech from
    /// <paramref name="morphology"/> when it analyses these tokens in the model's language, else from the recogniser's tagger.
    /// </summary>
    public static List<Entity> Recognize(EntityRecognizer recognizer, IReadOnlyList<Token> tokens, MorphologyLayer? morphology = null)
    {
        ArgumentNullException.ThrowIfNull(recognizer);
        ArgumentNullException.ThrowIfNull(tokens);
        var entities = new List<Entity>();
        var usable = recognizer.Model.UsesPartOfSpeech && morphology is not null && morphology.IsAnalysed
            && morphology.Tokens.Count == tokens.Count && string.Equals(morphology.ModelLanguage, recognizer.Language, StringComparison.Ordinal);
        // The article is one document: mentions found earlier mark their repeats (when the model uses a memory).
        var memory = recognizer.NewDocumentMemory();
        foreach (var sentence in TokenWindow.BySentence(tokens))
        {
            var start = sentence.Start;
            var tags = usable ? EntityRecognizer.FromAnalyses(sentence.Slice(morphology!.Tokens)) : null;
            foreach (var mention in recognizer.Recognize(sentence.Forms(tokens), tags, memory))
            {
                var first = tokens[start + mention.Start];
                var last = tokens[start + mention.End - 1];
                entities.Add(new Entity(Span.FromBounds(first.Span.Start, last.Span.End), mention.Type, start + mention.Start, mention.Length));
            }
        }

        return entities;
    }
}
