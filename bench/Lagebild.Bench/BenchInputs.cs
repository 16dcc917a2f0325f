using Lagebild.Documents;

namespace Lagebild.Bench;

/// <summary>
/// Inputs for the micro-benchmarks: committed files only (samples/), never ../shared, so the dry-run test works
/// on any clone. Looks next to the binaries first (the build copies samples/ there), then in the repository.
/// </summary>
public static class BenchInputs
{
    public const string ReferenceArticleName = "de-cnn-xi-lukaschenko-2023-03-01.txt";

    public static string Sample(string name)
    {
        var beside = Path.Combine(AppContext.BaseDirectory, "samples", name);
        if (File.Exists(beside))
        {
            return beside;
        }

        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "samples", name);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException($"Benchmark input samples/{name} not found beside {AppContext.BaseDirectory} or above it.", name);
    }

    /// <summary>The reference article as the pipeline sees it, with its known language and publication date.</summary>
    public static Article ReferenceArticle()
    {
        var path = Sample(ReferenceArticleName);
        var metadata = new ArticleMetadata
        {
            Language = "de",
            Published = new DateTimeOffset(2023, 3, 1, 0, 0, 0, TimeSpan.Zero),
        };
        return new Article(File.ReadAllText(path), metadata, path);
    }
}
