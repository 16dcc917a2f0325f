namespace Lagebild.Ingest.Jsonl;

/// <summary>PLACEHOLDER: one article per JSON line; the ingestion work replaces this file.</summary>
public sealed class JsonlReader
{
    public IEnumerable<IngestResult> Read(Stream stream, string origin, InputOptions options)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(options);
        yield return IngestResult.Failed(origin, "JSONL reading is not available yet");
    }
}
