using BenchmarkDotNet.Attributes;
using Lagebild.Evaluation;
using Lagebild.Ingest;
using Lagebild.Ingest.Html;

namespace Lagebild.Bench;

/// <summary>
/// Main-content extraction throughput on real news pages: Lagebild's extractor against SmartReader (a C# port of
/// Readability) on the same pages, plus the fragment renderer used for feed items. Pages come from the
/// article-extraction-benchmark folder (LAGEBILD_EXTRACTION_PAGES, default ../shared/data/extraction/article-benchmark
/// relative to the working directory or its parents; the committed test pages in the dry-run test); each benchmark
/// processes every page once.
/// </summary>
[MemoryDiagnoser]
public class HtmlMainContentBenchmarks
{
    private readonly HtmlMainContentExtractor _extractor = new();
    private List<BenchmarkPage> _pages = [];

    [GlobalSetup]
    public void Setup()
    {
        if (BenchmarkDryRun.Active)
        {
            // The dry-run test has no ../shared: it runs over the committed test pages instead.
            _pages = [.. Directory.EnumerateFiles(Path.Combine(AppContext.BaseDirectory, "Fixtures", "html"), "*.html", SearchOption.AllDirectories)
                .Order(StringComparer.Ordinal)
                .Select(path => new BenchmarkPage(path, File.ReadAllText(path), null, new FileInfo(path).Length))];
            return;
        }

        var folder = Environment.GetEnvironmentVariable("LAGEBILD_EXTRACTION_PAGES") ?? FindSharedFolder();
        _pages = MainContentBenchmark.LoadArticleBenchmark(folder);
        if (_pages.Count == 0)
        {
            throw new InvalidOperationException($"no benchmark pages in {folder}");
        }
    }

    [Benchmark(Baseline = true, Description = "Lagebild HtmlMainContentExtractor")]
    public int Lagebild()
    {
        var characters = 0;
        foreach (var page in _pages)
        {
            characters += _extractor.Extract(page.Html, page.Id, InputOptions.Default, page.Url).Article?.Text.Length ?? 0;
        }

        return characters;
    }

    [Benchmark(Description = "SmartReader 0.11.1")]
    public int SmartReaderArticles()
    {
        var characters = 0;
        foreach (var page in _pages)
        {
            // Reader(uri, html) parses the given HTML; Reader.ParseArticle(uri, string) would download the page.
            var article = new SmartReader.Reader(page.Url ?? "https://example.org/", page.Html).GetArticle();
            characters += article.TextContent?.Length ?? 0;
        }

        return characters;
    }

    [Benchmark(Description = "Lagebild HtmlText.FromFragment (whole page)")]
    public int Fragments()
    {
        var characters = 0;
        foreach (var page in _pages)
        {
            characters += HtmlText.FromFragment(page.Html).Text.Length;
        }

        return characters;
    }

    private static string FindSharedFolder()
    {
        for (var directory = new DirectoryInfo(Directory.GetCurrentDirectory()); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "shared", "data", "extraction", "article-benchmark");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException("article-benchmark pages not found; set LAGEBILD_EXTRACTION_PAGES");
    }
}
