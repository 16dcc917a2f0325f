using Lagebild.Documents;
using Lagebild.Pipeline;

namespace Lagebild.Text;

/// <summary>PLACEHOLDER: whitespace tokens; the tokenizer replaces this file.</summary>
public sealed class TokenizationStage : IStage
{
    public string Name => "text.tokens.v0";

    public IReadOnlyList<LayerKey> Reads { get; } = [Layers.Article, Layers.Language, Layers.Sentences];

    public IReadOnlyList<LayerKey> Writes { get; } = [Layers.Tokens];

    public void Run(AnalysisContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var text = context.Text;
        var tokens = new List<Token>();
        var sentences = context.Get(Layers.Sentences);
        for (var s = 0; s < sentences.Count; s++)
        {
            var span = sentences[s].Span;
            var i = span.Start;
            while (i < span.End)
            {
                while (i < span.End && char.IsWhiteSpace(text[i]))
                {
                    i++;
                }

                var start = i;
                while (i < span.End && !char.IsWhiteSpace(text[i]))
                {
                    i++;
                }

                if (i > start)
                {
                    var tokenSpan = Span.FromBounds(start, i);
                    tokens.Add(new Token(tokenSpan, tokenSpan.Of(text), TokenKind.Word, s));
                }
            }
        }

        context.Set<IReadOnlyList<Token>>(Layers.Tokens, tokens);
    }
}
