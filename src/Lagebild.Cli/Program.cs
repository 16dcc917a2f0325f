using System.CommandLine;
using Lagebild.Cli.Commands;

namespace Lagebild.Cli;

public static class Program
{
    /// <summary>Exit codes: 0 success, 1 some items failed (each named on stderr), 2 usage error.</summary>
    public static int Main(string[] args) => Run(args, Console.Out, Console.Error);

    internal static int Run(string[] args, TextWriter output, TextWriter error)
    {
        var root = BuildRoot();
        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            foreach (var parseError in parsed.Errors)
            {
                error.WriteLine($"lagebild: {parseError.Message}");
            }

            error.WriteLine("Run 'lagebild --help' for usage.");
            return ExitCodes.Usage;
        }

        return parsed.Invoke(new InvocationConfiguration { Output = output, Error = error });
    }

    internal static RootCommand BuildRoot()
    {
        var root = new RootCommand("Lagebild: reads the news and builds a structured, checkable picture of world affairs.");
        // The command list is explicit: one line per command, no discovery.
        root.Subcommands.Add(AnalyzeCommand.Create());
        root.Subcommands.Add(NlpCommand.Create());
        root.Subcommands.Add(TrainCommand.Create());
        root.Subcommands.Add(EvalCommand.Create());
        return root;
    }
}

internal static class ExitCodes
{
    public const int Success = 0;
    public const int SomeItemsFailed = 1;
    public const int Usage = 2;
}
