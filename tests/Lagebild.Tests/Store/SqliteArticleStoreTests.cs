using Lagebild.Output;
using Lagebild.Pipeline;
using Lagebild.Store;
using Microsoft.Data.Sqlite;

namespace Lagebild.Tests.Store;

public sealed class SqliteArticleStoreTests : IDisposable
{
    private static readonly DateTimeOffset IngestTime = new(2026, 1, 2, 3, 4, 5, TimeSpan.Zero);

    private readonly TempDirectory _directory = new();
    private readonly AnalysisPipeline _pipeline = TestPipelines.Create();

    public void Dispose() => _directory.Dispose();

    private SqliteArticleStore OpenStore(string name = "store.db") =>
        SqliteArticleStore.Open(_directory.File(name), new StoreOpenOptions { Clock = new FixedClock(IngestTime) });

    private AnalysisContext Analyse(string text, string? url = null, string? title = null, DateTimeOffset? published = null) =>
        _pipeline.Run(TestPipelines.Article(text, url, title, published));

    private static object? Scalar(SqliteArticleStore store, string sql)
    {
        using var command = store.Connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }

    private static void Execute(SqliteArticleStore store, string sql)
    {
        using var command = store.Connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    [Fact]
    public void MigratesAnEmptyFileToTheLatestSchemaWithWalAndForeignKeys()
    {
        using var store = OpenStore();
        Assert.Equal(StoreSchema.LatestVersion, store.SchemaVersion);
        Assert.Equal((long)StoreSchema.ApplicationId, Scalar(store, "PRAGMA application_id"));
        Assert.Equal("wal", Scalar(store, "PRAGMA journal_mode"));
        Assert.Equal(1L, Scalar(store, "PRAGMA foreign_keys"));
        foreach (var table in (string[])["articles", "article_urls", "article_stages", "article_layers", "entities", "events", "quotes", "times", "places", "articles_fts"])
        {
            Assert.Equal(1L, Scalar(store, $"SELECT count(*) FROM sqlite_master WHERE name = '{table}'"));
        }

        // Foreign keys are enforced: a URL for an article that does not exist is refused.
        Assert.Throws<SqliteException>(() => Execute(store, "INSERT INTO article_urls (article_seq, url, origin, first_seen) VALUES (999, 'u', 'o', 'now')"));
    }

    [Fact]
    public void ReopeningKeepsDataAndVersion()
    {
        string id;
        using (var store = OpenStore())
        {
            id = store.Save(Analyse("Ein Satz. Noch einer.")).ArticleId;
        }

        using var reopened = OpenStore();
        Assert.Equal(StoreSchema.LatestVersion, reopened.SchemaVersion);
        Assert.Equal(1, reopened.CountArticles());
        Assert.NotNull(reopened.GetContractJson(id));
    }

    [Fact]
    public void RefusesAStoreWithANewerSchema()
    {
        using (var store = OpenStore())
        {
            Execute(store, $"PRAGMA user_version = {StoreSchema.LatestVersion + 1}");
        }

        var error = Assert.Throws<StoreException>(() => OpenStore());
        Assert.Contains("newer", error.Message, StringComparison.Ordinal);
        Assert.Contains((StoreSchema.LatestVersion + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RefusesOtherSqliteFilesAndNonDatabases()
    {
        var foreign = _directory.File("foreign.db");
        using (var connection = new SqliteConnection($"Data Source={foreign};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "CREATE TABLE notes (body TEXT)";
            command.ExecuteNonQuery();
        }

        Assert.Contains("not a Lagebild store", Assert.Throws<StoreException>(() => OpenStore("foreign.db")).Message, StringComparison.Ordinal);

        File.WriteAllText(_directory.File("text.db"), "this is not a database, just some text that is long enough to fill a header page........................");
        Assert.Throws<StoreException>(() => OpenStore("text.db"));
    }

    [Fact]
    public void OpeningAMissingStoreWithoutCreateFailsClearly()
    {
        var path = _directory.File("missing.db");
        var error = Assert.Throws<StoreException>(() => SqliteArticleStore.Open(path, new StoreOpenOptions { CreateIfMissing = false }));
        Assert.Contains("no store", error.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(path));
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
        Assert.Equal(1L, Scalar(store, "SELECT count(*) FROM articles_fts WHERE articles_fts MATCH 'Minsk'"));
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
        Assert.Equal("v2", Scalar(store, "SELECT version FROM article_stages WHERE stage = 'test.sentences'"));
        Assert.Equal(2L, Scalar(store, "SELECT count(*) FROM article_urls"));
        Assert.Equal(1L, Scalar(store, "SELECT count(*) FROM articles_fts WHERE articles_fts MATCH 'Zweiter'"));
        Assert.Equal(ArticleJsonWriter.ToJson(reanalysed, indented: false), store.GetContractJson(context.Article.Id));
    }

    [Fact]
    public void StoresLayersStageVersionsAndTheIngestTimeFromTheInjectedClock()
    {
        using var store = OpenStore();
        var context = Analyse("Eins. Zwei. Drei.", title: "Titel", published: new DateTimeOffset(2023, 3, 1, 10, 0, 0, TimeSpan.FromHours(1)));
        store.Save(context);

        Assert.Equal(3L, Scalar(store, "SELECT item_count FROM article_layers WHERE layer = 'sentences'"));
        Assert.Equal("[[0,5],[6,11],[12,17]]", Scalar(store, "SELECT data FROM article_layers WHERE layer = 'sentences'"));
        Assert.Equal("""{"code":"de","confidence":0.5,"method":"test"}""", Scalar(store, "SELECT data FROM article_layers WHERE layer = 'language'"));
        Assert.Equal(2L, Scalar(store, "SELECT count(*) FROM article_stages"));
        Assert.Equal("2026-01-02T03:04:05Z", Scalar(store, "SELECT ingested_at FROM articles"));
        Assert.Equal("2023-03-01T10:00:00+01:00", Scalar(store, "SELECT published FROM articles"));
        Assert.Equal("2023-03-01T09:00:00Z", Scalar(store, "SELECT published_utc FROM articles"));
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

        Assert.Throws<InvalidTextQueryException>(() => store.Query(RecordKind.Articles, new StoreFilter { Text = "\"unbalanced" }));
        Assert.Throws<InvalidTextQueryException>(() => store.Query(RecordKind.Articles, new StoreFilter { Text = "AND OR" }));
        Assert.Throws<InvalidTextQueryException>(() => store.ReadContracts(new StoreFilter { Text = "nosuchcolumn:x" }));
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
        // The storage fails on the fifth article: the second batch is lost as a whole.
        Execute(store, "CREATE TRIGGER sabotage BEFORE INSERT ON articles WHEN new.text LIKE 'Meldung Nummer 5.%' BEGIN SELECT RAISE(ABORT, 'simulated crash'); END");
        Assert.Throws<SqliteException>(() => RunBatch([3, 4, 5]));
        Assert.Equal(3, store.CountArticles());
        Assert.Equal(3L, Scalar(store, "SELECT count(*) FROM article_urls"));
        Assert.Equal(6L, Scalar(store, "SELECT count(*) FROM article_stages"));

        // The rerun goes over everything again.
        Execute(store, "DROP TRIGGER sabotage");
        var first = RunBatch([0, 1, 2]);
        var second = RunBatch([3, 4, 5]);
        Assert.All(first, result => Assert.Equal(SaveOutcome.AlreadyPresent, result.Outcome));
        Assert.All(second, result => Assert.Equal(SaveOutcome.Inserted, result.Outcome));
        Assert.Equal(6, store.CountArticles());
        Assert.Equal(6L, Scalar(store, "SELECT count(*) FROM article_urls"));
        Assert.Equal(6L, Scalar(store, "SELECT count(*) FROM articles_fts WHERE articles_fts MATCH 'Meldung'"));
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

    [Fact]
    public void ExtractionRowsAreQueriedAndFilteredByActorPrefix()
    {
        using var store = OpenStore();
        store.Save(Analyse("Xi trifft Lukaschenko. Beide sprechen.", title: "Treffen"));
        store.Save(Analyse("Ein anderer Text ohne Akteure.", title: "Anderes"));
        Execute(store, """
            INSERT INTO entities (article_seq, idx, span_start, span_end, mention, type, actor_code, actor_name)
            VALUES (1, 0, 0, 2, 'Xi', 'PER', 'CHNGOV', 'Xi Jinping'), (1, 1, 10, 21, 'Lukaschenko', 'PER', 'BLRGOV', 'Alexander Lukashenko');
            INSERT INTO events (article_seq, idx, source_code, target_code, code, root, quad_class, goldstein, modality, evidence)
            VALUES (1, 0, 'CHNGOV', 'BLRGOV', '0312', '03', 1, 4.5, 'asserted', 'trifft');
            INSERT INTO quotes (article_seq, idx, span_start, span_end, text, speaker_name, speaker_code)
            VALUES (1, 0, 23, 38, 'Beide sprechen.', 'Alexander Lukashenko', 'BLRGOV');
            """);

        var entities = store.Query(RecordKind.Entities, new StoreFilter { Actor = "CHN" }).ToList();
        Assert.Equal("Xi", Assert.Single(entities)[2]);
        var events = store.Query(RecordKind.Events, new StoreFilter { Actor = "BLR" });
        var eventRow = Assert.Single(events.ToList());
        Assert.Equal("0312", eventRow[events.Columns.ToList().IndexOf("code")]);
        Assert.Equal(4.5, eventRow[events.Columns.ToList().IndexOf("goldstein")]);
        Assert.Single(store.Query(RecordKind.Quotes, new StoreFilter { Actor = "BLRGOV" }).ToList());
        Assert.Empty(store.Query(RecordKind.Quotes, new StoreFilter { Actor = "CHN" }).ToList());
        Assert.Single(store.Query(RecordKind.Articles, new StoreFilter { Actor = "blr" }).ToList());
        Assert.Empty(store.Query(RecordKind.Articles, new StoreFilter { Actor = "USA" }).ToList());
    }

    private static List<string> Ids(SqliteArticleStore store, StoreFilter filter)
    {
        var rows = store.Query(RecordKind.Articles, filter);
        var id = rows.Columns.ToList().IndexOf("id");
        return rows.Select(row => (string)row[id]!).ToList();
    }
}
