namespace Lagebild.Pipeline;

/// <summary>
/// One step of the analysis. A stage reads layers written before it and writes its own; it never edits the
/// text or another stage's layer, never reads the clock, and is safe to call from several threads.
/// </summary>
public interface IStage
{
    /// <summary>Versioned name stored with the output, e.g. "text.sentences.v1".</summary>
    string Name { get; }

    IReadOnlyList<LayerKey> Reads { get; }

    IReadOnlyList<LayerKey> Writes { get; }

    void Run(AnalysisContext context);
}
