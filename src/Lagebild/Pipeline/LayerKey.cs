namespace Lagebild.Pipeline;

/// <summary>The name of a layer; stages declare the layers they read and write by key.</summary>
public abstract class LayerKey(string name)
{
    public string Name { get; } = name;

    public override string ToString() => Name;
}

/// <summary>A layer whose content has type <typeparamref name="T"/>.</summary>
public sealed class LayerKey<T>(string name) : LayerKey(name)
    where T : notnull;
