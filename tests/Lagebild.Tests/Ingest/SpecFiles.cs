using System.Text.Json;

namespace Lagebild.Tests.Ingest;

/// <summary>Golden cases under specs/&lt;stage&gt;/&lt;lang&gt;/*.json, copied next to the test assembly.</summary>
internal static class SpecFiles
{
    public static TheoryData<string> Names(string stage)
    {
        var root = Path.Combine(AppContext.BaseDirectory, "specs", stage);
        var data = new TheoryData<string>();
        foreach (var file in Directory.EnumerateFiles(root, "*.json", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetRelativePath(root, file).Replace('\\', '/'));
        }

        return data;
    }

    public static JsonElement Load(string stage, string name)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "specs", stage, name);
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        return document.RootElement.Clone();
    }

    /// <summary>A string, or an array of lines joined with LF (easier to read in the spec files).</summary>
    public static string? Text(JsonElement element, string property)
    {
        if (!element.TryGetProperty(property, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.Array
            ? string.Join('\n', value.EnumerateArray().Select(line => line.GetString()))
            : value.GetString();
    }

    /// <summary>The repository root (for samples/), found by walking up from the test assembly.</summary>
    public static string RepositoryFile(params string[] parts)
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null)
        {
            var candidate = Path.Combine([directory.FullName, .. parts]);
            if (File.Exists(candidate))
            {
                return candidate;
            }

            directory = directory.Parent;
        }

        throw new FileNotFoundException($"{Path.Combine(parts)} not found above {AppContext.BaseDirectory}");
    }
}
