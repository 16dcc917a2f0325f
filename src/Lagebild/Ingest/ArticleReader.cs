using System.Text;
using Lagebild.Documents;

namespace Lagebild.Ingest;

/// <summary>
/// Entry point of ingestion: turns paths (files, directories, .gz, "-" for stdin) into a stream of articles.
/// PLACEHOLDER: reads UTF-8 plain text files only; the ingestion work replaces this file.
/// </summary>
public sealed class ArticleReader
{
    public IEnumerable<IngestResult> Read(IEnumerable<string> paths, InputOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(paths);
        ArgumentNullException.ThrowIfNull(options);
        foreach (var path in paths)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (!File.Exists(path))
            {
                yield return IngestResult.Failed(path, "no such file");
                continue;
            }

            var text = File.ReadAllText(path, Encoding.UTF8);
            yield return IngestResult.Ok(new Article(text, new ArticleMetadata { Language = options.Language, Published = options.Published }, path));
        }
    }
}
