using System.CommandLine;
using Lagebild.Nlp.Parsing;

namespace Lagebild.Cli.Commands;

/// <summary>
/// `lagebild eval parser --lang de GOLD.conllu`: binds the options of <see cref="ParserEvaluationRecipe"/> (UAS and
/// LAS with gold and predicted tags, load time and speed).
/// </summary>
internal static class EvalParserCommand
{
    public static Command Create()
    {
        var language = new Option<string>("--lang") { Description = "Language of the gold data (de, en).", Required = true };
        var model = new Option<string?>("--model") { Description = "Parser model to use instead of data/models/<lang>/parser.bin." };
        var every = new Option<int>("--every")
        {
            Description = "Score only every Nth sentence (N, 2N, ...), e.g. the held-out part of a file trained with --dev-every N.",
            DefaultValueFactory = _ => 1,
        };
        var gold = new Argument<string>("gold") { Description = "Gold CoNLL-U file." };
        var command = new Command("parser", "Score the dependency parser on gold CoNLL-U.") { language, model, every, gold };
        command.SetAction(result =>
        {
            var recipe = new ParserEvaluationRecipeOptions
            {
                Language = result.GetValue(language)!,
                GoldFile = result.GetValue(gold)!,
                ModelFile = result.GetValue(model),
                Data = DataDirectory.Default(),
                Every = result.GetValue(every),
            };
            return RecipeExit.Of(ParserEvaluationRecipe.Run(recipe, result.InvocationConfiguration.Output), result.InvocationConfiguration.Error);
        });
        return command;
    }
}
