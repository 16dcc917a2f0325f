using Lagebild.Nlp.Morphology;
using Lagebild.Pipeline;

namespace Lagebild.Nlp;

/// <summary>The layer of <see cref="MorphologyStage"/> and what it adds to the outputs.</summary>
public static class MorphologyLayers
{
    /// <summary>Part of speech, UD features and lemma per token, indexed like the tokens layer.</summary>
    public static readonly LayerKey<MorphologyLayer> Morphology = new("morphology", new MorphologyOutput());

    /// <summary>"upos", "lemma" and "feats" on each contract token, when a model for the language ran.</summary>
    private sealed class MorphologyOutput : LayerOutput
    {
        public override Action<System.Text.Json.Utf8JsonWriter, int>? TokenFields(AnalysisContext context)
        {
            var layer = context.Get(Morphology);
            if (!layer.IsAnalysed)
            {
                return null;
            }

            var analyses = layer.Tokens;
            return (writer, index) =>
            {
                writer.WriteString("upos", analyses[index].Upos);
                writer.WriteString("lemma", analyses[index].FullLemma);
                writer.WriteString("feats", analyses[index].Feats);
            };
        }
    }
}
