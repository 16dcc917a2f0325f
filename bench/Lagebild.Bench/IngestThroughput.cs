using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Lagebild.Ingest;
using Lagebild.Ingest.Decoding;
using Lagebild.Ingest.Jsonl;
using Lagebild.Ingest.PlainText;

namespace Lagebild.Bench;

/// <summary>
/// Throughput of the ingestion front: byte decoding (UTF-8, Windows-1252, double-encoded UTF-8), plain-text parsing
/// and JSONL reading over a folder of JSONL news files (../shared/data/news). A quick stopwatch loop, not
/// BenchmarkDotNet: the figures are MB/s of input, best of a few rounds.
/// </summary>
public static class IngestThroughput
{
    public static void Run(string newsDirectory, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(newsDirectory);
        ArgumentNullException.ThrowIfNull(output);
        var files = Directory.GetFiles(newsDirectory, "*.jsonl").Order(StringComparer.Ordinal).ToArray();
        var articles = files.SelectMany(ReadPlainTexts).ToList();
        var utf8 = articles.Select(Encoding.UTF8.GetBytes).ToList();
        var windows1252 = articles.Select(CodePagesEncodingProvider.Instance.GetEncoding(1252)!.GetBytes).ToList();
        var mojibake = articles.Select(a => Encoding.UTF8.GetBytes(Encoding.Latin1.GetString(Encoding.UTF8.GetBytes(a)))).ToList();
        var megabytes = utf8.Sum(b => b.Length) / 1e6;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{articles.Count} articles, {megabytes:F1} MB UTF-8 from {files.Length} files"));

        Report(output, "decode utf-8", megabytes, () => utf8.ForEach(b => TextDecoder.Decode(b)));
        Report(output, "decode windows-1252", windows1252.Sum(b => b.Length) / 1e6, () => windows1252.ForEach(b => TextDecoder.Decode(b)));
        Report(output, "decode + repair double-encoded", mojibake.Sum(b => b.Length) / 1e6, () => mojibake.ForEach(b => TextDecoder.Decode(b)));

        var parser = new PlainTextArticleParser(PlainTextConventions.Load(DataDirectory.Default()));
        Report(output, "plain-text parse", megabytes, () => articles.ForEach(a => parser.Parse(a, "bench", InputOptions.Default)));

        var jsonlBytes = files.Select(File.ReadAllBytes).ToList();
        var reader = new JsonlReader();
        Report(output, "jsonl read", jsonlBytes.Sum(b => b.Length) / 1e6, () =>
        {
            foreach (var bytes in jsonlBytes)
            {
                using var stream = new MemoryStream(bytes, writable: false);
                foreach (var result in reader.Read(stream, "bench", InputOptions.Default))
                {
                    GC.KeepAlive(result);
                }
            }
        });
    }

    private static IEnumerable<string> ReadPlainTexts(string path)
    {
        foreach (var line in File.ReadLines(path))
        {
            using var document = JsonDocument.Parse(line);
            var root = document.RootElement;
            var title = root.TryGetProperty("title", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
            var text = root.TryGetProperty("text", out var x) && x.ValueKind == JsonValueKind.String ? x.GetString() ?? "" : "";
            yield return title is null ? text : $"{title}\n\n{text}\n\nsource site-1\n";
        }
    }

    private static void Report(TextWriter output, string name, double megabytes, Action run)
    {
        run();
        var best = double.MaxValue;
        for (var round = 0; round < 5; round++)
        {
            var watch = Stopwatch.StartNew();
            run();
            best = Math.Min(best, watch.Elapsed.TotalSeconds);
        }

        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name,-32} {megabytes / best,8:F1} MB/s ({best * 1000:F0} ms for {megabytes:F1} MB)"));
    }
}
