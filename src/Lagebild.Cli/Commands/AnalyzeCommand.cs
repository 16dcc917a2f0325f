using System.CommandLine;
using Lagebild.Ingest;
using Lagebild.Output;
using Lagebild.Pipeline;

namespace Lagebild.Cli.Commands;

/// <summary>
/// `lagebild analyze [PATH...|-]`: runs the analysis pipeline over every input article and prints the result,
/// storing nothing. Formats: text (readable report, the default on a terminal), json (the contract of
/// docs/analysis.schema.json: one object for one article, else an array; the default when stdout is redirected),
/// jsonl (one compact object per line).
/// </summary>
internal static class AnalyzeCommand
{
    public static Command Create(CliConsole console)
    {
        ArgumentNullException.ThrowIfNull(console);
        var paths = PathsArgument.Create();
        var format = new Option<string?>("--format", "-f")
        {
            Description = "Output: text (readable report), json (one object, or an array for several articles) or jsonl. Default: text on a terminal, json otherwise.",
        };
        format.AcceptOnlyFromAmong("text", "json", "jsonl");
        var tokens = new Option<bool>("--tokens") { Description = "Include the tokens in the JSON output (they are left out by default: they dominate its size)." };
        var jobs = JobsOption.Create();
        var dictionaries = DictionariesOption.Create();
        var inputs = new InputOptionBinding();
        var stages = new StageOptionBinding();

        var command = new Command("analyze", "Analyse articles and print the result, without storing anything.") { paths, format, tokens, jobs, dictionaries };
        inputs.AddTo(command);
        stages.AddTo(command);
        command.SetAction((result, cancellationToken) =>
        {
            if (!inputs.TryBind(result, out var inputOptions, out var usage))
            {
                console.Error.WriteLine($"lagebild analyze: {usage}");
                return Task.FromResult(ExitCodes.Usage);
            }

            if (!TryResolvePaths(console, result.GetValue(paths), out var inputPaths))
            {
                console.Error.WriteLine("lagebild analyze: no input; give files or directories, or '-' to read stdin.");
                return Task.FromResult(ExitCodes.Usage);
            }

            if (!stages.TryCreateEngine(result, result.GetValue(dictionaries) ?? [], out var engine, out usage))
            {
                console.Error.WriteLine($"lagebild analyze: {usage}");
                return Task.FromResult(ExitCodes.Usage);
            }

            var run = new AnalyzeRun(
                console,
                engine!,
                inputPaths,
                inputOptions,
                new AnalysisOptions { ForcedLanguage = inputOptions.Language, Published = inputOptions.Published },
                result.GetValue(jobs),
                result.GetValue(inputs.Verbose));
            var chosen = result.GetValue(format) ?? (console.IsOutputTerminal ? "text" : "json");
            var status = chosen switch
            {
                "text" => run.WriteText(cancellationToken),
                "jsonl" => run.WriteJson(JsonSequenceFormat.Jsonl, result.GetValue(tokens), cancellationToken),
                _ => run.WriteJson(JsonSequenceFormat.Json, result.GetValue(tokens), cancellationToken),
            };
            if (result.GetValue(dictionaries) is { Length: > 0 })
            {
                DictionariesOption.ReportIssues(console.Error, engine!.DictionaryIssues);
            }

            return Task.FromResult(status);
        });
        return command;
    }

    /// <summary>No paths means stdin when something is piped in; otherwise the user forgot the input.</summary>
    internal static bool TryResolvePaths(CliConsole console, string[]? given, out string[] paths)
    {
        paths = given is { Length: > 0 } ? given : console.IsInputRedirected ? [InputSource.StandardInput] : [];
        return paths.Length > 0;
    }

    private sealed record AnalyzeRun(CliConsole Console, Engine Engine, string[] Paths, InputOptions InputOptions, AnalysisOptions AnalysisOptions, int Jobs, bool Verbose)
    {
        public int WriteText(CancellationToken cancellationToken)
        {
            var first = true;
            var exitCode = Run(context =>
            {
                if (!first)
                {
                    Console.Out.WriteLine();
                }

                first = false;
                TextReport.Write(Console.Out, context);
            }, cancellationToken);
            Console.Out.Flush();
            return exitCode;
        }

        public int WriteJson(JsonSequenceFormat format, bool includeTokens, CancellationToken cancellationToken)
        {
            using var sequence = new JsonSequenceWriter(Console.Out, format);
            var exitCode = Run(context => sequence.Add(writer => ArticleJsonWriter.Write(writer, context, includeTokens)), cancellationToken);
            sequence.Complete();
            return exitCode;
        }

        private int Run(Action<AnalysisContext> write, CancellationToken cancellationToken) =>
            BatchRun.Run(
                Console,
                "analyze",
                Paths,
                InputOptions,
                Jobs,
                article => Engine.Pipeline.Run(article, AnalysisOptions, cancellationToken),
                write,
                cancellationToken,
                Verbose);
    }
}
