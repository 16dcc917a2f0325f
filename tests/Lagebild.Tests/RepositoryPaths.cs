namespace Lagebild.Tests;

/// <summary>Finds committed repository files (samples/, docs/) from the test output directory.</summary>
internal static class RepositoryPaths
{
    private static readonly Lazy<string> RootPath = new(FindRoot);

    public static string Root => RootPath.Value;

    public static string ReferenceArticle => Path.Combine(Root, "samples", "de-cnn-xi-lukaschenko-2023-03-01.txt");

    public static string AnalysisSchema => Path.Combine(Root, "docs", "analysis.schema.json");

    public static string Fixture(params string[] parts) => Path.Combine([AppContext.BaseDirectory, "Fixtures", .. parts]);

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Lagebild.slnx")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No Lagebild.slnx above {AppContext.BaseDirectory}.");
    }
}
