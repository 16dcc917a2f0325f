using System.Collections.Concurrent;
using Lagebild.Ingest;
using Lagebild.Ingest.Service;
using Lagebild.Pipeline;
using Lagebild.Store;
using Lagebild.Tests.Store;

namespace Lagebild.Tests.Ingest.Service;

public sealed class IngestServiceTests
{
    private readonly ConcurrentBag<string> _analysed = [];
    private readonly RecordingStore _store = new();
    private readonly RecordingObserver _observer = new();

    private sealed class RecordingObserver : IIngestObserver
    {
        public List<(string Origin, string Message)> Failures { get; } = [];

        public List<IngestCounts> Progress { get; } = [];

        public Action<IngestCounts>? OnProgress { get; init; }

        public void ItemFailed(string origin, string message) => Failures.Add((origin, message));

        public void ItemSkipped(string origin, string reason) => throw new InvalidOperationException("No reader skips items in these tests.");

        void IIngestObserver.Progress(IngestCounts counts)
        {
            Progress.Add(counts);
            OnProgress?.Invoke(counts);
        }
    }

    /// <summary>A pipeline that notes every analysed text and fails on texts containing "Absturz".</summary>
    private AnalysisPipeline Pipeline(int sentenceVersion = 1) => TestPipelines.CreateWithProbe(
        context =>
        {
            if (context.Text.Contains("Absturz", StringComparison.Ordinal))
            {
                throw new InvalidOperationException("probe crashed");
            }

            _analysed.Add(context.Text);
        },
        sentenceVersion);

    private static IngestResult Item(string text, string origin, string? url = null) =>
        IngestResult.Ok(TestPipelines.Article(text, url: url, origin: origin));

    private IngestSummary Run(IEnumerable<IngestResult> items, int batchSize = 2, int jobs = 2, AnalysisPipeline? pipeline = null, IIngestObserver? observer = null, CancellationToken cancellationToken = default)
    {
        var service = new IngestService(pipeline ?? Pipeline(), new IngestSettings { BatchSize = batchSize, Jobs = jobs });
        return service.Run(items, () => _store, observer ?? _observer, cancellationToken);
    }

    [Fact]
    public void TheSameContentTwiceIsAnalysedOnceInAChunkAndAcrossBatches()
    {
        var items = new[]
        {
            Item("Peking empfängt Minsk.", "a.txt", "https://a.example/1"),
            Item("Peking  empfängt MINSK.", "copy.txt", "https://b.example/copy"),
            Item("Wien wählt.", "b.txt"),
            // In the next batch, while the first batch waits to be written.
            Item("Peking empfängt Minsk.", "again.txt", "https://c.example/again"),
        };

        var summary = Run(items, batchSize: 3);

        Assert.True(summary.Succeeded);
        Assert.Equal(2, _analysed.Count);
        Assert.Equal(new IngestCounts(4, "again.txt", Inserted: 2, Replaced: 0, Unchanged: 2, Failed: 0, Skipped: 0, NewUrls: 3), summary.Counts);
        var id = items[0].Article!.Id;
        Assert.Equal(["https://a.example/1", "https://b.example/copy", "https://c.example/again"], _store.GetUrls(id));
        // One lookup per distinct content and batch; the repeat inside the chunk and the pending one ask nothing.
        Assert.Single(_store.Calls, call => call == $"state {id}");
        Assert.Equal(["write new:" + id[..6] + ",seen:" + id[..6] + ",new:" + items[2].Article!.Id[..6], "write seen:" + id[..6]], _store.Calls.Where(call => call.StartsWith("write", StringComparison.Ordinal)));
        Assert.True(_store.Disposed);
        Assert.Equal("memory", summary.StoreLocation);
        Assert.Equal(2, summary.Statistics!.Articles);
    }

    [Fact]
    public void StoredContentFromTheSameStageVersionsIsNotAnalysedAndStaleContentIsReplaced()
    {
        var current = Item("Schon gespeichert.", "current.txt");
        var stale = Item("Mit alten Stufen gespeichert.", "stale.txt");
        var fresh = Item("Ganz neu.", "new.txt");
        var pipeline = Pipeline();
        _store.Seed(current.Article!.Id, PipelineSignature.Of(pipeline));
        _store.Seed(stale.Article!.Id, PipelineSignature.Of(Pipeline(sentenceVersion: 0)));

        var summary = Run([current, stale, fresh], pipeline: pipeline);

        Assert.Equal(["Ganz neu.", "Mit alten Stufen gespeichert."], _analysed.Order(StringComparer.Ordinal));
        Assert.Equal((1L, 1L, 1L), (summary.Counts.Inserted, summary.Counts.Replaced, summary.Counts.Unchanged));
        Assert.DoesNotContain($"prepare {current.Article.Id}", _store.Calls);
    }

