using System.Collections.Concurrent;
using Lagebild.Ingest;
using Lagebild.Ingest.Service;
using Lagebild.Tests.Store;

namespace Lagebild.Tests.Ingest.Service;

public sealed class ParallelAnalysisTests
{
    private static IngestResult[] Items(params string[] texts) =>
        [.. texts.Select((text, i) => IngestResult.Ok(TestPipelines.Article(text, origin: $"item{i}")))];

    /// <summary>Runs three items on two threads and returns the order in which work began and outcomes completed.</summary>
    private static List<string> Events(IReadOnlyList<IngestResult> items, long budget)
    {
        var events = new ConcurrentQueue<string>();
        ParallelAnalysis.Run(
            items,
            jobs: 2,
            (article, _) =>
            {
                events.Enqueue("work " + article.Origin);
                return article.Text;
            },
            outcome => events.Enqueue("complete " + outcome.Item.Origin),
            CancellationToken.None,
            budget);
        return [.. events];
    }

    [Fact]
    public void WithoutABudgetSmallItemsShareOneChunk()
    {
        var events = Events(Items("eins", "zwei", "drei"), long.MaxValue);
        // One chunk of eight slots: all work is done before the first outcome is handed on.
        Assert.True(events.IndexOf("work item2") < events.IndexOf("complete item0"), string.Join(", ", events));
    }

    [Fact]
    public void ACharacterBudgetEndsChunksEarlySoLargeItemsAreNotHeldTogether()
    {
        var events = Events(Items(new string('a', 50), new string('b', 50), new string('c', 50)), 40);
        // Each item is a chunk of its own: the first outcome is handed on while the second is analysed, before the third starts.
        Assert.True(events.IndexOf("complete item0") < events.IndexOf("work item2"), string.Join(", ", events));
        Assert.Equal(["complete item0", "complete item1", "complete item2"], events.Where(e => e.StartsWith("complete", StringComparison.Ordinal)));
    }
}
