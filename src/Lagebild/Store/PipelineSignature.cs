using Lagebild.Pipeline;

namespace Lagebild.Store;

/// <summary>
/// The set of versioned stage names behind a stored analysis ("text.language.v1 text.sentences.v1 ..."), sorted,
/// so a stored article can be compared with a pipeline without analysing anything.
/// </summary>
public static class PipelineSignature
{
    public static string Of(AnalysisPipeline pipeline)
    {
        ArgumentNullException.ThrowIfNull(pipeline);
        return Join(pipeline.Stages.Select(stage => stage.Name));
    }

    /// <summary>From the stage versions an analysis recorded (name → version, as split by the pipeline).</summary>
    public static string Of(IReadOnlyDictionary<string, string> stageVersions)
    {
        ArgumentNullException.ThrowIfNull(stageVersions);
        return Join(stageVersions.Select(pair => pair.Value.Length == 0 ? pair.Key : pair.Key + "." + pair.Value));
    }

    private static string Join(IEnumerable<string> versionedNames) =>
        string.Join(' ', versionedNames.Order(StringComparer.Ordinal));
}
