using System.CommandLine;
using System.Globalization;
using Lagebild.Evaluation;
using Lagebild.Ingest;
using Lagebild.Ingest.Html;

namespace Lagebild.Cli.Commands;

/// <summary>
/// `lagebild eval main-content --benchmark article|trafilatura DIR` (alias `eval extraction`): main-content
/// extraction quality (F1, precision, recall) and speed (MB/s of HTML) on a benchmark folder.
/// </summary>
internal static class EvalMainContentCommand
{
    public static Command Create()
    {
        var benchmark = new Option<string?>("--benchmark")
        {
            Description = "Benchmark layout: 'article' (article-extraction-benchmark: ground-truth.json, html/*.html.gz) or 'trafilatura' (evaldata.json, html/*.html).",
        };
        benchmark.AcceptOnlyFromAmong("article", "trafilatura");
        var perPage = new Option<bool>("--per-page") { Description = "Print one line per page with its scores." };
        var dump = new Option<string?>("--dump") { Description = "Write each page's extracted text to this folder (for reading errors)." };
        var explain = new Option<string?>("--explain") { Description = "Instead of evaluating, show how the extractor reads this HTML file (one line per text block)." };
        var directory = new Argument<string?>("dir") { Description = "Benchmark folder.", Arity = ArgumentArity.ZeroOrOne };
        var command = new Command("main-content", "Evaluate main-content extraction from HTML pages.") { benchmark, perPage, dump, explain, directory };
        command.Aliases.Add("extraction");
        command.SetAction(result =>
        {
            var output = result.InvocationConfiguration.Output;
            var error = result.InvocationConfiguration.Error;
            if (result.GetValue(explain) is { } explainFile)
            {
                if (!File.Exists(explainFile))
                {
                    error.WriteLine($"lagebild: '{explainFile}' does not exist.");
                    return ExitCodes.Usage;
                }

                output.Write(HtmlArticleExtractor.Explain(MainContentBenchmark.DecodeHtml(File.ReadAllBytes(explainFile))));
                return ExitCodes.Success;
            }

            var folder = result.GetValue(directory);
            if (result.GetValue(benchmark) is null || folder is null)
            {
                error.WriteLine("lagebild: eval main-content needs --benchmark article|trafilatura and a benchmark folder (or --explain FILE).");
                return ExitCodes.Usage;
            }

            if (!Directory.Exists(folder))
            {
                error.WriteLine($"lagebild: benchmark folder '{folder}' does not exist.");
                return ExitCodes.Usage;
            }

            var dumpFolder = result.GetValue(dump);
            if (dumpFolder is not null)
            {
                Directory.CreateDirectory(dumpFolder);
            }

            var extractor = new HtmlArticleExtractor();
            string? Extract(string html, string? url) => extractor.Extract(html, "page", InputOptions.Default, url).Article?.Text;
            var verbose = result.GetValue(perPage);
            var culture = CultureInfo.InvariantCulture;

            void Dump(BenchmarkPage page, string? text)
            {
                if (dumpFolder is not null)
                {
                    File.WriteAllText(Path.Combine(dumpFolder, page.Id + ".txt"), text ?? "<failed>");
                }
            }

            if (result.GetValue(benchmark) == "article")
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

            return ExitCodes.Success;
        });
        return command;
    }
}
