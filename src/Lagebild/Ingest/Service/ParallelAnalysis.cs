using Lagebild.Documents;

namespace Lagebild.Ingest.Service;

/// <summary>What became of one input item in a chunk.</summary>
/// <param name="Item">The item as read.</param>
/// <param name="Result">The work's result; null when the item was not selected, unreadable, or the work failed.</param>
/// <param name="Failure">Why the item failed (unreadable, or the work threw), in words naming no internal type; null for
/// an item the reader skipped on purpose (<see cref="IngestResult.SkipReason"/>).</param>
public sealed record ChunkOutcome<T>(IngestResult Item, T? Result, string? Failure)
    where T : class;

/// <summary>
/// The parallel runner behind <c>ingest</c> and <c>analyze</c>: input items go in chunks; each chunk's selected
/// articles are processed on up to <c>jobs</c> threads (stages are thread-safe) while the calling thread does
/// something else (writes the previous chunk to the store or the output), and outcomes come back in input order.
/// A failure of one item is an outcome, never the end of the run; cancellation throws
/// <see cref="OperationCanceledException"/> once no worker runs any more.
/// </summary>
public static class ParallelAnalysis
{
    /// <summary>
    /// Runs <paramref name="work"/> for every article of <paramref name="chunk"/> that <paramref name="selected"/>
    /// chooses, in parallel, and <paramref name="meanwhile"/> on the calling thread at the same time.
    /// </summary>
    public static ChunkOutcome<T>[] RunChunk<T>(
        IReadOnlyList<IngestResult> chunk,
        Func<int, bool> selected,
        Func<Article, CancellationToken, T> work,
        int jobs,
        Action meanwhile,
        CancellationToken cancellationToken)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(chunk);
        ArgumentNullException.ThrowIfNull(selected);
        ArgumentNullException.ThrowIfNull(work);
        ArgumentNullException.ThrowIfNull(meanwhile);
        ArgumentOutOfRangeException.ThrowIfLessThan(jobs, 1);
        var count = chunk.Count;
        var results = new T?[count];
        var failures = new string?[count];
        var chosen = new bool[count];
        for (var i = 0; i < count; i++)
        {
            chosen[i] = chunk[i].Article is not null && selected(i);
        }

        var parallel = new ParallelOptions { MaxDegreeOfParallelism = jobs, CancellationToken = cancellationToken };
        var analysis = Task.Run(
            () => Parallel.For(0, count, parallel, i =>
            {
                if (!chosen[i])
                {
                    return;
                }

                try
                {
                    results[i] = work(chunk[i].Article!, cancellationToken);
                }
                catch (Exception failure) when (failure is not OperationCanceledException)
                {
                    // A stage bug on one article must not stop a batch of thousands; the article is named in the report.
                    failures[i] = $"analysis failed ({failure.GetType().Name}): {failure.Message}";
                }
            }),
            CancellationToken.None);
        try
        {
            meanwhile();
        }
        catch
        {
            // The workers finish before the failure leaves, so nothing runs once the caller cleans up (closes the store).
            ((IAsyncResult)analysis).AsyncWaitHandle.WaitOne();
            throw;
        }

        analysis.GetAwaiter().GetResult();
        var outcomes = new ChunkOutcome<T>[count];
        for (var i = 0; i < count; i++)
        {
            var item = chunk[i];
            outcomes[i] = item.Article is null
                ? new ChunkOutcome<T>(item, null, item.IsSkipped ? null : item.Error ?? "unreadable")
                : new ChunkOutcome<T>(item, results[i], failures[i]);
        }

        return outcomes;
    }

    /// <summary>
    /// After a chunk that ended on its character budget (the parts of a split file, each a megabyte of text whose
    /// analysis is a few hundred megabytes of short-lived objects), collects at once: the collector's own pacing would
    /// let several such analyses pile up before it runs. Ordinary chunks never get here.
    /// </summary>
    internal static void ReleaseAfterLargeChunk(long characters, long budget)
    {
        if (characters >= budget)
        {
            GC.Collect();
        }
    }

    /// <summary>
    /// Processes every article of <paramref name="items"/> and hands each outcome to <paramref name="complete"/> on
    /// the calling thread, in input order; a chunk is completed while the next one is processed. A chunk also ends once
    /// its articles hold <paramref name="chunkCharacterBudget"/> characters, so huge articles (the parts of a split
    /// file) are not held many at a time with their results.
    /// </summary>
    public static void Run<T>(
        IEnumerable<IngestResult> items,
        int jobs,
        Func<Article, CancellationToken, T> work,
        Action<ChunkOutcome<T>> complete,
        CancellationToken cancellationToken,
        long chunkCharacterBudget = long.MaxValue)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(complete);
        ArgumentOutOfRangeException.ThrowIfLessThan(jobs, 1);
        // Small chunks keep output streaming; several items per thread keep the threads busy.
        var chunkSize = jobs == 1 ? 1 : jobs * 4;
        var chunk = new List<IngestResult>(chunkSize);
        ChunkOutcome<T>[] previous = [];
        var characters = 0L;
        foreach (var item in items)
        {
            chunk.Add(item);
            characters += item.Article?.Text.Length ?? 0;
            if (chunk.Count == chunkSize || characters >= chunkCharacterBudget)
            {
                previous = Advance(chunk, previous);
                ReleaseAfterLargeChunk(characters, chunkCharacterBudget);
                characters = 0;
            }
        }

        foreach (var outcome in Advance(chunk, previous))
        {
            complete(outcome);
        }

        ChunkOutcome<T>[] Advance(List<IngestResult> current, ChunkOutcome<T>[] done)
        {
            var outcomes = RunChunk(current, _ => true, work, jobs, () => Array.ForEach(done, complete), cancellationToken);
            current.Clear();
            return outcomes;
        }
    }
}
