namespace Lagebild.Ingest.Feeds;

/// <summary>How a piece of feed content is marked up.</summary>
internal enum FeedContentKind
{
    PlainText,
    Html,
}

/// <summary>A title or body as the feed carries it, before rendering to plain text.</summary>
internal sealed record FeedContent(string Value, FeedContentKind Kind);

/// <summary>One item of a feed, format-neutral, with raw (unrendered, unrepaired) values.</summary>
internal sealed record FeedEntry
{
    public FeedContent? Title { get; init; }

    public string? Link { get; init; }

    public string? Date { get; init; }

    public string? Author { get; init; }

    /// <summary>Candidate bodies in order of preference (full content before summary).</summary>
    public IReadOnlyList<FeedContent> Bodies { get; init; } = [];

    public string? Language { get; init; }
}

/// <summary>A parsed feed: channel metadata, items, and the error that stopped parsing early (items before it are kept).</summary>
internal sealed record FeedDocument
{
    public required string Format { get; init; }

    public FeedContent? Title { get; init; }

    public string? Language { get; init; }

    public IReadOnlyList<FeedEntry> Entries { get; init; } = [];

    public string? Error { get; init; }
}
