using System.Text.Json;
using Lagebild.Documents;
using Lagebild.Output;

namespace Lagebild.Tests.Cli;

public sealed class AnalyzeCommandTests
{
    private static readonly string Reference = RepositoryPaths.ReferenceArticle;

    [Fact]
    public void JsonForOneArticleIsOneObjectWithTheReferenceText()
    {
        var run = CliRunner.Run("analyze", Reference, "--format", "json", "--published", "2023-03-01T10:00:00Z");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("", run.Error);
        using var json = JsonDocument.Parse(run.Output);
        var root = json.RootElement;
        Assert.Equal(JsonValueKind.Object, root.ValueKind);
        var article = CliRunner.ReadArticle(Reference);
        var text = article.Text;
        Assert.Equal(text, root.GetProperty("text").GetString());
        Assert.Equal(article.Id, root.GetProperty("id").GetString());
        Assert.Equal("2023-03-01T10:00:00+00:00", root.GetProperty("published").GetString());
        Assert.True(root.GetProperty("sentences").GetArrayLength() > 0);
        Assert.Equal(0, root.GetProperty("tokens").GetArrayLength());
        foreach (var sentence in root.GetProperty("sentences").EnumerateArray())
        {
            var start = sentence.GetProperty("start").GetInt32();
            var end = sentence.GetProperty("end").GetInt32();
            Assert.InRange(start, 0, end);
            Assert.InRange(end, start, text.Length);
        }
    }

    [Fact]
    public void DefaultFormatWhenOutputIsNotATerminalIsJson()
    {
        var run = CliRunner.Run("analyze", Reference);

        Assert.Equal(0, run.ExitCode);
        using var json = JsonDocument.Parse(run.Output);
        Assert.Equal(JsonValueKind.Object, json.RootElement.ValueKind);
    }

    [Fact]
    public void JsonForSeveralArticlesIsAnArrayInInputOrder()
    {
        var english = RepositoryPaths.Fixture("Cli", "en-council-vote.txt");
        var run = CliRunner.Run("analyze", Reference, english, "--format", "json");

        Assert.Equal(0, run.ExitCode);
        using var json = JsonDocument.Parse(run.Output);
        Assert.Equal(JsonValueKind.Array, json.RootElement.ValueKind);
        Assert.Equal(2, json.RootElement.GetArrayLength());
        Assert.Equal(CliRunner.ReadArticle(english).Text, json.RootElement[1].GetProperty("text").GetString());
    }

    [Fact]
    public void JsonlWritesOneCompactObjectPerLine()
    {
        var english = RepositoryPaths.Fixture("Cli", "en-council-vote.txt");
        var run = CliRunner.Run("analyze", "--format", "jsonl", "--tokens", Reference, english);

        Assert.Equal(0, run.ExitCode);
        var lines = run.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        foreach (var line in lines)
        {
            using var json = JsonDocument.Parse(line);
            Assert.Equal(ArticleJsonWriter.Keys, json.RootElement.EnumerateObject().Select(p => p.Name));
            Assert.True(json.RootElement.GetProperty("tokens").GetArrayLength() > 0, "--tokens includes the tokens");
        }
    }

    [Fact]
    public void TextReportNamesTheArticleAndEveryLayer()
    {
        var run = CliRunner.Run("analyze", Reference, "--format", "text", "--lang", "de", "--published", "2023-03-01");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains(Reference, run.Output, StringComparison.Ordinal);
        Assert.Contains("language:   de (forced)", run.Output, StringComparison.Ordinal);
        Assert.Contains("published:  2023-03-01T00:00:00+00:00", run.Output, StringComparison.Ordinal);
        foreach (var section in new[] { "entities:", "events:", "quotes:", "times:", "places:", "tone:", "warnings:" })
        {
            Assert.Contains(section, run.Output, StringComparison.Ordinal);
        }

        Assert.Matches(@"length:\s+[\d,]+ characters, [1-9][\d,]* sentences, [1-9][\d,]* tokens", run.Output);
    }

