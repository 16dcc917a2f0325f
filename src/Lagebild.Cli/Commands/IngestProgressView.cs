using System.Diagnostics;
using System.Globalization;
using Lagebild.Ingest.Service;
using Spectre.Console;

namespace Lagebild.Cli.Commands;

/// <summary>An ingest summary with the wall-clock time the run took (the engine reads no clock).</summary>
internal sealed record TimedIngestSummary(IngestSummary Result, TimeSpan Elapsed);

/// <summary>
/// Shows an ingest run on stderr: a progress bar with items/s and the time left on a terminal (a fraction when the
/// inputs' item count can be told up front, else counts and speed), plain lines every ten seconds otherwise.
/// Failed items are named as they come.
/// </summary>
internal sealed class IngestProgressView : IIngestObserver
{
    private static readonly TimeSpan PlainInterval = TimeSpan.FromSeconds(10);

    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly Action<string> _writeLine;
    private readonly Action<IngestCounts> _show;
    private TimeSpan _lastPlainLine;

    private IngestProgressView(Action<string> writeLine, Action<IngestCounts>? show)
    {
        _writeLine = writeLine;
        _show = show ?? ShowPlain;
    }

    /// <summary>Skipped inputs by reason, for the summary; listed one by one as they come with --verbose.</summary>
    public SkippedInputs Skipped { get; private set; } = new(verbose: false, _ => { });

    public static TimedIngestSummary Run(CliConsole console, IReadOnlyList<string> paths, bool verbose, Func<IIngestObserver, IngestSummary> run, out SkippedInputs skipped)
    {
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(run);
        if (!console.IsErrorTerminal)
        {
            var plain = new IngestProgressView(console.Error.WriteLine, null);
            plain.Skipped = new SkippedInputs(verbose, line => console.Error.WriteLine($"lagebild ingest: {line}"));
            skipped = plain.Skipped;
            return new TimedIngestSummary(run(plain), plain._clock.Elapsed);
        }

        var expected = InputItemEstimate.Count(paths);
        // Only reached when stderr is a terminal, so a redrawn bar is safe (see BatchRun for why it is forced).
        var terminal = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(console.Error),
            Ansi = AnsiSupport.Yes,
            Interactive = InteractionSupport.Yes,
        });
        TimedIngestSummary? summary = null;
        SkippedInputs? tally = null;
        var columns = expected is null
            ? new ProgressColumn[] { new SpinnerColumn(), new TaskDescriptionColumn { Alignment = Justify.Left }, new ElapsedTimeColumn() }
            : [new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn(), new ElapsedTimeColumn()];
        terminal.Progress()
            .AutoClear(true)
            .Columns(columns)
            .Start(progress =>
            {
                var task = progress.AddTask("ingest", maxValue: expected ?? 1);
                if (expected is null)
                {
                    task.IsIndeterminate();
                }

                IngestProgressView? view = null;
                view = new IngestProgressView(line => terminal.WriteLine(line), counts =>
                {
                    task.Description = Markup.Escape(view!.Describe(counts));
                    if (expected is { } total)
                    {
                        // The estimate counts files and JSONL lines; readers may find more or fewer items.
                        task.Value = Math.Min(counts.Read, total);
                    }
                });
                view.Skipped = tally = new SkippedInputs(verbose, line => terminal.WriteLine($"lagebild ingest: {line}"));
                summary = new TimedIngestSummary(run(view), view._clock.Elapsed);
                task.StopTask();
            });
        skipped = tally!;
        return summary!;
    }

    public void ItemFailed(string origin, string message) => _writeLine($"{origin}: {message}");

    public void ItemSkipped(string origin, string reason) => Skipped.Add(origin, reason);

    public void Progress(IngestCounts counts) => _show(counts);

    private string Describe(IngestCounts counts) => string.Create(
        CultureInfo.InvariantCulture,
        $"{counts.Read} read, {counts.Stored} stored, {counts.Unchanged} unchanged, {counts.Failed} failed, {counts.Read / Math.Max(_clock.Elapsed.TotalSeconds, 1e-3):0.0} items/s");

    private void ShowPlain(IngestCounts counts)
    {
        if (_clock.Elapsed - _lastPlainLine >= PlainInterval)
        {
            _lastPlainLine = _clock.Elapsed;
            _writeLine($"lagebild ingest: {Describe(counts)}");
        }
    }
}

/// <summary>
/// How many items the inputs will yield, when that is cheap to tell: a file is one item, a JSONL file one per
/// non-empty line, a directory the files under it. Null for standard input, compressed files and crawls.
/// </summary>
internal static class InputItemEstimate
{
    public static long? Count(IReadOnlyList<string> paths)
    {
        ArgumentNullException.ThrowIfNull(paths);
        long total = 0;
        try
        {
            foreach (var path in paths)
            {
                if (Directory.Exists(path))
                {
                    total += Directory.EnumerateFiles(path, "*", SearchOption.AllDirectories).LongCount();
                }
                else if (!File.Exists(path) || path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase)
                    || path.Contains(".warc", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".arc", StringComparison.OrdinalIgnoreCase))
                {
                    return null;
                }
                else if (path.EndsWith(".jsonl", StringComparison.OrdinalIgnoreCase))
                {
                    total += File.ReadLines(path).LongCount(line => line.Trim().Length > 0);
                }
                else
                {
                    total++;
                }
            }
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            // Only an estimate: the reader names unreadable inputs itself.
            return null;
        }

        return total;
    }
}
