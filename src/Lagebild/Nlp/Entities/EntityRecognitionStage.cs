using Lagebild.Documents;
using Lagebild.Pipeline;

namespace Lagebild.Nlp.Entities;

/// <summary>
/// Named entities (PER, ORG, LOC, MISC) per sentence from the model of the article's language
/// (data/models/&lt;lang&gt;/ner.bin, loaded once on first use). A language without a model gets an empty layer and
/// one warning.
/// </summary>
public sealed class EntityRecognitionStage : IStage
{
    private readonly LanguageModels<EntityRecognizer> _recognizers;

    public EntityRecognitionStage(DataDirectory data)
    {
        ArgumentNullException.ThrowIfNull(data);
        _recognizers = new LanguageModels<EntityRecognizer>(code => EntityRecognizer.Load(data, code));
    }

    public string Name => "nlp.entities.v1";

    public IReadOnlyList<LayerKey> Reads { get; } = [Layers.Language, Layers.Tokens, Layers.Sentences];

    public IReadOnlyList<LayerKey> Writes { get; } = [Layers.Entities];

    /// <summary>The recogniser for a language, or null when there is no model for it.</summary>
    public EntityRecognizer? RecognizerFor(string language)
    {
        return _recognizers.For(language);
    }

    public void Run(AnalysisContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var tokens = context.Get(Layers.Tokens);
        var recognizer = RecognizerFor(context.Language);
        if (recognizer is null)
        {
            if (tokens.Count > 0)
            {
                context.Warn(Name, $"No entity model for language '{context.Language}'; no entities are marked.");
            }

            context.Set<IReadOnlyList<Entity>>(Layers.Entities, []);
            return;
        }

        context.Set<IReadOnlyList<Entity>>(Layers.Entities, Recognize(recognizer, tokens));
    }

    /// <summary>Entities over tokens grouped into sentences by <see cref="Token.SentenceIndex"/>.</summary>
    public static List<Entity> Recognize(EntityRecognizer recognizer, IReadOnlyList<Token> tokens)
    {
        ArgumentNullException.ThrowIfNull(recognizer);
        ArgumentNullException.ThrowIfNull(tokens);
        var entities = new List<Entity>();
        var forms = new List<string>();
        var start = 0;
        while (start < tokens.Count)
        {
            var end = start + 1;
            while (end < tokens.Count && tokens[end].SentenceIndex == tokens[start].SentenceIndex)
            {
                end++;
            }

            forms.Clear();
            for (var i = start; i < end; i++)
            {
                forms.Add(tokens[i].Form);
            }

            foreach (var mention in recognizer.Recognize(forms))
            {
                var first = tokens[start + mention.Start];
                var last = tokens[start + mention.End - 1];
                entities.Add(new Entity(Span.FromBounds(first.Span.Start, last.Span.End), mention.Type, start + mention.Start, mention.Length));
            }

            start = end;
        }

        return entities;
    }
}
