using Lagebild.Documents;
using Lagebild.Pipeline;

namespace Lagebild.Store;

/// <summary>
/// Where analysed articles are kept. Writes are idempotent upserts keyed by <see cref="Article.Id"/>: the same
/// content is stored once, every URL it was seen under is added, and a batch is one transaction (all or nothing).
/// Implementations are not thread-safe: one writer per instance.
/// </summary>
public interface IArticleStore : IDisposable
{
    /// <summary>
    /// What the store holds for <paramref name="articleId"/> compared with the pipeline named by
    /// <paramref name="pipelineSignature"/> (<see cref="PipelineSignature"/>): cheap, for skipping analysis on reruns.
    /// </summary>
    StoredState GetState(string articleId, string pipelineSignature);

    /// <summary>Writes every item of the batch in one transaction; on any error nothing of the batch is kept.</summary>
    IReadOnlyList<SaveResult> Write(StoreBatch batch);

    /// <summary>Stores one analysed article in its own transaction.</summary>
    SaveResult Save(AnalysisContext context);

    /// <summary>Rows of <paramref name="kind"/> for the articles the filter selects, in ingest order, read lazily.</summary>
    /// <exception cref="InvalidTextQueryException">The filter's full-text query cannot be parsed.</exception>
    StoreRows Query(RecordKind kind, StoreFilter filter);

    /// <summary>The stored contract JSON (compact UTF-8) of every selected article, in ingest order, read lazily.</summary>
    /// <exception cref="InvalidTextQueryException">The filter's full-text query cannot be parsed.</exception>
    IEnumerable<byte[]> ReadContracts(StoreFilter filter);
}

/// <summary>How a stored article relates to the pipeline about to analyse it.</summary>
public enum StoredState
{
    /// <summary>Not stored.</summary>
    Absent,

    /// <summary>Stored, but its layers come from other stage versions: analyse again and replace.</summary>
    Stale,

    /// <summary>Stored with layers from exactly these stage versions: no need to analyse.</summary>
    Current,
}

public enum SaveOutcome
{
    /// <summary>New content: the article and all its layers were stored.</summary>
    Inserted,

    /// <summary>The content was stored from other stage versions; its layers were replaced.</summary>
    Replaced,

    /// <summary>The content was already stored from these stage versions; only a new URL, if any, was added.</summary>
    AlreadyPresent,
}

/// <param name="ArticleId">The article's content id.</param>
/// <param name="Outcome">What the write did.</param>
/// <param name="NewUrl">Whether the write added a URL the article had not been seen under.</param>
public sealed record SaveResult(string ArticleId, SaveOutcome Outcome, bool NewUrl);

/// <summary>
/// The items of one transaction: analysed articles, and sightings (an article already stored whose analysis was
/// skipped, recorded for its URL).
/// </summary>
public sealed class StoreBatch
{
    private readonly List<StoreBatchItem> _items = [];

    public int Count => _items.Count;

    internal IReadOnlyList<StoreBatchItem> Items => _items;

    public void Add(AnalysisContext analysed)
    {
        ArgumentNullException.ThrowIfNull(analysed);
        _items.Add(new StoreBatchItem(analysed.Article, analysed, null));
    }

    /// <summary>Adds an article already serialised for the store (see <see cref="SqliteArticleStore.Prepare"/>).</summary>
    public void Add(PreparedArticle prepared)
    {
        ArgumentNullException.ThrowIfNull(prepared);
        _items.Add(new StoreBatchItem(prepared.Article, null, prepared));
    }

    /// <summary>Records that <paramref name="article"/>, stored and current, was seen again (possibly under a new URL).</summary>
    public void AddSighting(Article article)
    {
        ArgumentNullException.ThrowIfNull(article);
        _items.Add(new StoreBatchItem(article, null, null));
    }

    public void Clear() => _items.Clear();
}

internal sealed record StoreBatchItem(Article Article, AnalysisContext? Analysed, PreparedArticle? Prepared);

/// <summary>
/// An analysed article turned into the store's row values (contract JSON compressed, layers serialised): the
/// CPU-bound part of a write, done off the writer thread.
/// </summary>
public sealed class PreparedArticle
{
    internal PreparedArticle(Article article, ArticleRecord record)
    {
        Article = article;
        Record = record;
    }

    public Article Article { get; }

    internal ArticleRecord Record { get; }
}

/// <summary>The store cannot be used: missing file, not a Lagebild store, schema newer than this binary.</summary>
public class StoreException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>A full-text query the index cannot parse; the message says why.</summary>
public sealed class InvalidTextQueryException(string message, Exception? inner = null) : StoreException(message, inner);
