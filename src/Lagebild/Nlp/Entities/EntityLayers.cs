using Lagebild.Pipeline;

namespace Lagebild.Nlp.Entities;

/// <summary>The layer of <see cref="EntityRecognitionStage"/>.</summary>
public static class EntityLayers
{
    /// <summary>
    /// Named entities (PER, ORG, LOC, MISC) with their character spans and token ranges, in text order. Actor linking
    /// turns them into the contract's entities, so this layer adds nothing to the outputs itself.
    /// </summary>
    public static readonly LayerKey<IReadOnlyList<Entity>> Entities = new("entities");
}
