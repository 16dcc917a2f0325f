using System.CommandLine;
using System.Text;
using Lagebild.Cli.Commands;

namespace Lagebild.Cli;

public static class Program
{
    /// <summary>Exit codes: 0 success, 1 some items failed (each named on stderr), 2 usage error, 130 interrupted.</summary>
    public static int Main(string[] args)
    {
        // Ctrl+C cancels the run: the current article finishes, the output is closed properly (a JSON array gets
        // its closing bracket) and the exit code is 130. A second Ctrl+C ends the process at once.
        using var interrupt = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = !interrupt.IsCancellationRequested;
            interrupt.Cancel();
        };

        var console = CliConsole.System();
        if (console.IsOutputTerminal)
        {
            return Run(args, console, interrupt.Token);
        }

        // Redirected output can be large (one JSON object per article): buffer it instead of flushing per write.
        using var output = new StreamWriter(Console.OpenStandardOutput(), new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), 1 << 16);
        var exitCode = Run(args, console with { Out = output }, interrupt.Token);
        output.Flush();
        return exitCode;
    }

    /// <summary>Runs the command line against the given writers, as if stdin were empty and nothing were a terminal.</summary>
    internal static int Run(string[] args, TextWriter output, TextWriter error) => Run(args, new CliConsole(output, error));

    internal static int Run(string[] args, CliConsole console, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(console);
        var root = BuildRoot(console);
        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            foreach (var parseError in parsed.Errors)
            {
                console.Error.WriteLine($"lagebild: {parseError.Message}");
            }

            console.Error.WriteLine("Run 'lagebild --help' for usage.");
            return ExitCodes.Usage;
        }

        // Termination is handled in Main (ProcessTerminationTimeout = null): System.CommandLine's own handler would
        // return before the command has closed its output.
        var configuration = new InvocationConfiguration { Output = console.Out, Error = console.Error, ProcessTerminationTimeout = null };
        return parsed.InvokeAsync(configuration, cancellationToken).GetAwaiter().GetResult();
    }

    internal static RootCommand BuildRoot(CliConsole console)
    {
        var root = new RootCommand("Lagebild: reads the news and builds a structured, checkable picture of world affairs.");
        // The command list is explicit: one line per command, no discovery.
        root.Subcommands.Add(AnalyzeCommand.Create(console));
        root.Subcommands.Add(ExtractCommand.Create(console));
        root.Subcommands.Add(IngestCommand.Create());
        root.Subcommands.Add(QueryCommand.Create());
        root.Subcommands.Add(ExportCommand.Create());
        root.Subcommands.Add(NlpCommand.Create());
        root.Subcommands.Add(NerCommand.Create());
        root.Subcommands.Add(KnowledgeCommands.CreateKb());
        root.Subcommands.Add(KnowledgeCommands.CreateActors());
        root.Subcommands.Add(new Command("eval", "Measure quality against gold data.")
        {
            EvalTokensCommand.Create(),
            EvalLangIdCommand.Create(),
            EvalExtractionCommand.Create(),
            EvalReadersCommand.Create(),
            KnowledgeCommands.CreateEvalActors(),
            EvalNlpCommand.Create(),
            EvalParserCommand.Create(),
            EvalNerCommand.Create(),
            EvalMentionsCommand.Create(),
        });
        root.Subcommands.Add(new Command("train", "Train models from data under ../shared/data.")
        {
            TrainLangIdCommand.Create(),
            TrainCommand.CreateTagger(),
            TrainParserCommand.Create(),
            TrainNerCommand.Create(),
            TrainClustersCommand.Create(),
        });
        return root;
    }
}

internal static class ExitCodes
{
    public const int Success = 0;
    public const int SomeItemsFailed = 1;
    public const int Usage = 2;

    /// <summary>Interrupted (Ctrl+C): the output holds the items finished before.</summary>
    public const int Cancelled = 130;
}
