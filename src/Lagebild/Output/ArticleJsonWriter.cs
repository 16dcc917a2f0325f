using System.Globalization;
using System.Text.Json;
using Lagebild.Documents;
using Lagebild.Pipeline;

namespace Lagebild.Output;

/// <summary>
/// Writes an analysed article as the project's JSON contract (docs/analysis.schema.json). Every key is written,
/// empty or null when no stage filled it; offsets are UTF-16 code units into "text".
/// </summary>
public static class ArticleJsonWriter
{
    public static readonly JsonWriterOptions Indented = new() { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static readonly JsonWriterOptions Compact = new() { Indented = false, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The top-level keys, in the order they are written; docs/analysis.schema.json requires exactly these.</summary>
    public static IReadOnlyList<string> Keys { get; } =
    [
        "id", "origin", "url", "title", "source", "published", "language", "dateline", "text", "stages", "sentences", "tokens",
        "entities", "events", "quotes", "times", "places", "tone", "warnings",
    ];

    /// <summary>
    /// The keys whose values come from the layers, in contract order, with the value written when no layer fills
    /// them: the slots of the later stages (events, quotes, times, places, tone) exist before their stages do.
    /// </summary>
    private static readonly (string Section, JsonValueKind Empty)[] LayerSlots =
    [
        ("sentences", JsonValueKind.Array), ("tokens", JsonValueKind.Array), ("entities", JsonValueKind.Array),
        ("events", JsonValueKind.Array), ("quotes", JsonValueKind.Array), ("times", JsonValueKind.Array),
        ("places", JsonValueKind.Array), ("tone", JsonValueKind.Null),
    ];

    public static string ToJson(AnalysisContext context, bool includeTokens = false, bool indented = true)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, indented ? Indented : Compact))
        {
            Write(writer, context, includeTokens);
        }

        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    public static void Write(Utf8JsonWriter writer, AnalysisContext context, bool includeTokens)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(context);
        var article = context.Article;
        var meta = article.Metadata;
        writer.WriteStartObject();
        writer.WriteString("id", article.Id);
        writer.WriteString("origin", article.ContractOrigin);
        WriteNullable(writer, "url", meta.Url);
        WriteNullable(writer, "title", meta.Title);
        WriteNullable(writer, "source", meta.Source);
        WriteNullable(writer, "published", meta.Published is { } published ? FormatDate(published) : null);
        writer.WriteString("language", context.Language);
        WriteNullable(writer, "dateline", meta.Dateline);
        writer.WriteString("text", article.Text);

        writer.WriteStartObject("stages");
        foreach (var (name, version) in context.StageVersions)
        {
            writer.WriteString(name, version);
        }

        writer.WriteEndObject();

        WriteLayerSections(writer, context, includeTokens ? OutputOptions.WithTokens : OutputOptions.WithoutTokens);

        writer.WritePropertyName("warnings");
        WriteWarnings(writer, context.Warnings);
        writer.WriteEndObject();
    }

    /// <summary>The warnings as a JSON array of {stage, message, start?, end?}.</summary>
    public static void WriteWarnings(Utf8JsonWriter writer, IReadOnlyList<AnalysisWarning> warnings)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(warnings);
        writer.WriteStartArray();
        foreach (var warning in warnings)
        {
            writer.WriteStartObject();
            writer.WriteString("stage", warning.Stage);
            writer.WriteString("message", warning.Message);
            if (warning.Span is { } span)
            {
                writer.WriteNumber("start", span.Start);
                writer.WriteNumber("end", span.End);
            }

            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }

    public static string FormatDate(DateTimeOffset value) =>
        value.ToString("yyyy-MM-dd'T'HH:mm:ssK", CultureInfo.InvariantCulture);

    /// <summary>
    /// The sections the layers fill, in contract order: each written by the last layer that claims it, else empty
    /// (a stage that did not run, or whose stage is still to come). Sections no slot names (a new stage's) follow in
    /// the order their layers were written.
    /// </summary>
    private static void WriteLayerSections(Utf8JsonWriter writer, AnalysisContext context, OutputOptions options)
    {
        var owners = new Dictionary<string, LayerOutput>(StringComparer.Ordinal);
        List<string>? extra = null;
        foreach (var layer in context.WrittenLayers)
        {
            if (layer.Output is { Section: { } section } output)
            {
                if (owners.TryAdd(section, output) && !IsSlot(section))
                {
                    (extra ??= []).Add(section);
                }

                owners[section] = output;
            }
        }

        foreach (var (section, empty) in LayerSlots)
        {
            writer.WritePropertyName(section);
            if (owners.TryGetValue(section, out var owner))
            {
                owner.WriteSection(writer, context, options);
            }
            else if (empty == JsonValueKind.Array)
            {
                writer.WriteStartArray();
                writer.WriteEndArray();
            }
            else
            {
                writer.WriteNullValue();
            }
        }

        foreach (var section in extra ?? [])
        {
            writer.WritePropertyName(section);
            owners[section].WriteSection(writer, context, options);
        }
    }

    private static bool IsSlot(string section)
    {
        foreach (var (slot, _) in LayerSlots)
        {
            if (string.Equals(slot, section, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    private static void WriteNullable(Utf8JsonWriter writer, string name, string? value)
    {
        if (value is null)
        {
            writer.WriteNull(name);
        }
        else
        {
            writer.WriteString(name, value);
        }
    }
}
