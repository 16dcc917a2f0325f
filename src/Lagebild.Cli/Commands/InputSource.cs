using Lagebild.Ingest;

namespace Lagebild.Cli.Commands;

/// <summary>
/// Reads the command's inputs through <see cref="ArticleReader"/>, in the order given. "-" stands for standard
/// input, which the reader sniffs like any other input; its items are named "-" (or "-#n"), as the user typed it.
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
        using var input = console.OpenInput();
        foreach (var item in reader.Read(input, ArticleReader.StandardInputOrigin, options, cancellationToken))
        {
            yield return item;
        }
    }
}
