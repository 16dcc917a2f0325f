using Lagebild.Documents;

namespace Lagebild.Pipeline;

/// <summary>
/// An explicit ordered list of stages, checked once when built: every layer a stage reads must be written by an
/// earlier stage, and no layer is written twice.
/// </summary>
public sealed class AnalysisPipeline
{
    public AnalysisPipeline(IReadOnlyList<IStage> stages)
    {
        ArgumentNullException.ThrowIfNull(stages);
        Validate(stages);
        Stages = stages;
    }

    public IReadOnlyList<IStage> Stages { get; }

    public AnalysisContext Run(Article article, AnalysisOptions? options = null, CancellationToken cancellationToken = default)
    {
        var context = new AnalysisContext(article, options ?? AnalysisOptions.Default);
        foreach (var stage in Stages)
        {
            cancellationToken.ThrowIfCancellationRequested();
            stage.Run(context);
            context.RecordStage(stage.Name);
            foreach (var written in stage.Writes)
            {
                if (!context.Has(written))
                {
                    throw new InvalidOperationException($"Stage '{stage.Name}' declared that it writes '{written.Name}' but did not.");
                }
            }
        }

        return context;
    }

    private static void Validate(IReadOnlyList<IStage> stages)
    {
        var available = new HashSet<LayerKey> { Layers.Article };
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var stage in stages)
        {
            if (string.IsNullOrWhiteSpace(stage.Name) || !names.Add(stage.Name))
            {
                throw new PipelineConfigurationException($"Stage name '{stage.Name}' is empty or used twice.");
            }

            foreach (var read in stage.Reads)
            {
                if (!available.Contains(read))
                {
                    throw new PipelineConfigurationException(
                        $"Stage '{stage.Name}' reads layer '{read.Name}', which no earlier stage writes.");
                }
            }

            foreach (var written in stage.Writes)
            {
                if (!available.Add(written))
                {
                    throw new PipelineConfigurationException(
                        $"Stage '{stage.Name}' writes layer '{written.Name}', which an earlier stage already writes.");
                }
            }
        }
    }
}

public sealed class PipelineConfigurationException(string message) : Exception(message);
