namespace Lagebild.Ingest;

/// <summary>
/// One undecoded input item: a file, a member of a container (WARC record, .gz), or stdin, with what its
/// container said about it. The dispatcher decodes it and hands it to the reader for its kind.
/// </summary>
public sealed record SourceDocument(string Origin, ReadOnlyMemory<byte> Content, InputKind Kind)
{
    public string? Url { get; init; }

    /// <summary>Date from the container (WARC-Date, HTTP Last-Modified), used when the content carries none.</summary>
    public DateTimeOffset? Date { get; init; }

    /// <summary>Charset named by the container (HTTP Content-Type), if any.</summary>
    public string? Charset { get; init; }
}

/// <summary>A container member: a document, or an error naming the broken item. Container readers go on after errors.</summary>
public sealed record SourceItem(string Origin, SourceDocument? Document, string? Error)
{
    public static SourceItem Ok(SourceDocument document) => new(document.Origin, document, null);

    public static SourceItem Failed(string origin, string error) => new(origin, null, error);
}
