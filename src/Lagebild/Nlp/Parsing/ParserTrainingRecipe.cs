using System.Diagnostics;
using System.Globalization;
using System.Text;
using Lagebild.Nlp.Conllu;
using Lagebild.Nlp.Morphology;

namespace Lagebild.Nlp.Parsing;

/// <summary>What `train parser` is asked to do: CoNLL-U data, where its tags come from, and training settings.</summary>
public sealed record ParserTrainingRecipeOptions
{
    /// <summary>Language code of the model (de, en).</summary>
    public required string Language { get; init; }

    /// <summary>CoNLL-U training files.</summary>
    public IReadOnlyList<string> TrainFiles { get; init; } = [];

    /// <summary>CoNLL-U file scored after every epoch, or null.</summary>
    public string? DevFile { get; init; }

    /// <summary>Only every Nth sentence of the dev file is dev, the rest trains (0: all of it is dev).</summary>
    public int DevEvery { get; init; }

    /// <summary>Folder that receives parser.bin and parser.txt.</summary>
    public required string OutputDirectory { get; init; }

    /// <summary>The command line recorded in parser.txt, so that the model can be rebuilt from it.</summary>
    public required string CommandLine { get; init; }

    /// <summary>Where the shipped tagger of the language is read from.</summary>
    public required DataDirectory Data { get; init; }

    public int Epochs { get; init; } = 10;

    /// <summary>Seed for sentence order and exploration; the same seed gives the same model.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>Averaged weights below this magnitude are pruned from the model.</summary>
    public float MinimumWeight { get; init; } = 0.01f;

    public bool SkipNonProjective { get; init; }

    /// <summary>Tagger model whose predictions replace the gold tags of training and dev data, or null.</summary>
    public string? TaggerModel { get; init; }

    /// <summary>Fold counts of jackknifed training tags, one copy of the training sentences per count (empty: none).</summary>
    public IReadOnlyList<int> JackknifeFolds { get; init; } = [];

    /// <summary>Training passes of each fold's tagger.</summary>
    public int JackknifeEpochs { get; init; } = 8;

    public int JackknifeMinimumScriptCount { get; init; } = 1;

    public int JackknifeAmbiguityMinimumCount { get; init; } = 5;

    public int JackknifeAmbiguityFolds { get; init; }

    public float JackknifePosMargin { get; init; }

    /// <summary>More training files whose XPOS and FEATS follow another scheme (fold taggers learn only their UPOS and lemmas).</summary>
    public IReadOnlyList<string> JackknifePartialFiles { get; init; } = [];

    /// <summary>Train on the training sentences twice: with their jackknifed tags and with their gold tags.</summary>
    public bool JackknifeWithGold { get; init; }

    /// <summary>CoNLL-U file that receives the training sentences with their jackknifed tags (of the first fold count), or null.</summary>
    public string? JackknifeOutput { get; init; }
}

