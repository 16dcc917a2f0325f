using Lagebild.Documents;
using Lagebild.Pipeline;

namespace Lagebild.Text;

/// <summary>PLACEHOLDER: splits on blank lines only; the sentence segmenter replaces this file.</summary>
public sealed class SentenceSegmentationStage : IStage
{
    public string Name => "text.sentences.v0";

    public IReadOnlyList<LayerKey> Reads { get; } = [Layers.Article, Layers.Language];

    public IReadOnlyList<LayerKey> Writes { get; } = [Layers.Sentences];

    public void Run(AnalysisContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var text = context.Text;
        var sentences = new List<Sentence>();
        var start = 0;
        for (var i = 0; i <= text.Length; i++)
        {
            if (i == text.Length || (text[i] == '\n' && i + 1 < text.Length && text[i + 1] == '\n'))
            {
                var span = Span.FromBounds(start, i);
                if (!string.IsNullOrWhiteSpace(span.Of(text)))
                {
                    sentences.Add(new Sentence(span));
                }

                start = i + 1;
            }
        }

        context.Set<IReadOnlyList<Sentence>>(Layers.Sentences, sentences);
    }
}