    [Fact]
    public void AFailingItemIsNamedAndTheRestOfTheRunGoesOn()
    {
        var items = new[]
        {
            Item("Erster Bericht.", "one.txt"),
            Item("Ein Absturz der Analyse.", "crash.txt"),
            IngestResult.Failed("broken.html", "cannot decode the file"),
            Item("Ein  ABSTURZ der Analyse.", "crash-copy.txt"),
            Item("Letzter Bericht.", "last.txt"),
        };

        var summary = Run(items, batchSize: 5, pipeline: TestPipelines.CreateWithProbe(context =>
        {
            if (context.Text.Contains("Absturz", StringComparison.OrdinalIgnoreCase))
            {
                throw new InvalidOperationException("probe crashed");
            }
        }));

        Assert.False(summary.Succeeded);
        Assert.Equal(IngestEnd.Completed, summary.End);
        Assert.Equal((2L, 3L), (summary.Counts.Inserted, summary.Counts.Failed));
        Assert.Equal(
            [
                ("crash.txt", "analysis failed (InvalidOperationException): probe crashed"),
                ("broken.html", "cannot decode the file"),
                ("crash-copy.txt", "same content as crash.txt, whose analysis failed"),
            ],
            _observer.Failures);
        Assert.Equal(2, _store.StoredIds.Count);
    }

    [Fact]
    public void CancellationKeepsWrittenBatchesAndReportsCancelled()
    {
        using var cancellation = new CancellationTokenSource();
        var observer = new RecordingObserver { OnProgress = _ => cancellation.Cancel() };
        var items = Enumerable.Range(1, 6).Select(i => Item($"Meldung {i}.", $"m{i}.txt"));

        var summary = Run(items, batchSize: 2, observer: observer, cancellationToken: cancellation.Token);

        Assert.Equal(IngestEnd.Cancelled, summary.End);
        Assert.False(summary.Succeeded);
        // The first batch was analysed before the cancel and written while the second was due; nothing after it.
        Assert.Equal(2, _store.StoredIds.Count);
        Assert.True(_analysed.Count <= 2);
        Assert.True(_store.Disposed);
    }

    [Fact]
    public void NoStoreIsOpenedWhenNoInputYieldsAnArticle()
    {
        var opened = false;
        var service = new IngestService(Pipeline(), new IngestSettings { BatchSize = 2, Jobs = 1 });
        var summary = service.Run(
            [IngestResult.Failed("missing.txt", "no such file"), IngestResult.Failed("gone/", "no such directory")],
            () =>
            {
                opened = true;
                return _store;
            },
            _observer);

        Assert.False(opened);
        Assert.Null(summary.StoreLocation);
        Assert.Equal(2, summary.Counts.Failed);
        Assert.Equal(["missing.txt", "gone/"], _observer.Failures.Select(failure => failure.Origin));
    }

    [Fact]
    public void AStoreThatCannotBeOpenedOrWrittenEndsTheRunWithItsMessage()
    {
        var service = new IngestService(Pipeline(), new IngestSettings { BatchSize = 2, Jobs = 1 });
        var unavailable = service.Run([Item("Ein Text.", "a.txt")], () => throw new StoreException("no such store."), _observer);
        Assert.Equal((IngestEnd.StoreUnavailable, "no such store."), (unavailable.End, unavailable.StoreError));

        var items = new[] { Item("Eins.", "1.txt"), Item("Zwei.", "2.txt"), Item("Drei.", "3.txt"), Item("Vier.", "4.txt") };
        _store.FailingIds.Add(items[2].Article!.Id);
        var failed = Run(items);
        Assert.Equal(IngestEnd.StoreFailed, failed.End);
        Assert.Equal("disk full while writing 3.txt.", failed.StoreError);
        Assert.Equal(2, _store.StoredIds.Count);
        Assert.True(_store.Disposed);
    }
}
