using System.Diagnostics;
using System.IO.Compression;
using System.Text;
using System.Text.Json;

namespace Lagebild.Evaluation;

/// <summary>A benchmark page: the decoded HTML, its address, its size on disk, and what a good extraction contains.</summary>
public sealed record BenchmarkPage(string Id, string Html, string? Url, long Bytes)
{
    /// <summary>Article benchmark: the reference article body.</summary>
    public string? ExpectedText { get; init; }

    /// <summary>Trafilatura evaluation: snippets that must appear.</summary>
    public IReadOnlyList<string> MustAppear { get; init; } = [];

    /// <summary>Trafilatura evaluation: boilerplate snippets that must not appear.</summary>
    public IReadOnlyList<string> MustNotAppear { get; init; } = [];

    /// <summary>German-language domain (.de, .at, .ch).</summary>
    public bool IsGermanDomain
    {
        get
        {
            if (Url is null || !Uri.TryCreate(Url, UriKind.Absolute, out var uri))
            {
                return false;
            }

            var host = uri.Host;
            return host.EndsWith(".de", StringComparison.OrdinalIgnoreCase) || host.EndsWith(".at", StringComparison.OrdinalIgnoreCase)
                || host.EndsWith(".ch", StringComparison.OrdinalIgnoreCase);
        }
    }
}

/// <summary>Extraction result for one page: the text, or null when the extractor found none.</summary>
public delegate string? PageExtractor(string html, string? url);

/// <summary>Time spent extracting: wall clock, and processor time of the whole process (steadier on a busy machine).</summary>
public readonly record struct MainContentTiming(long Bytes, double Seconds, double CpuSeconds)
{
    public double MegabytesPerSecond => Seconds <= 0 ? 0 : Bytes / 1e6 / Seconds;

    public double MegabytesPerCpuSecond => CpuSeconds <= 0 ? 0 : Bytes / 1e6 / CpuSeconds;
}

public sealed record ShingleReport(double Precision, double Recall, double F1, int Documents, int Failures, MainContentTiming Timing);

public sealed record SnippetReport(SnippetCounts All, SnippetCounts German, int Documents, int GermanDocuments, int Failures, MainContentTiming Timing);

/// <summary>
/// Loads the two main-content benchmarks (article-extraction-benchmark, trafilatura evaluation) and runs an
/// extractor over them. Timing covers extraction only (pages are read and decoded first), after a short warm-up.
/// </summary>
public static class MainContentBenchmark
{
    private const int WarmUpPages = 5;

