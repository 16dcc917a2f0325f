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
    private Engine(DataDirectory data, AnalysisPipeline pipeline)
    {
        Data = data;
        Pipeline = pipeline;
    }

    public DataDirectory Data { get; }

    public AnalysisPipeline Pipeline { get; }

    public static Engine Create(DataDirectory? data = null)
    {
        data ??= DataDirectory.Default();
        var segmentation = new SegmentationProfiles(data);
        // The knowledge base loads on the first article that needs it (about a second), once per engine.
        var linking = new LinkingResources(data);
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
        return new Engine(data, new AnalysisPipeline(stages));
    }
}
