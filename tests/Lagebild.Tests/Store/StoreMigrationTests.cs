using Lagebild.Store;
using Lagebild.Store.Sqlite;
using Microsoft.Data.Sqlite;

namespace Lagebild.Tests.Store;

public sealed class StoreMigrationTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    private static object? Scalar(SqliteArticleStore store, string sql)
    {
        using var command = store.Connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }

    [Fact]
    public void MigrationsApplyInOrderAndOnlyOnce()
    {
        var path = _directory.File("m.db");
        var first = new Migration(1, "notes", "CREATE TABLE notes (body TEXT); INSERT INTO notes VALUES ('kept');");
        using (var store = SqliteArticleStore.Open(path, null, [first]))
        {
            Assert.Equal(1, store.SchemaVersion);
        }

        // A later binary adds a migration: only the new one runs, the data stays.
        var second = new Migration(2, "tags", "CREATE TABLE tags (name TEXT); ALTER TABLE notes ADD COLUMN tag TEXT;");
        using (var store = SqliteArticleStore.Open(path, null, [first, second]))
        {
            Assert.Equal(2, store.SchemaVersion);
            Assert.Equal("kept", Scalar(store, "SELECT body FROM notes"));
            Assert.Equal(1L, Scalar(store, "SELECT count(*) FROM sqlite_master WHERE name = 'tags'"));
        }

        // The older binary refuses the newer file instead of misreading it.
        var error = Assert.Throws<StoreException>(() => SqliteArticleStore.Open(path, null, [first]));
        Assert.Contains("version 2", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AFailingMigrationLeavesTheFileAtThePreviousVersion()
    {
        var path = _directory.File("m.db");
        var first = new Migration(1, "notes", "CREATE TABLE notes (body TEXT);");
        SqliteArticleStore.Open(path, null, [first]).Dispose();

        // The second statement fails: the first must not survive either.
        var broken = new Migration(2, "broken", "CREATE TABLE half (x TEXT); INSERT INTO missing_table VALUES (1);");
        Assert.Throws<StoreException>(() => SqliteArticleStore.Open(path, null, [first, broken]));

        using var store = SqliteArticleStore.Open(path, null, [first]);
        Assert.Equal(1, store.SchemaVersion);
        Assert.Equal(0L, Scalar(store, "SELECT count(*) FROM sqlite_master WHERE name = 'half'"));
    }

    [Fact]
    public void TheShippedSchemaKeepsTheFullTextIndexInStepWithArticles()
    {
        using var store = SqliteArticleStore.Open(_directory.File("fts.db"));
        using var command = store.Connection.CreateCommand();
        command.CommandText = """
            INSERT INTO articles (id, language, text, origin, pipeline, ingested_at, contract, title)
            VALUES ('a', 'de', 'Erster Text über Minsk', 'o', 'p', 'now', x'00', 'Alt');
            UPDATE articles SET text = 'Zweiter Text über Peking', title = 'Neu' WHERE id = 'a';
            """;
        command.ExecuteNonQuery();
        Assert.Equal(0L, Scalar(store, "SELECT count(*) FROM articles_fts WHERE articles_fts MATCH 'Minsk OR Alt'"));
        Assert.Equal(1L, Scalar(store, "SELECT count(*) FROM articles_fts WHERE articles_fts MATCH 'Peking AND title:Neu'"));

        command.CommandText = "DELETE FROM articles WHERE id = 'a'";
        command.ExecuteNonQuery();
        Assert.Equal(0L, Scalar(store, "SELECT count(*) FROM articles_fts WHERE articles_fts MATCH 'Peking'"));
        // The index agrees with its content table.
        command.CommandText = "INSERT INTO articles_fts(articles_fts, rank) VALUES ('integrity-check', 1)";
        command.ExecuteNonQuery();
    }
}
