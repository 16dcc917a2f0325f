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
            Description = "Articles per transaction: at most this many are lost when interrupted.",
            DefaultValueFactory = _ => DefaultBatchSize,
        };
        var jobs = new Option<int>("--jobs")
        {
            Description = "Articles analysed in parallel (default: the number of processors).",
            DefaultValueFactory = _ => Environment.ProcessorCount,
        };
        var storeTokens = new Option<bool>("--store-tokens") { Description = "Also store the tokens layer (makes the store about twice as large)." };
        var dictionaries = DictionariesOption.Create();
        var input = new InputOptionBinding();
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

            var parallelism = result.GetValue(jobs);
            if (parallelism < 1)
            {
                error.WriteLine($"lagebild ingest: --jobs {parallelism} must be at least 1.");
                return Task.FromResult(ExitCodes.Usage);
            }

            var run = new IngestRun(
                result.GetValue(paths) ?? [],
                inputOptions,
                result.GetValue(input.Verbose),
                result.GetValue(dictionaries) ?? [],
                size,
                parallelism,
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

        /// <summary>Fits one terminal line beside the spinner and the clock.</summary>
        public string DescribeBriefly() => string.Create(
            CultureInfo.InvariantCulture,
            $"{Read} read, {Inserted + Replaced} stored, {AlreadyPresent} present, {Failed} failed, {Rate:0}/s");
    }

    private sealed record ChunkContext(AnalysisPipeline Pipeline, string Signature, AnalysisOptions Options, ParallelOptions Parallel);

    private sealed class IngestRun(IReadOnlyList<string> paths, InputOptions inputOptions, bool verbose, IReadOnlyList<string> dictionaries, int batchSize, int jobs, TextWriter output, TextWriter error)
    {
        private readonly IngestStatistics _statistics = new();
        private Action<string> _reportFailure = error.WriteLine;
        private SkippedInputs? _skipped;

        private SkippedInputs Skipped => _skipped ??= new SkippedInputs(verbose, line => _reportFailure(line));

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
                    status = Ingest(store, cancellationToken, () => task.Description = Markup.Escape(_statistics.DescribeBriefly()));
                    task.StopTask();
                });
            return status;
        }

        private int Ingest(SqliteArticleStore store, CancellationToken cancellationToken, Action onProgress)
        {
            var engine = Engine.Create(dictionaries: dictionaries);
            if (dictionaries.Count > 0)
            {
                DictionariesOption.ReportIssues(error, engine.DictionaryIssues);
            }

            var context = new ChunkContext(
                engine.Pipeline,
                PipelineSignature.Of(engine.Pipeline),
                new AnalysisOptions { ForcedLanguage = inputOptions.Language, Published = inputOptions.Published },
                new ParallelOptions { MaxDegreeOfParallelism = jobs, CancellationToken = cancellationToken });
            var chunk = new List<IngestResult>(batchSize);
            var pending = new StoreBatch();
            var pendingIds = new HashSet<string>(StringComparer.Ordinal);
            // Chunks are bounded by size too: a hundred parts of a split file, held with their analyses, would take gigabytes.
            var chunkCharacterBudget = 2L * inputOptions.MaxArticleBytes;
            var chunkCharacters = 0L;
            try
            {
                foreach (var item in new ArticleReader().Read(paths, inputOptions, cancellationToken))
                {
                    chunk.Add(item);
                    chunkCharacters += item.Article?.Text.Length ?? 0;
                    if (chunk.Count >= batchSize || chunkCharacters >= chunkCharacterBudget)
                    {
                        pending = Advance(store, context, chunk, pending, pendingIds);
                        chunkCharacters = 0;
                        onProgress();
                    }
                }

                pending = Advance(store, context, chunk, pending, pendingIds);
                Flush(store, pending);
            }
            catch (OperationCanceledException)
            {
                onProgress();
                _reportFailure("lagebild ingest: interrupted; what was stored stays. Run the same command again to continue.");
                return ExitCodes.SomeItemsFailed;
            }
            catch (SqliteException failure)
            {
                onProgress();
                _reportFailure($"lagebild ingest: storing failed, the batch in flight was not stored: {failure.Message} Run the same command again to continue.");
                return ExitCodes.SomeItemsFailed;
            }

            onProgress();
            return _statistics.Failed > 0 ? ExitCodes.SomeItemsFailed : ExitCodes.Success;
        }

        /// <summary>
        /// Takes one chunk a step further: decides on this thread what needs analysis (the store is single-threaded),
        /// analyses it on the workers (stages are thread-safe) while this thread writes the previous batch, then
        /// returns the chunk's batch, in input order, to be written with the next step.
        /// </summary>
        private StoreBatch Advance(SqliteArticleStore store, ChunkContext context, List<IngestResult> chunk, StoreBatch previous, HashSet<string> previousIds)
        {
            var count = chunk.Count;
            var analyse = new bool[count];
            // For a repeat inside the chunk: the index of the first occurrence, which is analysed.
            var repeatOf = new int[count];
            var firstIndex = new Dictionary<string, int>(StringComparer.Ordinal);
            for (var i = 0; i < count; i++)
            {
                repeatOf[i] = -1;
                if (chunk[i].Article is not { } article)
                {
                    continue;
                }

                if (firstIndex.TryGetValue(article.Id, out var first))
                {
                    repeatOf[i] = first;
                }
                else if (!previousIds.Contains(article.Id) && store.GetState(article.Id, context.Signature) != StoredState.Current)
                {
                    analyse[i] = true;
                    firstIndex[article.Id] = i;
                }
            }

            var analysed = new PreparedArticle?[count];
            var errors = new string?[count];
            var analysis = Task.Run(
                () => Parallel.For(0, count, context.Parallel, i =>
                {
                    if (!analyse[i])
                    {
                        return;
                    }

                    try
                    {
                        analysed[i] = store.Prepare(context.Pipeline.Run(chunk[i].Article!, context.Options, context.Parallel.CancellationToken));
                    }
                    catch (Exception failure) when (failure is not OperationCanceledException)
                    {
                        // A stage bug on one article must not stop the run; the article is named in the report.
                        errors[i] = $"analysis failed: {failure.GetType().Name}: {failure.Message}";
                    }
                }),
                CancellationToken.None);
            try
            {
                Flush(store, previous);
            }
            catch
            {
                // The workers finish before the failure leaves, so nothing runs once the store is closed.
                ((IAsyncResult)analysis).AsyncWaitHandle.WaitOne();
                throw;
            }

            analysis.GetAwaiter().GetResult();
            previousIds.Clear();
            var batch = new StoreBatch();
            for (var i = 0; i < count; i++)
            {
                var item = chunk[i];
                if (item.IsSkipped)
                {
                    Skipped.Add(item);
                }
                else if (item.Article is not { } article)
                {
                    Fail(item.Origin, item.Error ?? "unreadable");
                }
                else if (analysed[i] is { } result)
                {
                    batch.Add(result);
                    previousIds.Add(article.Id);
                }
                else if (errors[i] is { } error)
                {
                    Fail(item.Origin, error);
                }
                else if (repeatOf[i] >= 0 && analysed[repeatOf[i]] is null)
                {
                    Fail(item.Origin, $"same content as {chunk[repeatOf[i]].Origin}, whose analysis failed");
                }
                else
                {
                    // Stored from the same stage versions, or analysed earlier in this run: only the URL may be new.
                    batch.AddSighting(article);
                }
            }

            _statistics.Read += count - chunk.Count(item => item.IsSkipped);
            chunk.Clear();
            return batch;
        }

        private void Flush(SqliteArticleStore store, StoreBatch batch)
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
            output.WriteLine($"  skipped files    {Skipped.Describe(),8}");
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  elapsed          {elapsed,8:0.0} s ({s.Rate:0.0} articles/s)"));
        }
    }
}
