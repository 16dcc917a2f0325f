using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using Lagebild.Nlp.Conllu;
using Lagebild.Nlp.Morphology;
using Lagebild.Nlp.Parsing;

namespace Lagebild.Cli.Commands;

/// <summary>
/// `lagebild train parser`: trains the dependency parser from CoNLL-U, prints dev UAS/LAS per epoch, and writes
/// parser.bin plus parser.txt (command line, data, scores with gold and with predicted tags) to --out.
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
            var log = result.InvocationConfiguration.Output;
            var error = result.InvocationConfiguration.Error;
            var lang = result.GetValue(language)!;
            var every = result.GetValue(devEvery);
            var foldCounts = result.GetValue(jackknife) ?? [];
            if (result.GetValue(epochs) < 1 || every < 0 || every == 1 || foldCounts.Any(k => k < 2) || result.GetValue(jackknifeEpochs) < 1 ||
                result.GetValue(jackknifeAmbiguityFolds) is < 0 or 1)
            {
                error.WriteLine("lagebild: --epochs and --jackknife-epochs must be at least 1, --dev-every and --jackknife-ambiguity-folds 0 or at least 2, --jackknife at least 2.");
                return Task.FromResult(ExitCodes.Usage);
            }

            var partialSentences = new List<ConlluSentence>();
            if (!ConlluTrainingInput.TryReadAll(result.GetValue(jackknifePartial) ?? [], partialSentences, error))
            {
                return Task.FromResult(ExitCodes.Usage);
            }

            var withGold = result.GetValue(jackknifeWithGold);
            if ((partialSentences.Count > 0 || withGold) && foldCounts.Length == 0)
            {
                error.WriteLine("lagebild: --jackknife-partial and --jackknife-with-gold need --jackknife.");
                return Task.FromResult(ExitCodes.Usage);
            }

            if (!ConlluTrainingInput.TryLoad(result.GetValue(train) ?? [], result.GetValue(dev), every, error, out var trainSentences, out var devSentences))
            {
                return Task.FromResult(ExitCodes.Usage);
            }

            var taggerPath = result.GetValue(tagger);
            MorphTagger? retagger = null;
            if (taggerPath is not null)
            {
                if (!File.Exists(taggerPath))
                {
                    error.WriteLine($"lagebild: tagger model '{taggerPath}' not found.");
                    return Task.FromResult(ExitCodes.Usage);
                }

                retagger = MorphTagger.Load(taggerPath);
            }

            var jackknifeLines = new List<string>();
            if (foldCounts.Length > 0)
            {
                // The parser must learn from tags as wrong as the ones it will see: each sentence is tagged by a
                // tagger that never saw it. Fewer folds give noisier tags; copies with several fold counts and with
                // gold tags show the parser each tree with tags of different quality (EWT dev LAS with predicted
                // tags, see data/models/en/parser.txt: 5 folds 81.47; 5 folds + gold 81.81; 5 and 2 folds + gold 82.11).
                var taggerOptions = new MorphTrainingOptions
                {
                    Language = lang,
                    Epochs = result.GetValue(jackknifeEpochs),
                    Seed = result.GetValue(seed),
                    MinimumScriptCount = Math.Max(1, result.GetValue(jackknifeScripts)),
                    AmbiguityMinimumCount = Math.Max(1, result.GetValue(jackknifeAmbiguityCount)),
                    AmbiguityFolds = result.GetValue(jackknifeAmbiguityFolds),
                    PosMargin = Math.Max(0, result.GetValue(jackknifePosMargin)),
                };
                var gold = trainSentences;
                var goldPartial = partialSentences;
                trainSentences = [];
                foreach (var folds in foldCounts)
                {
                    List<ConlluSentence> copy = [.. gold.Select(Copy)];
                    List<ConlluSentence> partialCopy = [.. goldPartial.Select(Copy)];
                    jackknifeLines.AddRange(JackknifeTagging.Retag(copy, folds, taggerOptions, partialCopy, log.WriteLine, cancellationToken));
                    if (trainSentences.Count == 0 && result.GetValue(jackknifeOut) is { } jackknifedPath)
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

                retagger ??= LoadShippedTagger(lang);
            }
            else if (retagger is not null)
            {
                JackknifeTagging.Retag(retagger, trainSentences);
            }

            // Dev is scored per epoch as the parser will see it: with the tags it was trained on.
            var devForEpochs = devSentences;
            if (retagger is not null)
            {
                devForEpochs = [.. devSentences.Select(Copy)];
                JackknifeTagging.Retag(retagger, devForEpochs);
            }

            var options = new ParserTrainingOptions
            {
                Language = lang,
                Epochs = result.GetValue(epochs),
                Seed = result.GetValue(seed),
                MinimumWeight = result.GetValue(minimumWeight),
                SkipNonProjective = result.GetValue(skipNonProjective),
            };
            var report = new StringBuilder();
            report.AppendLine("# Lagebild dependency parser (parser.bin): greedy arc-hybrid, averaged perceptron, dynamic oracle.");
            report.AppendLine(CultureInfo.InvariantCulture, $"command: lagebild {string.Join(' ', result.Tokens.Select(t => t.Value))}");
            report.AppendLine(CultureInfo.InvariantCulture, $"train.sentences = {trainSentences.Count}");
            report.AppendLine(CultureInfo.InvariantCulture, $"train.words = {trainSentences.Sum(s => s.Words.Count)}");
            report.AppendLine(CultureInfo.InvariantCulture, $"train.tags = {(foldCounts.Length > 0 ? $"jackknifed, one copy per fold count {string.Join(", ", foldCounts)}{(withGold ? ", and one with gold tags" : "")}" : retagger is null ? "gold" : "predicted")}");
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

            var directory = result.GetValue(output)!;
            Directory.CreateDirectory(directory);
            var modelPath = Path.Combine(directory, DependencyParser.ModelFileName);
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
                var predictedTagger = retagger ?? LoadShippedTagger(lang);
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
            return Task.FromResult(ExitCodes.Success);
        });
        return command;
    }

    private static MorphTagger? LoadShippedTagger(string language) => MorphologyAnalyzer.Load(DataDirectory.Default(), language)?.Tagger;

    /// <summary>A deep copy, so that retagging the copy leaves the original as it was.</summary>
    private static ConlluSentence Copy(ConlluSentence sentence)
    {
        var copy = new ConlluSentence();
        copy.Comments.AddRange(sentence.Comments);
        copy.MultiWordTokens.AddRange(sentence.MultiWordTokens);
        copy.EmptyNodes.AddRange(sentence.EmptyNodes);
        foreach (var word in sentence.Words)
        {
            copy.Words.Add(new ConlluWord(word.Id, word.Form)
            {
                Lemma = word.Lemma, Upos = word.Upos, Xpos = word.Xpos, Feats = word.Feats, Head = word.Head, Deprel = word.Deprel, Deps = word.Deps, Misc = word.Misc,
            });
        }

        return copy;
    }
}
