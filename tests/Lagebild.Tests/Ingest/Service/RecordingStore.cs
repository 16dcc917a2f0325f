using Lagebild.Pipeline;
using Lagebild.Store;

namespace Lagebild.Tests.Ingest.Service;

/// <summary>
/// An in-memory <see cref="IArticleStore"/> that records every call, for testing what the ingest service asks of a
/// store. Holds per article its stage signature and URLs; queries are not needed by the service and refuse.
/// </summary>
internal sealed class RecordingStore : IArticleStore
{
    private readonly Dictionary<string, (string Signature, List<string> Urls)> _articles = new(StringComparer.Ordinal);
    private readonly object _gate = new();

    public List<string> Calls { get; } = [];

    /// <summary>Articles whose write fails with a <see cref="StoreException"/> (the whole batch is then lost).</summary>
    public HashSet<string> FailingIds { get; } = new(StringComparer.Ordinal);

    public bool Disposed { get; private set; }

    public string Location => "memory";

    public IReadOnlyCollection<string> StoredIds => _articles.Keys;

    /// <summary>Puts an article in the store as if an earlier run with <paramref name="signature"/> had stored it.</summary>
    public void Seed(string articleId, string signature) => _articles[articleId] = (signature, []);

    public StoredState GetState(string articleId, string pipelineSignature)
    {
        Record($"state {articleId}");
        return !_articles.TryGetValue(articleId, out var stored) ? StoredState.Absent
            : stored.Signature == pipelineSignature ? StoredState.Current
            : StoredState.Stale;
    }

    public PreparedArticle Prepare(AnalysisContext context)
    {
        Record($"prepare {context.Article.Id}");
        return new PreparedArticle(context.Article, ArticleRecord.From(context, includeTokens: false));
    }

    public IReadOnlyList<SaveResult> Write(StoreBatch batch)
    {
        Record("write " + string.Join(",", batch.Items.Select(item => (item.Prepared is null ? "seen:" : "new:") + item.Article.Id[..6])));
        if (batch.Items.FirstOrDefault(item => FailingIds.Contains(item.Article.Id)) is { } failing)
        {
            throw new StoreException($"disk full while writing {failing.Article.Origin}.");
        }

        var results = new List<SaveResult>();
        foreach (var item in batch.Items)
        {
            var id = item.Article.Id;
            SaveOutcome outcome;
            if (item.Prepared is { } prepared && (!_articles.TryGetValue(id, out var old) || old.Signature != prepared.Record.Pipeline))
            {
                outcome = _articles.ContainsKey(id) ? SaveOutcome.Replaced : SaveOutcome.Inserted;
                _articles[id] = (prepared.Record.Pipeline, _articles.TryGetValue(id, out var existing) ? existing.Urls : []);
            }
            else if (_articles.ContainsKey(id))
            {
                outcome = SaveOutcome.AlreadyPresent;
            }
            else
            {
                throw new InvalidOperationException($"Sighting of {id}, which is not stored.");
            }

            var urls = _articles[id].Urls;
            var newUrl = item.Article.Metadata.Url is { } url && !urls.Contains(url);
            if (newUrl)
            {
                urls.Add(item.Article.Metadata.Url!);
            }

            results.Add(new SaveResult(id, outcome, newUrl));
        }

        return results;
    }

    public SaveResult Save(AnalysisContext context)
    {
        var batch = new StoreBatch();
        batch.Add(context);
        return Write(batch)[0];
    }

    public string? ValidateTextQuery(string query) => TextQuery.Parse(query).Error;

    public long CountArticles() => _articles.Count;

    public IReadOnlyList<string> GetUrls(string articleId) => _articles.TryGetValue(articleId, out var stored) ? stored.Urls : [];

    public string? GetContractJson(string articleId) => throw new NotSupportedException("The recording store keeps no contracts.");

    public StoreStatistics GetStatistics() => new(_articles.Count, _articles.Values.Sum(article => article.Urls.Count), 0, 0, 0);

    public StoreRows Query(RecordKind kind, StoreFilter filter) => throw new NotSupportedException("The recording store answers no queries.");

    public IEnumerable<byte[]> ReadContracts(StoreFilter filter) => throw new NotSupportedException("The recording store keeps no contracts.");

    public void Dispose()
    {
        Record("dispose");
        Disposed = true;
    }

    private void Record(string call)
    {
        // Prepare runs on the analysis workers.
        lock (_gate)
        {
            Calls.Add(call);
        }
    }
}
