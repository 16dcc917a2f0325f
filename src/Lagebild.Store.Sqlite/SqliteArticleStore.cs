using System.Globalization;
using System.Text;
using Lagebild.Documents;
using Lagebild.Output;
using Lagebild.Pipeline;
using Microsoft.Data.Sqlite;

namespace Lagebild.Store.Sqlite;

/// <summary>The embedded SQLite backend: serves plain file paths.</summary>
public sealed class SqliteStoreProvider : IStoreProvider
{
    public string Name => "SQLite";

    public IReadOnlyList<string> Schemes { get; } = [];

    public IArticleStore Open(string location, StoreOpenOptions options) => SqliteArticleStore.Open(location, options);
}

/// <summary>
/// The embedded store: one SQLite file (WAL journal, foreign keys on), schema applied by <see cref="StoreSchema"/>
/// migrations on open. Not thread-safe; one instance per writer.
/// </summary>
public sealed class SqliteArticleStore : IArticleStore
{
    private readonly SqliteConnection _connection;
    private readonly StoreOpenOptions _options;
    private readonly Dictionary<string, SqliteCommand> _commands = new(StringComparer.Ordinal);
    private SqliteTransaction? _transaction;
    private bool _wrote;

    private readonly IReadOnlyList<Migration> _migrations;

    private SqliteArticleStore(string path, SqliteConnection connection, StoreOpenOptions options, IReadOnlyList<Migration> migrations)
    {
        Path = path;
        _connection = connection;
        _options = options;
        _migrations = migrations;
    }

    /// <summary>The full path of the store file.</summary>
    public string Path { get; }

    public string Location => Path;

    /// <summary>The open connection, for tests that inspect or sabotage the file.</summary>
    internal SqliteConnection Connection => _connection;

    public int SchemaVersion => (int)(long)Scalar("PRAGMA user_version")!;

    /// <summary>Opens (and, when allowed, creates) the store at <paramref name="path"/> and brings its schema up to date.</summary>
    /// <exception cref="StoreException">Missing file, not a Lagebild store, or a schema newer than this binary knows.</exception>
    public static SqliteArticleStore Open(string path, StoreOpenOptions? options = null) => Open(path, options, StoreSchema.Migrations);

    /// <summary>Opens with a given migration list: tests use it to check upgrades and failed migrations.</summary>
    internal static SqliteArticleStore Open(string path, StoreOpenOptions? options, IReadOnlyList<Migration> migrations)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentNullException.ThrowIfNull(migrations);
        options ??= StoreOpenOptions.Default;
        var fullPath = System.IO.Path.GetFullPath(path);
        if (!options.CreateIfMissing && !File.Exists(fullPath))
        {
            throw new StoreException($"no store at '{fullPath}' (create one with 'lagebild ingest --db {path} ...').");
        }

