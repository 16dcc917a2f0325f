namespace Lagebild.Ingest.Feeds;

/// <summary>PLACEHOLDER: RSS/Atom/JSON Feed reader; the feeds work replaces this file.</summary>
public sealed class FeedReader
{
    /// <summary>Every item of the feed as an article, or an error naming the item (or the feed when it cannot be parsed).</summary>
    public IEnumerable<IngestResult> Read(ReadOnlyMemory<byte> content, string origin, InputOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        yield return IngestResult.Failed(origin, $"feed reading is not available yet ({content.Length} bytes)");
    }
}
