using System.CommandLine;
using Lagebild.Output;

namespace Lagebild.Cli.Commands;

/// <summary>
/// `lagebild main-content PATH...` (alias `extract`): main-content extraction only. Prints what ingestion made of
/// each input item ({path, url, title, text, published, source, language}) without running the analysis, to check
/// what the engine will read.
/// </summary>
internal static class MainContentCommand
{
    public static Command Create(CliConsole console)
    {
        ArgumentNullException.ThrowIfNull(console);
        var paths = PathsArgument.Create();
        var format = new Option<string>("--format", "-f")
        {
            Description = "Output: json (one object, or an array for several items) or jsonl (one object per line).",
            DefaultValueFactory = _ => "json",
        };
        format.AcceptOnlyFromAmong("json", "jsonl");
        var inputs = new InputOptionBinding();

        var command = new Command("main-content", "Extract the main content and metadata of articles, without analysing them.") { paths, format };
        command.Aliases.Add("extract");
        inputs.AddTo(command);
        command.SetAction((result, cancellationToken) =>
        {
            if (!inputs.TryBind(result, out var inputOptions, out var usage))
            {
                console.Error.WriteLine($"lagebild main-content: {usage}");
                return Task.FromResult(ExitCodes.Usage);
            }

            if (!AnalyzeCommand.TryResolvePaths(console, result.GetValue(paths), out var inputPaths))
            {
                console.Error.WriteLine("lagebild main-content: no input; give files or directories, or '-' to read stdin.");
                return Task.FromResult(ExitCodes.Usage);
            }

            var layout = result.GetValue(format) == "jsonl" ? JsonSequenceFormat.Jsonl : JsonSequenceFormat.Json;
            using var sequence = new JsonSequenceWriter(console.Out, layout);
            var exitCode = BatchRun.Run(
                console,
                "main-content",
                inputPaths,
                inputOptions,
                jobs: 1,
                article => article,
                article => sequence.Add(writer => MainContentJsonWriter.Write(writer, article)),
                cancellationToken,
                result.GetValue(inputs.Verbose));
            sequence.Complete();
            return Task.FromResult(exitCode);
        });
        return command;
    }
}
