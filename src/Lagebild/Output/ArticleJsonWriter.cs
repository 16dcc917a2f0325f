using System.Globalization;
using System.Text.Json;
using Lagebild.Documents;
using Lagebild.Knowledge.Linking;
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

        writer.WriteStartArray("sentences");
        if (context.TryGet(Layers.Sentences, out var sentences))
        {
            foreach (var sentence in sentences)
            {
                writer.WriteStartObject();
                writer.WriteNumber("start", sentence.Span.Start);
                writer.WriteNumber("end", sentence.Span.End);
                writer.WriteEndObject();
            }
        }

        writer.WriteEndArray();

        writer.WriteStartArray("tokens");
        if (includeTokens && context.TryGet(Layers.Tokens, out var tokens))
        {
            // Tagging and parsing add their annotations when a model for the language ran.
            var morphology = context.TryGet(Layers.Morphology, out var analysed) && analysed.IsAnalysed ? analysed.Tokens : null;
            var dependencies = context.TryGet(Layers.Dependencies, out var parsed) && parsed.IsParsed ? parsed.Tokens : null;
            for (var index = 0; index < tokens.Count; index++)
            {
                var token = tokens[index];
                writer.WriteStartObject();
                writer.WriteNumber("start", token.Span.Start);
                writer.WriteNumber("end", token.Span.End);
                writer.WriteString("text", token.Form);
                writer.WriteString("kind", token.Kind.ToString().ToLowerInvariant());
                writer.WriteNumber("sentence", token.SentenceIndex);
                if (morphology is not null)
                {
                    writer.WriteString("upos", morphology[index].Upos);
                    writer.WriteString("lemma", morphology[index].FullLemma);
                    writer.WriteString("feats", morphology[index].Feats);
                }

                if (dependencies is not null)
                {
                    writer.WriteNumber("head", dependencies[index].Head);
                    writer.WriteString("deprel", dependencies[index].Relation);
                }

                writer.WriteEndObject();
            }
        }

        writer.WriteEndArray();

        // The layers of the later stages (docs/contract.md): each gets its own Write... method here when its stage
        // lands; until then the key is written empty so consumers can rely on the full key set.
        WriteEntities(writer, context);
        WriteEmptyArray(writer, "events");
        WriteEmptyArray(writer, "quotes");
        WriteEmptyArray(writer, "times");
        WriteEmptyArray(writer, "places");
        writer.WriteNull("tone");

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

    /// <summary>The entities of the coreference layer, or the bare linked mentions (without chains) when only linking ran.</summary>
    public static IReadOnlyList<LinkedEntity> EntitiesOf(AnalysisContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.TryGet(Layers.Coreference, out var coreference))
        {
            return coreference.Entities;
        }

        return context.TryGet(Layers.ActorMentions, out var mentions)
            ? mentions.Select(m => new LinkedEntity(m.Span, m.Text, m.Type, m.Kind, m.Actor, null, [])).ToList()
            : [];
    }

    public static string TypeName(EntityType type) => type switch
    {
        EntityType.Per => "PER",
        EntityType.Org => "ORG",
        EntityType.Gpe => "GPE",
        EntityType.Loc => "LOC",
        _ => "MISC",
    };

    public static string KindName(MentionKind kind) => kind.ToString().ToLowerInvariant();

    private static void WriteEntities(Utf8JsonWriter writer, AnalysisContext context)
    {
        writer.WriteStartArray("entities");
        foreach (var entity in EntitiesOf(context))
        {
            writer.WriteStartObject();
            writer.WriteNumber("start", entity.Span.Start);
            writer.WriteNumber("end", entity.Span.End);
            writer.WriteString("text", entity.Text);
            writer.WriteString("type", TypeName(entity.Type));
            if (entity.Actor is { } actor)
            {
                writer.WriteStartObject("actor");
                writer.WriteString("id", actor.Id);
                writer.WriteString("name", actor.Name);
                WriteNullable(writer, "code", actor.Code);
                WriteNullable(writer, "country", actor.Country);
                WriteNullable(writer, "role", actor.Role);
                writer.WriteEndObject();
            }
            else
            {
                writer.WriteNull("actor");
            }

            if (entity.Chain is { } chain)
            {
                writer.WriteNumber("chain", chain);
            }
            else
            {
                writer.WriteNull("chain");
            }

            writer.WriteString("kind", KindName(entity.Kind));
            if (entity.Members.Count > 0)
            {
                writer.WriteStartArray("members");
                foreach (var member in entity.Members)
                {
                    writer.WriteNumberValue(member);
                }

                writer.WriteEndArray();
            }

            writer.WriteEndObject();
        }

        writer.WriteEndArray();
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

    private static void WriteEmptyArray(Utf8JsonWriter writer, string name)
    {
        writer.WriteStartArray(name);
        writer.WriteEndArray();
    }
}