    [Fact]
    public void MissingFileIsNamedOnStderrAndTheOtherInputsAreStillAnalysed()
    {
        var missing = Path.Combine(Path.GetTempPath(), $"lagebild-missing-{Guid.NewGuid():N}.txt");
        var english = RepositoryPaths.Fixture("Cli", "en-council-vote.txt");
        var run = CliRunner.Run("analyze", "--format", "jsonl", Reference, missing, english);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains(missing, run.Error, StringComparison.Ordinal);
        Assert.Equal(2, run.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
    }

    [Theory]
    [InlineData("analyze", "--no-such-option")]
    [InlineData("analyze", "--format", "xml")]
    [InlineData("analyze", "--published", "yesterday-ish")]
    [InlineData("analyze", "--lang", "german")]
    [InlineData("extract", "--format", "text")]
    [InlineData("analyze", "--jobs", "0")]
    [InlineData("no-such-command")]
    public void UsageErrorsExitWithTwo(params string[] args)
    {
        var withInput = args.Append(Reference).ToArray();
        var run = CliRunner.Run(withInput);

        Assert.Equal(2, run.ExitCode);
        Assert.NotEqual("", run.Error);
        Assert.Equal("", run.Output);
    }

    [Fact]
    public void NoInputWithoutRedirectedStdinIsAUsageError()
    {
        var run = CliRunner.Run("analyze");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("no input", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void DashReadsStandardInputAndNamesIt()
    {
        var english = RepositoryPaths.Fixture("Cli", "en-council-vote.txt");
        var run = CliRunner.RunWithInput(File.ReadAllText(english), "analyze", "-", "--format", "text", "--input", "text");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("origin:     -\n", run.Output.ReplaceLineEndings("\n"), StringComparison.Ordinal);
        Assert.Contains(CliRunner.ReadArticle(english).Id, run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void NoPathsWithRedirectedStdinReadsStdin()
    {
        var english = RepositoryPaths.Fixture("Cli", "en-council-vote.txt");
        var fromStdin = CliRunner.RunWithInput(File.ReadAllText(english), "analyze", "--format", "json");
        var fromFile = CliRunner.Run("analyze", english, "--format", "json");

        Assert.Equal(0, fromStdin.ExitCode);
        // The same analysis; only the origin says where each came from.
        Assert.Equal(fromFile.Output.Replace(JsonEncodedText.Encode(english).ToString(), "-", StringComparison.Ordinal), fromStdin.Output);
        using var json = JsonDocument.Parse(fromStdin.Output);
        Assert.Equal("-", json.RootElement.GetProperty("origin").GetString());
    }

    [Fact]
    public void ForcedLanguageIsTheOutputLanguage()
    {
        var run = CliRunner.Run("analyze", RepositoryPaths.Fixture("Cli", "en-council-vote.txt"), "--lang", "en");

        using var json = JsonDocument.Parse(run.Output);
        Assert.Equal("en", json.RootElement.GetProperty("language").GetString());
    }

    [Fact]
    public void ParallelRunKeepsTheInputOrderAndTheSameOutput()
    {
        string[] inputs =
        [
            Reference,
            RepositoryPaths.Fixture("Cli", "en-council-vote.txt"),
            RepositoryPaths.Fixture("Cli", "de-sonderzeichen.txt"),
            RepositoryPaths.Fixture("Cli", "one-word.txt"),
            Reference,
        ];

        var sequential = CliRunner.Run(["analyze", "-f", "jsonl", "--jobs", "1", .. inputs]);
        var parallel = CliRunner.Run(["analyze", "-f", "jsonl", "--jobs", "3", .. inputs]);

        Assert.Equal(0, parallel.ExitCode);
        Assert.Equal(sequential.Output, parallel.Output);
        Assert.Equal(inputs.Length, parallel.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
    }
}
