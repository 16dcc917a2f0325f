using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Lagebild.Ingest;
using Lagebild.Pipeline;
using Lagebild.Store;
using Microsoft.Data.Sqlite;
using Spectre.Console;

namespace Lagebild.Cli.Commands;

/// <summary>
/// `lagebild ingest PATH...`: reads, analyses and stores articles. Batches are transactions: an interruption
/// loses at most the batch in flight, and a rerun skips what is stored (same content, same stage versions)
/// without analysing it again. Exit 0 on success, 1 when some items failed (each named on stderr) or the store
/// failed, 2 on a usage error. The summary goes to stdout, progress and failures to stderr.
/// </summary>
internal static class IngestCommand
{
    public const int DefaultBatchSize = 100;

    private static readonly TimeSpan PlainProgressInterval = TimeSpan.FromSeconds(10);

    public static Command Create()
    {
        var paths = new Argument<string[]>("paths") { Arity = ArgumentArity.OneOrMore, Description = "Files or directories; '-' reads stdin." };
        var database = StoreOptionBinding.CreateDatabaseOption();
        var batchSize = new Option<int>("--batch")
        {
            Description = $"Articles per transaction (default {DefaultBatchSize}): at most this many are lost when interrupted.",
            DefaultValueFactory = _ => DefaultBatchSize,
        };
        var storeTokens = new Option<bool>("--store-tokens") { Description = "Also store the tokens layer (makes the store about twice as large)." };
        var input = new InputOptionBinding();
        var command = new Command("ingest", "Analyse articles and store them (idempotent: stored content is skipped, new URLs are added).")
        {
            paths,
            database,
            batchSize,
            storeTokens,
        };
        input.AddTo(command);
        command.SetAction((result, cancellationToken) =>
        {
            var error = result.InvocationConfiguration.Error;
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

            var run = new IngestRun(
                result.GetValue(paths) ?? [],
                inputOptions,
                size,
                result.InvocationConfiguration.Output,
                error);
            var storeOptions = new StoreOpenOptions { StoreTokens = result.GetValue(storeTokens) };
            return Task.FromResult(run.Execute(result.GetValue(database)!, storeOptions, cancellationToken));
        });
        return command;
    }

    /// <summary>Counts for progress and the summary.</summary>
    private sealed class IngestStatistics
    {
        public long Read { get; set; }

        public long Inserted { get; set; }

        public long Replaced { get; set; }

        public long AlreadyPresent { get; set; }

        public long NewUrls { get; set; }

        public long Failed { get; set; }

        public Stopwatch Clock { get; } = Stopwatch.StartNew();

        public double Rate => Read / Math.Max(Clock.Elapsed.TotalSeconds, 1e-3);

        public string Describe() => string.Create(
            CultureInfo.InvariantCulture,
            $"{Read} read, {Inserted} new, {Replaced} re-analysed, {AlreadyPresent} already present, {Failed} failed ({Rate:0.0} articles/s)");
    }

    private sealed class IngestRun(IReadOnlyList<string> paths, InputOptions inputOptions, int batchSize, TextWriter output, TextWriter error)
    {
        private readonly IngestStatistics _statistics = new();
        private Action<string> _reportFailure = error.WriteLine;

        public int Execute(string databasePath, StoreOpenOptions storeOptions, CancellationToken cancellationToken)
        {
            SqliteArticleStore store;
            try
            {
                store = SqliteArticleStore.Open(databasePath, storeOptions);
            }
            catch (StoreException unusable)
            {
                error.WriteLine($"lagebild ingest: {unusable.Message}");
                return ExitCodes.SomeItemsFailed;
            }

            using (store)
            {
                int status;
                if (ReferenceEquals(error, Console.Error) && !Console.IsErrorRedirected)
                {
                    status = WithProgressBar(store, cancellationToken);
                }
                else
                {
                    var lastReport = _statistics.Clock.Elapsed;
                    status = Ingest(store, cancellationToken, () =>
                    {
                        if (_statistics.Clock.Elapsed - lastReport >= PlainProgressInterval)
                        {
                            lastReport = _statistics.Clock.Elapsed;
                            error.WriteLine($"lagebild ingest: {_statistics.Describe()}");
                        }
                    });
                }

                WriteSummary(store.Path);
                return status;
            }
        }

