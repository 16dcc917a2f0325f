using Lagebild.Documents;
using Lagebild.Ingest;
using Spectre.Console;

namespace Lagebild.Cli.Commands;

/// <summary>
/// The loop shared by the commands that process articles one by one: read the inputs, hand each article to the
/// command, name every failed item on stderr and go on. Shows progress on stderr when it is a terminal and
/// stdout is not (a spinner would garble a report printed to the same screen).
/// </summary>
internal static class BatchRun
{
    /// <summary>
    /// Processes every input item; <paramref name="process"/> returns null when the article was handled, else a
    /// message naming what went wrong. Returns the exit code.
    /// </summary>
    public static int Run(
        CliConsole console,
        string command,
        IReadOnlyList<string> paths,
        InputOptions options,
        Func<Article, string?> process,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(process);
        if (!ShowsProgress(console, paths))
        {
            return Loop(console, command, paths, options, process, console.Error.WriteLine, _ => { }, cancellationToken);
        }

        var terminal = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(console.Error) });
        return terminal.Status().Start($"{command}: starting", status =>
            Loop(
                console,
                command,
                paths,
                options,
                process,
                line => terminal.WriteLine(line),
                count => status.Status = $"{command}: {count:N0} articles",
                cancellationToken));
    }

    private static int Loop(
        CliConsole console,
        string command,
        IReadOnlyList<string> paths,
        InputOptions options,
        Func<Article, string?> process,
        Action<string> reportError,
        Action<int> reportCount,
        CancellationToken cancellationToken)
    {
        var exitCode = ExitCodes.Success;
        var count = 0;
        try
        {
            foreach (var item in InputSource.Read(console, paths, options, cancellationToken))
            {
                cancellationToken.ThrowIfCancellationRequested();
                var failure = item.Article is { } article ? Process(process, article) : item.Error ?? "unreadable";
                if (failure is not null)
                {
                    reportError($"lagebild {command}: {item.Origin}: {failure}");
                    exitCode = ExitCodes.SomeItemsFailed;
                }

                reportCount(++count);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Ctrl+C: what was written stays valid (the caller closes its output); the exit code says it is partial.
            reportError($"lagebild {command}: cancelled after {count:N0} items.");
            return ExitCodes.Cancelled;
        }

        return exitCode;
    }

    private static string? Process(Func<Article, string?> process, Article article)
    {
        try
        {
            return process(article);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // A bug in one stage must not end a batch of thousands: report it against the item and go on.
            return $"internal error ({exception.GetType().Name}): {exception.Message}";
        }
    }

    private static bool ShowsProgress(CliConsole console, IReadOnlyList<string> paths) =>
        console.IsErrorTerminal && !console.IsOutputTerminal && (paths.Count > 1 || paths.Any(Directory.Exists) || paths.Any(IsContainer));

    private static bool IsContainer(string path) =>
        string.Equals(path, InputSource.StandardInput, StringComparison.Ordinal)
        || path.EndsWith(".jsonl", StringComparison.OrdinalIgnoreCase)
        || path.EndsWith(".jsonl.gz", StringComparison.OrdinalIgnoreCase)
        || path.Contains(".warc", StringComparison.OrdinalIgnoreCase);
}
