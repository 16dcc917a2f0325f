using System.CommandLine;
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
        var inputs = new InputOptionBinding();

        var command = new Command("analyze", "Analyse articles and print the result, without storing anything.") { paths, format, tokens };
        inputs.AddTo(command);
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

            var analysisOptions = new AnalysisOptions { ForcedLanguage = inputOptions.Language, Published = inputOptions.Published };
            var chosen = result.GetValue(format) ?? (console.IsOutputTerminal ? "text" : "json");
            var engine = Engine.Create();
            return Task.FromResult(chosen switch
            {
                "text" => RunText(console, engine, inputPaths, inputOptions, analysisOptions, cancellationToken),
                _ => RunJson(console, engine, inputPaths, inputOptions, analysisOptions, result.GetValue(tokens),
                    chosen == "jsonl" ? JsonSequenceFormat.Jsonl : JsonSequenceFormat.Json, cancellationToken),
            });
        });
        return command;
    }

    /// <summary>No paths means stdin when something is piped in; otherwise the user forgot the input.</summary>
    internal static bool TryResolvePaths(CliConsole console, string[]? given, out string[] paths)
    {
        paths = given is { Length: > 0 } ? given : console.IsInputRedirected ? [InputSource.StandardInput] : [];
        return paths.Length > 0;
    }

    private static int RunText(CliConsole console, Engine engine, string[] paths, Ingest.InputOptions inputOptions, AnalysisOptions analysisOptions, CancellationToken cancellationToken)
    {
        var first = true;
        var exitCode = BatchRun.Run(console, "analyze", paths, inputOptions, article =>
        {
            var context = engine.Pipeline.Run(article, analysisOptions, cancellationToken);
            if (!first)
            {
                console.Out.WriteLine();
            }

            first = false;
            TextReport.Write(console.Out, context);
            return null;
        }, cancellationToken);
        console.Out.Flush();
        return exitCode;
    }

    private static int RunJson(CliConsole console, Engine engine, string[] paths, Ingest.InputOptions inputOptions, AnalysisOptions analysisOptions, bool includeTokens, JsonSequenceFormat format, CancellationToken cancellationToken)
    {
        using var sequence = new JsonSequenceWriter(console.Out, format);
        var exitCode = BatchRun.Run(console, "analyze", paths, inputOptions, article =>
        {
            var context = engine.Pipeline.Run(article, analysisOptions, cancellationToken);
            sequence.Add(writer => ArticleJsonWriter.Write(writer, context, includeTokens));
            return null;
        }, cancellationToken);
        sequence.Complete();
        return exitCode;
    }
}
