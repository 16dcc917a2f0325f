using System.CommandLine;
using Lagebild.Nlp.Morphology;

namespace Lagebild.Cli.Commands;

/// <summary>
/// `lagebild eval nlp --lang de GOLD.conllu`: binds the options of <see cref="TaggerEvaluationRecipe"/> (tagging
/// and lemma accuracy on gold words, load time and speed).
/// </summary>
internal static class EvalNlpCommand
{
    public static Command Create()
    {
        var language = new Option<string>("--lang") { Description = "Language of the gold data (de, en).", Required = true };
        var model = NlpCommand.ModelOption();
        var every = new Option<int>("--every")
        {
            Description = "Score only every Nth sentence (N, 2N, ...), e.g. the held-out part of a file trained with --dev-every N.",
            DefaultValueFactory = _ => 1,
        };
        var prune = new Option<float>("--prune")
        {
            Description = "Drop weights below this magnitude before scoring, to measure the size/speed/accuracy trade-off.",
            DefaultValueFactory = _ => 0f,
        };
        var margin = new Option<float?>("--second-pass-margin")
        {
            Description = "Keep first-pass POS labels that won by at least this score margin (speed/accuracy trade-off).",
        };
        var lemmaMargin = new Option<float?>("--lemma-vocabulary-margin")
        {
            Description = "How far below the best edit script one yielding a known lemma may score and still win (0: never).",
        };
        var gold = new Argument<string>("gold") { Description = "Gold CoNLL-U file." };
        var command = new Command("nlp", "Score the tagger and lemmatiser on gold CoNLL-U.") { language, model, every, prune, margin, lemmaMargin, gold };
        command.SetAction(result =>
        {
            var recipe = new TaggerEvaluationRecipeOptions
            {
                Language = result.GetValue(language)!,
                GoldFile = result.GetValue(gold)!,
                ModelFile = result.GetValue(model),
                Data = DataDirectory.Default(),
                Every = result.GetValue(every),
                Prune = result.GetValue(prune),
                SecondPassMargin = result.GetValue(margin),
                LemmaVocabularyMargin = result.GetValue(lemmaMargin),
            };
            return RecipeExit.Of(TaggerEvaluationRecipe.Run(recipe, result.InvocationConfiguration.Output), result.InvocationConfiguration.Error);
        });
        return command;
    }
}
