using Lagebild.Knowledge.Linking;
using Lagebild.Nlp;
using Lagebild.Nlp.Entities;
using Lagebild.Nlp.Parsing;
using Lagebild.Pipeline;
using Lagebild.Text;
using Lagebild.Text.Segmentation;

namespace Lagebild;

/// <summary>
/// Builds the analysis pipeline from the data directory once; front ends (CLI, server, bench) share one engine.
/// </summary>
public sealed class Engine
{
    private readonly LinkingResources _linking;

    private Engine(DataDirectory data, AnalysisPipeline pipeline, LinkingResources linking)
    {
        Data = data;
        Pipeline = pipeline;
        _linking = linking;
    }

    public DataDirectory Data { get; }

    public AnalysisPipeline Pipeline { get; }

    /// <summary>Dictionary entries that could not be read (shipped or the caller's); loads the knowledge base if needed.</summary>
    public IReadOnlyList<Knowledge.Dictionaries.DictionaryIssue> DictionaryIssues => _linking.LoadIssues;

    /// <summary>
    /// The engine over <paramref name="data"/> (default: data/ beside the assembly); <paramref name="dictionaries"/> are
    /// folders of the caller's actor and agent files, applied after the shipped knowledge base.
    /// </summary>
    public static Engine Create(DataDirectory? data = null, IReadOnlyList<string>? dictionaries = null)
    {
        data ??= DataDirectory.Default();
        var segmentation = new SegmentationProfiles(data);
        // The knowledge base loads on the first article that needs it (about a second), once per engine.
        var linking = new LinkingResources(data, dictionaries ?? []);
        IStage[] stages =
        [
            new LanguageIdentificationStage(data),
            new SentenceSegmentationStage(segmentation),
            new TokenizationStage(segmentation),
            new MorphologyStage(data),
            new DependencyParsingStage(data),
            new EntityRecognitionStage(data),
            new ActorLinkingStage(linking),
            new CoreferenceStage(linking),
        ];
        return new Engine(data, new AnalysisPipeline(stages), linking);
    }
}
