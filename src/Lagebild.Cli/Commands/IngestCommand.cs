using System.CommandLine;
using System.Globalization;
using Lagebild.Ingest.Service;
using Lagebild.Pipeline;
using Lagebild.Store;

namespace Lagebild.Cli.Commands;

/// <summary>
/// `lagebild ingest PATH...`: reads, analyses and stores articles through <see cref="IngestService"/>; this class
/// only binds options and shows progress and the summary. Batches are transactions: an interruption loses at most
/// the batch in flight, and a rerun skips what is stored (same content, same stage versions) without analysing it
/// again. Exit 0 on success, 1 when some items failed (each named on stderr) or the store failed, 2 on a usage
/// error. The summary goes to stdout, progress and failures to stderr.
/// </summary>
internal static class IngestCommand
{
    public static Command Create(CliConsole console)
    {
        ArgumentNullException.ThrowIfNull(console);
        var paths = new Argument<string[]>("paths") { Arity = ArgumentArity.OneOrMore, Description = "Files or directories; '-' reads stdin." };
        var database = StoreOptionBinding.CreateDatabaseOption();
        var batchSize = new Option<int>("--batch")
        {
            Description = "Articles per transaction: at most this many are lost when interrupted.",
            DefaultValueFactory = _ => IngestSettings.DefaultBatchSize,
        };
        var jobs = new Option<int>("--jobs")
        {
            Description = "Articles analysed in parallel (default: the number of processors).",
            DefaultValueFactory = _ => Environment.ProcessorCount,
        };
        var storeTokens = new Option<bool>("--store-tokens") { Description = "Also store the tokens layer (makes the store about twice as large)." };
        var dictionaries = DictionariesOption.Create();
        var input = new InputOptionBinding();
        var stages = new StageOptionBinding();
        var command = new Command("ingest", "Analyse articles and store them (idempotent: stored content is skipped, new URLs are added).")
        {
            paths,
            database,
            batchSize,
            jobs,
            storeTokens,
            dictionaries,
        };
        input.AddTo(command);
        stages.AddTo(command);
        command.SetAction((result, cancellationToken) =>
        {
            var error = console.Error;
            if (!input.TryBind(result, out var inputOptions, out var usage))
            {
                error.WriteLine($"lagebild ingest: {usage}");
                return Task.FromResult(ExitCodes.Usage);
            }

            var size = result.GetValue(batchSize);
            if (size < 1)
            {
                error.WriteLine($"lagebild ingest: --batch {size} must be at least 1.");
                return Task.FromResult(ExitCodes.Usage);
            }

            var parallelism = result.GetValue(jobs);
            if (parallelism < 1)
            {
                error.WriteLine($"lagebild ingest: --jobs {parallelism} must be at least 1.");
                return Task.FromResult(ExitCodes.Usage);
            }

            var dictionaryFolders = result.GetValue(dictionaries) ?? [];
            // Built before the store is opened, so an inconsistent choice of stages touches no store.
            if (!stages.TryCreateEngine(result, dictionaryFolders, out var selected, out usage))
            {
                error.WriteLine($"lagebild ingest: {usage}");
                return Task.FromResult(ExitCodes.Usage);
            }

            var engine = selected!;
            if (dictionaryFolders.Length > 0)
            {
                DictionariesOption.ReportIssues(error, engine.DictionaryIssues);
            }

            var service = new IngestService(engine.Pipeline, new IngestSettings
            {
                BatchSize = size,
                Jobs = parallelism,
                Analysis = new AnalysisOptions { ForcedLanguage = inputOptions.Language, Published = inputOptions.Published },
                // The parts of a split file are large: a chunk also ends once it holds an article limit's worth of text,
                // so such parts are analysed one at a time and memory stays bounded for any input size.
                ChunkCharacterBudget = inputOptions.MaxArticleBytes,
            });
            var location = result.GetValue(database)!;
            var storeOptions = new StoreOpenOptions { StoreTokens = result.GetValue(storeTokens) };
            var inputPaths = result.GetValue(paths) ?? [];
            var items = InputSource.Read(console, inputPaths, inputOptions, cancellationToken);
            var summary = IngestProgressView.Run(
                console,
                inputPaths,
                result.GetValue(input.Verbose),
                observer => service.Run(items, () => StoreBackends.Factory.Open(location, storeOptions), observer, cancellationToken),
                out var skipped);
            WriteSummary(console, summary, skipped);
            return Task.FromResult(summary.Result.Succeeded ? ExitCodes.Success : ExitCodes.SomeItemsFailed);
        });
        return command;
    }

    private static void WriteSummary(CliConsole console, TimedIngestSummary timed, SkippedInputs skipped)
    {
        var summary = timed.Result;
        var error = console.Error;
        switch (summary.End)
        {
            case IngestEnd.Cancelled:
                error.WriteLine("lagebild ingest: interrupted; what was stored stays. Run the same command again to continue.");
                break;
            case IngestEnd.StoreUnavailable:
                error.WriteLine($"lagebild ingest: {summary.StoreError}");
                break;
            case IngestEnd.StoreFailed:
                error.WriteLine($"lagebild ingest: {summary.StoreError} Run the same command again to continue.");
                break;
        }

        var output = console.Out;
        var counts = summary.Counts;
        if (summary.StoreLocation is null)
        {
            if (summary.End == IngestEnd.Completed)
            {
                output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"nothing stored: none of the {counts.Read} items read was an article (failures named on stderr); no store was created or opened."));
            }

            return;
        }

        var seconds = timed.Elapsed.TotalSeconds;
        var rate = counts.Read / Math.Max(seconds, 1e-3);
        output.WriteLine($"ingested into {summary.StoreLocation}");
        Line(output, "items read from the inputs", counts.Read);
        Line(output, "new articles, analysed and stored", counts.Inserted);
        Line(output, "re-analysed (stored by other stage versions)", counts.Replaced);
        Line(output, "unchanged (already stored, not analysed again)", counts.Unchanged);
        if (skipped.Count > 0)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {"skipped files (--verbose names them)",-48} {skipped.Describe()}"));
        }

        Line(output, "failed (each named on stderr)", counts.Failed);
        Line(output, "URLs recorded for the first time", counts.NewUrls);
        if (summary.Statistics is { } statistics)
        {
            Line(output, "articles now in the store", statistics.Articles);
        }

        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {"elapsed",-48} {seconds,8:0.0} s ({rate:0.0} items/s)"));
    }

    private static void Line(TextWriter output, string label, long count) =>
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {label,-48} {count,8}"));
}
