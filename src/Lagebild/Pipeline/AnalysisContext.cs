using Lagebild.Documents;

namespace Lagebild.Pipeline;

/// <summary>The article under analysis and the layers written so far.</summary>
public sealed class AnalysisContext
{
    private readonly Dictionary<LayerKey, object> _layers = [];
    private readonly List<LayerKey> _written = [];
    private readonly List<AnalysisWarning> _warnings = [];
    private readonly Dictionary<string, string> _stageVersions = new(StringComparer.Ordinal);

    public AnalysisContext(Article article, AnalysisOptions options)
    {
        ArgumentNullException.ThrowIfNull(article);
        ArgumentNullException.ThrowIfNull(options);
        Article = article;
        Options = options;
        _layers[Layers.Article] = article;
        _written.Add(Layers.Article);
        foreach (var warning in article.InputWarnings)
        {
            _warnings.Add(new AnalysisWarning(InputStage, warning, null));
        }
    }

    /// <summary>The stage name reader warnings carry (invalid UTF-8, a split file): reading is not a pipeline stage.</summary>
    public const string InputStage = "ingest";

    public Article Article { get; }

    public AnalysisOptions Options { get; }

    public string Text => Article.Text;

    /// <summary>
    /// The reference date for relative expressions: the article's publication date, else the one given by the caller.
    /// Stages never fall back to the clock.
    /// </summary>
    public DateTimeOffset? ReferenceDate => Article.Metadata.Published ?? Options.Published;

    /// <summary>The language the text stages use: forced, declared, or detected, else "und".</summary>
    public string Language =>
        Options.ForcedLanguage
        ?? DetectedLanguage
        ?? Article.Metadata.Language
        ?? "und";

    /// <summary>The language a stage found in the body (see <see cref="SetDetectedLanguage"/>), or null before one has.</summary>
    public string? DetectedLanguage { get; private set; }

    /// <summary>The layers written so far, in the order they were first written (the article first).</summary>
    public IReadOnlyList<LayerKey> WrittenLayers => _written;

    public IReadOnlyList<AnalysisWarning> Warnings => _warnings;

    /// <summary>Stage name → version of every stage that ran, e.g. "text.sentences" → "v1".</summary>
    public IReadOnlyDictionary<string, string> StageVersions => _stageVersions;

    public bool Has(LayerKey key) => _layers.ContainsKey(key);

    public T Get<T>(LayerKey<T> key)
        where T : notnull
    {
        ArgumentNullException.ThrowIfNull(key);
        if (_layers.TryGetValue(key, out var value))
        {
            return (T)value;
        }

        throw new InvalidOperationException($"Layer '{key.Name}' has not been written; the pipeline order is wrong.");
    }

    public bool TryGet<T>(LayerKey<T> key, out T value)
        where T : notnull
    {
        ArgumentNullException.ThrowIfNull(key);
        if (_layers.TryGetValue(key, out var stored))
        {
            value = (T)stored;
            return true;
        }

        value = default!;
        return false;
    }

    public void Set<T>(LayerKey<T> key, T value)
        where T : notnull
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(value);
        if (_layers.TryAdd(key, value))
        {
            _written.Add(key);
        }
        else
        {
            _layers[key] = value;
        }
    }

    /// <summary>
    /// Records the language a stage detected, which <see cref="Language"/> prefers over the input's declaration
    /// (a language forced by the caller still wins).
    /// </summary>
    public void SetDetectedLanguage(string code)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(code);
        DetectedLanguage = code;
    }

    public void Warn(string stage, string message, Documents.Span? span = null) =>
        _warnings.Add(new AnalysisWarning(stage, message, span));

    internal void RecordStage(string versionedName)
    {
        var cut = versionedName.LastIndexOf('.');
        if (cut > 0 && cut + 1 < versionedName.Length && versionedName[cut + 1] == 'v')
        {
            _stageVersions[versionedName[..cut]] = versionedName[(cut + 1)..];
        }
        else
        {
            _stageVersions[versionedName] = "";
        }
    }
}

/// <summary>Caller choices that apply to one analysis run.</summary>
public sealed record AnalysisOptions
{
    public static AnalysisOptions Default { get; } = new();

    /// <summary>Language forced by the caller (--lang de), bypassing detection for the language-specific stages.</summary>
    public string? ForcedLanguage { get; init; }

    /// <summary>Publication date given by the caller, used when the article carries none.</summary>
    public DateTimeOffset? Published { get; init; }
}
