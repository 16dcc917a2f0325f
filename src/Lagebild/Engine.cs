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
/// The stages come from <see cref="Registry"/>, an explicit list in pipeline order; a caller may leave some out
/// (<see cref="EngineOptions.SkipStages"/>, <see cref="EngineOptions.Profile"/>), and what remains is checked.
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

    /// <summary>
    /// Every stage the engine knows, in pipeline order. A new stage is one line here; its layer keys, contract
    /// section, report lines and stored form live in its own folder.
    /// </summary>
    public static IReadOnlyList<StageRegistration> Registry { get; } =
    [
        new("language", "language identification", r => new LanguageIdentificationStage(r.Data)),
        new("sentences", "sentence segmentation", r => new SentenceSegmentationStage(r.Segmentation)),
        new("tokens", "tokenisation", r => new TokenizationStage(r.Segmentation)),
        new("morphology", "part of speech, features and lemmas", r => new MorphologyStage(r.Data)),
        new("parser", "dependency parsing", r => new DependencyParsingStage(r.Data)),
        new("entities", "named-entity recognition", r => new EntityRecognitionStage(r.Data)),
        new("linking", "actors linked to the knowledge base", r => new ActorLinkingStage(r.Linking)),
        new("coreference", "coreference chains over the actors", r => new CoreferenceStage(r.Linking)),
    ];

    /// <summary>Named choices of stages; "full" (every registered stage) is the default.</summary>
    public static IReadOnlyList<StageProfile> Profiles { get; } =
    [
        new(StageProfile.Full, "every stage", null),
        new("nlp", "everything but the knowledge base; no actors, no coreference", ["language", "sentences", "tokens", "morphology", "parser", "entities"]),
        new("fast", "up to tokens and morphology; no parser, entities or actors", ["language", "sentences", "tokens", "morphology"]),
        new("text", "language, sentences and tokens only; no trained model but language identification", ["language", "sentences", "tokens"]),
    ];

    public DataDirectory Data { get; }

    public AnalysisPipeline Pipeline { get; }

    /// <summary>Dictionary entries that could not be read (shipped or the caller's); loads the knowledge base if needed.</summary>
    public IReadOnlyList<Knowledge.Dictionaries.DictionaryIssue> DictionaryIssues => _linking.LoadIssues;

    /// <summary>
    /// The engine with every registered stage over <paramref name="data"/> (default: data/ beside the assembly);
    /// <paramref name="dictionaries"/> are folders of the caller's actor and agent files, applied after the shipped
    /// knowledge base.
    /// </summary>
    public static Engine Create(DataDirectory? data = null, IReadOnlyList<string>? dictionaries = null)
    {
        var created = TryCreate(new EngineOptions { Data = data, Dictionaries = dictionaries ?? [] }, out var engine, out var error);
        return created ? engine! : throw new PipelineConfigurationException(error!);
    }

    /// <summary>
    /// The engine with the stages <paramref name="options"/> choose. False, with a message naming the stage and the
    /// layer it misses (or the unknown name), when the choice is inconsistent.
    /// </summary>
    public static bool TryCreate(EngineOptions options, out Engine? engine, out string? error)
    {
        ArgumentNullException.ThrowIfNull(options);
        engine = null;
        var data = options.Data ?? DataDirectory.Default();
        // The knowledge base loads on the first article that needs it (about a second), once per engine.
        var linking = new LinkingResources(data, options.Dictionaries);
        var resources = new StageResources(data, new SegmentationProfiles(data), linking);
        if (!StageSelection.TryChoose(options.Registry ?? Registry, options.Profiles ?? Profiles, options.Profile, options.SkipStages, out var chosen, out error))
        {
            return false;
        }

        var stages = chosen.Select(registration => registration.Create(resources)).ToList();
        if (!StageSelection.TryCheck(options.Registry ?? Registry, chosen, stages, resources, out error))
        {
            return false;
        }

        engine = new Engine(data, new AnalysisPipeline(stages), linking);
        return true;
    }
}

/// <summary>What an engine is built from; every member has a default (the full pipeline over the shipped data).</summary>
public sealed record EngineOptions
{
    /// <summary>The data directory; null is data/ beside the assembly.</summary>
    public DataDirectory? Data { get; init; }

    /// <summary>Folders of the caller's actor and agent files, applied after the shipped knowledge base.</summary>
    public IReadOnlyList<string> Dictionaries { get; init; } = [];

    /// <summary>A profile of <see cref="Engine.Profiles"/>; null is "full".</summary>
    public string? Profile { get; init; }

    /// <summary>Short names of registered stages to leave out, on top of the profile.</summary>
    public IReadOnlyList<string> SkipStages { get; init; } = [];

    /// <summary>The stages to choose from; null is <see cref="Engine.Registry"/> (tests and extensions add their own).</summary>
    public IReadOnlyList<StageRegistration>? Registry { get; init; }

    /// <summary>The profiles to choose from; null is <see cref="Engine.Profiles"/>.</summary>
    public IReadOnlyList<StageProfile>? Profiles { get; init; }
}
