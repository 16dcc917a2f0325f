using System.CommandLine;
using System.Globalization;
using Lagebild.Ingest;
using Lagebild.Ingest.Feeds;
using Lagebild.Ingest.Warc;

namespace Lagebild.Cli.Commands;

/// <summary>
/// `lagebild eval readers DIR…`: runs the feed and WARC/ARC readers over every file below the directories and
/// prints a table of items read and errors, so robustness on real files can be checked outside the unit tests.
/// </summary>
internal static class EvalReadersCommand
{
    public static Command Create()
    {
        var directories = new Argument<string[]>("directories") { Arity = ArgumentArity.OneOrMore, Description = "Directories (or files) with feeds and WARC/ARC files." };
        var show = new Option<bool>("--show") { Description = "Also list every item read (origin, date, url, title, start of text)." };
        var readers = new Command("readers", "Read every feed and WARC/ARC file and report items and errors per file.") { directories, show };
        readers.SetAction(result => Run(result.GetValue(directories) ?? [], result.GetValue(show), result.InvocationConfiguration.Output));
        return readers;
    }

    private static int Run(string[] paths, bool show, TextWriter output)
    {
        var files = new List<string>();
        foreach (var path in paths)
        {
            if (Directory.Exists(path))
            {
                files.AddRange(Directory.EnumerateFiles(path, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal));
            }
            else if (File.Exists(path))
            {
                files.Add(path);
            }
            else
            {
                output.WriteLine($"{path}: no such file or directory");
                return ExitCodes.Usage;
            }
        }

        output.WriteLine("| file | kind | ok | errors | error messages |");
        output.WriteLine("|---|---|---:|---:|---|");
        int totalFiles = 0, totalOk = 0, totalErrors = 0;
        long totalBytes = 0;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        foreach (var file in files)
        {
            var kind = Sniff(file);
            if (kind is null)
            {
                continue;
            }

            totalFiles++;
            totalBytes += new FileInfo(file).Length;
            var (ok, errors, lines) = kind == InputKind.Feed ? EvalFeed(file, show) : EvalArchive(file, show);
            totalOk += ok;
            totalErrors += errors.Count;
            var name = Path.GetRelativePath(Directory.Exists(paths[0]) ? paths[0] : Path.GetDirectoryName(paths[0]) ?? ".", file);
            var messages = string.Join("; ", errors.Take(4).Select(e => e.Replace('|', '/'))) + (errors.Count > 4 ? $"; … {errors.Count - 4} more" : "");
            output.WriteLine($"| {name} | {kind.Value.ToString().ToLowerInvariant()} | {ok} | {errors.Count} | {messages} |");
            if (show)
            {
                foreach (var line in lines)
                {
                    output.WriteLine("    " + line);
                }
            }
        }

        output.WriteLine();
        var seconds = Math.Max(clock.Elapsed.TotalSeconds, 1e-6);
        output.WriteLine($"{totalFiles} files, {totalOk} items read, {totalErrors} errors; {totalBytes / 1e6:F1} MB in {seconds:F2} s ({totalBytes / 1e6 / seconds:F1} MB/s, input as stored)");
        return ExitCodes.Success;
    }

    /// <summary>Feed or archive by the first bytes; null for files that are neither (licences, notes).</summary>
    private static InputKind? Sniff(string file)
    {
        var head = new byte[16];
        int read;
        using (var stream = File.OpenRead(file))
        {
            read = stream.Read(head, 0, head.Length);
        }

        var span = head.AsSpan(0, read);
        if (span.StartsWith("\uFEFF"u8))
        {
            span = span[3..];
        }

        span = span.TrimStart(" \t\r\n"u8);
        if (span.StartsWith(new byte[] { 0x1F, 0x8B }) || span.StartsWith("WARC/"u8) || span.StartsWith("filedesc:"u8))
        {
            return InputKind.Warc;
        }

        return span.StartsWith("<"u8) || span.StartsWith("{"u8) ? InputKind.Feed : null;
    }

    private static (int Ok, List<string> Errors, List<string> Lines) EvalFeed(string file, bool show)
    {
        var errors = new List<string>();
        var lines = new List<string>();
        var ok = 0;
        foreach (var result in new FeedReader().Read(File.ReadAllBytes(file), file, InputOptions.Default))
        {
            if (result.Article is not { } article)
            {
                errors.Add(ShortenOrigin(result.Origin, file) + ": " + result.Error);
                continue;
            }

            ok++;
            if (!show)
            {
                continue;
            }

            var meta = article.Metadata;
            lines.Add($"{ShortenOrigin(article.Origin, file)} | {meta.Published?.ToString("u", CultureInfo.InvariantCulture) ?? "-"} | {meta.Language ?? "-"} | {meta.Author ?? "-"} | {meta.Title} | {Snippet(article.Text)}");
        }

        return (ok, errors, lines);
    }

    private static (int Ok, List<string> Errors, List<string> Lines) EvalArchive(string file, bool show)
    {
        var errors = new List<string>();
        var lines = new List<string>();
        var ok = 0;
        using var stream = File.OpenRead(file);
        foreach (var item in new WarcReader().Read(stream, file))
        {
            if (item.Document is not { } document)
            {
                errors.Add(ShortenOrigin(item.Origin, file) + ": " + item.Error);
                continue;
            }

            ok++;
            if (!show)
            {
                continue;
            }

            var text = System.Text.Encoding.UTF8.GetString(document.Content.Span);
            lines.Add($"{ShortenOrigin(document.Origin, file)} | {document.Date?.ToString("u", CultureInfo.InvariantCulture) ?? "-"} | {document.Url} | charset {document.Charset ?? "-"} | {document.Content.Length} bytes | {Snippet(text)}");
        }

        return (ok, errors, lines);
    }

    /// <summary>The origin without the file path ("#item3 https://…"), or "(file)" for an error about the whole file.</summary>
    private static string ShortenOrigin(string origin, string file)
    {
        if (!origin.StartsWith(file, StringComparison.Ordinal))
        {
            return origin;
        }

        var rest = origin[file.Length..];
        return rest.Length == 0 ? "(file)" : rest;
    }

    private static string Snippet(string text)
    {
        var flat = string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        return flat.Length <= 80 ? flat : flat[..80] + "…";
    }
}
