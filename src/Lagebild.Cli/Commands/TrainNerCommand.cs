using System.CommandLine;
using Lagebild.Nlp.Entities;

namespace Lagebild.Cli.Commands;

/// <summary>
/// `lagebild train ner --lang de --train FILE... --dev FILE --out DIR [--epochs N] [--seed S]`: binds the options of
/// <see cref="NerTrainingRecipe"/>, which trains the model and writes DIR/ner.bin and DIR/ner.txt.
/// </summary>
internal static class TrainNerCommand
{
    public static Command Create()
    {
        var defaults = new NerTrainingOptions();
        var language = new Option<string>("--lang") { Description = "Language of the model (de, en).", Required = true };
        var train = new Option<string[]>("--train") { Description = "Training files (token and BIO tag per line); may be omitted with --holdout-every.", AllowMultipleArgumentsPerToken = true };
        var dev = new Option<string>("--dev") { Description = "Dev file, scored after every epoch.", Required = true };
        var output = new Option<string>("--out") { Description = "Output folder (ner.bin, ner.txt).", Required = true };
        var epochs = new Option<int>("--epochs") { Description = "Passes over the training data.", DefaultValueFactory = _ => defaults.Epochs };
        var seed = new Option<int>("--seed") { Description = "Seed of the sentence shuffle.", DefaultValueFactory = _ => defaults.Seed };
        var hashBits = new Option<int>("--hash-bits") { Description = "log2 of the feature buckets.", DefaultValueFactory = _ => defaults.HashBits };
        var holdOut = new Option<int>("--holdout-every") { Description = "Split the dev file: every N-th sentence is dev, the rest is trained on (0: no split)." };
        var auxiliaryTrain = new Option<string[]>("--auxiliary-train") { Description = "Train a first model on these files; its labels become features of the main model (stacking).", AllowMultipleArgumentsPerToken = true };
        var auxiliaryEpochs = new Option<int>("--auxiliary-epochs") { Description = "Passes of the auxiliary model.", DefaultValueFactory = _ => 5 };
        var lists = new Option<string[]>("--gazetteer") { Description = "Extra name lists as CLASS=FILE (classes: per, org, loc, adj, given, family; suffix and head: words that end or head organisation names; compound: words that end compound tokens naming organisations, as in \"Bundesministerium\"), one name per line.", AllowMultipleArgumentsPerToken = true };
        var other = new Option<string>("--oth") { Description = "OTH tags as: misc (GermEval) or o (UNER pre-release).", DefaultValueFactory = _ => "misc" };
        var extraTrain = new Option<string[]>("--extra-train") { Description = "More training files (silver or other domains) whose updates count --extra-weight.", AllowMultipleArgumentsPerToken = true };
        var extraPartial = new Option<bool>("--extra-partial") { Description = "Entity types an --extra-train file never labels count as not annotated there: predicting them where it says O is no error." };
        var extraCompounds = new Option<bool>("--extra-uncertain-compounds") { Description = "Labels of hyphenated tokens in --extra-train files count as unreliable: any prediction there is no error." };
        var extraWeight = new Option<float>("--extra-weight") { Description = "Weight of an update on an --extra-train sentence.", DefaultValueFactory = _ => 1f };
        var frequencies = new Option<string?>("--word-frequencies") { Description = "Word-frequency list (\"word count\" per line, most frequent first); rank classes become features." };
        var wordClasses = new Option<string[]>("--word-classes") { Description = "Plain word lists from most to least common; the words of the n-th list get frequency class n (features).", AllowMultipleArgumentsPerToken = true };
        var clusterFile = new Option<string?>("--clusters") { Description = "Word clusters (`train clusters` output); their path prefixes become features and the model stores them." };
        var seeds = new Option<int>("--seeds") { Description = "Train this many models (seeds S, S+1, ...) and average their weights.", DefaultValueFactory = _ => 1 };
        var margin = new Option<float>("--margin") { Description = "Training margin: added to every wrong label's score when decoding for an update.", DefaultValueFactory = _ => 0f };
        var pos = new Option<bool>("--pos") { Description = "Predicted parts of speech (shipped tagger of the language) are features." };
        var wordNet = new Option<string?>("--wordnet") { Description = "WordNet 3.0 noun data file (data.noun): its instance nouns (persons, places, organisations) join the gazetteer." };
        var featureSet = new Option<int>("--feature-set") { Description = "Feature set of the model: 1 original, 2 with name-run features, 3 with run context, 4 with first-pass document features (with --stack-folds); default 3.", DefaultValueFactory = _ => NerFeatureSets.Default };
        var memoryWindow = new Option<int?>("--memory") { Description = "Sentences a document's mention memory spans (0: none); without it the window is chosen on dev among 0, 5, 10, 20, 50." };
        var stackFolds = new Option<int>("--stack-folds") { Description = "Stack the model on a first pass trained alike on the same data (--auxiliary-epochs passes, --seeds averaged), whose labels and per-document readings become features; training sentences get first-pass labels from K jackknifed models (0: no stacking)." };
        var posTrain = new Option<string?>("--pos-train") { Description = "CoNLL-U file with predicted (jackknifed) tags for training sentences, matched by sent_id and tokens." };
        var command = new Command("ner", "Train the named-entity recogniser (averaged structured perceptron, Viterbi BIO decoding).")
        {
            language, train, dev, output, epochs, seed, hashBits, holdOut, auxiliaryTrain, auxiliaryEpochs, lists, other, pos, posTrain, extraTrain, extraWeight, extraPartial, extraCompounds, frequencies, wordClasses, seeds, margin, wordNet, featureSet, memoryWindow, clusterFile, stackFolds,
        };
        command.SetAction(result =>
        {
            var recipe = new NerTrainingRecipeOptions
            {
                Language = result.GetValue(language)!,
                TrainFiles = result.GetValue(train) ?? [],
                DevFile = result.GetValue(dev)!,
                OutputDirectory = result.GetValue(output)!,
                CommandLine = "lagebild " + string.Join(' ', result.Tokens.Select(t => t.Value)),
                Data = DataDirectory.Default(),
                Model = new NerTrainingOptions
                {
                    Epochs = result.GetValue(epochs),
                    Seed = result.GetValue(seed),
                    HashBits = result.GetValue(hashBits),
                    PartOfSpeech = result.GetValue(pos),
                    Margin = result.GetValue(margin),
                    FeatureSet = result.GetValue(featureSet),
                },
                HoldOutEvery = result.GetValue(holdOut),
                AuxiliaryFiles = result.GetValue(auxiliaryTrain) ?? [],
                AuxiliaryEpochs = result.GetValue(auxiliaryEpochs),
                GazetteerLists = result.GetValue(lists) ?? [],
                OtherTags = result.GetValue(other)!,
                ExtraFiles = result.GetValue(extraTrain) ?? [],
                ExtraPartial = result.GetValue(extraPartial),
                ExtraUncertainCompounds = result.GetValue(extraCompounds),
                ExtraWeight = result.GetValue(extraWeight),
                WordFrequencies = result.GetValue(frequencies),
                WordClasses = result.GetValue(wordClasses) ?? [],
                Clusters = result.GetValue(clusterFile),
                Seeds = result.GetValue(seeds),
                WordNet = result.GetValue(wordNet),
                MemoryWindow = result.GetValue(memoryWindow),
                StackFolds = result.GetValue(stackFolds),
                PosTrainFile = result.GetValue(posTrain),
            };
            return RecipeExit.Of(NerTrainingRecipe.Run(recipe, result.InvocationConfiguration.Output), result.InvocationConfiguration.Error);
        });
        return command;
    }
}
