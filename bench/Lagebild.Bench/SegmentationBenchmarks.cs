using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Lagebild.Documents;
using Lagebild.Pipeline;
using Lagebild.Text;

namespace Lagebild.Bench;

/// <summary>
/// Throughput of sentence segmentation and tokenisation over news text: the text fields of
/// ../shared/data/news/*.jsonl (derStandard for German, Reuters for English; eval-only data, never committed),
/// found by walking up from the working and the base directory or named by LAGEBILD_NEWS_DIR. Without them the
/// reference article in samples/ stands in. Divide the bytes reported by <see cref="Setup"/> by the mean time for MB/s.
/// </summary>
[MemoryDiagnoser]
public class SegmentationBenchmarks
{
    private readonly SentenceSegmentationStage _sentences = new(DataDirectory.Default());
    private readonly TokenizationStage _tokens = new(DataDirectory.Default());
    private List<Article> _german = [];
    private List<Article> _english = [];

    [GlobalSetup]
    public void Setup()
    {
        var news = FindUp(Environment.GetEnvironmentVariable("LAGEBILD_NEWS_DIR"), Path.Combine("shared", "data", "news"));
        _german = Load(news is null ? null : Path.Combine(news, "de-10kGNAD.jsonl"), "de");
        _english = Load(news is null ? null : Path.Combine(news, "en-reuters21578.jsonl"), "en");
        Console.WriteLine($"// segmentation input: German {Bytes(_german):N0} bytes, English {Bytes(_english):N0} bytes (UTF-8) from {news ?? "samples/"}");
    }

    [Benchmark(Description = "sentences, German news")]
    public int SentencesGerman() => Run(_german, "de", tokens: false);

    [Benchmark(Description = "sentences + tokens, German news")]
    public int SentencesAndTokensGerman() => Run(_german, "de", tokens: true);

    [Benchmark(Description = "sentences + tokens, English news")]
    public int SentencesAndTokensEnglish() => Run(_english, "en", tokens: true);

    private int Run(List<Article> articles, string language, bool tokens)
    {
        var options = new AnalysisOptions { ForcedLanguage = language };
        var count = 0;
        foreach (var article in articles)
        {
            var context = new AnalysisContext(article, options);
            _sentences.Run(context);
            if (tokens)
            {
                _tokens.Run(context);
                count += context.Get(TextLayers.Tokens).Count;
            }
            else
            {
                count += context.Get(TextLayers.Sentences).Count;
            }
        }

        return count;
    }

    private static long Bytes(List<Article> articles) => articles.Sum(a => (long)System.Text.Encoding.UTF8.GetByteCount(a.Text));

    private static List<Article> Load(string? path, string language)
    {
        if (path is not null && File.Exists(path))
        {
            var articles = new List<Article>();
            foreach (var line in File.ReadLines(path))
            {
                using var document = JsonDocument.Parse(line);
                if (document.RootElement.TryGetProperty("text", out var text) && text.GetString() is { Length: > 0 } value)
                {
                    articles.Add(new Article(value, new ArticleMetadata { Language = language }, path));
                }
            }

            return articles;
        }

        var samples = FindUp(null, "samples");
        var sample = samples is null ? null : Directory.EnumerateFiles(samples, "*.txt").Order(StringComparer.Ordinal).FirstOrDefault();
        var fallback = sample is null ? "Ein Satz. Noch ein Satz." : File.ReadAllText(sample);
        return [.. Enumerable.Range(0, 200).Select(i => new Article(fallback, new ArticleMetadata { Language = language }, $"sample#{i}"))];
    }

    private static string? FindUp(string? explicitPath, string relative)
    {
        if (!string.IsNullOrEmpty(explicitPath) && Directory.Exists(explicitPath))
        {
            return explicitPath;
        }

        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
            {
                var candidate = Path.Combine(directory.FullName, relative);
                if (Directory.Exists(candidate))
                {
                    return candidate;
                }
            }
        }

        return null;
    }
}
