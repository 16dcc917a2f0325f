using Lagebild.Documents;

namespace Lagebild.Ingest;

/// <summary>What kind of input a path or stream holds; Auto sniffs it from the name and the first bytes.</summary>
public enum InputKind
{
    Auto,
    Text,
    Html,
    Feed,
    Jsonl,
    Warc,
}

/// <summary>Caller choices for reading input.</summary>
public sealed record InputOptions
{
    public static InputOptions Default { get; } = new();

    public InputKind Kind { get; init; } = InputKind.Auto;

    /// <summary>Declared language for inputs that carry none (null: detect).</summary>
    public string? Language { get; init; }

    /// <summary>Publication date for inputs that carry none.</summary>
    public DateTimeOffset? Published { get; init; }
}

/// <summary>
/// One item read from the input: an article, or an error that names the item. Readers return errors as values
/// and go on with the next item; exceptions are reserved for bugs.
/// </summary>
public sealed record IngestResult
{
    private IngestResult(string origin, Article? article, string? error)
    {
        Origin = origin;
        Article = article;
        Error = error;
    }

    /// <summary>Path, path#item, or WARC record id: enough for a user to find the item.</summary>
    public string Origin { get; }

    public Article? Article { get; }

    public string? Error { get; }

    public bool Succeeded => Article is not null;

    public static IngestResult Ok(Article article)
    {
        ArgumentNullException.ThrowIfNull(article);
        return new IngestResult(article.Origin, article, null);
    }

    public static IngestResult Failed(string origin, string error) => new(origin, null, error);
}
