using System.Globalization;
using System.Text;
using Lagebild.Cli;
using Lagebild.Documents;
using Lagebild.Ingest;

namespace Lagebild.Tests.Cli;

/// <summary>Runs the command line in-process and captures what it prints.</summary>
internal static class CliRunner
{
    public static CliRun Run(params string[] args) => RunWithInput(null, args);

    public static CliRun RunWithInput(string? standardInput, params string[] args)
    {
        using var output = new StringWriter(CultureInfo.InvariantCulture);
        using var error = new StringWriter(CultureInfo.InvariantCulture);
        var console = new CliConsole(output, error)
        {
            OpenInput = () => new MemoryStream(Encoding.UTF8.GetBytes(standardInput ?? "")),
            IsInputRedirected = standardInput is not null,
        };
        var exitCode = Program.Run(args, console);
        return new CliRun(exitCode, output.ToString(), error.ToString());
    }

    /// <summary>The article ingestion makes of a file: what the commands must print, whatever the reader cleans.</summary>
    public static Article ReadArticle(string path) =>
        new ArticleReader().Read([path], InputOptions.Default).Single().Article
        ?? throw new InvalidOperationException($"{path} is not readable.");
}

internal sealed record CliRun(int ExitCode, string Output, string Error);
