using System.Collections.Concurrent;
using Lagebild.Documents;
using Lagebild.Pipeline;
using Lagebild.Text.Segmentation;

namespace Lagebild.Text;

/// <summary>
/// Splits the article into sentences with one language-neutral algorithm (<see cref="SentenceSplitter"/>)
/// configured per language from data/&lt;lang&gt;/abbreviations.txt and segmentation.json; other languages get
/// the neutral profile.
/// </summary>
public sealed class SentenceSegmentationStage : IStage
{
    private readonly SegmentationProfiles _profiles;
    private readonly ConcurrentDictionary<SegmentationProfile, SentenceSplitter> _splitters = new();

    public SentenceSegmentationStage()
        : this(new SegmentationProfiles(DataDirectory.Default()))
    {
    }

    public SentenceSegmentationStage(DataDirectory data)
        : this(new SegmentationProfiles(data))
    {
    }

    public SentenceSegmentationStage(SegmentationProfiles profiles)
    {
        ArgumentNullException.ThrowIfNull(profiles);
        _profiles = profiles;
    }

    public string Name => "text.sentences.v1";

    public IReadOnlyList<LayerKey> Reads { get; } = [Layers.Article, TextLayers.Language];

    public IReadOnlyList<LayerKey> Writes { get; } = [TextLayers.Sentences];

    public void Run(AnalysisContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var profile = _profiles.For(context.Language);
        var splitter = _splitters.GetOrAdd(profile, p => new SentenceSplitter(p));
        context.Set(TextLayers.Sentences, splitter.Split(context.Text));
    }
}
