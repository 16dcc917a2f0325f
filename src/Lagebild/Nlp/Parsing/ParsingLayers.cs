using Lagebild.Pipeline;

namespace Lagebild.Nlp.Parsing;

/// <summary>The layer of <see cref="DependencyParsingStage"/> and what it adds to the outputs.</summary>
public static class ParsingLayers
{
    /// <summary>Syntactic head and UD relation per token, indexed like the tokens layer; each sentence is a tree.</summary>
    public static readonly LayerKey<DependencyLayer> Dependencies = new("dependencies", new DependenciesOutput());

    /// <summary>"head" and "deprel" on each contract token, when a parser model for the language ran.</summary>
    private sealed class DependenciesOutput : LayerOutput
    {
        public override Action<System.Text.Json.Utf8JsonWriter, int>? TokenFields(AnalysisContext context)
        {
            var layer = context.Get(Dependencies);
            if (!layer.IsParsed)
            {
                return null;
            }

            var arcs = layer.Tokens;
            return (writer, index) =>
            {
                writer.WriteNumber("head", arcs[index].Head);
                writer.WriteString("deprel", arcs[index].Relation);
            };
        }
    }
}
