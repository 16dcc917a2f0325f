namespace Lagebild.Ingest.Warc;

/// <summary>PLACEHOLDER: WARC/ARC record reader; the WARC work replaces this file.</summary>
public sealed class WarcReader
{
    /// <summary>The HTML response records of a (possibly gzipped) WARC or ARC stream, or errors naming broken records.</summary>
    public IEnumerable<SourceItem> Read(Stream stream, string origin)
    {
        ArgumentNullException.ThrowIfNull(stream);
        yield return SourceItem.Failed(origin, "WARC reading is not available yet");
    }
}
