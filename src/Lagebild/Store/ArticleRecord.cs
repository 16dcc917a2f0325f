using Lagebild.Knowledge.Linking;
using Lagebild.Output;
using Lagebild.Pipeline;

namespace Lagebild.Store;

/// <summary>A stored layer: its key name, how many items it holds, and its JSON.</summary>
internal sealed record LayerRecord(string Layer, int ItemCount, string Json);

/// <summary>
/// The row values of one analysed article, taken from its analysis context. The stored layers come from the
/// layers themselves (<see cref="LayerOutput.Store"/>, in each stage's folder); only the query tables (entities
/// today; events, quotes, times, places later) are mapped here.
/// </summary>
internal sealed class ArticleRecord
{
    private ArticleRecord(AnalysisContext context, bool includeTokens)
    {
        var article = context.Article;
        var meta = article.Metadata;
        Id = article.Id;
        Url = meta.Url;
        Title = meta.Title;
        Source = meta.Source;
        Author = meta.Author;
        Published = meta.Published is { } published ? ArticleJsonWriter.FormatDate(published) : null;
        PublishedUtc = meta.Published is { } instant ? StoreFilter.FormatUtc(instant) : null;
        Language = context.Language;
        Dateline = meta.Dateline;
        Text = article.Text;
        Origin = article.Origin;
        InputId = meta.InputId;
        Pipeline = PipelineSignature.Of(context.StageVersions);
        Stages = [.. context.StageVersions];
        Contract = ContractCodec.EncodeContract(context);
        Layers = BuildLayers(context, includeTokens);
        Entities = LinkingLayers.EntitiesOf(context);
    }

    /// <summary>The contract's entities (linked mentions with their chains), for the entities table.</summary>
    public IReadOnlyList<LinkedEntity> Entities { get; }

    public string Id { get; }

    public string? Url { get; }

    public string? Title { get; }

    public string? Source { get; }

    public string? Author { get; }

    public string? Published { get; }

    public string? PublishedUtc { get; }

    public string Language { get; }

    public string? Dateline { get; }

    public string Text { get; }

    public string Origin { get; }

    /// <summary>The input record's own id (a JSONL "id"), or null.</summary>
    public string? InputId { get; }

    public string Pipeline { get; }

    public IReadOnlyList<KeyValuePair<string, string>> Stages { get; }

    public byte[] Contract { get; }

    public IReadOnlyList<LayerRecord> Layers { get; }

    public static ArticleRecord From(AnalysisContext context, bool includeTokens) => new(context, includeTokens);

    /// <summary>The stored form of every layer that has one (see <see cref="LayerOutput.Store"/>), then the warnings.</summary>
    private static List<LayerRecord> BuildLayers(AnalysisContext context, bool includeTokens)
    {
        var options = includeTokens ? OutputOptions.WithTokens : OutputOptions.WithoutTokens;
        var layers = new List<LayerRecord>(4);
        foreach (var key in context.WrittenLayers)
        {
            if (key.Output?.Store(context, options) is { } stored)
            {
                layers.Add(new LayerRecord(key.Name, stored.ItemCount, stored.Json));
            }
        }

        if (context.Warnings.Count > 0)
        {
            var warnings = StoredLayer.Of(context.Warnings.Count, writer => ArticleJsonWriter.WriteWarnings(writer, context.Warnings));
            layers.Add(new LayerRecord("warnings", warnings.ItemCount, warnings.Json));
        }

        return layers;
    }
}
