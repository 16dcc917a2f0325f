using System.CommandLine;
using Lagebild.Text.LanguageId;

namespace Lagebild.Cli.Commands;

/// <summary>
/// `lagebild train langid --data ../shared/data --out data/models/langid`: binds the options of
/// <see cref="LanguageIdTrainingRecipe"/>, which trains the language identifier and writes langid.bin plus training.json.
/// </summary>
internal static class TrainLangIdCommand
{
    public static Command Create()
    {
        var defaults = new LanguageIdTrainingOptions();
        var data = new Option<string>("--data") { Description = "Shared data root (langid/pud, ud/...).", DefaultValueFactory = _ => "../shared/data" };
        var output = new Option<string>("--out") { Description = "Output folder of the model.", DefaultValueFactory = _ => "data/models/langid" };
        var order = new Option<int>("--order") { Description = "Longest character n-gram.", DefaultValueFactory = _ => defaults.MaxOrder };
        var smoothing = new Option<double>("--smoothing") { Description = "Additive smoothing of n-gram counts.", DefaultValueFactory = _ => defaults.Smoothing };
        var minCount = new Option<int>("--min-count") { Description = "Drop n-grams seen fewer times over all languages.", DefaultValueFactory = _ => defaults.MinCount };
        var minConfidence = new Option<float>("--min-confidence") { Description = "Below this posterior the answer is 'und'.", DefaultValueFactory = _ => defaults.MinConfidence };
        var minCoverage = new Option<float>("--min-coverage") { Description = "Below this share of known n-grams the answer is 'und'.", DefaultValueFactory = _ => defaults.MinCoverage };
        var command = new Command("langid", "Train the language identifier (naive Bayes over character 1..5-grams).")
        {
            data, output, order, smoothing, minCount, minConfidence, minCoverage,
        };
        command.SetAction(result =>
        {
            var recipe = new LanguageIdTrainingRecipeOptions
            {
                DataRoot = result.GetValue(data)!,
                OutputDirectory = result.GetValue(output)!,
                CommandLine = "lagebild " + string.Join(' ', result.Tokens.Select(t => t.Value)),
                Model = new LanguageIdTrainingOptions
                {
                    MaxOrder = result.GetValue(order),
                    Smoothing = result.GetValue(smoothing),
                    MinCount = result.GetValue(minCount),
                    MinConfidence = result.GetValue(minConfidence),
                    MinCoverage = result.GetValue(minCoverage),
                },
            };
            return RecipeExit.Of(LanguageIdTrainingRecipe.Run(recipe, result.InvocationConfiguration.Output), result.InvocationConfiguration.Error);
        });
        return command;
    }
}
