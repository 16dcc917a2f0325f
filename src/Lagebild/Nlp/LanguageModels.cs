using System.Collections.Concurrent;

namespace Lagebild.Nlp;

/// <summary>
/// The models of one kind per language, each loaded once on first use and shared between threads; a language
/// without a model maps to null.
/// </summary>
public sealed class LanguageModels<TModel>
    where TModel : class
{
    private readonly ConcurrentDictionary<string, Lazy<TModel?>> _models = new(StringComparer.Ordinal);
    private readonly Func<string, TModel?> _load;

    public LanguageModels(Func<string, TModel?> load)
    {
        ArgumentNullException.ThrowIfNull(load);
        _load = load;
    }

    public TModel? For(string language)
    {
        ArgumentNullException.ThrowIfNull(language);
        return _models.GetOrAdd(language, code => new Lazy<TModel?>(() => _load(code))).Value;
    }
}
