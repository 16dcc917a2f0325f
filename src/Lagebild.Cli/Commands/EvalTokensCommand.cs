using System.CommandLine;
using Lagebild.Evaluation;

namespace Lagebild.Cli.Commands;

/// <summary>
/// `lagebild eval tokens --lang de FILE.conllu`: binds the options of <see cref="SegmentationEvaluationRecipe"/>
/// (CoNLL 2018 token and sentence scores of the sentence splitter and tokenizer on a UD treebank).
/// </summary>
internal static class EvalTokensCommand
{
    public static Command Create()
    {
        var file = new Argument<string>("file") { Description = "A CoNLL-U file (e.g. ../shared/data/ud/de_gsd/de_gsd-ud-dev.conllu)." };
        var language = new Option<string>("--lang") { Description = "Language profile: de, en, or any code (neutral).", Required = true };
        var showErrors = new Option<int>("--show-errors") { Description = "Print this many missed gold tokens and sentences.", DefaultValueFactory = _ => 0 };
        var command = new Command("tokens", "Score sentence segmentation and tokenisation against a CoNLL-U treebank (CoNLL 2018 metrics).")
        {
            file,
            language,
            showErrors,
        };
        command.SetAction(result =>
        {
            var recipe = new SegmentationEvaluationRecipeOptions
            {
                File = result.GetValue(file)!,
                Language = result.GetValue(language)!,
                Data = DataDirectory.Default(),
                ShowErrors = result.GetValue(showErrors),
            };
            return RecipeExit.Of(SegmentationEvaluationRecipe.Run(recipe, result.InvocationConfiguration.Output), result.InvocationConfiguration.Error);
        });
        return command;
    }
}
