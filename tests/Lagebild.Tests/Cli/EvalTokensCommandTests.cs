using Lagebild.Cli;

namespace Lagebild.Tests.Cli;

public sealed class EvalTokensCommandTests
{
    [Fact]
    public void PrintsTokenAndSentenceScoresForATreebank()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Fixtures", "ud", "de_gsd-ud-dev-excerpt.conllu");
        using var output = new StringWriter();
        using var error = new StringWriter();
        var status = Program.Run(["eval", "tokens", "--lang", "de", path], output, error);
        Assert.Equal(0, status);
        var text = output.ToString();
        Assert.Contains("tokens (UD convention", text, StringComparison.Ordinal);
        Assert.Contains("tokens (engine default", text, StringComparison.Ordinal);
        Assert.Matches(@"sentences\s+P \d+\.\d\d\s+R \d+\.\d\d\s+F1 \d+\.\d\d", text);
    }

    [Fact]
    public void MissingFileIsAUsageError()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var status = Program.Run(["eval", "tokens", "--lang", "en", "/nonexistent/file.conllu"], output, error);
        Assert.Equal(2, status);
        Assert.Contains("no such file", error.ToString(), StringComparison.Ordinal);
    }
}
