using Lagebild.Documents;
using Lagebild.Ingest;
using Lagebild.Ingest.Service;
using Spectre.Console;

namespace Lagebild.Cli.Commands;

/// <summary>
/// The view shared by the commands that process articles one by one (analyze, extract): the engine's
/// <see cref="ParallelAnalysis"/> reads the inputs and processes each article (on several threads when asked:
/// stages are thread-safe); this class writes the results in input order, names every failed item on stderr and
/// goes on. Shows progress on stderr when it is a terminal and stdout is not (a spinner would garble a
/// report printed to the same screen).
/// </summary>
internal static class BatchRun
{
    /// <summary>
    /// Runs <paramref name="process"/> for every article (in parallel when <paramref name="jobs"/> &gt; 1) and
    /// <paramref name="write"/> for each result, one at a time and in input order. Returns the exit code.
    /// </summary>
    public static int Run<T>(
        CliConsole console,
        string command,
        IReadOnlyList<string> paths,
        InputOptions options,
        int jobs,
        Func<Article, T> process,
        Action<T> write,
        CancellationToken cancellationToken,
        bool verbose = false)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(process);
        ArgumentNullException.ThrowIfNull(write);
        var batch = new Batch<T>(console, command, paths, options, jobs, process, write, verbose);
        if (!ShowsProgress(console, paths))
        {
            return batch.Loop(console.Error.WriteLine, _ => { }, cancellationToken);
        }

        // Only reached when stderr is a terminal, so a redrawn status line is safe; left to detection, Spectre falls
        // back to one printed line per update under some TERM values (tmux, screen).
        var terminal = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(console.Error),
            Ansi = AnsiSupport.Yes,
            Interactive = InteractionSupport.Yes,
        });
        return terminal.Status().Start($"{command}: starting", status =>
            batch.Loop(line => terminal.WriteLine(line), count => status.Status = $"{command}: {count:N0} items", cancellationToken));
    }

    private static bool ShowsProgress(CliConsole console, IReadOnlyList<string> paths) =>
        console.IsErrorTerminal && !console.IsOutputTerminal && (paths.Count > 1 || paths.Any(Directory.Exists) || paths.Any(IsContainer));

    private static bool IsContainer(string path) =>
        string.Equals(path, InputSource.StandardInput, StringComparison.Ordinal)
        || path.EndsWith(".jsonl", StringComparison.OrdinalIgnoreCase)
        || path.EndsWith(".jsonl.gz", StringComparison.OrdinalIgnoreCase)
        || path.Contains(".warc", StringComparison.OrdinalIgnoreCase);

    private sealed class Batch<T>(
        CliConsole console,
        string command,
        IReadOnlyList<string> paths,
        InputOptions options,
        int jobs,
        Func<Article, T> process,
        Action<T> write,
        bool verbose)
        where T : class
    {
        public int Loop(Action<string> reportError, Action<int> reportCount, CancellationToken cancellationToken)
        {
            var exitCode = ExitCodes.Success;
            var count = 0;
            var skipped = new SkippedInputs(verbose, line => reportError($"lagebild {command}: {line}"));
            try
            {
                // The engine's parallel runner, as ingest uses it: outcomes in input order, a failure names its item.
                ParallelAnalysis.Run(
                    InputSource.Read(console, paths, options, cancellationToken),
                    jobs,
                    (article, _) => process(article),
                    outcome =>
                    {
                        cancellationToken.ThrowIfCancellationRequested();
                        if (outcome.Item.IsSkipped)
                        {
                            skipped.Add(outcome.Item);
                            return;
                        }

                        if (outcome.Result is { } value)
                        {
                            write(value);
                        }
                        else
                        {
                            reportError($"lagebild {command}: {outcome.Item.Origin}: {outcome.Failure}");
                            exitCode = ExitCodes.SomeItemsFailed;
                        }

                        reportCount(++count);
                    },
                    cancellationToken,
                    // Huge articles (the parts of a split file) go one chunk each, so memory stays bounded.
                    chunkCharacterBudget: options.MaxArticleBytes);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                // Ctrl+C: what was written stays valid (the caller closes its output); the exit code says it is partial.
                reportError($"lagebild {command}: cancelled after {count:N0} items.");
                return ExitCodes.Cancelled;
            }

            if (skipped.Count > 0)
            {
                reportError($"lagebild {command}: skipped files {skipped.Describe()}");
            }

            return exitCode;
        }
    }
}
