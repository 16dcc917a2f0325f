using System.Globalization;
using Lagebild.Ingest;
using Lagebild.Ingest.Html;

namespace Lagebild.Evaluation;

/// <summary>What `eval main-content` is asked to measure: a benchmark folder and its layout, or one page to explain.</summary>
public sealed record MainContentEvaluationRecipeOptions
{
    /// <summary>Benchmark layout: "article" (ground-truth.json, html/*.html.gz) or "trafilatura" (evaldata.json, html/*.html).</summary>
    public string? Benchmark { get; init; }

    /// <summary>Benchmark folder.</summary>
    public string? Folder { get; init; }

    /// <summary>Print one line per page with its scores.</summary>
    public bool PerPage { get; init; }

    /// <summary>Folder that receives each page's extracted text (for reading errors), or null.</summary>
    public string? DumpFolder { get; init; }

    /// <summary>Instead of evaluating, show how the extractor reads this HTML file (one line per text block).</summary>
    public string? ExplainFile { get; init; }
}

/// <summary>
/// The recipe of `lagebild eval main-content`: main-content extraction quality (F1, precision, recall) and speed
/// (MB/s of HTML) on a benchmark folder, or how the extractor reads one page.
/// </summary>
public static class MainContentEvaluationRecipe
{
    /// <summary>Measures and prints to <paramref name="output"/>; refused when the benchmark or a file is missing.</summary>
    public static RecipeOutcome Run(MainContentEvaluationRecipeOptions recipe, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(recipe);
        ArgumentNullException.ThrowIfNull(output);
        if (recipe.ExplainFile is { } explainFile)
        {
            if (!File.Exists(explainFile))
            {
                return RecipeOutcome.Refused($"'{explainFile}' does not exist.");
            }

            output.Write(HtmlMainContentExtractor.Explain(MainContentBenchmark.DecodeHtml(File.ReadAllBytes(explainFile))));
            return RecipeOutcome.Done;
        }

        var folder = recipe.Folder;
        if (recipe.Benchmark is not ("article" or "trafilatura") || folder is null)
        {
            return RecipeOutcome.Refused("eval main-content needs --benchmark article|trafilatura and a benchmark folder (or --explain FILE).");
        }

        if (!Directory.Exists(folder))
        {
            return RecipeOutcome.Refused($"benchmark folder '{folder}' does not exist.");
        }

        var dumpFolder = recipe.DumpFolder;
        if (dumpFolder is not null)
        {
            Directory.CreateDirectory(dumpFolder);
        }

        var extractor = new HtmlMainContentExtractor();
        string? Extract(string html, string? url) => extractor.Extract(html, "page", InputOptions.Default, url).Article?.Text;
        var verbose = recipe.PerPage;
        var culture = CultureInfo.InvariantCulture;

        void Dump(BenchmarkPage page, string? text)
        {
            if (dumpFolder is not null)
            {
                File.WriteAllText(Path.Combine(dumpFolder, page.Id + ".txt"), text ?? "<failed>");
            }
        }

        if (recipe.Benchmark == "article")
        {
            var pages = MainContentBenchmark.LoadArticleBenchmark(folder);
            var report = MainContentBenchmark.RunShingles(pages, Extract, (page, text, score) =>
            {
                Dump(page, text);
                if (verbose)
                {
                    output.WriteLine(string.Create(culture, $"{page.Id}\tP={score.Precision:F3}\tR={score.Recall:F3}\t{page.Url}"));
                }
            });
            output.WriteLine(string.Create(culture, $"article benchmark: {report.Documents} pages, {report.Failures} without text"));
            output.WriteLine(string.Create(culture, $"F1 {report.F1:F4}  precision {report.Precision:F4}  recall {report.Recall:F4}"));
            output.WriteLine(string.Create(culture, $"speed {report.Timing.MegabytesPerSecond:F1} MB/s wall clock, {report.Timing.MegabytesPerCpuSecond:F1} MB per CPU second ({report.Timing.Bytes / 1e6:F1} MB in {report.Timing.Seconds:F2} s)"));
        }
        else
        {
            var pages = MainContentBenchmark.LoadTrafilaturaEval(folder);
            var report = MainContentBenchmark.RunSnippets(pages, Extract, (page, text, counts) =>
            {
                Dump(page, text);
                if (verbose)
                {
                    output.WriteLine(string.Create(culture, $"{page.Id}\tTP={counts.TruePositives}\tFN={counts.FalseNegatives}\tFP={counts.FalsePositives}\tTN={counts.TrueNegatives}"));
                }
            });
            output.WriteLine(string.Create(culture, $"trafilatura evaluation: {report.Documents} pages ({report.GermanDocuments} on German domains), {report.Failures} without text"));
            output.WriteLine(string.Create(culture, $"all     F1 {report.All.F1:F4}  precision {report.All.Precision:F4}  recall {report.All.Recall:F4}  accuracy {report.All.Accuracy:F4}"));
            output.WriteLine(string.Create(culture, $"German  F1 {report.German.F1:F4}  precision {report.German.Precision:F4}  recall {report.German.Recall:F4}  accuracy {report.German.Accuracy:F4}"));
            output.WriteLine(string.Create(culture, $"speed {report.Timing.MegabytesPerSecond:F1} MB/s wall clock, {report.Timing.MegabytesPerCpuSecond:F1} MB per CPU second ({report.Timing.Bytes / 1e6:F1} MB in {report.Timing.Seconds:F2} s)"));
        }

        return RecipeOutcome.Done;
    }
}
