using Lagebild.Evaluation;
using Lagebild.Nlp.Entities;
using Lagebild.Nlp.Morphology;
using Lagebild.Nlp.Parsing;
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

    [Fact]
    public void NerRecipeScoresTheShippedModelAndWritesItsErrors()
    {
        var errors = Path.Combine(Path.GetTempPath(), $"lagebild-ner-errors-{Guid.NewGuid():N}.txt");
        try
        {
            var recipe = new NerEvaluationRecipeOptions
            {
                Language = "en",
                GoldFile = RepositoryPaths.Fixture("ner", "uner-en_ewt-dev-first200.iob2"),
                Data = DataDirectory.Default(),
                OtherTags = "o",
                ErrorsFile = errors,
            };
            using var output = new StringWriter();

            Assert.True(NerEvaluationRecipe.Run(recipe, output).Succeeded);
            Assert.Contains("overall", output.ToString(), StringComparison.Ordinal);
            Assert.Contains("\t*", File.ReadAllText(errors), StringComparison.Ordinal);
            Assert.Equal("--oth must be misc or o.", NerEvaluationRecipe.Run(recipe with { OtherTags = "x" }, TextWriter.Null).Problem);
        }
        finally
        {
            File.Delete(errors);
        }
    }

    [Fact]
    public void AMalformedGoldFileIsUnreadableNotRefused()
    {
        var bad = Path.Combine(Path.GetTempPath(), $"lagebild-bad-{Guid.NewGuid():N}.conllu");
        File.WriteAllText(bad, "1\ta\tb\n\n");
        try
        {
            var tagger = TaggerEvaluationRecipe.Run(new TaggerEvaluationRecipeOptions { Language = "en", GoldFile = bad, Data = DataDirectory.Default() }, TextWriter.Null);
            var parser = ParserEvaluationRecipe.Run(new ParserEvaluationRecipeOptions { Language = "en", GoldFile = bad, Data = DataDirectory.Default() }, TextWriter.Null);
            var tokens = SegmentationEvaluationRecipe.Run(new SegmentationEvaluationRecipeOptions { Language = "en", File = bad, Data = DataDirectory.Default() }, TextWriter.Null);

            foreach (var outcome in new[] { tagger, parser, tokens })
            {
                Assert.True(outcome.InputFailed);
                Assert.StartsWith($"{bad}: CoNLL-U line 1:", outcome.Problem, StringComparison.Ordinal);
            }
        }
        finally
        {
            File.Delete(bad);
        }
    }

    [Fact]
    public void SegmentationRecipeScoresATreebankExcerpt()
    {
        var recipe = new SegmentationEvaluationRecipeOptions { Language = "de", File = RepositoryPaths.Fixture("ud", "de_gsd-ud-dev-excerpt.conllu"), Data = DataDirectory.Default(), ShowErrors = 2 };
        using var output = new StringWriter();

        Assert.True(SegmentationEvaluationRecipe.Run(recipe, output).Succeeded);
        Assert.Contains("sentences ", output.ToString(), StringComparison.Ordinal);
        Assert.Contains("missed tokens:", output.ToString(), StringComparison.Ordinal);
        var refused = SegmentationEvaluationRecipe.Run(recipe with { File = recipe.File + ".missing" }, TextWriter.Null);
        Assert.False(refused.InputFailed);
        Assert.EndsWith("no such file.", refused.Problem, StringComparison.Ordinal);
    }
}
