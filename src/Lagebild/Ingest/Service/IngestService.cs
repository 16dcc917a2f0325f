using Lagebild.Pipeline;
using Lagebild.Store;

namespace Lagebild.Ingest.Service;

/// <summary>How an ingest run works.</summary>
public sealed record IngestSettings
{
    public const int DefaultBatchSize = 100;

    /// <summary>Articles per store transaction: at most this many are lost when the run is interrupted.</summary>
    public int BatchSize { get; init; } = DefaultBatchSize;

    /// <summary>Articles analysed in parallel.</summary>
    public int Jobs { get; init; } = Environment.ProcessorCount;

    /// <summary>
    /// A chunk also ends once its articles hold this many characters (null: no bound), so that the large parts of a
    /// split file are not all held at once with their analyses.
    /// </summary>
    public long? ChunkCharacterBudget { get; init; }

    /// <summary>Options for every analysis (declared language, publication date).</summary>
    public AnalysisOptions Analysis { get; init; } = AnalysisOptions.Default;
}

/// <summary>
/// What a front end hears from a run: each item that failed or was skipped, named, and the counts after every
/// batch. Called on the thread that called <see cref="IngestService.Run"/>, one call at a time.
/// </summary>
public interface IIngestObserver
{
    /// <summary>An item could not be read or analysed; the rest of the run goes on.</summary>
    void ItemFailed(string origin, string message);

    /// <summary>The reader passed over an item on purpose (e.g. not an article), with the reason.</summary>
    void ItemSkipped(string origin, string reason);

    /// <summary>The counts so far; after every batch and at the end.</summary>
    void Progress(IngestCounts counts);
}

/// <summary>What a run has done so far. Every article read ends in exactly one of the outcome counts.</summary>
/// <param name="Read">Items read from the inputs (articles, unreadable items and skipped ones).</param>
/// <param name="LastOrigin">The origin of the last item read (for progress views that track input files).</param>
/// <param name="Inserted">Articles stored for the first time.</param>
/// <param name="Replaced">Articles stored before by other stage versions: analysed again and replaced.</param>
/// <param name="Unchanged">Articles already stored by these stage versions (or earlier in this run): not analysed again.</param>
/// <param name="Failed">Items that could not be read, analysed or stored.</param>
/// <param name="Skipped">Items the reader passed over on purpose.</param>
/// <param name="NewUrls">URLs recorded for the first time (an article may have several URLs, or none).</param>
public sealed record IngestCounts(long Read, string? LastOrigin, long Inserted, long Replaced, long Unchanged, long Failed, long Skipped, long NewUrls)
{
    public static IngestCounts None { get; } = new(0, null, 0, 0, 0, 0, 0, 0);

    /// <summary>Articles written in this run (new and replaced).</summary>
    public long Stored => Inserted + Replaced;
}

/// <summary>How a run ended.</summary>
public enum IngestEnd
{
    /// <summary>Every input was read; each item is stored, unchanged, skipped or failed (see the counts).</summary>
    Completed,

    /// <summary>Cancelled: what was stored stays, the batch in flight was not stored; a rerun continues.</summary>
    Cancelled,

    /// <summary>The store could not be opened; nothing was stored.</summary>
    StoreUnavailable,

    /// <summary>A write failed: the batch in flight was not stored, earlier batches stay; the run stopped.</summary>
    StoreFailed,
}

/// <param name="End">How the run ended.</param>
/// <param name="Counts">What it did.</param>
/// <param name="StoreLocation">The store's location; null when it was never opened (no input could be read).</param>
/// <param name="StoreError">The store's message for <see cref="IngestEnd.StoreUnavailable"/> and <see cref="IngestEnd.StoreFailed"/>.</param>
/// <param name="Statistics">What the store holds after the run (null when not opened or failed).</param>
public sealed record IngestSummary(IngestEnd End, IngestCounts Counts, string? StoreLocation, string? StoreError, StoreStatistics? Statistics)
{
    public bool Succeeded => End == IngestEnd.Completed && Counts.Failed == 0;
}

