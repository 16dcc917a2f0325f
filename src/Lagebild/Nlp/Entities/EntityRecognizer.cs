namespace Lagebild.Nlp.Entities;

/// <summary>
/// Named-entity recognition for one language with the shipped model data/models/&lt;lang&gt;/ner.bin. Thread-safe:
/// each call uses its own scratch buffers.
/// </summary>
public sealed class EntityRecognizer
{
    public const string ModelFileName = "ner.bin";

    [ThreadStatic]
    private static NerFeatures.Sentence? t_scratch;

    public EntityRecognizer(NerModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        Model = model;
    }

    public NerModel Model { get; }

    public string Language => Model.Language;

    /// <summary>The path of the shipped model for <paramref name="language"/>.</summary>
    public static string ModelPath(DataDirectory data, string language)
    {
        ArgumentNullException.ThrowIfNull(data);
        return data.Resolve("models", language, ModelFileName);
    }

    /// <summary>The recogniser for <paramref name="language"/>, or null when no model is shipped for it.</summary>
    public static EntityRecognizer? Load(DataDirectory data, string language)
    {
        ArgumentNullException.ThrowIfNull(language);
        if (language.Length == 0 || language.Contains('/', StringComparison.Ordinal) || language.Contains('\\', StringComparison.Ordinal) || language.Contains("..", StringComparison.Ordinal))
        {
            return null;
        }

        var path = ModelPath(data, language);
        return File.Exists(path) ? new EntityRecognizer(NerModel.Load(path)) : null;
    }

    /// <summary>BIO labels (see <see cref="NerLabels"/>) for the tokens of one sentence.</summary>
    public byte[] Label(IReadOnlyList<string> tokens)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        var labels = new byte[tokens.Count];
        Model.Tag(tokens, labels, t_scratch ??= new NerFeatures.Sentence());
        return labels;
    }

    /// <summary>BIO tags ("B-PER", "I-PER", "O", ...) for the tokens of one sentence.</summary>
    public string[] Tag(IReadOnlyList<string> tokens) => Array.ConvertAll(Label(tokens), l => NerLabels.Name(l));

    /// <summary>The mentions in one sentence, as token ranges.</summary>
    public IReadOnlyList<TokenMention> Recognize(IReadOnlyList<string> tokens) => NerLabels.Mentions(Label(tokens));
}
