using System.Collections.Concurrent;
using Lagebild.Documents;
using Lagebild.Pipeline;
using Lagebild.Text.Segmentation;

namespace Lagebild.Text;

/// <summary>
/// Tokenises each sentence into surface tokens (<see cref="Tokenizer"/>): words, numbers, punctuation, URLs,
/// e-mail addresses, hashtags. Forms are the covered text; hyphenated compounds and elided parts
/// ("Verteidigungs-") stay whole. Tokens never cross a sentence boundary.
/// </summary>
public sealed class TokenizationStage : IStage
{
    private readonly SegmentationProfiles _profiles;
    private readonly ConcurrentDictionary<SegmentationProfile, Tokenizer> _tokenizers = new();

    public TokenizationStage()
        : this(new SegmentationProfiles(DataDirectory.Default()))
    {
    }

    public TokenizationStage(DataDirectory data)
        : this(new SegmentationProfiles(data))
    {
    }

    public TokenizationStage(SegmentationProfiles profiles)
    {
        ArgumentNullException.ThrowIfNull(profiles);
        _profiles = profiles;
    }

    public string Name => "text.tokens.v1";

    public IReadOnlyList<LayerKey> Reads { get; } = [Layers.Article, TextLayers.Language, TextLayers.Sentences];

    public IReadOnlyList<LayerKey> Writes { get; } = [TextLayers.Tokens];

    public void Run(AnalysisContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var profile = _profiles.For(context.Language);
        var tokenizer = _tokenizers.GetOrAdd(profile, p => new Tokenizer(p));
        var sentences = context.Get(TextLayers.Sentences);
        var tokens = new List<Token>(context.Text.Length / 6);
        for (var s = 0; s < sentences.Count; s++)
        {
            tokenizer.Tokenize(context.Text, sentences[s].Span, s, tokens);
        }

        context.Set<IReadOnlyList<Token>>(TextLayers.Tokens, tokens);
    }
}
