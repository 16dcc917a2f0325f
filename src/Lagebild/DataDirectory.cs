namespace Lagebild;

/// <summary>
/// Where language resources and trained models live: data/ next to the assembly (copied there by the build),
/// or a directory the caller names.
/// </summary>
public sealed class DataDirectory
{
    public DataDirectory(string root)
    {
        ArgumentNullException.ThrowIfNull(root);
        Root = Path.GetFullPath(root);
    }

    public string Root { get; }

    public static DataDirectory Default()
    {
        var fromEnvironment = Environment.GetEnvironmentVariable("LAGEBILD_DATA");
        if (!string.IsNullOrEmpty(fromEnvironment))
        {
            return new DataDirectory(fromEnvironment);
        }

        return new DataDirectory(Path.Combine(AppContext.BaseDirectory, "data"));
    }

    /// <summary>Path of a file under data/, e.g. Resolve("de", "abbreviations.txt").</summary>
    public string Resolve(params string[] parts) => Path.Combine([Root, .. parts]);

    public bool Exists(params string[] parts) => File.Exists(Resolve(parts));
}
