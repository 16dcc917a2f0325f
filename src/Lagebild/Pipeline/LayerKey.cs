namespace Lagebild.Pipeline;

/// <summary>
/// The name of a layer; stages declare the layers they read and write by key. A key is declared in the folder of
/// the stage that writes it, together with the layer's <see cref="LayerOutput"/> (what it adds to the contract, the
/// report and the store), so the pipeline and the writers know no stage.
/// </summary>
public abstract class LayerKey(string name, LayerOutput? output)
{
    public string Name { get; } = name;

    /// <summary>What the layer adds to the outputs, or null for a layer only later stages read.</summary>
    public LayerOutput? Output { get; } = output;

    public override string ToString() => Name;
}

/// <summary>A layer whose content has type <typeparamref name="T"/>.</summary>
public sealed class LayerKey<T>(string name, LayerOutput? output = null) : LayerKey(name, output)
    where T : notnull;