        private int WithProgressBar(SqliteArticleStore store, CancellationToken cancellationToken)
        {
            var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
            _reportFailure = line => console.WriteLine(line);
            var status = ExitCodes.Success;
            console.Progress()
                .AutoClear(true)
                .Columns(new SpinnerColumn(), new TaskDescriptionColumn { Alignment = Justify.Left }, new ElapsedTimeColumn())
                .Start(progress =>
                {
                    // The input is a stream of unknown length: the bar shows counts and speed rather than a fraction.
                    var task = progress.AddTask("ingest").IsIndeterminate();
                    status = Ingest(store, cancellationToken, () => task.Description = Markup.Escape(_statistics.Describe()));
                    task.StopTask();
                });
            return status;
        }

        private int Ingest(SqliteArticleStore store, CancellationToken cancellationToken, Action onProgress)
        {
            var engine = Engine.Create();
            var signature = PipelineSignature.Of(engine.Pipeline);
            var analysisOptions = new AnalysisOptions { ForcedLanguage = inputOptions.Language, Published = inputOptions.Published };
            var batch = new StoreBatch();
            var inBatch = new HashSet<string>(StringComparer.Ordinal);
            try
            {
                foreach (var item in new ArticleReader().Read(paths, inputOptions, cancellationToken))
                {
                    _statistics.Read++;
                    if (item.Article is not { } article)
                    {
                        Fail(item.Origin, item.Error ?? "unreadable");
                        continue;
                    }

                    // Stored from the same stage versions (or analysed earlier in this batch): only the URL is new.
                    if (inBatch.Contains(article.Id) || store.GetState(article.Id, signature) == StoredState.Current)
                    {
                        batch.AddSighting(article);
                    }
                    else
                    {
                        AnalysisContext analysed;
                        try
                        {
                            analysed = engine.Pipeline.Run(article, analysisOptions, cancellationToken);
                        }
                        catch (Exception failure) when (failure is not OperationCanceledException)
                        {
                            // A stage bug on one article must not stop the run; the article is named for the report.
                            Fail(item.Origin, $"analysis failed: {failure.GetType().Name}: {failure.Message}");
                            continue;
                        }

                        batch.Add(analysed);
                        inBatch.Add(article.Id);
                    }

                    if (batch.Count >= batchSize)
                    {
                        Flush(store, batch, inBatch);
                    }

                    onProgress();
                }

                Flush(store, batch, inBatch);
            }
            catch (OperationCanceledException)
            {
                // Analysed articles are kept: they cost the most to redo.
                Flush(store, batch, inBatch);
                onProgress();
                _reportFailure("lagebild ingest: interrupted; run the same command again to continue.");
                return ExitCodes.SomeItemsFailed;
            }
            catch (SqliteException failure)
            {
                _reportFailure($"lagebild ingest: storing failed, the last {batch.Count} items were not stored: {failure.Message}. Run the same command again to continue.");
                return ExitCodes.SomeItemsFailed;
            }

            onProgress();
            return _statistics.Failed > 0 ? ExitCodes.SomeItemsFailed : ExitCodes.Success;
        }

        private void Flush(SqliteArticleStore store, StoreBatch batch, HashSet<string> inBatch)
        {
            foreach (var saved in store.Write(batch))
            {
                switch (saved.Outcome)
                {
                    case SaveOutcome.Inserted:
                        _statistics.Inserted++;
                        break;
                    case SaveOutcome.Replaced:
                        _statistics.Replaced++;
                        break;
                    default:
                        _statistics.AlreadyPresent++;
                        break;
                }

                if (saved.NewUrl)
                {
                    _statistics.NewUrls++;
                }
            }

            batch.Clear();
            inBatch.Clear();
        }

        private void Fail(string origin, string reason)
        {
            _statistics.Failed++;
            _reportFailure($"{origin}: {reason}");
        }

        private void WriteSummary(string databasePath)
        {
            var s = _statistics;
            var elapsed = s.Clock.Elapsed.TotalSeconds;
            output.WriteLine($"ingested into {databasePath}");
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  read             {s.Read,8}"));
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  stored new       {s.Inserted,8}"));
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  re-analysed      {s.Replaced,8}"));
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  already present  {s.AlreadyPresent,8}"));
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  new URLs         {s.NewUrls,8}"));
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  failed           {s.Failed,8}"));
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  elapsed          {elapsed,8:0.0} s ({s.Rate:0.0} articles/s)"));
        }
    }
}
