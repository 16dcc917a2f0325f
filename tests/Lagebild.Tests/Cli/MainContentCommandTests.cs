using System.Text.Json;
using Lagebild.Output;

namespace Lagebild.Tests.Cli;

public sealed class MainContentCommandTests
{
    [Fact]
    public void MainContentWritesTheContentKeysPerItem()
    {
        var reference = RepositoryPaths.ReferenceArticle;
        var run = CliRunner.Run("main-content", reference, "--published", "2023-03-01", "--lang", "de");

        Assert.Equal(0, run.ExitCode);
        using var json = JsonDocument.Parse(run.Output);
        var root = json.RootElement;
        Assert.Equal(MainContentJsonWriter.Keys, root.EnumerateObject().Select(p => p.Name));
        Assert.Equal(reference, root.GetProperty("path").GetString());
        Assert.Equal(CliRunner.ReadArticle(reference).Text, root.GetProperty("text").GetString());
        Assert.Equal("de", root.GetProperty("language").GetString());
        Assert.StartsWith("2023-03-01", root.GetProperty("published").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void MainContentJsonlReportsFailuresAndKeepsGoing()
    {
        var missing = Path.Combine(Path.GetTempPath(), $"lagebild-missing-{Guid.NewGuid():N}.html");
        var run = CliRunner.Run("main-content", "--format", "jsonl", missing, RepositoryPaths.Fixture("Cli", "de-sonderzeichen.txt"));

        Assert.Equal(1, run.ExitCode);
        Assert.Contains(missing, run.Error, StringComparison.Ordinal);
        var line = Assert.Single(run.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        using var json = JsonDocument.Parse(line);
        Assert.Contains("🚒", json.RootElement.GetProperty("text").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void ExtractIsAnAliasOfMainContent()
    {
        var reference = RepositoryPaths.ReferenceArticle;
        var run = CliRunner.Run("main-content", reference, "--published", "2023-03-01");
        var alias = CliRunner.Run("extract", reference, "--published", "2023-03-01");

        Assert.Equal(0, alias.ExitCode);
        Assert.Equal(run.Output, alias.Output);
    }

    [Fact]
    public void EvalMainContentExplainsAPageUnderBothNames()
    {
        var page = Directory.GetFiles(RepositoryPaths.Fixture("html"), "*.html", SearchOption.AllDirectories).Order(StringComparer.Ordinal).First();
        var run = CliRunner.Run("eval", "main-content", "--explain", page);
        var alias = CliRunner.Run("eval", "extraction", "--explain", page);

        Assert.Equal(0, run.ExitCode);
        Assert.NotEqual("", run.Output);
        Assert.Equal(run.Output, alias.Output);
    }

    [Fact]
    public void EvalMainContentWithoutBenchmarkNamesItself()
    {
        var run = CliRunner.Run("eval", "main-content");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("eval main-content needs --benchmark", run.Error, StringComparison.Ordinal);
    }
}
