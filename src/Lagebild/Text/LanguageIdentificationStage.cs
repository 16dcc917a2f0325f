using Lagebild.Documents;
using Lagebild.Pipeline;

namespace Lagebild.Text;

/// <summary>PLACEHOLDER: the trained language identifier replaces this file.</summary>
public sealed class LanguageIdentificationStage : IStage
{
    public string Name => "text.language.v0";

    public IReadOnlyList<LayerKey> Reads { get; } = [Layers.Article];

    public IReadOnlyList<LayerKey> Writes { get; } = [Layers.Language];

    public void Run(AnalysisContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Set(Layers.Language, new LanguageGuess(context.Article.Metadata.Language ?? "und", 0, "declared"));
    }
}
