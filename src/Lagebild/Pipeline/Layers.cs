using Lagebild.Documents;

namespace Lagebild.Pipeline;

/// <summary>
/// The one layer the pipeline itself provides. Every other layer key lives in the folder of the stage that writes
/// it (Text/TextLayers.cs, Nlp/MorphologyLayers.cs, Knowledge/Linking/LinkingLayers.cs, ...).
/// </summary>
public static class Layers
{
    /// <summary>The article itself (text and metadata); present before the first stage runs.</summary>
    public static readonly LayerKey<Article> Article = new("article");
}
