using System.CommandLine;
using Lagebild.Nlp.Parsing;

namespace Lagebild.Cli.Commands;

/// <summary>
/// `lagebild train parser`: binds the options of <see cref="ParserTrainingRecipe"/>, which trains the dependency
/// parser from CoNLL-U and writes parser.bin plus parser.txt to --out.
/// </summary>
internal static class TrainParserCommand
{
    public static Command Create()
    {
        var language = new Option<string>("--lang") { Description = "Language code of the model (de, en).", Required = true };
        var train = new Option<string[]>("--train") { Description = "CoNLL-U training files.", AllowMultipleArgumentsPerToken = true };
        var dev = new Option<string?>("--dev") { Description = "CoNLL-U file scored after every epoch." };
        var devEvery = new Option<int>("--dev-every")
        {
            Description = "Use only every Nth sentence of --dev (N, 2N, ...) as dev and train on the rest of it (0: all of it is dev).",
            DefaultValueFactory = _ => 0,
        };
        var output = new Option<string>("--out") { Description = "Directory for parser.bin and parser.txt.", Required = true };
        var epochs = new Option<int>("--epochs") { Description = "Training passes over the data.", DefaultValueFactory = _ => 10 };
        var seed = new Option<int>("--seed") { Description = "Seed for sentence order and exploration; the same seed gives the same model.", DefaultValueFactory = _ => 1 };
        var minimumWeight = new Option<float>("--min-weight")
        {
            Description = "Averaged weights below this magnitude are pruned from the model.",
            DefaultValueFactory = _ => 0.01f,
        };
        var skipNonProjective = new Option<bool>("--skip-nonprojective") { Description = "Leave out non-projective training trees." };
        var tagger = new Option<string?>("--tagger")
        {
            Description = "Tagger model (tagger.bin) whose predictions replace the gold UPOS/XPOS/FEATS/LEMMA of training and dev data.",
        };
        var jackknife = new Option<int[]>("--jackknife")
        {
            Description = "Replace the training tags by jackknifed predictions: K taggers, each trained on all folds but one (sentence index mod K), tag the fold they did not see; dev is tagged by --tagger or the shipped tagger. Several K: one copy of the training sentences per K.",
            AllowMultipleArgumentsPerToken = true,
        };
        var jackknifeEpochs = new Option<int>("--jackknife-epochs") { Description = "Training passes of each fold's tagger.", DefaultValueFactory = _ => 8 };
        var jackknifeScripts = new Option<int>("--jackknife-min-script-count")
        {
            Description = "Fold taggers: lemma edit scripts seen fewer times than this are not predicted (as train tagger --min-script-count).",
            DefaultValueFactory = _ => 1,
        };
        var jackknifeAmbiguityCount = new Option<int>("--jackknife-ambiguity-min-count")
        {
            Description = "Fold taggers: as train tagger --ambiguity-min-count.",
            DefaultValueFactory = _ => 5,
        };
        var jackknifeAmbiguityFolds = new Option<int>("--jackknife-ambiguity-folds")
        {
            Description = "Fold taggers: as train tagger --ambiguity-folds.",
            DefaultValueFactory = _ => 0,
        };
        var jackknifePosMargin = new Option<float>("--jackknife-pos-margin")
        {
            Description = "Fold taggers: as train tagger --pos-margin.",
            DefaultValueFactory = _ => 0,
        };
        var jackknifePartial = new Option<string[]>("--jackknife-partial")
        {
            Description = "More training files, whose XPOS and FEATS follow another scheme: the parser trains on them as on --train, the fold taggers of --jackknife learn only their UPOS and lemmas (as train tagger --train-partial).",
            AllowMultipleArgumentsPerToken = true,
        };
        var jackknifeWithGold = new Option<bool>("--jackknife-with-gold")
        {
            Description = "Train on the --train sentences twice: with their jackknifed tags and with their gold tags.",
        };
        var jackknifeOut = new Option<string?>("--jackknife-out")
        {
            Description = "Also write the training sentences with their jackknifed tags (of the first K) to this CoNLL-U file, for other trainers that need predicted tags.",
        };
        var command = new Command("parser", "Train the labelled dependency parser.")
        {
            language, train, dev, devEvery, output, epochs, seed, minimumWeight, skipNonProjective, tagger, jackknife, jackknifeEpochs, jackknifeScripts,
            jackknifeAmbiguityCount, jackknifeAmbiguityFolds, jackknifePosMargin, jackknifePartial, jackknifeWithGold, jackknifeOut,
        };
        command.SetAction((result, cancellationToken) =>
        {
            var recipe = new ParserTrainingRecipeOptions
            {
                Language = result.GetValue(language)!,
                TrainFiles = result.GetValue(train) ?? [],
                DevFile = result.GetValue(dev),
                DevEvery = result.GetValue(devEvery),
                OutputDirectory = result.GetValue(output)!,
                CommandLine = "lagebild " + string.Join(' ', result.Tokens.Select(t => t.Value)),
                Data = DataDirectory.Default(),
                Epochs = result.GetValue(epochs),
                Seed = result.GetValue(seed),
                MinimumWeight = result.GetValue(minimumWeight),
                SkipNonProjective = result.GetValue(skipNonProjective),
                TaggerModel = result.GetValue(tagger),
                JackknifeFolds = result.GetValue(jackknife) ?? [],
                JackknifeEpochs = result.GetValue(jackknifeEpochs),
                JackknifeMinimumScriptCount = result.GetValue(jackknifeScripts),
                JackknifeAmbiguityMinimumCount = result.GetValue(jackknifeAmbiguityCount),
                JackknifeAmbiguityFolds = result.GetValue(jackknifeAmbiguityFolds),
                JackknifePosMargin = result.GetValue(jackknifePosMargin),
                JackknifePartialFiles = result.GetValue(jackknifePartial) ?? [],
                JackknifeWithGold = result.GetValue(jackknifeWithGold),
                JackknifeOutput = result.GetValue(jackknifeOut),
            };
            var outcome = ParserTrainingRecipe.Run(recipe, result.InvocationConfiguration.Output, cancellationToken);
            return Task.FromResult(RecipeExit.Of(outcome, result.InvocationConfiguration.Error));
        });
        return command;
    }
}
