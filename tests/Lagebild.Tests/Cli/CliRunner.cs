using System.Globalization;
using System.Text;
using Lagebild.Cli;

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
}

internal sealed record CliRun(int ExitCode, string Output, string Error);
