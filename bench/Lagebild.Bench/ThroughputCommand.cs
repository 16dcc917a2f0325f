using System.Buffers;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Lagebild.Documents;
using Lagebild.Ingest;
using Lagebild.Ingest.Service;
using Lagebild.Output;
using Lagebild.Pipeline;
using Lagebild.Text;
using Lagebild.Store;
using Lagebild.Store.Sqlite;

namespace Lagebild.Bench;

/// <summary>
/// `throughput [--data DIR] [--repeat N] [--limit N] [--baseline] [--stages] [--store]`: the whole analysis (every pipeline stage plus
/// the JSON contract output) over the news JSONL files, single-threaded, after one warm-up pass. Loading the
/// files is not timed (ingestion has its own benchmarks). Prints medians over the repetitions; with --baseline a
/// whitespace split of the same texts is timed in each repetition too, and the median time ratio is the figure
/// to compare across runs on a shared machine. With --stages each stage is also timed on its own (median per-pass
/// time per stage over the repetitions), to check a stage's share of the pipeline. With --store the whole ingest is
/// timed too: <see cref="IngestService"/> with one job into a fresh SQLite store per repetition (analysis, the
/// staleness checks, serialisation and the writes).
/// </summary>
internal static class ThroughputCommand
{
    public const string Name = "throughput";

    private const string DefaultData = "../shared/data/news";

    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        if (!ThroughputOptions.TryParse(args, out var options, out var usage))
        {
            error.WriteLine($"throughput: {usage}");
            error.WriteLine("usage: throughput [--data DIR] [--repeat N] [--limit N] [--baseline] [--stages] [--store]");
            return 2;
        }

        var data = options.Data ?? FindDefaultData();
        if (data is null || !Directory.Exists(data))
        {
            error.WriteLine($"throughput: data directory '{data ?? DefaultData}' not found; give --data DIR with *.jsonl files.");
            return 2;
        }

        var corpus = NewsCorpus.Load(data, options.Limit, error);
        if (corpus.Articles.Count == 0)
        {
            error.WriteLine($"throughput: no articles in {data}/*.jsonl.");
            return 1;
        }

