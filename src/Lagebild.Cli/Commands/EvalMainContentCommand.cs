using System.CommandLine;
using Lagebild.Evaluation;

namespace Lagebild.Cli.Commands;

/// <summary>
/// `lagebild eval main-content --benchmark article|trafilatura DIR` (alias `eval extraction`): binds the options of
/// <see cref="MainContentEvaluationRecipe"/> (main-content extraction quality and speed on a benchmark folder).
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
            var recipe = new MainContentEvaluationRecipeOptions
            {
                Benchmark = result.GetValue(benchmark),
                Folder = result.GetValue(directory),
                PerPage = result.GetValue(perPage),
                DumpFolder = result.GetValue(dump),
                ExplainFile = result.GetValue(explain),
            };
            return RecipeExit.Of(MainContentEvaluationRecipe.Run(recipe, result.InvocationConfiguration.Output), result.InvocationConfiguration.Error);
        });
        return command;
    }
}
