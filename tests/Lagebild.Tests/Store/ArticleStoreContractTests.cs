using Lagebild.Output;
using Lagebild.Pipeline;
using Lagebild.Store;

namespace Lagebild.Tests.Store;

/// <summary>
/// What every store backend must do, written against <see cref="IArticleStore"/> only: a backend's test class
/// derives from this one and says how to open a store and how to make its inserts fail.
/// </summary>
public abstract class ArticleStoreContractTests : IDisposable
{
    protected static readonly DateTimeOffset IngestTime = new(2026, 1, 2, 3, 4, 5, TimeSpan.Zero);

    private readonly AnalysisPipeline _pipeline = TestPipelines.Create();

    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
    }

    /// <summary>Opens (creating unless told otherwise) the store named <paramref name="name"/> in this test's scratch space.</summary>
    protected abstract IArticleStore OpenStore(string name, StoreOpenOptions options);

    /// <summary>Whether the store named <paramref name="name"/> exists.</summary>
    protected abstract bool Exists(string name);

    /// <summary>Makes the store refuse to insert articles whose text starts with <paramref name="textPrefix"/>.</summary>
    protected abstract void BreakInsertsOf(IArticleStore store, string textPrefix);

    protected abstract void RepairInserts(IArticleStore store);

    protected IArticleStore OpenStore(string name = "store") => OpenStore(name, new StoreOpenOptions { Clock = new FixedClock(IngestTime) });

    protected AnalysisContext Analyse(string text, string? url = null, string? title = null, DateTimeOffset? published = null) =>
        _pipeline.Run(TestPipelines.Article(text, url, title, published));

    protected static List<string> Ids(IArticleStore store, StoreFilter filter)
    {
        var rows = store.Query(RecordKind.Articles, filter);
        var id = rows.Columns.ToList().IndexOf("id");
        return rows.Select(row => (string)row[id]!).ToList();
    }

    [Fact]
    public void ReopeningKeepsTheData()
    {
        string id;
        using (var store = OpenStore())
        {
            id = store.Save(Analyse("Ein Satz. Noch einer.")).ArticleId;
        }

        using var reopened = OpenStore();
        Assert.Equal(1, reopened.CountArticles());
        Assert.NotNull(reopened.GetContractJson(id));
    }

    [Fact]
    public void OpeningAMissingStoreWithoutCreateFailsClearly()
    {
        var error = Assert.Throws<StoreException>(() => OpenStore("missing", new StoreOpenOptions { CreateIfMissing = false }));
        Assert.Contains("no store", error.Message, StringComparison.Ordinal);
        Assert.False(Exists("missing"));
    }

    [Fact]
    public void SameContentUnderTwoUrlsIsOneArticleWithBothUrls()
    {
        using var store = OpenStore();
        var first = store.Save(Analyse("Peking und Minsk vertiefen ihre Beziehungen.", url: "https://a.example/1"));
        // Case and whitespace differences do not make new content.
        var copy = store.Save(Analyse("Peking und  Minsk vertiefen ihre\nBeziehungen.", url: "https://b.example/copy"));
        var again = store.Save(Analyse("Peking und Minsk vertiefen ihre Beziehungen.", url: "https://a.example/1"));

        Assert.Equal(SaveOutcome.Inserted, first.Outcome);
        Assert.True(first.NewUrl);
        Assert.Equal(first.ArticleId, copy.ArticleId);
        Assert.Equal(SaveOutcome.AlreadyPresent, copy.Outcome);
        Assert.True(copy.NewUrl);
        Assert.Equal(SaveOutcome.AlreadyPresent, again.Outcome);
        Assert.False(again.NewUrl);
        Assert.Equal(1, store.CountArticles());
        Assert.Equal(["https://a.example/1", "https://b.example/copy"], store.GetUrls(first.ArticleId));
        Assert.Equal([first.ArticleId], Ids(store, new StoreFilter { Text = "Minsk" }));
    }

    [Fact]
    public void StateTellsCurrentFromStaleAndNewStageVersionsReplaceTheLayers()
    {
        using var store = OpenStore();
        var version1 = PipelineSignature.Of(TestPipelines.Create(1));
        var version2 = PipelineSignature.Of(TestPipelines.Create(2));
        var context = Analyse("Erster Satz. Zweiter Satz.", url: "https://a.example/x");
        Assert.Equal(version1, PipelineSignature.Of(context.StageVersions));
        Assert.Equal(StoredState.Absent, store.GetState(context.Article.Id, version1));

        store.Save(context);
        Assert.Equal(StoredState.Current, store.GetState(context.Article.Id, version1));
        Assert.Equal(StoredState.Stale, store.GetState(context.Article.Id, version2));

        var reanalysed = TestPipelines.Create(2).Run(TestPipelines.Article("Erster Satz. Zweiter Satz.", "https://b.example/y"));
        Assert.Equal(SaveOutcome.Replaced, store.Save(reanalysed).Outcome);
        Assert.Equal(StoredState.Current, store.GetState(context.Article.Id, version2));
        Assert.Equal(1, store.CountArticles());
        Assert.Equal(2L, store.GetStatistics().Urls);
        Assert.Equal([context.Article.Id], Ids(store, new StoreFilter { Text = "Zweiter" }));
        Assert.Equal(ArticleJsonWriter.ToJson(reanalysed, indented: false), store.GetContractJson(context.Article.Id));
    }

    [Fact]
    public async Task TheStoredContractIsExactlyTheCompactContractJson()
    {
        using var store = OpenStore();
        var contexts = new[]
        {
            Analyse("Xi Jinping empfängt Lukaschenko. Sie sprechen über \"Frieden\".", url: "https://a.example/1", title: "Besuch"),
            Analyse("Ümlaute, Emoji 🙂 und \u2028 Sonderzeichen.", published: new DateTimeOffset(2023, 3, 1, 0, 0, 0, TimeSpan.Zero)),
        };
        var batch = new StoreBatch();
        batch.Add(contexts[0]);
        // Prepared on another thread, as ingest does, it is the same.
        batch.Add(await Task.Run(() => store.Prepare(contexts[1])));
        store.Write(batch);
        var exported = store.ReadContracts(StoreFilter.All).Select(System.Text.Encoding.UTF8.GetString).ToList();
        Assert.Equal(contexts.Select(context => ArticleJsonWriter.ToJson(context, indented: false)), exported);
    }

    [Fact]
    public void FullTextSearchFindsTitleAndTextFoldsDiacriticsAndRejectsMalformedQueries()
    {
        using var store = OpenStore();
        var austria = store.Save(Analyse("Die Regierung in Österreich tagt.", title: "Wahl in Wien")).ArticleId;
        var china = store.Save(Analyse("Peking empfängt den Gast aus Minsk.", title: "Staatsbesuch")).ArticleId;

        Assert.Equal([austria], Ids(store, new StoreFilter { Text = "osterreich" }));
        Assert.Equal([austria], Ids(store, new StoreFilter { Text = "title:wahl" }));
        Assert.Equal([china], Ids(store, new StoreFilter { Text = "\"aus Minsk\"" }));
        Assert.Equal([austria, china], Ids(store, new StoreFilter { Text = "Wien OR Peking" }));
        Assert.Empty(Ids(store, new StoreFilter { Text = "title:Peking" }));

        Assert.Equal([austria], Ids(store, new StoreFilter { Text = "Wien OR Peking NOT Gast" }));
        Assert.Equal([china], Ids(store, new StoreFilter { Text = "Staats* AND (Minsk OR Wien)" }));
        // Punctuation inside a word is text, not syntax: "Minsk." matches like a phrase.
        Assert.Equal([china], Ids(store, new StoreFilter { Text = "text:Minsk." }));

        Assert.Throws<InvalidTextQueryException>(() => store.Query(RecordKind.Articles, new StoreFilter { Text = "\"unbalanced" }));
        Assert.Throws<InvalidTextQueryException>(() => store.Query(RecordKind.Articles, new StoreFilter { Text = "AND OR" }));
        Assert.Throws<InvalidTextQueryException>(() => store.ReadContracts(new StoreFilter { Text = "(Wien" }));
        Assert.Null(store.ValidateTextQuery("Wien NOT Peking"));
        Assert.Contains("NOT", store.ValidateTextQuery("NOT Peking"), StringComparison.Ordinal);
        Assert.Contains("not closed", store.ValidateTextQuery("\"Wien"), StringComparison.Ordinal);
    }

    [Fact]
    public void DateFiltersSelectByPublicationAndLeaveUndatedArticlesOut()
    {
        using var store = OpenStore();
        var early = store.Save(Analyse("Am ersten Tag.", published: new DateTimeOffset(2023, 3, 1, 23, 30, 0, TimeSpan.Zero))).ArticleId;
        // Filters compare instants: 00:30 on 2 March at +02:00 is 22:30 on 1 March in UTC.
        var late = store.Save(Analyse("Am zweiten Tag.", published: new DateTimeOffset(2023, 3, 2, 0, 30, 0, TimeSpan.FromHours(2)))).ArticleId;
        var third = store.Save(Analyse("Am dritten Tag.", published: new DateTimeOffset(2023, 3, 3, 8, 0, 0, TimeSpan.Zero))).ArticleId;
        store.Save(Analyse("Ohne Datum."));

        var march2 = new DateTimeOffset(2023, 3, 2, 0, 0, 0, TimeSpan.Zero);
        Assert.Equal([early, late], Ids(store, new StoreFilter { PublishedBefore = march2 }));
        Assert.Equal([third], Ids(store, new StoreFilter { PublishedFrom = march2 }));
        Assert.Equal([late], Ids(store, new StoreFilter { PublishedFrom = new DateTimeOffset(2023, 3, 1, 22, 30, 0, TimeSpan.Zero), PublishedBefore = new DateTimeOffset(2023, 3, 1, 23, 0, 0, TimeSpan.Zero) }));
        Assert.Equal(4, Ids(store, StoreFilter.All).Count);
        Assert.Equal(2, Ids(store, new StoreFilter { Limit = 2 }).Count);
    }

    [Fact]
    public void AFailureInsideABatchKeepsNothingOfItAndARerunCompletesItWithoutDuplicates()
    {
        var texts = Enumerable.Range(1, 6).Select(i => $"Meldung Nummer {i}. Sie ist kurz.").ToArray();
        using var store = OpenStore();
        var signature = PipelineSignature.Of(_pipeline);

        // What an ingest run does: skip what is current, analyse the rest, write in batches of three.
        IReadOnlyList<SaveResult> RunBatch(IEnumerable<int> indexes)
        {
            var batch = new StoreBatch();
            foreach (var i in indexes)
            {
                var article = TestPipelines.Article(texts[i], url: $"https://a.example/{i}");
                if (store.GetState(article.Id, signature) == StoredState.Current)
                {
                    batch.AddSighting(article);
                }
                else
                {
                    batch.Add(_pipeline.Run(article));
                }
            }

            return store.Write(batch);
        }

        RunBatch([0, 1, 2]);
        // The storage fails on the fifth article: the second batch is lost as a whole, with the store's neutral exception.
        BreakInsertsOf(store, "Meldung Nummer 5.");
        Assert.Throws<StoreException>(() => RunBatch([3, 4, 5]));
        Assert.Equal(3, store.CountArticles());
        Assert.Equal(3L, store.GetStatistics().Urls);

        // The rerun goes over everything again.
        RepairInserts(store);
        var first = RunBatch([0, 1, 2]);
        var second = RunBatch([3, 4, 5]);
        Assert.All(first, result => Assert.Equal(SaveOutcome.AlreadyPresent, result.Outcome));
        Assert.All(second, result => Assert.Equal(SaveOutcome.Inserted, result.Outcome));
        Assert.Equal(6, store.CountArticles());
        Assert.Equal(6L, store.GetStatistics().Urls);
        Assert.Equal(6, Ids(store, new StoreFilter { Text = "Meldung" }).Count);
    }

    [Fact]
    public void ABatchWithTheSameContentTwiceStoresItOnce()
    {
        using var store = OpenStore();
        var batch = new StoreBatch();
        var original = Analyse("Doppelt gemeldet.", url: "https://a.example/1");
        batch.Add(original);
        batch.AddSighting(TestPipelines.Article("Doppelt gemeldet.", url: "https://b.example/2"));
        var results = store.Write(batch);
        Assert.Equal([SaveOutcome.Inserted, SaveOutcome.AlreadyPresent], results.Select(result => result.Outcome));
        Assert.Equal(2, store.GetUrls(original.Article.Id).Count);
    }
}
