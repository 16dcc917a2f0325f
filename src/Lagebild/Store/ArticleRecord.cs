using System.Buffers;
using System.Text;
using System.Text.Json;
using Lagebild.Output;
using Lagebild.Pipeline;
using LayerKeys = Lagebild.Pipeline.Layers;

namespace Lagebild.Store;

/// <summary>A stored layer: its key name, how many items it holds, and its JSON.</summary>
internal sealed record LayerRecord(string Layer, int ItemCount, string Json);

/// <summary>
/// The row values of one analysed article, taken from its analysis context. A stage that adds a layer the
/// store should keep adds its mapping here (and, for the extraction layers, fills the matching table).
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
        Entities = ArticleJsonWriter.EntitiesOf(context);
    }

    /// <summary>The contract's entities (linked mentions with their chains), for the entities table.</summary>
    public IReadOnlyList<Lagebild.Knowledge.Linking.LinkedEntity> Entities { get; }

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

    private static List<LayerRecord> BuildLayers(AnalysisContext context, bool includeTokens)
    {
        var layers = new List<LayerRecord>(4);
        if (context.TryGet(LayerKeys.Language, out var language))
        {
            layers.Add(new LayerRecord(LayerKeys.Language.Name, 1, ToJson(writer =>
            {
                writer.WriteStartObject();
                writer.WriteString("code", language.Code);
                writer.WriteNumber("confidence", language.Confidence);
                writer.WriteString("method", language.Method);
                writer.WriteEndObject();
            })));
        }

        if (context.TryGet(LayerKeys.Sentences, out var sentences))
        {
            // [start, end] pairs: compact, and the same offsets as the contract.
            layers.Add(new LayerRecord(LayerKeys.Sentences.Name, sentences.Count, ToJson(writer =>
            {
                writer.WriteStartArray();
                foreach (var sentence in sentences)
                {
                    writer.WriteStartArray();
                    writer.WriteNumberValue(sentence.Span.Start);
                    writer.WriteNumberValue(sentence.Span.End);
                    writer.WriteEndArray();
                }

                writer.WriteEndArray();
            })));
        }

        if (includeTokens && context.TryGet(LayerKeys.Tokens, out var tokens))
        {
            layers.Add(new LayerRecord(LayerKeys.Tokens.Name, tokens.Count, ToJson(writer =>
            {
                writer.WriteStartArray();
                foreach (var token in tokens)
                {
                    writer.WriteStartArray();
                    writer.WriteNumberValue(token.Span.Start);
                    writer.WriteNumberValue(token.Span.End);
                    writer.WriteStringValue(token.Form);
                    writer.WriteStringValue(token.Kind.ToString().ToLowerInvariant());
                    writer.WriteNumberValue(token.SentenceIndex);
                    writer.WriteEndArray();
                }

                writer.WriteEndArray();
            })));
        }

        if (context.Warnings.Count > 0)
        {
            layers.Add(new LayerRecord("warnings", context.Warnings.Count, ToJson(writer => ArticleJsonWriter.WriteWarnings(writer, context.Warnings))));
        }

        return layers;
    }

    private static string ToJson(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var writer = new Utf8JsonWriter(buffer, ArticleJsonWriter.Compact))
        {
            write(writer);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