    /// <summary>article-extraction-benchmark layout: ground-truth.json {id: {articleBody, url}} and html/&lt;id&gt;.html(.gz).</summary>
    public static List<BenchmarkPage> LoadArticleBenchmark(string directory)
    {
        ArgumentNullException.ThrowIfNull(directory);
        using var truth = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(directory, "ground-truth.json")));
        var pages = new List<BenchmarkPage>();
        foreach (var entry in truth.RootElement.EnumerateObject())
        {
            var path = FindPage(directory, entry.Name);
            if (path is null)
            {
                continue;
            }

            var bytes = ReadMaybeGzip(path);
            pages.Add(new BenchmarkPage(entry.Name, DecodeHtml(bytes), OptionalString(entry.Value, "url"), bytes.LongLength)
            {
                ExpectedText = OptionalString(entry.Value, "articleBody") ?? "",
            });
        }

        pages.Sort((a, b) => string.CompareOrdinal(a.Id, b.Id));
        return pages;
    }

    /// <summary>trafilatura evaluation layout: evaldata.json {url: {file, with, without}} and html/&lt;file&gt;.</summary>
    public static List<BenchmarkPage> LoadTrafilaturaEval(string directory)
    {
        ArgumentNullException.ThrowIfNull(directory);
        using var data = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(directory, "evaldata.json")));
        var pages = new List<BenchmarkPage>();
        foreach (var entry in data.RootElement.EnumerateObject())
        {
            var file = OptionalString(entry.Value, "file");
            if (file is null)
            {
                continue;
            }

            var path = Path.Combine(directory, "html", file);
            if (!File.Exists(path))
            {
                continue;
            }

            var bytes = File.ReadAllBytes(path);
            pages.Add(new BenchmarkPage(file, DecodeHtml(bytes), entry.Name, bytes.LongLength)
            {
                MustAppear = Strings(entry.Value, "with"),
                MustNotAppear = Strings(entry.Value, "without"),
            });
        }

        pages.Sort((a, b) => string.CompareOrdinal(a.Id, b.Id));
        return pages;
    }

    public static ShingleReport RunShingles(IReadOnlyList<BenchmarkPage> pages, PageExtractor extractor, Action<BenchmarkPage, string?, ShingleScore>? perPage = null)
    {
        ArgumentNullException.ThrowIfNull(pages);
        ArgumentNullException.ThrowIfNull(extractor);
        var (texts, timing) = Time(pages, extractor);
        var average = new ShingleAverage();
        var failures = 0;
        for (var i = 0; i < pages.Count; i++)
        {
            failures += texts[i] is null ? 1 : 0;
            var score = MainContentMetrics.CompareShingles(pages[i].ExpectedText, texts[i]);
            average.Add(score);
            perPage?.Invoke(pages[i], texts[i], score);
        }

        return new ShingleReport(average.Precision, average.Recall, average.F1, pages.Count, failures, timing);
    }

    public static SnippetReport RunSnippets(IReadOnlyList<BenchmarkPage> pages, PageExtractor extractor, Action<BenchmarkPage, string?, SnippetCounts>? perPage = null)
    {
        ArgumentNullException.ThrowIfNull(pages);
        ArgumentNullException.ThrowIfNull(extractor);
        var (texts, timing) = Time(pages, extractor);
        SnippetCounts all = default, german = default;
        int failures = 0, germanDocuments = 0;
        for (var i = 0; i < pages.Count; i++)
        {
            failures += texts[i] is null ? 1 : 0;
            var counts = MainContentMetrics.CountSnippets(texts[i], pages[i].MustAppear, pages[i].MustNotAppear);
            all += counts;
            if (pages[i].IsGermanDomain)
            {
                german += counts;
                germanDocuments++;
            }

            perPage?.Invoke(pages[i], texts[i], counts);
        }

        return new SnippetReport(all, german, pages.Count, germanDocuments, failures, timing);
    }

    private static (string?[] Texts, MainContentTiming Timing) Time(IReadOnlyList<BenchmarkPage> pages, PageExtractor extractor)
    {
        for (var i = 0; i < Math.Min(WarmUpPages, pages.Count); i++)
        {
            extractor(pages[i].Html, pages[i].Url);
        }

        var texts = new string?[pages.Count];
        long bytes = 0;
        using var process = Process.GetCurrentProcess();
        var cpuBefore = process.TotalProcessorTime;
        var stopwatch = Stopwatch.StartNew();
        for (var i = 0; i < pages.Count; i++)
        {
            texts[i] = extractor(pages[i].Html, pages[i].Url);
            bytes += pages[i].Bytes;
        }

        var seconds = stopwatch.Elapsed.TotalSeconds;
        process.Refresh();
        return (texts, new MainContentTiming(bytes, seconds, (process.TotalProcessorTime - cpuBefore).TotalSeconds));
    }

    private static string? FindPage(string directory, string id)
    {
        foreach (var candidate in (ReadOnlySpan<string>)[Path.Combine(directory, "html", id + ".html.gz"), Path.Combine(directory, "html", id + ".html"), Path.Combine(directory, id + ".html.gz"), Path.Combine(directory, id + ".html")])
        {
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    private static byte[] ReadMaybeGzip(string path)
    {
        if (!path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase))
        {
            return File.ReadAllBytes(path);
        }

        using var input = new GZipStream(File.OpenRead(path), CompressionMode.Decompress);
        using var buffer = new MemoryStream();
        input.CopyTo(buffer);
        return buffer.ToArray();
    }

    private static string? OptionalString(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static List<string> Strings(JsonElement element, string name)
    {
        var result = new List<string>();
        if (element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in value.EnumerateArray())
            {
                if (item.ValueKind == JsonValueKind.String && item.GetString() is { } text)
                {
                    result.Add(text);
                }
            }
        }

        return result;
    }

    /// <summary>
    /// Benchmark pages come as bytes in assorted encodings: a byte-order mark wins, then valid UTF-8, then the
    /// charset the page declares, then Windows-1252.
    /// </summary>
    public static string DecodeHtml(byte[] bytes)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        if (bytes.AsSpan().StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            return Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3);
        }

        if (bytes.AsSpan().StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]))
        {
            return Encoding.Unicode.GetString(bytes, 2, bytes.Length - 2);
        }

        if (bytes.AsSpan().StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
        {
            return Encoding.BigEndianUnicode.GetString(bytes, 2, bytes.Length - 2);
        }

        try
        {
            return new UTF8Encoding(false, true).GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            // Not UTF-8: fall through to the declared charset.
        }

        var head = Encoding.Latin1.GetString(bytes, 0, Math.Min(bytes.Length, 4096));
        var at = head.IndexOf("charset=", StringComparison.OrdinalIgnoreCase);
        if (at >= 0)
        {
            var start = at + "charset=".Length;
            while (start < head.Length && head[start] is '"' or '\'' or ' ')
            {
                start++;
            }

            var end = start;
            while (end < head.Length && (char.IsAsciiLetterOrDigit(head[end]) || head[end] is '-' or '_' or ':'))
            {
                end++;
            }

            try
            {
                var encoding = Encoding.GetEncoding(head[start..end]);
                if (encoding.CodePage != Encoding.UTF8.CodePage)
                {
                    return encoding.GetString(bytes);
                }
            }
            catch (ArgumentException)
            {
                // Unknown charset name: fall back below.
            }
        }

        return Encoding.GetEncoding(1252).GetString(bytes);
    }
}
