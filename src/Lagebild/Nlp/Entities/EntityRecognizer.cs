using Lagebild.Nlp.Morphology;

namespace Lagebild.Nlp.Entities;

/// <summary>
/// Named-entity recognition for one language with the shipped model data/models/&lt;lang&gt;/ner.bin. A model that
/// reads parts of speech gets them from the caller (the pipeline's morphology layer) or, when the caller has none,
/// from the language's tagger (data/models/&lt;lang&gt;/tagger.bin, loaded on first need). Thread-safe: each call
/// uses its own scratch buffers.
/// </summary>
public sealed class EntityRecognizer
{
    public const string ModelFileName = "ner.bin";

    [ThreadStatic]
    private static NerFeatures.Sentence? t_scratch;

    private readonly Lazy<MorphTagger?> _tagger;

    /// <param name="loadTagger">Loads the tagger whose tags the model reads, or returns null (tags then count as unknown).</param>
    public EntityRecognizer(NerModel model, Func<MorphTagger?>? loadTagger = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        Model = model;
        _tagger = new Lazy<MorphTagger?>(loadTagger ?? (() => null));
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
        return File.Exists(path) ? WithShippedTagger(NerModel.Load(path), data) : null;
    }

    /// <summary>A recogniser for <paramref name="model"/> that tags with the shipped tagger of the model's language.</summary>
    public static EntityRecognizer WithShippedTagger(NerModel model, DataDirectory data)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(data);
        return new EntityRecognizer(model, () => MorphologyAnalyzer.Load(data, model.Language)?.Tagger);
    }

    /// <summary>The tags the model reads for a sentence: null when it reads none or no tagger is available.</summary>
    public NerTags? TagsFor(IReadOnlyList<string> tokens)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        if (!Model.UsesPartOfSpeech || tokens.Count == 0 || _tagger.Value is not { } tagger)
        {
            return null;
        }

        return FromAnalyses(tagger.Tag(tokens));
    }

    /// <summary>Tags as the model reads them from analyses of the morphology layer.</summary>
    public static NerTags FromAnalyses(IReadOnlyList<MorphAnalysis> analyses)
    {
        ArgumentNullException.ThrowIfNull(analyses);
        var upos = new string[analyses.Count];
        var xpos = new string[analyses.Count];
        for (var i = 0; i < analyses.Count; i++)
        {
            upos[i] = analyses[i].Upos;
            xpos[i] = analyses[i].Xpos;
        }

        return new NerTags(upos, xpos);
    }

    /// <summary>The sentence with the tags the model reads added, unless it has them already.</summary>
    public NerSentence WithTags(NerSentence sentence)
    {
        ArgumentNullException.ThrowIfNull(sentence);
        return sentence.Tags is not null || !Model.UsesPartOfSpeech ? sentence : sentence with { Tags = TagsFor(sentence.Tokens) };
    }

    /// <summary>A memory of mentions for one document or input stream (pass it to every sentence in order), or null when the model tags sentences alone.</summary>
    public NerMentionMemory? NewDocumentMemory() => Model.NewMemory();

    /// <summary>BIO labels (see <see cref="NerLabels"/>) for the tokens of one sentence; tags: the morphology layer's, if at hand.</summary>
    /// <param name="memory">The document's memory (see <see cref="NewDocumentMemory"/>): earlier mentions mark repeats; null: the sentence alone.</param>
    public byte[] Label(IReadOnlyList<string> tokens, NerTags? tags = null, NerMentionMemory? memory = null)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        var labels = new byte[tokens.Count];
        if (Model.UsesPartOfSpeech && tags is null)
        {
            tags = TagsFor(tokens);
        }

        Model.Tag(tokens, tags, labels, t_scratch ??= new NerFeatures.Sentence(), memory);
        return labels;
    }

    /// <summary>BIO tags ("B-PER", "I-PER", "O", ...) for the tokens of one sentence.</summary>
    public string[] Tag(IReadOnlyList<string> tokens, NerTags? tags = null, NerMentionMemory? memory = null) => Array.ConvertAll(Label(tokens, tags, memory), l => NerLabels.Name(l));

    /// <summary>The mentions in one sentence, as token ranges.</summary>
    public IReadOnlyList<TokenMention> Recognize(IReadOnlyList<string> tokens, NerTags? tags = null, NerMentionMemory? memory = null) => NerLabels.Mentions(Label(tokens, tags, memory));
}