        var engine = Engine.Create();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"corpus:      {corpus.Articles.Count:N0} articles, {corpus.TextBytes / 1e6:0.00} MB of text (UTF-8) from {string.Join(", ", corpus.Files)}"));
        output.WriteLine($"pipeline:    {string.Join(", ", engine.Pipeline.Stages.Select(s => s.Name))}");
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"runs:        {options.Repeat} timed + 1 warm-up, single thread, {Environment.ProcessorCount} cores visible"));

        // Warm-up: JIT tiers, lazily loaded models, caches.
        var tokens = RunPipeline(engine, corpus.Articles);
        if (options.Baseline)
        {
            RunBaseline(corpus.Articles);
        }

        var pipelineSeconds = new List<double>();
        var baselineSeconds = new List<double>();
        var ratios = new List<double>();
        for (var run = 0; run < options.Repeat; run++)
        {
            var seconds = Time(() => RunPipeline(engine, corpus.Articles));
            pipelineSeconds.Add(seconds);
            if (options.Baseline)
            {
                // Timed right after the pipeline in the same repetition, so a slow phase of the machine hits both.
                var baseline = Time(() => RunBaseline(corpus.Articles));
                baselineSeconds.Add(baseline);
                ratios.Add(seconds / baseline);
            }
        }

        var median = Median(pipelineSeconds);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"median:      {corpus.Articles.Count / median:N0} articles/s, {corpus.TextBytes / 1e6 / median:0.00} MB/s, {tokens / median:N0} tokens/s ({median:0.000} s per pass; range {pipelineSeconds.Min():0.000}–{pipelineSeconds.Max():0.000} s)"));
        if (options.Baseline)
        {
            var baselineMedian = Median(baselineSeconds);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"baseline:    whitespace split {corpus.TextBytes / 1e6 / baselineMedian:0.0} MB/s ({baselineMedian * 1000:0.00} ms per pass)"));
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"ratio:       pipeline/baseline time, median {Median(ratios):0.0} (range {ratios.Min():0.0}–{ratios.Max():0.0})"));
        }

        if (options.Stages)
        {
            WriteStageTimes(engine, corpus.Articles, options.Repeat, output);
        }

        if (options.Store)
        {
            var ingestSeconds = Enumerable.Range(0, options.Repeat).Select(_ => TimeIngest(engine, corpus.Articles)).ToList();
            var ingestMedian = Median(ingestSeconds);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"ingest:      {corpus.Articles.Count / ingestMedian:N1} articles/s into a fresh SQLite store, one job ({ingestMedian:0.000} s per pass; range {ingestSeconds.Min():0.000}–{ingestSeconds.Max():0.000} s)"));
        }

        return 0;
    }

    /// <summary>Runs the stages one by one, timing each; prints the median milliseconds per article and the share.</summary>
    private static void WriteStageTimes(Engine engine, IReadOnlyList<Article> articles, int repeat, TextWriter output)
    {
        var stages = engine.Pipeline.Stages;
        var perStage = stages.Select(_ => new List<double>()).ToList();
        long tokens = 0;
        for (var run = 0; run < repeat; run++)
        {
            var ticks = new long[stages.Count];
            tokens = 0;
            foreach (var article in articles)
            {
                var context = new AnalysisContext(article, AnalysisOptions.Default);
                for (var i = 0; i < stages.Count; i++)
                {
                    var start = Stopwatch.GetTimestamp();
                    stages[i].Run(context);
                    ticks[i] += Stopwatch.GetTimestamp() - start;
                }

                tokens += context.TryGet(TextLayers.Tokens, out var layer) ? layer.Count : 0;
            }

            for (var i = 0; i < stages.Count; i++)
            {
                perStage[i].Add(ticks[i] * 1000.0 / Stopwatch.Frequency / articles.Count);
            }
        }

        var medians = perStage.Select(Median).ToList();
        var total = medians.Sum();
        for (var i = 0; i < stages.Count; i++)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"stage:       {stages[i].Name,-24} {medians[i],8:0.000} ms/article {100 * medians[i] / total,5:0.0}%"));
        }

        // The trained NLP stack (tagger with lemmas and features, parser, entities) on its own: the figure its speed
        // target is stated in.
        var stack = Enumerable.Range(0, stages.Count).Where(i => stages[i].Name.StartsWith("nlp.", StringComparison.Ordinal)).Sum(i => medians[i]);
        if (stack > 0)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"nlp stack:   {stack:0.000} ms/article, {tokens / (stack * articles.Count / 1000):N0} tokens/s (the nlp.* stages together)"));
        }
    }

    /// <summary>Analyses every article and writes its JSON as the analyze command would; returns the token count.</summary>
    internal static long RunPipeline(Engine engine, IReadOnlyList<Article> articles)
    {
        var buffer = new ArrayBufferWriter<byte>(1 << 16);
        long tokens = 0;
        foreach (var article in articles)
        {
            var context = engine.Pipeline.Run(article);
            tokens += context.TryGet(TextLayers.Tokens, out var layer) ? layer.Count : 0;
            buffer.ResetWrittenCount();
            using var writer = new Utf8JsonWriter(buffer, ArticleJsonWriter.Compact);
            ArticleJsonWriter.Write(writer, context, includeTokens: false);
        }

        return tokens;
    }

    /// <summary>One ingest of every article through the engine's service into a new store; returns the seconds taken.</summary>
    private static double TimeIngest(Engine engine, IReadOnlyList<Article> articles)
    {
        var directory = Path.Combine(Path.GetTempPath(), "lagebild-bench-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        try
        {
            var service = new IngestService(engine.Pipeline, new IngestSettings { Jobs = 1 });
            var factory = new StoreFactory([new SqliteStoreProvider()]);
            var watch = Stopwatch.StartNew();
            var summary = service.Run(articles.Select(IngestResult.Ok), () => factory.Open(Path.Combine(directory, "bench.db")), new SilentObserver());
            var seconds = watch.Elapsed.TotalSeconds;
            if (!summary.Succeeded)
            {
                throw new InvalidOperationException($"The benchmark ingest failed: {summary.End}, {summary.Counts.Failed} items failed. {summary.StoreError}");
            }

            return seconds;
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private sealed class SilentObserver : IIngestObserver
    {
        public void ItemFailed(string origin, string message)
        {
            // Counted in the summary, which the caller checks.
        }

        public void ItemSkipped(string origin, string reason)
        {
            // As above.
        }

        public void Progress(IngestCounts counts)
        {
            // Timing only.
        }
    }

    private static long RunBaseline(IReadOnlyList<Article> articles)
    {
        long tokens = 0;
        foreach (var article in articles)
        {
            tokens += WhitespaceBaseline.CountTokens(article.Text);
        }

        return tokens;
    }

    private static double Time(Func<long> work)
    {
        var watch = Stopwatch.StartNew();
        GC.KeepAlive(work());
        return watch.Elapsed.TotalSeconds;
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        var middle = sorted.Count / 2;
        return sorted.Count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    /// <summary>../shared/data/news from the working directory or any directory above it.</summary>
    private static string? FindDefaultData()
    {
        for (var directory = new DirectoryInfo(Environment.CurrentDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.GetFullPath(Path.Combine(directory.FullName, DefaultData));
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }
}

internal sealed record ThroughputOptions
{
    public string? Data { get; init; }

    public int Repeat { get; init; } = 5;

    public int? Limit { get; init; }

    public bool Baseline { get; init; }

    public bool Stages { get; init; }

    public bool Store { get; init; }

    public static bool TryParse(string[] args, out ThroughputOptions options, out string? error)
    {
        options = new ThroughputOptions();
        error = null;
        for (var i = 0; i < args.Length; i++)
        {
            var name = args[i];
            switch (name)
            {
                case "--baseline":
                    options = options with { Baseline = true };
                    continue;
                case "--stages":
                    options = options with { Stages = true };
                    continue;
                case "--store":
                    options = options with { Store = true };
                    continue;
                case "--data" or "--repeat" or "--limit" when i + 1 < args.Length:
                    var value = args[++i];
                    if (name == "--data")
                    {
                        options = options with { Data = value };
                        continue;
                    }

                    if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number) || number < 1)
                    {
                        error = $"{name} '{value}' is not a positive whole number.";
                        return false;
                    }

                    options = name == "--repeat" ? options with { Repeat = number } : options with { Limit = number };
                    continue;
                default:
                    error = $"unknown or incomplete option '{name}'.";
                    return false;
            }
        }

        return true;
    }
}

/// <summary>
/// The benchmark corpus: every *.jsonl file of a directory (sorted by name), one article per line with "text" and
/// optional "title", "lang", "date", "source" and "dateline" (the format of ../shared/data/news).
/// </summary>
internal sealed record NewsCorpus(IReadOnlyList<Article> Articles, long TextBytes, IReadOnlyList<string> Files)
{
    public static NewsCorpus Load(string directory, int? limit, TextWriter error)
    {
        var articles = new List<Article>();
        var files = new List<string>();
        long bytes = 0;
        foreach (var path in Directory.EnumerateFiles(directory, "*.jsonl").Order(StringComparer.Ordinal))
        {
            var before = articles.Count;
            var lineNumber = 0;
            foreach (var line in File.ReadLines(path, Encoding.UTF8))
            {
                lineNumber++;
                if (limit is { } max && articles.Count >= max)
                {
                    break;
                }

                if (string.IsNullOrWhiteSpace(line))
                {
                    continue;
                }

                if (TryParse(line, $"{path}#{lineNumber}", out var article))
                {
                    articles.Add(article);
                    bytes += Encoding.UTF8.GetByteCount(article.Text);
                }
                else
                {
                    error.WriteLine($"throughput: {path}#{lineNumber}: not a JSON object with a \"text\" string; skipped.");
                }
            }

            files.Add(string.Create(CultureInfo.InvariantCulture, $"{Path.GetFileName(path)} ({articles.Count - before:N0})"));
        }

        return new NewsCorpus(articles, bytes, files);
    }

    private static bool TryParse(string line, string origin, out Article article)
    {
        article = null!;
        try
        {
            using var document = JsonDocument.Parse(line);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("text", out var text) || text.ValueKind != JsonValueKind.String)
            {
                return false;
            }

            var metadata = new ArticleMetadata
            {
                Title = String(root, "title"),
                Language = String(root, "lang"),
                Source = String(root, "source"),
                Dateline = String(root, "dateline"),
                Published = DateTimeOffset.TryParse(String(root, "date"), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date) ? date : null,
            };
            article = new Article(text.GetString()!, metadata, origin);
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static string? String(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
