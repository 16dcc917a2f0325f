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

    /// <summary>The default for <see cref="MaxArticleBytes"/>: 1 MiB, far above any news article (tens of KB), small enough that ingesting the parts of a split 50 MB file stays under 500 MB resident (docs/status.md).</summary>
    public const int DefaultMaxArticleBytes = 1024 * 1024;

    /// <summary>
    /// The most input bytes one article may come from. A larger plain-text input is split at paragraph boundaries into
    /// parts ("path#part2"); a larger JSONL record, HTML page text or feed item is refused with an error naming it.
    /// </summary>
    public int MaxArticleBytes { get; init; } = DefaultMaxArticleBytes;
}

/// <summary>
/// One item read from the input: an article, an error that names the item, or an input left alone on purpose (a file
/// in a directory that holds no text) with the reason. Readers return errors as values and go on with the next item;
/// exceptions are reserved for bugs.
/// </summary>
public sealed record IngestResult
{
    /// <summary>Skip reason: a file whose name says it holds no articles (an image, an archive, a program).</summary>
    public const string NotATextFormat = "not a text format";

    /// <summary>Skip reason: a file found in a directory whose bytes are not text.</summary>
    public const string BinaryContent = "binary content";

    /// <summary>Skip reason: a file with no bytes.</summary>
    public const string Empty = "empty";

    /// <summary>Skip reason: a file that describes a data folder (LICENSE, README.md) rather than holding articles.</summary>
    public const string NotAnArticle = "describes the folder (licence, readme)";

    private IngestResult(string origin, Article? article, string? error, string? skipReason = null)
    {
        Origin = origin;
        Article = article;
        Error = error;
        SkipReason = skipReason;
    }

    /// <summary>Path, path#item, or WARC record id: enough for a user to find the item.</summary>
    public string Origin { get; }

    public Article? Article { get; }

    public string? Error { get; }

    /// <summary>Why the input was left alone, when it was skipped rather than read; null otherwise.</summary>
    public string? SkipReason { get; }

    public bool Succeeded => Article is not null;

    public bool IsSkipped => SkipReason is not null;

    /// <summary>An input that failed: not read, not skipped.</summary>
    public bool IsFailure => Article is null && SkipReason is null;

    public static IngestResult Ok(Article article)
    {
        ArgumentNullException.ThrowIfNull(article);
        return new IngestResult(article.Origin, article, null);
    }

    public static IngestResult Failed(string origin, string error) => new(origin, null, error);

    public static IngestResult Skip(string origin, string reason) => new(origin, null, null, reason);
}
