using System.CommandLine;
using Lagebild.Nlp.Entities;

namespace Lagebild.Cli.Commands;

/// <summary>
/// `lagebild eval ner --lang de GOLD`: binds the options of <see cref="NerEvaluationRecipe"/> (exact-span micro
/// P/R/F1 per type and overall, conlleval-style).
/// </summary>
internal static class EvalNerCommand
{
    public static Command Create()
    {
        var language = new Option<string>("--lang") { Description = "Language of the gold data (de, en).", Required = true };
        var model = NerCommand.ModelOption();
        var holdOut = new Option<int>("--holdout-every") { Description = "Score only every N-th sentence (index % N == N-1), the part `train ner --holdout-every N` held back; 0: all." };
        var other = new Option<string>("--oth") { Description = "Gold OTH tags as: misc or o.", DefaultValueFactory = _ => "misc" };
        var gold = new Argument<string>("gold") { Description = "Gold file: token and BIO tag per line (UNER, GermEval, WikiANN layouts)." };
        var errors = new Option<string?>("--errors") { Description = "Write the sentences with a wrong or missed mention to this file (token, gold and predicted label per line)." };
        var command = new Command("ner", "Score the entity recogniser against gold BIO data (exact span and type).") { language, model, holdOut, other, errors, gold };
        command.SetAction(result =>
        {
            var recipe = new NerEvaluationRecipeOptions
            {
                Language = result.GetValue(language)!,
                GoldFile = result.GetValue(gold)!,
                ModelFile = result.GetValue(model),
                Data = DataDirectory.Default(),
                HoldOutEvery = result.GetValue(holdOut),
                OtherTags = result.GetValue(other)!,
                ErrorsFile = result.GetValue(errors),
            };
            return RecipeExit.Of(NerEvaluationRecipe.Run(recipe, result.InvocationConfiguration.Output), result.InvocationConfiguration.Error);
        });
        return command;
    }
}