/// <summary>
/// The recipe of `lagebild train parser`: trains the dependency parser from CoNLL-U, reports dev UAS/LAS per epoch,
/// and writes parser.bin plus parser.txt (command line, data, scores with gold and with predicted tags).
/// </summary>
public static class ParserTrainingRecipe
{
    /// <summary>Trains and writes the model, reporting progress to <paramref name="log"/>; refused when an option or file is wrong.</summary>
    public static RecipeOutcome Run(ParserTrainingRecipeOptions recipe, TextWriter log, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(recipe);
        ArgumentNullException.ThrowIfNull(log);
        var lang = recipe.Language;
        var every = recipe.DevEvery;
        var foldCounts = recipe.JackknifeFolds;
        if (recipe.Epochs < 1 || every < 0 || every == 1 || foldCounts.Any(k => k < 2) || recipe.JackknifeEpochs < 1 || recipe.JackknifeAmbiguityFolds is < 0 or 1)
        {
            return RecipeOutcome.Refused("--epochs and --jackknife-epochs must be at least 1, --dev-every and --jackknife-ambiguity-folds 0 or at least 2, --jackknife at least 2.");
        }

        var partialSentences = new List<ConlluSentence>();
        if (ConlluTrainingData.ReadAll(recipe.JackknifePartialFiles, partialSentences) is { } partialProblem)
        {
            return RecipeOutcome.Refused(partialProblem);
        }

        var withGold = recipe.JackknifeWithGold;
        if ((partialSentences.Count > 0 || withGold) && foldCounts.Count == 0)
        {
            return RecipeOutcome.Refused("--jackknife-partial and --jackknife-with-gold need --jackknife.");
        }

        var trainSentences = new List<ConlluSentence>();
        var devSentences = new List<ConlluSentence>();
        if (ConlluTrainingData.Load(recipe.TrainFiles, recipe.DevFile, every, trainSentences, devSentences) is { } problem)
        {
            return RecipeOutcome.Refused(problem);
        }

        MorphTagger? retagger = null;
        if (recipe.TaggerModel is { } taggerPath)
        {
            if (!File.Exists(taggerPath))
            {
                return RecipeOutcome.Refused($"tagger model '{taggerPath}' not found.");
            }

            retagger = MorphTagger.Load(taggerPath);
        }

        var jackknifeLines = new List<string>();
        if (foldCounts.Count > 0)
        {
            // The parser must learn from tags as wrong as the ones it will see: each sentence is tagged by a
            // tagger that never saw it. Fewer folds give noisier tags; copies with several fold counts and with
            // gold tags show the parser each tree with tags of different quality (EWT dev LAS with predicted
            // tags, see data/models/en/parser.txt: 5 folds 81.47; 5 folds + gold 81.81; 5 and 2 folds + gold 82.11).
            var taggerOptions = new MorphTrainingOptions
            {
                Language = lang,
                Epochs = recipe.JackknifeEpochs,
                Seed = recipe.Seed,
                MinimumScriptCount = Math.Max(1, recipe.JackknifeMinimumScriptCount),
                AmbiguityMinimumCount = Math.Max(1, recipe.JackknifeAmbiguityMinimumCount),
                AmbiguityFolds = recipe.JackknifeAmbiguityFolds,
                PosMargin = Math.Max(0, recipe.JackknifePosMargin),
            };
            var gold = trainSentences;
            var goldPartial = partialSentences;
            trainSentences = [];
            foreach (var folds in foldCounts)
            {
                List<ConlluSentence> copy = [.. gold.Select(s => s.DeepCopy())];
                List<ConlluSentence> partialCopy = [.. goldPartial.Select(s => s.DeepCopy())];
                jackknifeLines.AddRange(JackknifeTagging.Retag(copy, folds, taggerOptions, partialCopy, log.WriteLine, cancellationToken));
                if (trainSentences.Count == 0 && recipe.JackknifeOutput is { } jackknifedPath)
                {
                    using var writer = new StreamWriter(jackknifedPath, append: false, new UTF8Encoding(false));
                    foreach (var sentence in copy.Concat(partialCopy))
                    {
                        ConlluWriter.Write(writer, sentence);
                    }
                }

                trainSentences.AddRange(copy);
                trainSentences.AddRange(partialCopy);
            }

            if (withGold)
            {
                trainSentences.AddRange(gold);
            }

            retagger ??= LoadShippedTagger(recipe.Data, lang);
        }
        else if (retagger is not null)
        {
            JackknifeTagging.Retag(retagger, trainSentences);
        }

        // Dev is scored per epoch as the parser will see it: with the tags it was trained on.
        var devForEpochs = devSentences;
        if (retagger is not null)
        {
            devForEpochs = [.. devSentences.Select(s => s.DeepCopy())];
            JackknifeTagging.Retag(retagger, devForEpochs);
        }

        var options = new ParserTrainingOptions
        {
            Language = lang,
            Epochs = recipe.Epochs,
            Seed = recipe.Seed,
            MinimumWeight = recipe.MinimumWeight,
            SkipNonProjective = recipe.SkipNonProjective,
        };
        var report = new StringBuilder();
        report.AppendLine("# Lagebild dependency parser (parser.bin): greedy arc-hybrid, averaged perceptron, dynamic oracle.");
        report.AppendLine(CultureInfo.InvariantCulture, $"command: {recipe.CommandLine}");
        report.AppendLine(CultureInfo.InvariantCulture, $"train.sentences = {trainSentences.Count}");
        report.AppendLine(CultureInfo.InvariantCulture, $"train.words = {trainSentences.Sum(s => s.Words.Count)}");
        report.AppendLine(CultureInfo.InvariantCulture, $"train.tags = {(foldCounts.Count > 0 ? $"jackknifed, one copy per fold count {string.Join(", ", foldCounts)}{(withGold ? ", and one with gold tags" : "")}" : retagger is null ? "gold" : "predicted")}");
        foreach (var line in jackknifeLines)
        {
            report.AppendLine(CultureInfo.InvariantCulture, $"# {line}");
        }

        var (trees, nonProjective) = ParserTrainer.CountTrees(trainSentences);
        report.AppendLine(CultureInfo.InvariantCulture, $"train.trees = {trees}");
        report.AppendLine(CultureInfo.InvariantCulture, $"train.nonprojective = {nonProjective}{(options.SkipNonProjective ? " (left out)" : " (kept)")}");
        log.WriteLine($"training on {trainSentences.Count} sentences, dev {devSentences.Count} sentences");
        var started = Stopwatch.StartNew();
        var parser = ParserTrainer.Train(trainSentences, devForEpochs, options, (epoch, scores) =>
        {
            var line = string.Create(CultureInfo.InvariantCulture, $"epoch {epoch}: {(scores is null ? "no dev set" : scores.ToString())} ({started.Elapsed.TotalSeconds:F0} s)");
            log.WriteLine(line);
            report.AppendLine(CultureInfo.InvariantCulture, $"# {line}");
        }, cancellationToken);

        Directory.CreateDirectory(recipe.OutputDirectory);
        var modelPath = Path.Combine(recipe.OutputDirectory, DependencyParser.ModelFileName);
        parser.Save(modelPath);
        var loadWatch = Stopwatch.StartNew();
        var saved = DependencyParser.Load(modelPath);
        var loadSeconds = loadWatch.Elapsed.TotalSeconds;
        if (devSentences.Count > 0)
        {
            // The recorded scores are those of the saved file (weights stored at half precision), as shipped.
            var gold = ParserEvaluation.Evaluate(saved, devSentences).Scores;
            log.WriteLine($"saved model on dev, gold tags: {gold}");
            report.AppendLine(CultureInfo.InvariantCulture, $"dev.sentences = {devSentences.Count}");
            report.AppendLine(CultureInfo.InvariantCulture, $"dev.words = {gold.Words}");
            report.AppendLine(CultureInfo.InvariantCulture, $"dev.uas = {gold.Uas:F2}");
            report.AppendLine(CultureInfo.InvariantCulture, $"dev.las = {gold.Las:F2}");
            var predictedTagger = retagger ?? LoadShippedTagger(recipe.Data, lang);
            if (predictedTagger is not null)
            {
                var predicted = ParserEvaluation.Evaluate(saved, devSentences, predictedTagger).Scores;
                log.WriteLine($"saved model on dev, predicted tags: {predicted}");
                report.AppendLine(CultureInfo.InvariantCulture, $"dev.predicted-tags.uas = {predicted.Uas:F2}");
                report.AppendLine(CultureInfo.InvariantCulture, $"dev.predicted-tags.las = {predicted.Las:F2}");
            }
        }

        report.AppendLine(CultureInfo.InvariantCulture, $"model = {parser.Describe()}");
        report.AppendLine(CultureInfo.InvariantCulture, $"model.bytes = {new FileInfo(modelPath).Length}");
        report.AppendLine(CultureInfo.InvariantCulture, $"model.load.seconds = {loadSeconds:F2}");
        File.WriteAllText(Path.ChangeExtension(modelPath, ".txt"), report.ToString());
        log.WriteLine($"wrote {modelPath} ({new FileInfo(modelPath).Length / 1024} KiB) in {started.Elapsed.TotalSeconds:F0} s");
        return RecipeOutcome.Done;
    }

    private static MorphTagger? LoadShippedTagger(DataDirectory data, string language) => MorphologyAnalyzer.Load(data, language)?.Tagger;
}
