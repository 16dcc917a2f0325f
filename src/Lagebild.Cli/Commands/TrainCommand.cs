using System.CommandLine;
using Lagebild.Nlp.Morphology;

namespace Lagebild.Cli.Commands;

/// <summary>
/// `lagebild train tagger`: binds the options of <see cref="TaggerTrainingRecipe"/>, which trains the tagger and
/// lemmatiser from CoNLL-U and writes tagger.bin plus tagger.txt to --out.
/// </summary>
internal static class TrainCommand
{
    public static Command CreateTagger()
    {
        var language = new Option<string>("--lang") { Description = "Language code of the model (de, en).", Required = true };
        var train = new Option<string[]>("--train") { Description = "CoNLL-U training files.", AllowMultipleArgumentsPerToken = true };
        var partial = new Option<string[]>("--train-partial")
        {
            Description = "CoNLL-U files whose XPOS and FEATS follow another scheme: used for UPOS and lemmas only.",
            AllowMultipleArgumentsPerToken = true,
        };
        var dev = new Option<string?>("--dev") { Description = "CoNLL-U file scored after every epoch." };
        var devEvery = new Option<int>("--dev-every")
        {
            Description = "Use only every Nth sentence of --dev (N, 2N, ...) as dev and train on the rest of it (0: all of it is dev).",
            DefaultValueFactory = _ => 0,
        };
        var output = new Option<string>("--out") { Description = "Directory for tagger.bin and tagger.txt.", Required = true };
        var epochs = new Option<int>("--epochs") { Description = "Training passes over the data.", DefaultValueFactory = _ => 8 };
        var seed = new Option<int>("--seed") { Description = "Seed for the sentence order; the same seed gives the same model.", DefaultValueFactory = _ => 1 };
        var minimumWeight = new Option<float>("--min-weight")
        {
            Description = "Averaged weights below this magnitude are pruned from the model.",
            DefaultValueFactory = _ => 0.002f,
        };
        var passes = new Option<int>("--pos-passes")
        {
            Description = "1: one left-to-right POS pass; 2: a second pass that also sees the first pass's labels to the right.",
            DefaultValueFactory = _ => 2,
        };
        var minimumScriptCount = new Option<int>("--min-script-count")
        {
            Description = "Lemma edit scripts seen fewer times than this are not predicted.",
            DefaultValueFactory = _ => 1,
        };
        var ambiguityMinimumCount = new Option<int>("--ambiguity-min-count")
        {
            Description = "Words seen at least this often in training get an ambiguity class (the set of labels they had).",
            DefaultValueFactory = _ => 5,
        };
        var ambiguityFolds = new Option<int>("--ambiguity-folds")
        {
            Description = "Training sentences see the ambiguity classes of the other of this many folds only, as new text sees those of all (0: of all).",
            DefaultValueFactory = _ => 0,
        };
        var posMargin = new Option<float>("--pos-margin")
        {
            Description = "Part-of-speech training also updates when the right label wins by less than this score margin (0: only on errors).",
            DefaultValueFactory = _ => 0,
        };
        var wordClasses = new Option<string[]>("--word-classes")
        {
            Description = "Word frequency classes from most to least common, one argument per class: a word list file or several joined by commas (lowercase words get a lowercase class, capitalised ones a capitalised class); stored in the model.",
            AllowMultipleArgumentsPerToken = true,
        };
        var wordNet = new Option<string?>("--wordnet")
        {
            Description = "WordNet 3.0 database directory (index.noun, ..., noun.exc, ...): the parts of speech of words and of inflections' base forms; stored in the model.",
        };
        var taggedWords = new Option<string?>("--lexicon-pos")
        {
            Description = "Tagged word list, one 'word TAB tags' per line (e.g. compromise's lexicon): each distinct tag string is a feature; stored in the model.",
        };
        var command = new Command("tagger", "Train the part-of-speech, morphology and lemma model.")
        {
            language, train, partial, dev, devEvery, output, epochs, seed, minimumWeight, passes, minimumScriptCount,
            ambiguityMinimumCount, ambiguityFolds, posMargin, wordClasses, wordNet, taggedWords,
        };
        command.SetAction((result, cancellationToken) =>
        {
            var recipe = new TaggerTrainingRecipeOptions
            {
                Language = result.GetValue(language)!,
                TrainFiles = result.GetValue(train) ?? [],
                PartialFiles = result.GetValue(partial) ?? [],
                DevFile = result.GetValue(dev),
                DevEvery = result.GetValue(devEvery),
                OutputDirectory = result.GetValue(output)!,
                CommandLine = "lagebild " + string.Join(' ', result.Tokens.Select(t => t.Value)),
                Epochs = result.GetValue(epochs),
                Seed = result.GetValue(seed),
                MinimumWeight = result.GetValue(minimumWeight),
                PosPasses = result.GetValue(passes),
                MinimumScriptCount = result.GetValue(minimumScriptCount),
                AmbiguityMinimumCount = result.GetValue(ambiguityMinimumCount),
                AmbiguityFolds = result.GetValue(ambiguityFolds),
                PosMargin = result.GetValue(posMargin),
                WordClasses = result.GetValue(wordClasses) ?? [],
                WordNet = result.GetValue(wordNet),
                TaggedWords = result.GetValue(taggedWords),
            };
            var outcome = TaggerTrainingRecipe.Run(recipe, result.InvocationConfiguration.Output, cancellationToken);
            return Task.FromResult(RecipeExit.Of(outcome, result.InvocationConfiguration.Error));
        });
        return command;
    }
}