        var connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = fullPath,
            Mode = options.CreateIfMissing ? SqliteOpenMode.ReadWriteCreate : SqliteOpenMode.ReadWrite,
            ForeignKeys = true,
            // No pooling: closing the store releases the file (tests delete it, users move it).
            Pooling = false,
            DefaultTimeout = 30,
        }.ToString();
        var connection = new SqliteConnection(connectionString);
        var store = new SqliteArticleStore(fullPath, connection, options, migrations);
        try
        {
            connection.Open();
            store.Execute("PRAGMA journal_mode = WAL");
            // With WAL, NORMAL never corrupts the file; a power cut may drop the last commits, which a rerun restores.
            store.Execute("PRAGMA synchronous = NORMAL");
            store.Migrate();
            return store;
        }
        catch (SqliteException error)
        {
            store.Dispose();
            throw new StoreException($"cannot open store '{fullPath}': {SqliteMessage(error)}", error);
        }
        catch
        {
            store.Dispose();
            throw;
        }
    }

    public StoredState GetState(string articleId, string pipelineSignature)
    {
        ArgumentNullException.ThrowIfNull(articleId);
        ArgumentNullException.ThrowIfNull(pipelineSignature);
        (long Seq, string Pipeline)? stored;
        try
        {
            stored = Lookup(articleId);
        }
        catch (SqliteException error)
        {
            // E.g. locked by another writer past the timeout, or a damaged file: the caller sees the neutral exception.
            throw new StoreException($"reading store '{Path}' failed: {SqliteMessage(error)}", error);
        }

        if (stored is null)
        {
            return StoredState.Absent;
        }

        return string.Equals(stored.Value.Pipeline, pipelineSignature, StringComparison.Ordinal) ? StoredState.Current : StoredState.Stale;
    }

    public SaveResult Save(AnalysisContext context)
    {
        var batch = new StoreBatch();
        batch.Add(context);
        return Write(batch)[0];
    }

    public PreparedArticle Prepare(AnalysisContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return new PreparedArticle(context.Article, ArticleRecord.From(context, _options.StoreTokens));
    }

    public IReadOnlyList<SaveResult> Write(StoreBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var results = new List<SaveResult>(batch.Count);
        if (batch.Count == 0)
        {
            return results;
        }

        var now = StoreFilter.FormatUtc(_options.Clock.GetUtcNow());
        _transaction = _connection.BeginTransaction();
        try
        {
            foreach (var item in batch.Items)
            {
                results.Add(WriteItem(item, now));
            }

            _transaction.Commit();
            _wrote = true;
        }
        catch (SqliteException error)
        {
            throw new StoreException($"writing to store '{Path}' failed, the batch was not stored: {SqliteMessage(error)}", error);
        }
        finally
        {
            // Without a commit, disposing rolls the whole batch back.
            _transaction.Dispose();
            _transaction = null;
        }

        return results;
    }

    public long CountArticles() => (long)Scalar("SELECT count(*) FROM articles")!;

    public StoreStatistics GetStatistics() => new(
        CountArticles(),
        (long)Scalar("SELECT count(*) FROM article_urls")!,
        (long)Scalar("SELECT count(*) FROM entities")!,
        (long)Scalar("SELECT count(*) FROM events")!,
        (long)Scalar("SELECT count(*) FROM quotes")!);

    public IReadOnlyList<string> GetUrls(string articleId)
    {
        var command = Command("SELECT u.url FROM article_urls u JOIN articles a ON a.seq = u.article_seq WHERE a.id = $id ORDER BY u.first_seen, u.url");
        Bind(command, "$id", articleId);
        var urls = new List<string>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            urls.Add(reader.GetString(0));
        }

        return urls;
    }

    public string? GetContractJson(string articleId)
    {
        var command = Command("SELECT contract FROM articles WHERE id = $id");
        Bind(command, "$id", articleId);
        return command.ExecuteScalar() is byte[] contract ? Encoding.UTF8.GetString(ContractCodec.Decompress(contract)) : null;
    }

    public string? ValidateTextQuery(string query)
    {
        ArgumentNullException.ThrowIfNull(query);
        return Fts5Query.Translate(query).Error;
    }

    public StoreRows Query(RecordKind kind, StoreFilter filter)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var match = MatchExpression(filter);
        var (columns, sql) = BuildQuery(kind, filter);
        return new StoreRows(columns, ReadRows(sql, filter, match, columns.Count));
    }

    public IEnumerable<byte[]> ReadContracts(StoreFilter filter)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var match = MatchExpression(filter);
        return ReadContractRows("SELECT a.contract FROM articles a" + Where(RecordKind.Articles, filter) + " ORDER BY a.seq" + Limit(filter), filter, match);
    }

    /// <summary>The filter's text query in FTS5 syntax (null without one).</summary>
    private static string? MatchExpression(StoreFilter filter)
    {
        if (filter.Text is null)
        {
            return null;
        }

        var translated = Fts5Query.Translate(filter.Text);
        return translated.Expression ?? throw new InvalidTextQueryException(translated.Error!);
    }

    public void Dispose()
    {
        foreach (var command in _commands.Values)
        {
            command.Dispose();
        }

        _commands.Clear();
        // Only after writing: a reader must not wait for the write lock of a concurrent ingest just to close.
        if (_wrote && _connection.State == System.Data.ConnectionState.Open)
        {
            try
            {
                // Keeps the planner's statistics fresh; cheap when nothing changed.
                using var optimize = _connection.CreateCommand();
                optimize.CommandText = "PRAGMA optimize";
                optimize.ExecuteNonQuery();
            }
            catch (SqliteException)
            {
                // Closing must not fail because of housekeeping (e.g. a busy or read-only file).
            }
        }

        _connection.Dispose();
    }

    private void Migrate()
    {
        var applicationId = (long)Scalar("PRAGMA application_id")!;
        var version = (long)Scalar("PRAGMA user_version")!;
        if (applicationId != 0 && applicationId != StoreSchema.ApplicationId)
        {
            throw new StoreException($"'{Path}' is an SQLite file of another application, not a Lagebild store.");
        }

        if (applicationId == 0 && version == 0 && (long)Scalar("SELECT count(*) FROM sqlite_master")! > 0)
        {
            throw new StoreException($"'{Path}' is an SQLite file with tables of its own, not a Lagebild store.");
        }

        var latest = _migrations[^1].Version;
        if (version > latest)
        {
            throw new StoreException(
                $"'{Path}' has store schema version {version}, newer than this lagebild knows (up to {latest}); use a newer lagebild.");
        }

        foreach (var migration in _migrations)
        {
            if (migration.Version <= version)
            {
                continue;
            }

            _transaction = _connection.BeginTransaction();
            try
            {
                // Another process may have migrated while this one waited for the write lock.
                if ((long)Scalar("PRAGMA user_version")! < migration.Version)
                {
                    Execute(migration.Sql);
                    Execute(string.Create(CultureInfo.InvariantCulture, $"PRAGMA user_version = {migration.Version}"));
                    Execute(string.Create(CultureInfo.InvariantCulture, $"PRAGMA application_id = {StoreSchema.ApplicationId}"));
                }

                _transaction.Commit();
            }
            finally
            {
                _transaction.Dispose();
                _transaction = null;
            }
        }
    }

    private SaveResult WriteItem(StoreBatchItem item, string now)
    {
        var article = item.Article;
        var stored = Lookup(article.Id);
        if (item.Prepared is null && item.Analysed is null)
        {
            if (stored is null)
            {
                throw new InvalidOperationException($"Sighting of article {article.Id} ({article.Origin}), which is not stored.");
            }

            return new SaveResult(article.Id, SaveOutcome.AlreadyPresent, AddUrl(stored.Value.Seq, article, now));
        }

        var pipeline = item.Prepared?.Record.Pipeline ?? PipelineSignature.Of(item.Analysed!.StageVersions);
        if (stored is not null && string.Equals(stored.Value.Pipeline, pipeline, StringComparison.Ordinal))
        {
            return new SaveResult(article.Id, SaveOutcome.AlreadyPresent, AddUrl(stored.Value.Seq, article, now));
        }

        var record = item.Prepared?.Record ?? ArticleRecord.From(item.Analysed!, _options.StoreTokens);
        if (stored is null)
        {
            var seq = InsertArticle(record, now);
            WriteLayers(seq, record);
            return new SaveResult(article.Id, SaveOutcome.Inserted, AddUrl(seq, article, now));
        }

        UpdateArticle(stored.Value.Seq, record, now);
        DeleteLayers(stored.Value.Seq);
        WriteLayers(stored.Value.Seq, record);
        return new SaveResult(article.Id, SaveOutcome.Replaced, AddUrl(stored.Value.Seq, article, now));
    }

    private (long Seq, string Pipeline)? Lookup(string articleId)
    {
        var command = Command("SELECT seq, pipeline FROM articles WHERE id = $id");
        Bind(command, "$id", articleId);
        using var reader = command.ExecuteReader();
        return reader.Read() ? (reader.GetInt64(0), reader.GetString(1)) : null;
    }

    private long InsertArticle(ArticleRecord record, string now)
    {
        var command = Command("""
            INSERT INTO articles (id, url, title, source, author, published, published_utc, language, dateline, text, origin, input_id, pipeline, ingested_at, contract)
            VALUES ($id, $url, $title, $source, $author, $published, $published_utc, $language, $dateline, $text, $origin, $input_id, $pipeline, $now, $contract)
            RETURNING seq
            """);
        BindArticle(command, record, now);
        Bind(command, "$id", record.Id);
        return (long)command.ExecuteScalar()!;
    }

    private void UpdateArticle(long seq, ArticleRecord record, string now)
    {
        var command = Command("""
            UPDATE articles SET url = $url, title = $title, source = $source, author = $author, published = $published,
                published_utc = $published_utc, language = $language, dateline = $dateline, text = $text, origin = $origin,
                input_id = $input_id, pipeline = $pipeline, ingested_at = $now, contract = $contract
            WHERE seq = $seq
            """);
        BindArticle(command, record, now);
        Bind(command, "$seq", seq);
        command.ExecuteNonQuery();
    }

    private static void BindArticle(SqliteCommand command, ArticleRecord record, string now)
    {
        Bind(command, "$url", record.Url);
        Bind(command, "$title", record.Title);
        Bind(command, "$source", record.Source);
        Bind(command, "$author", record.Author);
        Bind(command, "$published", record.Published);
        Bind(command, "$published_utc", record.PublishedUtc);
        Bind(command, "$language", record.Language);
        Bind(command, "$dateline", record.Dateline);
        Bind(command, "$text", record.Text);
        Bind(command, "$origin", record.Origin);
        Bind(command, "$input_id", record.InputId);
        Bind(command, "$pipeline", record.Pipeline);
        Bind(command, "$now", now);
        Bind(command, "$contract", record.Contract);
    }

    private void WriteLayers(long seq, ArticleRecord record)
    {
        var stage = Command("INSERT INTO article_stages (article_seq, stage, version) VALUES ($seq, $stage, $version)");
        foreach (var (name, version) in record.Stages)
        {
            Bind(stage, "$seq", seq);
            Bind(stage, "$stage", name);
            Bind(stage, "$version", version);
            stage.ExecuteNonQuery();
        }

        var layer = Command("INSERT INTO article_layers (article_seq, layer, item_count, data) VALUES ($seq, $layer, $count, $data)");
        foreach (var item in record.Layers)
        {
            Bind(layer, "$seq", seq);
            Bind(layer, "$layer", item.Layer);
            Bind(layer, "$count", item.ItemCount);
            Bind(layer, "$data", item.Json);
            layer.ExecuteNonQuery();
        }

        var entity = Command("""
            INSERT INTO entities (article_seq, idx, span_start, span_end, mention, type, actor_id, actor_code, actor_name, chain)
            VALUES ($seq, $idx, $start, $end, $mention, $type, $actor_id, $actor_code, $actor_name, $chain)
            """);
        for (var index = 0; index < record.Entities.Count; index++)
        {
            var item = record.Entities[index];
            Bind(entity, "$seq", seq);
            Bind(entity, "$idx", index);
            Bind(entity, "$start", item.Span.Start);
            Bind(entity, "$end", item.Span.End);
            Bind(entity, "$mention", item.Text);
            Bind(entity, "$type", Documents.EntityTypes.Code(item.Type));
            Bind(entity, "$actor_id", item.Actor?.Id);
            Bind(entity, "$actor_code", item.Actor?.Code);
            Bind(entity, "$actor_name", item.Actor?.Name);
            Bind(entity, "$chain", item.Chain);
            entity.ExecuteNonQuery();
        }

        // The remaining extraction tables (events, quotes, times, places) are filled here once their layers exist.
    }

    private void DeleteLayers(long seq)
    {
        foreach (var table in (string[])["article_stages", "article_layers", "entities", "events", "quotes", "times", "places"])
        {
            var command = Command($"DELETE FROM {table} WHERE article_seq = $seq");
            Bind(command, "$seq", seq);
            command.ExecuteNonQuery();
        }
    }

    private bool AddUrl(long seq, Article article, string now)
    {
        if (article.Metadata.Url is not { } url)
        {
            return false;
        }

        var command = Command("""
            INSERT INTO article_urls (article_seq, url, source, published, origin, first_seen)
            VALUES ($seq, $url, $source, $published, $origin, $now)
            ON CONFLICT DO NOTHING
            """);
        Bind(command, "$seq", seq);
        Bind(command, "$url", url);
        Bind(command, "$source", article.Metadata.Source);
        Bind(command, "$published", article.Metadata.Published is { } published ? Output.ArticleJsonWriter.FormatDate(published) : null);
        Bind(command, "$origin", article.Origin);
        Bind(command, "$now", now);
        return command.ExecuteNonQuery() == 1;
    }

    /// <summary>The columns each kind lists: the name users see, and the SQL that computes it.</summary>
    private static readonly Dictionary<RecordKind, (string Name, string Sql)[]> Columns = new()
    {
        [RecordKind.Articles] =
        [
            ("id", "a.id"), ("published", "a.published"), ("source", "a.source"), ("language", "a.language"), ("title", "a.title"),
            ("url", "a.url"),
            ("sentences", "(SELECT l.item_count FROM article_layers l WHERE l.article_seq = a.seq AND l.layer = 'sentences')"),
            ("characters", "length(a.text)"), ("urls", "(SELECT count(*) FROM article_urls u WHERE u.article_seq = a.seq)"),
            ("dateline", "a.dateline"), ("author", "a.author"), ("origin", "a.origin"), ("ingested_at", "a.ingested_at"),
        ],
        [RecordKind.Events] =
        [
            ("article", "a.id"), ("published", "a.published"), ("event", "x.idx"), ("source", "x.source_code"), ("source_name", "x.source_name"),
            ("target", "x.target_code"), ("target_name", "x.target_name"), ("code", "x.code"), ("root", "x.root"), ("quad_class", "x.quad_class"),
            ("goldstein", "x.goldstein"), ("plover", "x.plover"), ("modality", "x.modality"), ("date", "x.date"), ("place", "x.place"),
            ("evidence", "x.evidence"),
        ],
        [RecordKind.Entities] =
        [
            ("article", "a.id"), ("entity", "x.idx"), ("mention", "x.mention"), ("type", "x.type"), ("actor_code", "x.actor_code"),
            ("actor_name", "x.actor_name"), ("actor_id", "x.actor_id"), ("chain", "x.chain"), ("start", "x.span_start"), ("end", "x.span_end"),
        ],
        [RecordKind.Quotes] =
        [
            ("article", "a.id"), ("quote", "x.idx"), ("speaker", "x.speaker_name"), ("speaker_code", "x.speaker_code"), ("direct", "x.direct"),
            ("text", "x.text"), ("cue", "x.cue"), ("start", "x.span_start"), ("end", "x.span_end"),
        ],
    };

    private static (IReadOnlyList<string> Columns, string Sql) BuildQuery(RecordKind kind, StoreFilter filter)
    {
        var (from, order) = kind switch
        {
            RecordKind.Articles => ("articles a", "a.seq"),
            RecordKind.Events => ("events x JOIN articles a ON a.seq = x.article_seq", "a.seq, x.idx"),
            RecordKind.Entities => ("entities x JOIN articles a ON a.seq = x.article_seq", "a.seq, x.idx"),
            RecordKind.Quotes => ("quotes x JOIN articles a ON a.seq = x.article_seq", "a.seq, x.idx"),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown record kind."),
        };
        var columns = Columns[kind];
        var select = string.Join(", ", columns.Select(column => $"{column.Sql} AS \"{column.Name}\""));
        return (columns.Select(column => column.Name).ToArray(), $"SELECT {select} FROM {from}{Where(kind, filter)} ORDER BY {order}{Limit(filter)}");
    }

    private static string Where(RecordKind kind, StoreFilter filter)
    {
        var conditions = new List<string>();
        if (filter.Text is not null)
        {
            conditions.Add("a.seq IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH $text)");
        }

        if (filter.PublishedFrom is not null)
        {
            conditions.Add("a.published_utc >= $from");
        }

        if (filter.PublishedBefore is not null)
        {
            conditions.Add("a.published_utc < $before");
        }

        if (filter.Actor is not null)
        {
            // A code or its prefix: "CHN" selects CHN, CHNGOV, CHNMIL (CAMEO codes are built from 3-letter parts).
            conditions.Add(kind switch
            {
                RecordKind.Articles => """
                    (EXISTS (SELECT 1 FROM entities e WHERE e.article_seq = a.seq AND substr(e.actor_code, 1, $actor_length) = $actor)
                     OR EXISTS (SELECT 1 FROM events v WHERE v.article_seq = a.seq
                                AND (substr(v.source_code, 1, $actor_length) = $actor OR substr(v.target_code, 1, $actor_length) = $actor)))
                    """,
                RecordKind.Events => "(substr(x.source_code, 1, $actor_length) = $actor OR substr(x.target_code, 1, $actor_length) = $actor)",
                RecordKind.Entities => "substr(x.actor_code, 1, $actor_length) = $actor",
                RecordKind.Quotes => "substr(x.speaker_code, 1, $actor_length) = $actor",
                _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown record kind."),
            });
        }

        return conditions.Count == 0 ? "" : " WHERE " + string.Join(" AND ", conditions);
    }

    private static string Limit(StoreFilter filter) => filter.Limit is null ? "" : " LIMIT $limit";

    private SqliteCommand FilterCommand(string sql, StoreFilter filter, string? match)
    {
        var command = _connection.CreateCommand();
        command.CommandText = sql;
        if (match is not null)
        {
            command.Parameters.AddWithValue("$text", match);
        }

        if (filter.PublishedFrom is { } from)
        {
            command.Parameters.AddWithValue("$from", StoreFilter.FormatUtc(from));
        }

        if (filter.PublishedBefore is { } before)
        {
            command.Parameters.AddWithValue("$before", StoreFilter.FormatUtc(before));
        }

        if (filter.Actor is { } actor)
        {
            var code = actor.Trim().ToUpperInvariant();
            command.Parameters.AddWithValue("$actor", code);
            command.Parameters.AddWithValue("$actor_length", code.Length);
        }

        if (filter.Limit is { } limit)
        {
            command.Parameters.AddWithValue("$limit", limit);
        }

        return command;
    }

    private IEnumerable<object?[]> ReadRows(string sql, StoreFilter filter, string? match, int columnCount)
    {
        using var command = FilterCommand(sql, filter, match);
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            var row = new object?[columnCount];
            for (var i = 0; i < columnCount; i++)
            {
                row[i] = reader.IsDBNull(i) ? null : reader.GetValue(i);
            }

            yield return row;
        }
    }

    private IEnumerable<byte[]> ReadContractRows(string sql, StoreFilter filter, string? match)
    {
        using var command = FilterCommand(sql, filter, match);
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            yield return ContractCodec.Decompress((byte[])reader.GetValue(0));
        }
    }

    private SqliteCommand Command(string sql)
    {
        if (!_commands.TryGetValue(sql, out var command))
        {
            command = _connection.CreateCommand();
            command.CommandText = sql;
            _commands[sql] = command;
        }

        command.Transaction = _transaction;
        return command;
    }

    private static void Bind(SqliteCommand command, string name, object? value)
    {
        var parameter = command.Parameters.Contains(name) ? command.Parameters[name] : command.Parameters.Add(name, SqliteType.Text);
        parameter.SqliteType = value switch
        {
            long or int => SqliteType.Integer,
            byte[] => SqliteType.Blob,
            _ => SqliteType.Text,
        };
        parameter.Value = value ?? DBNull.Value;
    }

    private void Execute(string sql)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = _transaction;
        command.ExecuteNonQuery();
    }

    private object? Scalar(string sql)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = _transaction;
        return command.ExecuteScalar();
    }

    /// <summary>The engine's own message without the provider's "SQLite Error 1: '...'." wrapping.</summary>
    private static string SqliteMessage(SqliteException error)
    {
        var message = error.Message;
        var first = message.IndexOf('\'', StringComparison.Ordinal);
        var last = message.LastIndexOf('\'');
        return first >= 0 && last > first + 1 ? message[(first + 1)..last] : message;
    }
}
