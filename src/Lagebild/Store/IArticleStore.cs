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
    /// <summary>Where the store lives, as the user should see it (a full file path, a URL without its password).</summary>
    string Location { get; }

    /// <summary>
    /// What the store holds for <paramref name="articleId"/> compared with the pipeline named by
    /// <paramref name="pipelineSignature"/> (<see cref="PipelineSignature"/>): cheap, for skipping analysis on reruns.
    /// </summary>
    StoredState GetState(string articleId, string pipelineSignature);

    /// <summary>Writes every item of the batch in one transaction; on any error nothing of the batch is kept.</summary>
    IReadOnlyList<SaveResult> Write(StoreBatch batch);

    /// <summary>Stores one analysed article in its own transaction.</summary>
    SaveResult Save(AnalysisContext context);

    /// <summary>
    /// Serialises an analysed article for <see cref="StoreBatch.Add(PreparedArticle)"/>. Thread-safe and touches no
    /// storage: analysis workers call it so the single writer only writes.
    /// </summary>
    PreparedArticle Prepare(AnalysisContext context);

    /// <summary>
    /// Checks a text query (<see cref="TextQuery"/> syntax) before it is run: null when this store can answer it,
    /// else what is wrong, in plain words.
    /// </summary>
    string? ValidateTextQuery(string query);

    /// <summary>How many articles (distinct contents) the store holds.</summary>
    long CountArticles();

    /// <summary>Every URL the article was seen under, in the order first seen (empty when not stored).</summary>
    IReadOnlyList<string> GetUrls(string articleId);

    /// <summary>The stored contract JSON of one article (compact), or null when absent.</summary>
    string? GetContractJson(string articleId);

    /// <summary>Counts of what the store holds.</summary>
    StoreStatistics GetStatistics();

    /// <summary>Rows of <paramref name="kind"/> for the articles the filter selects, in ingest order, read lazily.</summary>
    /// <exception cref="InvalidTextQueryException">The filter's text query is malformed (see <see cref="ValidateTextQuery"/>).</exception>
    StoreRows Query(RecordKind kind, StoreFilter filter);

    /// <summary>The stored contract JSON (compact UTF-8) of every selected article, in ingest order, read lazily.</summary>
    /// <exception cref="InvalidTextQueryException">The filter's text query is malformed (see <see cref="ValidateTextQuery"/>).</exception>
    IEnumerable<byte[]> ReadContracts(StoreFilter filter);
}

/// <summary>What a store holds.</summary>
/// <param name="Articles">Distinct article contents.</param>
/// <param name="Urls">Distinct (article, URL) sightings.</param>
/// <param name="Entities">Entity mentions.</param>
/// <param name="Events">Events.</param>
/// <param name="Quotes">Quotes.</param>
public sealed record StoreStatistics(long Articles, long Urls, long Entities, long Events, long Quotes);

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

    /// <summary>For store backends (they live in their own assemblies).</summary>
    internal IReadOnlyList<StoreBatchItem> Items => _items;

    public void Add(AnalysisContext analysed)
    {
        ArgumentNullException.ThrowIfNull(analysed);
        _items.Add(new StoreBatchItem(analysed.Article, analysed, null));
    }

    /// <summary>Adds an article already serialised for the store (see <see cref="IArticleStore.Prepare"/>).</summary>
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

/// <summary>
/// The store cannot be used or a write failed (missing file, not a Lagebild store, schema newer than this binary,
/// disk full, locked): the one exception every backend raises, with a message in plain words for the user.
/// </summary>
public class StoreException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>A text query that is malformed or that the store cannot answer; the message says why.</summary>
public sealed class InvalidTextQueryException(string message, Exception? inner = null) : StoreException(message, inner);