/// <summary>
/// Reads, analyses and stores: input items → de-duplication (the same content twice in a run is analysed once) →
/// staleness check against the pipeline signature (stored content from the same stage versions is not analysed
/// again, only its URL recorded) → analysis on parallel workers, overlapped with the store writing the previous
/// batch → one transaction per batch. The store is opened on the first readable article, so a run whose inputs
/// cannot be read creates and touches no store. Used by the command line; the server and the cluster runner call it
/// the same way. Not thread-safe: one run at a time per instance.
/// </summary>
public sealed class IngestService
{
    private readonly AnalysisPipeline _pipeline;
    private readonly IngestSettings _settings;
    private readonly string _signature;

    public IngestService(AnalysisPipeline pipeline, IngestSettings settings)
    {
        ArgumentNullException.ThrowIfNull(pipeline);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentOutOfRangeException.ThrowIfLessThan(settings.BatchSize, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(settings.Jobs, 1);
        _pipeline = pipeline;
        _settings = settings;
        _signature = PipelineSignature.Of(pipeline);
    }

    /// <summary>
    /// Runs over <paramref name="items"/>; <paramref name="openStore"/> is called at most once, and the store it
    /// returns is disposed at the end. Store failures end the run with a summary, never an exception.
    /// </summary>
    public IngestSummary Run(IEnumerable<IngestResult> items, Func<IArticleStore> openStore, IIngestObserver observer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(openStore);
        ArgumentNullException.ThrowIfNull(observer);
        using var run = new IngestRun(this, openStore, observer, cancellationToken);
        return run.Execute(items);
    }

    /// <summary>What to do with one item of a chunk, decided on the writer thread before analysis.</summary>
    private enum Plan
    {
        /// <summary>Unreadable or skipped: reported, nothing stored.</summary>
        None,

        /// <summary>Not stored, or stored by other stage versions.</summary>
        Analyse,

        /// <summary>Stored by these stage versions, or analysed earlier in the run: record the sighting (URL).</summary>
        Sighting,

        /// <summary>The same content as an earlier item of this chunk, which is analysed.</summary>
        Repeat,
    }

    private sealed class IngestRun(IngestService service, Func<IArticleStore> openStore, IIngestObserver observer, CancellationToken cancellationToken) : IDisposable
    {
        private IArticleStore? _store;
        private IngestCounts _counts = IngestCounts.None;

        // Ids in the batch waiting to be written: a repeat in the next chunk is a sighting, not a new analysis.
        private readonly HashSet<string> _pendingIds = new(StringComparer.Ordinal);

        public IngestSummary Execute(IEnumerable<IngestResult> items)
        {
            var size = service._settings.BatchSize;
            var chunk = new List<IngestResult>(size);
            var pending = new StoreBatch();
            var budget = service._settings.ChunkCharacterBudget ?? long.MaxValue;
            var characters = 0L;
            try
            {
                foreach (var item in items)
                {
                    chunk.Add(item);
                    characters += item.Article?.Text.Length ?? 0;
                    if (chunk.Count >= size || characters >= budget)
                    {
                        pending = Advance(chunk, pending);
                        ParallelAnalysis.ReleaseAfterLargeChunk(characters, budget);
                        characters = 0;
                    }
                }

                pending = Advance(chunk, pending);
                Flush(pending);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return End(IngestEnd.Cancelled, null);
            }
            catch (StoreException failure)
            {
                return End(_store is null ? IngestEnd.StoreUnavailable : IngestEnd.StoreFailed, failure.Message);
            }

            return End(IngestEnd.Completed, null);
        }

        public void Dispose() => _store?.Dispose();

        private IngestSummary End(IngestEnd end, string? storeError)
        {
            observer.Progress(_counts);
            StoreStatistics? statistics = null;
            if (_store is not null && end is IngestEnd.Completed or IngestEnd.Cancelled)
            {
                try
                {
                    statistics = _store.GetStatistics();
                }
                catch (StoreException)
                {
                    // The run's own figures stand; the store's totals are a courtesy.
                }
            }

            return new IngestSummary(end, _counts, _store?.Location, storeError, statistics);
        }

        /// <summary>
        /// Takes one chunk a step further: plans it on this thread (the store is single-threaded), analyses what needs
        /// it on the workers while this thread writes the previous batch, then returns the chunk's batch, in input
        /// order, to be written with the next step.
        /// </summary>
        private StoreBatch Advance(List<IngestResult> chunk, StoreBatch previous)
        {
            var plans = PlanChunk(chunk, out var repeatOf);
            var store = _store;
            var outcomes = ParallelAnalysis.RunChunk(
                chunk,
                i => plans[i] == Plan.Analyse,
                (article, token) => store!.Prepare(service._pipeline.Run(article, service._settings.Analysis, token)),
                service._settings.Jobs,
                () => Flush(previous),
                cancellationToken);

            _pendingIds.Clear();
            var batch = new StoreBatch();
            for (var i = 0; i < outcomes.Length; i++)
            {
                var outcome = outcomes[i];
                var origin = outcome.Item.Origin;
                _counts = _counts with { Read = _counts.Read + 1, LastOrigin = origin };
                if (outcome.Item.SkipReason is { } reason)
                {
                    _counts = _counts with { Skipped = _counts.Skipped + 1 };
                    observer.ItemSkipped(origin, reason);
                }
                else if (outcome.Failure is { } failure)
                {
                    Fail(origin, failure);
                }
                else if (outcome.Item.Article is not { } article)
                {
                    Fail(origin, "unreadable");
                }
                else if (outcome.Result is { } prepared)
                {
                    batch.Add(prepared);
                    _pendingIds.Add(article.Id);
                }
                else if (plans[i] == Plan.Repeat && outcomes[repeatOf[i]].Result is null)
                {
                    Fail(origin, $"same content as {chunk[repeatOf[i]].Origin}, whose analysis failed");
                }
                else
                {
                    // Stored from the same stage versions, or analysed earlier in this run: only the URL may be new.
                    batch.AddSighting(article);
                }
            }

            chunk.Clear();
            observer.Progress(_counts);
            return batch;
        }

        private Plan[] PlanChunk(List<IngestResult> chunk, out int[] repeatOf)
        {
            var plans = new Plan[chunk.Count];
            repeatOf = new int[chunk.Count];
            var firstIndex = new Dictionary<string, int>(StringComparer.Ordinal);
            for (var i = 0; i < chunk.Count; i++)
            {
                repeatOf[i] = -1;
                if (chunk[i].Article is not { } article)
                {
                    continue;
                }

                // Opened only now: inputs that yield no article never create or touch a store.
                _store ??= openStore();
                if (firstIndex.TryGetValue(article.Id, out var first))
                {
                    plans[i] = Plan.Repeat;
                    repeatOf[i] = first;
                }
                else if (!_pendingIds.Contains(article.Id) && _store.GetState(article.Id, service._signature) != StoredState.Current)
                {
                    plans[i] = Plan.Analyse;
                    firstIndex[article.Id] = i;
                }
                else
                {
                    plans[i] = Plan.Sighting;
                }
            }

            return plans;
        }

        private void Flush(StoreBatch batch)
        {
            if (batch.Count == 0)
            {
                return;
            }

            foreach (var saved in _store!.Write(batch))
            {
                _counts = saved.Outcome switch
                {
                    SaveOutcome.Inserted => _counts with { Inserted = _counts.Inserted + 1 },
                    SaveOutcome.Replaced => _counts with { Replaced = _counts.Replaced + 1 },
                    _ => _counts with { Unchanged = _counts.Unchanged + 1 },
                };
                if (saved.NewUrl)
                {
                    _counts = _counts with { NewUrls = _counts.NewUrls + 1 };
                }
            }

            batch.Clear();
        }

        private void Fail(string origin, string message)
        {
            _counts = _counts with { Failed = _counts.Failed + 1 };
            observer.ItemFailed(origin, message);
        }
    }
}
