using Lagebild.Documents;
using Lagebild.Ingest;

namespace Lagebild.Cli.Commands;

/// <summary>
/// Reads the command's inputs through <see cref="ArticleReader"/>, in the order given. "-" stands for standard
/// input: it is spooled to a temporary file that the reader sniffs like any other, and the items it yields are
/// named "-" (or "-#n") again, so messages point at what the user typed.
/// </summary>
internal static class InputSource
{
    public const string StandardInput = "-";

    public static IEnumerable<IngestResult> Read(CliConsole console, IReadOnlyList<string> paths, InputOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(paths);
        var reader = new ArticleReader();
        var pending = new List<string>();
        foreach (var path in paths)
        {
            if (!string.Equals(path, StandardInput, StringComparison.Ordinal))
            {
                pending.Add(path);
                continue;
            }

            if (pending.Count > 0)
            {
                foreach (var item in reader.Read(pending.ToArray(), options, cancellationToken))
                {
                    yield return item;
                }

                pending.Clear();
            }

            foreach (var item in ReadStandardInput(console, reader, options, cancellationToken))
            {
                yield return item;
            }
        }

        if (pending.Count > 0)
        {
            foreach (var item in reader.Read(pending, options, cancellationToken))
            {
                yield return item;
            }
        }
    }

    private static IEnumerable<IngestResult> ReadStandardInput(CliConsole console, ArticleReader reader, InputOptions options, CancellationToken cancellationToken)
    {
        var spool = Path.Combine(Path.GetTempPath(), $"lagebild-stdin-{Guid.NewGuid():N}");
        try
        {
            using (var input = console.OpenInput())
            using (var file = File.Create(spool))
            {
                input.CopyTo(file);
            }

            foreach (var item in reader.Read([spool], options, cancellationToken))
            {
                yield return Rename(item, spool);
            }
        }
        finally
        {
            File.Delete(spool);
        }
    }

    private static IngestResult Rename(IngestResult item, string spool)
    {
        var origin = item.Origin.StartsWith(spool, StringComparison.Ordinal)
            ? StandardInput + item.Origin[spool.Length..]
            : item.Origin;
        if (item.Article is not { } article)
        {
            return IngestResult.Failed(origin, (item.Error ?? "unreadable").Replace(spool, StandardInput, StringComparison.Ordinal));
        }

        return IngestResult.Ok(new Article(article.Text, article.Metadata, origin, article.RawOffsets));
    }
}
