using Lagebild.Output;
using Lagebild.Pipeline;
using Lagebild.Store;
using Lagebild.Store.Sqlite;
using Microsoft.Data.Sqlite;

namespace Lagebild.Tests.Store;

/// <summary>The store contract on the SQLite backend, and what is particular to it (schema, pragmas, FTS5).</summary>
public sealed class SqliteArticleStoreTests : ArticleStoreContractTests
{
    private readonly TempDirectory _directory = new();

    protected override void Dispose(bool disposing) => _directory.Dispose();

    protected override IArticleStore OpenStore(string name, StoreOpenOptions options) => SqliteArticleStore.Open(_directory.File(name + ".db"), options);

    protected override bool Exists(string name) => File.Exists(_directory.File(name + ".db"));

    protected override void BreakInsertsOf(IArticleStore store, string textPrefix) =>
        Execute(store, $"CREATE TRIGGER sabotage BEFORE INSERT ON articles WHEN new.text LIKE '{textPrefix.Replace("'", "''", StringComparison.Ordinal)}%' BEGIN SELECT RAISE(ABORT, 'simulated crash'); END");

    protected override void RepairInserts(IArticleStore store) => Execute(store, "DROP TRIGGER sabotage");

    private SqliteArticleStore OpenSqlite(string name = "store") => (SqliteArticleStore)OpenStore(name);

    private static object? Scalar(IArticleStore store, string sql)
    {
        using var command = ((SqliteArticleStore)store).Connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }

    private static void Execute(IArticleStore store, string sql)
    {
        using var command = ((SqliteArticleStore)store).Connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    [Fact]
    public void MigratesAnEmptyFileToTheLatestSchemaWithWalAndForeignKeys()
    {
        using var store = OpenSqlite();
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

        Assert.Contains("not a Lagebild store", Assert.Throws<StoreException>(() => OpenStore("foreign")).Message, StringComparison.Ordinal);

        File.WriteAllText(_directory.File("text.db"), "this is not a database, just some text that is long enough to fill a header page........................");
        Assert.Throws<StoreException>(() => OpenStore("text"));
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
}
