using Lagebild.Evaluation;
using Lagebild.Text.LanguageId;

namespace Lagebild.Tests.Evaluation;

/// <summary>The evaluation recipes called directly, without the command line.</summary>
public sealed class EvaluationRecipeTests
{
    [Fact]
    public void MainContentRecipeExplainsAFixturePage()
    {
        var page = Directory.GetFiles(RepositoryPaths.Fixture("html"), "*.html", SearchOption.AllDirectories).Order(StringComparer.Ordinal).First();
        using var output = new StringWriter();

        Assert.True(MainContentEvaluationRecipe.Run(new MainContentEvaluationRecipeOptions { ExplainFile = page }, output).Succeeded);
        Assert.NotEqual("", output.ToString());
    }

    [Theory]
    [InlineData(null, "eval main-content needs --benchmark")]
    [InlineData("other", "eval main-content needs --benchmark")]
    [InlineData("article", "benchmark folder '")]
    public void MainContentRecipeRefusesAnUnknownLayoutOrFolder(string? benchmark, string problem)
    {
        var missing = Path.Combine(Path.GetTempPath(), $"lagebild-missing-{Guid.NewGuid():N}");
        using var output = new StringWriter();
        var outcome = MainContentEvaluationRecipe.Run(new MainContentEvaluationRecipeOptions { Benchmark = benchmark, Folder = missing }, output);

        Assert.StartsWith(problem, outcome.Problem, StringComparison.Ordinal);
        Assert.Equal("", output.ToString());
    }

    [Fact]
    public void LanguageIdRecipeNamesAMissingModel()
    {
        var missing = Path.Combine(Path.GetTempPath(), $"lagebild-missing-{Guid.NewGuid():N}.bin");
        var recipe = new LanguageIdEvaluationRecipeOptions { DataRoot = Path.GetTempPath(), ModelFile = missing, Data = DataDirectory.Default() };

        Assert.Equal($"model '{missing}' not found.", LanguageIdEvaluationRecipe.Run(recipe, TextWriter.Null).Problem);
    }
}
