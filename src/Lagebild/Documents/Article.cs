using System.Security.Cryptography;
using System.Text;

namespace Lagebild.Documents;

/// <summary>
/// What a reader knows about an article besides its text. Every field is optional: readers fill what their input carries.
/// </summary>
public sealed record ArticleMetadata
{
    public string? Url { get; init; }
    public string? Title { get; init; }
    public string? Author { get; init; }
    /// <summary>The outlet ("CNN", "derStandard").</summary>
    public string? Source { get; init; }
    public DateTimeOffset? Published { get; init; }
    /// <summary>ISO 639-1 code declared by the input (JSONL field, HTML lang, --lang); detection may override it when absent.</summary>
    public string? Language { get; init; }
    /// <summary>Place line at the head of the story ("Hongkong"), when the reader found one.</summary>
    public string? Dateline { get; init; }

    /// <summary>The item's own id in its input (a JSONL record's "id"), so that results can be joined back to it.</summary>
    public string? InputId { get; init; }
}

/// <summary>
/// An article as the pipeline sees it: immutable cleaned text plus metadata, and the way back to the raw input.
/// </summary>
public sealed class Article
{
    public Article(string text, ArticleMetadata metadata, string origin, OffsetMap? rawOffsets = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(metadata);
        ArgumentNullException.ThrowIfNull(origin);
        Text = text;
        Metadata = metadata;
        Origin = origin;
        RawOffsets = rawOffsets ?? OffsetMap.Identity;
        Id = ComputeId(text);
        InputWarnings = [];
    }

    private Article(Article source, ArticleMetadata metadata, IReadOnlyList<string> inputWarnings)
    {
        Text = source.Text;
        Metadata = metadata;
        Origin = source.Origin;
        RawOffsets = source.RawOffsets;
        Id = source.Id;
        InputWarnings = inputWarnings;
    }

    /// <summary>Hash of the normalised text: the same story republished elsewhere gets the same id.</summary>
    public string Id { get; }

    public string Text { get; }

    public ArticleMetadata Metadata { get; }

    /// <summary>Where the article came from: a path, a path plus item number, a WARC record id.</summary>
    public string Origin { get; }

    /// <summary>Maps offsets in <see cref="Text"/> back to the raw input (HTML source, decoded file).</summary>
    public OffsetMap RawOffsets { get; }

    /// <summary>What the reader noticed about the input without refusing it (invalid UTF-8 replaced, a part of a split file).</summary>
    public IReadOnlyList<string> InputWarnings { get; }

    /// <summary>The contract's "origin": the input's own id when it has one, else where the article was read from.</summary>
    public string ContractOrigin => Metadata.InputId ?? Origin;

    public Article WithMetadata(ArticleMetadata metadata)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        return new(this, metadata, InputWarnings);
    }

    /// <summary>This article with <paramref name="warnings"/> added to its input warnings.</summary>
    public Article WithInputWarnings(IEnumerable<string> warnings)
    {
        ArgumentNullException.ThrowIfNull(warnings);
        var all = InputWarnings.Concat(warnings).ToArray();
        return all.Length == InputWarnings.Count ? this : new(this, Metadata, all);
    }

    /// <summary>
    /// Normalisation for identity: Unicode NFC, case folded, every run of whitespace one space, trimmed.
    /// </summary>
    public static string ComputeId(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        // Hostile input can hold lone surrogates, which Normalize rejects: they hash as U+FFFD.
        var normalized = ReplaceLoneSurrogates(text).Normalize(NormalizationForm.FormC);
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(Whitespace.Collapse(normalized).ToLowerInvariant()));
        return Convert.ToHexStringLower(hash.AsSpan(0, 16));
    }

    private static string ReplaceLoneSurrogates(string text)
    {
        char[]? copy = null;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
                continue;
            }

            if (char.IsSurrogate(c))
            {
                copy ??= text.ToCharArray();
                copy[i] = '\uFFFD';
            }
        }

        return copy is null ? text : new string(copy);
    }
}
