using System.Text.Json;
using Lagebild.Documents;

namespace Lagebild.Output;

/// <summary>
/// Writes what ingestion extracted from one input item, before any analysis:
/// <c>{path, url, title, text, published, source, language}</c>. "path" is the item's origin (a path, path#item, or
/// record id); every key is written, null when the input did not carry it.
/// </summary>
public static class MainContentJsonWriter
{
    public static IReadOnlyList<string> Keys { get; } = ["path", "url", "title", "text", "published", "source", "language"];

    public static void Write(Utf8JsonWriter writer, Article article)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(article);
        var meta = article.Metadata;
        writer.WriteStartObject();
        writer.WriteString("path", article.Origin);
        WriteNullable(writer, "url", meta.Url);
        WriteNullable(writer, "title", meta.Title);
        writer.WriteString("text", article.Text);
        WriteNullable(writer, "published", meta.Published is { } published ? ArticleJsonWriter.FormatDate(published) : null);
        WriteNullable(writer, "source", meta.Source);
        WriteNullable(writer, "language", meta.Language);
        writer.WriteEndObject();
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
