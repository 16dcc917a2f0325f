using System.CommandLine;
using Lagebild.Nlp.Clusters;

namespace Lagebild.Cli.Commands;

/// <summary>
/// `lagebild train clusters --lang de --text FILE... --out FILE`: binds the options of
/// <see cref="ClusterTrainingRecipe"/>, which writes hierarchical word clusters from unlabelled text.
/// </summary>
internal static class TrainClustersCommand
{
    public static Command Create()
    {
        var defaults = new WordClusterOptions();
        var language = new Option<string>("--lang") { Description = "Language (its tokenizer splits plain text).", Required = true };
        var text = new Option<string[]>("--text") { Description = "Input files: .conllu, .json (\"Tokens\" arrays), .txt/.sgm (plain text lines), else token-per-line column files.", AllowMultipleArgumentsPerToken = true, Required = true };
        var withoutHoldout = new Option<string[]>("--text-without-holdout") { Description = "Column files read without every --holdout-every-th sentence (keep a dev split out of the clusters).", AllowMultipleArgumentsPerToken = true };
        var holdOut = new Option<int>("--holdout-every") { Description = "The split of --text-without-holdout: every N-th sentence (index % N == N - 1) is left out.", DefaultValueFactory = _ => 0 };
        var output = new Option<string>("--out") { Description = "Output cluster file.", Required = true };
        var minCount = new Option<int>("--min-count") { Description = "Words seen fewer times get no cluster.", DefaultValueFactory = _ => defaults.MinCount };
        var maxDepth = new Option<int>("--max-depth") { Description = "Longest cluster path (number of splits).", DefaultValueFactory = _ => defaults.MaxDepth };
        var passes = new Option<int>("--passes") { Description = "Exchange passes per split.", DefaultValueFactory = _ => defaults.MaxPasses };
        var window = new Option<int>("--window") { Description = "Context words on each side (1..4), each distance its own context.", DefaultValueFactory = _ => defaults.Window };
        var command = new Command("clusters", "Train hierarchical word clusters from unlabelled text (recursive exchange bisection).")
        {
            language, text, withoutHoldout, holdOut, output, minCount, maxDepth, passes, window,
        };
        command.SetAction(result =>
        {
            var recipe = new ClusterTrainingRecipeOptions
            {
                Language = result.GetValue(language)!,
                TextFiles = result.GetValue(text) ?? [],
                TextFilesWithoutHoldOut = result.GetValue(withoutHoldout) ?? [],
                HoldOutEvery = result.GetValue(holdOut),
                OutputFile = result.GetValue(output)!,
                Data = DataDirectory.Default(),
                Clustering = new WordClusterOptions
                {
                    MinCount = result.GetValue(minCount),
                    MaxDepth = result.GetValue(maxDepth),
                    MaxPasses = result.GetValue(passes),
                    Window = result.GetValue(window),
                },
            };
            return RecipeExit.Of(ClusterTrainingRecipe.Run(recipe, result.InvocationConfiguration.Output), result.InvocationConfiguration.Error);
        });
        return command;
    }
}
