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
        return _models.GetOrAdd(language, code => new Lazy<TModel?>(() => LoadAndSettle(code))).Value;
    }

    private TModel? LoadAndSettle(string language)
    {
        var model = _load(language);
        if (model is not null)
        {
            // Reading a model allocates transient buffers comparable to the model itself; left to the collector, the
            // freed pages stay resident (about 100 MB with both languages). One aggressive collection per model and
            // language hands them back, which keeps both languages under the 300 MB resident budget.
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        }

        return model;
    }
}
