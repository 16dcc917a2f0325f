using System.Diagnostics;
using System.Globalization;
using System.Text;
using Lagebild.Ingest;
using Lagebild.Ingest.Service;

namespace Lagebild.Bench;

/// <summary>
/// `large-input [MB] [--analyze] [--limit=BYTES]`: the memory bound on huge inputs. Writes a plain-text file of the given size (default
/// 50 MB; paragraphs of the German sample article, numbered so that no two parts are alike) to the temp folder, reads
/// it through <see cref="ArticleReader"/> (which splits it into parts of at most the article limit) and, with
/// --analyze, runs the pipeline over every part through the engine's parallel runner with the chunk bound that
/// `analyze` and `ingest` use (one article limit of text per chunk). Prints the parts, the time and the process's peak
/// resident set, and exits 1 when the peak is over 500 MB. A measurement, not a CI test: analysis takes minutes.
/// `dotnet run -c Release --project bench/Lagebild.Bench -- large-input --analyze`.
/// </summary>
internal static class LargeInputCommand
{
    public const string Name = "large-input";

    private const long PeakLimitBytes = 500L * 1024 * 1024;

    public static int Run(string[] args, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        var megabytes = args.FirstOrDefault(a => !a.StartsWith("--", StringComparison.Ordinal)) is { } size ? int.Parse(size, CultureInfo.InvariantCulture) : 50;
        var analyze = args.Contains("--analyze", StringComparer.Ordinal);
        var limit = args.FirstOrDefault(a => a.StartsWith("--limit=", StringComparison.Ordinal)) is { } given
            ? int.Parse(given["--limit=".Length..], CultureInfo.InvariantCulture)
            : InputOptions.DefaultMaxArticleBytes;
        // Named by process, so that two runs side by side (two limits) do not share the file.
        var path = Path.Combine(Path.GetTempPath(), string.Create(CultureInfo.InvariantCulture, $"lagebild-large-input-{megabytes}mb-{Environment.ProcessId}.txt"));
        try
        {
            Generate(path, megabytes * 1024L * 1024);
            var watch = Stopwatch.StartNew();
            var engine = analyze ? Engine.Create() : null;
            int parts = 0, failed = 0, sentences = 0;
            long characters = 0, largest = 0;
            var items = new ArticleReader().Read([path], InputOptions.Default with { MaxArticleBytes = limit });
            ParallelAnalysis.Run(
                items,
                jobs: Environment.ProcessorCount,
                (article, token) => new SentenceCount(engine is null ? 0 : engine.Pipeline.Run(article, cancellationToken: token).TryGet(Text.TextLayers.Sentences, out var found) ? found.Count : 0),
                outcome =>
                {
                    if (outcome.Item.Article is not { } article || outcome.Failure is not null)
                    {
                        failed++;
                        output.WriteLine($"{outcome.Item.Origin}: {outcome.Item.Error ?? outcome.Failure}");
                        return;
                    }

                    parts++;
                    characters += article.Text.Length;
                    largest = Math.Max(largest, article.Text.Length);
                    sentences += outcome.Result!.Count;
                },
                CancellationToken.None,
                chunkCharacterBudget: limit);

            using var process = Process.GetCurrentProcess();
            var peak = process.PeakWorkingSet64;
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{new FileInfo(path).Length / 1048576.0:0.0} MB file, limit {limit:N0} bytes, {(analyze ? "read and analysed" : "read")}: {parts} parts ({failed} failed), {characters:N0} characters, largest part {largest:N0}, {sentences:N0} sentences"));
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{watch.Elapsed.TotalSeconds:0.0} s, peak resident {peak / 1048576.0:0} MB (limit {PeakLimitBytes / 1048576} MB): {(peak <= PeakLimitBytes ? "within" : "OVER")}"));
            return peak <= PeakLimitBytes && failed == 0 ? 0 : 1;
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>Writes numbered copies of the sample's paragraphs until the file has <paramref name="length"/> bytes.</summary>
    private static void Generate(string path, long length)
    {
        var sample = File.ReadAllText(Path.Combine("samples", "de-cnn-xi-lukaschenko-2023-03-01.txt"));
        var paragraphs = sample.Split("\n\n", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Where(p => p.Length > 80).ToArray();
        using var writer = new StreamWriter(path, append: false, new UTF8Encoding(false), bufferSize: 1 << 16);
        long written = 0;
        for (var n = 0; written < length; n++)
        {
            var paragraph = string.Create(CultureInfo.InvariantCulture, $"({n + 1}) {paragraphs[n % paragraphs.Length]}\n\n");
            writer.Write(paragraph);
            written += Encoding.UTF8.GetByteCount(paragraph);
        }
    }
}

/// <summary>A part's sentence count, boxed for the parallel runner (which hands results by reference).</summary>
internal sealed record SentenceCount(int Count);
