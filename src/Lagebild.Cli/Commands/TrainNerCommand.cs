using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using Lagebild.Documents;
using Lagebild.Knowledge;
using Lagebild.Knowledge.Dictionaries;
using Lagebild.Nlp.Clusters;
using Lagebild.Nlp.Conllu;
using Lagebild.Nlp.Entities;
using Lagebild.Nlp.Morphology;

namespace Lagebild.Cli.Commands;

/// <summary>
/// `lagebild train ner --lang de --train FILE... --dev FILE --out DIR [--epochs N] [--seed S]`: trains the averaged
/// perceptron tagger with gazetteer features from the shipped knowledge base, prints dev F1 after every epoch and
/// writes DIR/ner.bin and DIR/ner.txt (command line, data, scores). Deterministic for the same data and options.
/// With --holdout-every N the dev file is split: every N-th sentence is the dev set and the rest joins the training data.
/// With --pos the model reads predicted UPOS/XPOS tags: the shipped tagger of the language tags every sentence, except
/// training sentences found (same sent_id and tokens) in the --pos-train CoNLL-U file, whose tags are taken from it
/// (jackknifed tags for data the tagger was trained on).
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
            var log = result.InvocationConfiguration.Output;
            var error = result.InvocationConfiguration.Error;
            var lang = result.GetValue(language)!;
            var options = new NerTrainingOptions
            {
                Epochs = result.GetValue(epochs),
                Seed = result.GetValue(seed),
                HashBits = result.GetValue(hashBits),
                PartOfSpeech = result.GetValue(pos),
                Margin = result.GetValue(margin),
                FeatureSet = result.GetValue(featureSet),
            };
            var every = result.GetValue(holdOut);
            var givenWindow = result.GetValue(memoryWindow);
            if (options.Epochs < 1 || options.HashBits is < 10 or > 24 || every is 1 or < 0 || options.FeatureSet is < NerFeatureSets.Original or > NerFeatureSets.Latest || givenWindow < 0)
            {
                error.WriteLine($"lagebild: --epochs >= 1, --hash-bits 10..24, --holdout-every 0 or >= 2, --feature-set {NerFeatureSets.Original}..{NerFeatureSets.Latest}, --memory >= 0.");
                return ExitCodes.Usage;
            }

            if (ParseOther(result.GetValue(other)) is not { } mapping)
            {
                error.WriteLine("lagebild: --oth must be misc or o.");
                return ExitCodes.Usage;
            }

            var trainFiles = result.GetValue(train) ?? [];
            var devFile = result.GetValue(dev)!;
            if (trainFiles.Length == 0 && every == 0)
            {
                error.WriteLine("lagebild: give --train files, or --holdout-every to train on the rest of the dev file.");
                return ExitCodes.Usage;
            }

            var auxiliaryFiles = result.GetValue(auxiliaryTrain) ?? [];
            var extraFiles = result.GetValue(extraTrain) ?? [];
            var extraUpdateWeight = result.GetValue(extraWeight);
            if (extraUpdateWeight is <= 0 or > 1)
            {
                error.WriteLine("lagebild: --extra-weight must be in (0, 1].");
                return ExitCodes.Usage;
            }

            var posTrainFile = result.GetValue(posTrain);
            if (posTrainFile is not null && !options.PartOfSpeech)
            {
                error.WriteLine("lagebild: --pos-train needs --pos.");
                return ExitCodes.Usage;
            }

            MorphTagger? tagger = null;
            if (options.PartOfSpeech && (tagger = MorphologyAnalyzer.Load(DataDirectory.Default(), lang)?.Tagger) is null)
            {
                error.WriteLine($"lagebild: --pos needs a tagger model for '{lang}' (data/models/{lang}/tagger.bin).");
                return ExitCodes.Usage;
            }

            foreach (var file in trainFiles.Concat(auxiliaryFiles).Concat(extraFiles).Append(devFile).Concat(posTrainFile is null ? [] : [posTrainFile]))
            {
                if (!File.Exists(file))
                {
                    error.WriteLine($"lagebild: file '{file}' not found.");
                    return ExitCodes.Usage;
                }
            }

            var report = new StringBuilder();
            report.Append("command: lagebild ").AppendJoin(' ', result.Tokens.Select(t => t.Value)).Append('\n');
            var training = new List<NerSentence>();
            foreach (var file in trainFiles)
            {
                var sentences = NerCorpus.Read(file, mapping);
                training.AddRange(sentences);
                report.Append(CultureInfo.InvariantCulture, $"train: {file}: {sentences.Count} sentences, {sentences.Sum(s => s.Tokens.Length)} tokens\n");
            }

            foreach (var file in extraFiles)
            {
                var sentences = NerCorpus.Read(file, mapping);
                var unannotated = result.GetValue(extraPartial) ? NerCorpus.UnlabelledTypes(sentences) : 0;
                training.AddRange(sentences.Select(s => s with { Weight = extraUpdateWeight, UnannotatedLabels = unannotated, UncertainCompounds = result.GetValue(extraCompounds) }));
                var missing = string.Join(", ", NerLabels.Types.Where(t => (unannotated & (1 << NerLabels.Begin(t))) != 0).Select(NerLabels.Code));
                report.Append(CultureInfo.InvariantCulture, $"extra train (update weight {extraUpdateWeight}{(missing.Length > 0 ? $", not annotated: {missing}" : "")}{(result.GetValue(extraCompounds) ? ", hyphenated tokens uncertain" : "")}): {file}: {sentences.Count} sentences, {sentences.Sum(s => s.Tokens.Length)} tokens\n");
            }

            var devSentences = NerCorpus.Read(devFile, mapping);
            if (every >= 2)
            {
                var (kept, heldOut) = NerCorpus.HoldOut(devSentences, every);
                training.AddRange(kept);
                devSentences = heldOut;
                report.Append(CultureInfo.InvariantCulture, $"train: {devFile} minus every {every}th sentence: {kept.Count} sentences, {kept.Sum(s => s.Tokens.Length)} tokens\n");
            }

            report.Append(CultureInfo.InvariantCulture, $"dev: {devFile}{(every >= 2 ? $" every {every}th sentence (index % {every} == {every - 1})" : "")}: {devSentences.Count} sentences, {devSentences.Sum(s => s.Tokens.Length)} tokens\n");
            var issues = new List<DictionaryIssue>();
            var knowledge = KnowledgeBaseLoader.Load(DataDirectory.Default(), [], issues);
            var gazetteer = NerGazetteer.FromKnowledge(knowledge, lang);
            report.Append(CultureInfo.InvariantCulture, $"gazetteer: {gazetteer.Count} entries from data/shared/knowledge\n");
            foreach (var list in result.GetValue(lists) ?? [])
            {
                var cut = list.IndexOf('=', StringComparison.Ordinal);
                if (cut > 0 && list[..cut] == "compound" && File.Exists(list[(cut + 1)..]))
                {
                    var heads = gazetteer.AddCompoundHeads(list[(cut + 1)..]);
                    report.Append(CultureInfo.InvariantCulture, $"gazetteer: {heads} compound heads from {list}\n");
                    continue;
                }

                var classes = cut < 0 ? null : ParseClass(list[..cut]);
                if (classes is null || !File.Exists(list[(cut + 1)..]))
                {
                    error.WriteLine($"lagebild: --gazetteer '{list}' must be CLASS=FILE with an existing file (classes: per, org, loc, adj, given, family, suffix, head, compound).");
                    return ExitCodes.Usage;
                }

                var before = gazetteer.Count;
                gazetteer.AddList(list[(cut + 1)..], classes.Value);
                report.Append(CultureInfo.InvariantCulture, $"gazetteer: +{gazetteer.Count - before} entries from {list}\n");
            }

            if (result.GetValue(wordNet) is { } wordNetFile)
            {
                if (!File.Exists(wordNetFile))
                {
                    error.WriteLine($"lagebild: file '{wordNetFile}' not found.");
                    return ExitCodes.Usage;
                }

                var before = gazetteer.Count;
                var (persons, organisations, places) = gazetteer.AddWordNetInstances(wordNetFile);
                report.Append(CultureInfo.InvariantCulture, $"gazetteer: +{gazetteer.Count - before} entries from WordNet instance nouns in {wordNetFile} ({persons} person, {organisations} organisation, {places} place lemmas)\n");
            }

            if (result.GetValue(frequencies) is { } frequencyList)
            {
                if (!File.Exists(frequencyList))
                {
                    error.WriteLine($"lagebild: file '{frequencyList}' not found.");
                    return ExitCodes.Usage;
                }

                gazetteer.AddWordFrequencies(frequencyList);
                report.Append(CultureInfo.InvariantCulture, $"word frequencies: {gazetteer.FrequencyCount} words from {frequencyList}\n");
            }

            var classLists = result.GetValue(wordClasses) ?? [];
            for (var i = 0; i < classLists.Length; i++)
            {
                if (!File.Exists(classLists[i]) || i >= byte.MaxValue)
                {
                    error.WriteLine($"lagebild: --word-classes: file '{classLists[i]}' not found or too many lists.");
                    return ExitCodes.Usage;
                }

                var before = gazetteer.FrequencyCount;
                gazetteer.AddWordClass(classLists[i], (byte)(i + 1));
                report.Append(CultureInfo.InvariantCulture, $"word class {i + 1}: +{gazetteer.FrequencyCount - before} words from {classLists[i]}\n");
            }

            if (result.GetValue(clusterFile) is { } clusterPath)
            {
                if (!File.Exists(clusterPath))
                {
                    error.WriteLine($"lagebild: file '{clusterPath}' not found.");
                    return ExitCodes.Usage;
                }

                if (WordClusters.Load(clusterPath, out var clusterError) is not { } clusters)
                {
                    error.WriteLine($"lagebild: {clusterError}");
                    return ExitCodes.Usage;
                }

                gazetteer.SetClusters(clusters);
                report.Append(CultureInfo.InvariantCulture, $"word clusters: {gazetteer.ClusterCount} words from {clusterPath}\n");
            }

            report.Append(CultureInfo.InvariantCulture, $"options: epochs {options.Epochs}, seed {options.Seed}, hash bits {options.HashBits}, feature set {options.FeatureSet}, OTH as {(mapping.OtherAsMisc ? "MISC" : "O")}, parts of speech {(options.PartOfSpeech ? "yes" : "no")}\n");
            log.Write(report.ToString());
            if (tagger is not null)
            {
                var given = posTrainFile is null ? [] : ReadTags(posTrainFile);
                var matched = 0;
                training = [.. training.Select(s =>
                {
                    if (s.Id is not null && given.TryGetValue(s.Id, out var known) && known.Forms.SequenceEqual(s.Tokens, StringComparer.Ordinal))
                    {
                        matched++;
                        return s with { Tags = known.Tags };
                    }

                    return s with { Tags = EntityRecognizer.FromAnalyses(tagger.Tag(s.Tokens)) };
                })];
                devSentences = [.. devSentences.Select(s => s with { Tags = EntityRecognizer.FromAnalyses(tagger.Tag(s.Tokens)) })];
                var line = posTrainFile is null
                    ? "parts of speech: shipped tagger on all sentences\n"
                    : string.Create(CultureInfo.InvariantCulture, $"parts of speech: {matched} training sentences from {posTrainFile}, the other {training.Count - matched} and dev from the shipped tagger\n");
                log.Write(line);
                report.Append(line);
            }

            var clock = Stopwatch.StartNew();
            if (auxiliaryFiles.Length > 0)
            {
                var auxiliaryData = new List<NerSentence>();
                foreach (var file in auxiliaryFiles)
                {
                    var sentences = NerCorpus.Read(file, mapping);
                    if (tagger is not null)
                    {
                        sentences = [.. sentences.Select(s => s with { Tags = EntityRecognizer.FromAnalyses(tagger.Tag(s.Tokens)) })];
                    }

                    auxiliaryData.AddRange(sentences);
                    report.Append(CultureInfo.InvariantCulture, $"auxiliary train: {file}: {sentences.Count} sentences, {sentences.Sum(s => s.Tokens.Length)} tokens\n");
                }

                var auxiliaryOptions = options with { Epochs = result.GetValue(auxiliaryEpochs), Auxiliary = null };
                var auxiliary = new NerTrainer(lang, gazetteer, auxiliaryOptions).Train(auxiliaryData);
                var auxiliaryScore = NerEvaluation.Run(auxiliary, devSentences).Overall;
                var line = string.Create(CultureInfo.InvariantCulture, $"auxiliary model ({auxiliaryOptions.Epochs} epochs): dev F1 {auxiliaryScore.F1 * 100:F2} {clock.Elapsed.TotalSeconds:F0}s\n");
                log.Write(line);
                report.Append(line);
                options = options with { Auxiliary = auxiliary };
            }

            var seedCount = result.GetValue(seeds);
            if (seedCount is < 1 or > 16)
            {
                error.WriteLine("lagebild: --seeds must be 1..16.");
                return ExitCodes.Usage;
            }

            var folds = result.GetValue(stackFolds);
            if (folds != 0)
            {
                if (folds is < 2 or > 20 || auxiliaryFiles.Length > 0)
                {
                    error.WriteLine("lagebild: --stack-folds must be 0 or 2..20 and cannot be combined with --auxiliary-train.");
                    return ExitCodes.Usage;
                }

                var firstOptions = options with { Epochs = result.GetValue(auxiliaryEpochs), Auxiliary = null };
                NerModel TrainFirstPass(IReadOnlyList<NerSentence> data)
                {
                    var passes = new List<NerModel>();
                    for (var k = 0; k < seedCount; k++)
                    {
                        passes.Add(new NerTrainer(lang, gazetteer, firstOptions with { Seed = firstOptions.Seed + k }).Train(data));
                    }

                    return passes.Count == 1 ? passes[0] : NerModel.Average(passes);
                }

                training = NerTrainer.WithJackknifedFirstPass(training, folds, TrainFirstPass);
                var firstPass = TrainFirstPass(training);
                var firstScore = NerEvaluation.Run(firstPass, devSentences).Overall;
                var line = string.Create(CultureInfo.InvariantCulture, $"first pass ({firstOptions.Epochs} epochs, {seedCount} seeds; training labels from {folds} jackknifed models): dev F1 {firstScore.F1 * 100:F2} {clock.Elapsed.TotalSeconds:F0}s\n");
                log.Write(line);
                report.Append(line);
                options = options with { Auxiliary = firstPass };
            }

            var models = new List<NerModel>();
            for (var k = 0; k < seedCount; k++)
            {
                var seedOptions = options with { Seed = options.Seed + k };
                var trainer = new NerTrainer(lang, gazetteer, seedOptions);
                models.Add(trainer.Train(training, (epoch, averaged) =>
                {
                    var score = NerEvaluation.Run(averaged, devSentences).Overall;
                    var line = string.Create(CultureInfo.InvariantCulture, $"{(seedCount > 1 ? $"seed {seedOptions.Seed} " : "")}epoch {epoch}: dev F1 {score.F1 * 100:F2} (P {score.Precision * 100:F2}, R {score.Recall * 100:F2}) {clock.Elapsed.TotalSeconds:F0}s\n");
                    log.Write(line);
                    report.Append(line);
                }));
            }

            var model = models.Count == 1 ? models[0] : NerModel.Average(models);
            if (models.Count > 1)
            {
                var score = NerEvaluation.Run(model, devSentences).Overall;
                var line = string.Create(CultureInfo.InvariantCulture, $"average of {models.Count} seeds: dev F1 {score.F1 * 100:F2} (P {score.Precision * 100:F2}, R {score.Recall * 100:F2})\n");
                log.Write(line);
                report.Append(line);
            }

            // Greedy perceptrons favour O (precision above recall): pick the O bias with the best dev F1.
            var bestF1 = NerEvaluation.Run(model, devSentences).Overall.F1;
            var bestBias = ChooseOnDev(0f, ref bestF1, [2f, 4, 8, 12, 16, 24, 32, 48], model.WithOutsideBias, devSentences, log, "O bias");
            model = model.WithOutsideBias(bestBias);
            report.Append(CultureInfo.InvariantCulture, $"O bias chosen on dev: {bestBias}\n");

            // Dev is read as one stream in file order, as `ner` and `eval ner` read their input.
            if (givenWindow is { } window)
            {
                model = model.WithMemoryWindow(window);
                report.Append(CultureInfo.InvariantCulture, $"mention memory: {window} sentences (given)\n");
            }
            else
            {
                var bestWindow = ChooseOnDev(0, ref bestF1, [5, 10, 20, 50], model.WithMemoryWindow, devSentences, log, "mention memory");
                model = model.WithMemoryWindow(bestWindow);
                report.Append(CultureInfo.InvariantCulture, $"mention memory chosen on dev: {bestWindow} sentences\n");
            }

            Directory.CreateDirectory(result.GetValue(output)!);
            var modelPath = Path.Combine(result.GetValue(output)!, EntityRecognizer.ModelFileName);
            model.Save(modelPath);

            // Score the model as loaded from disk (half-float weights), which is what users get.
            var loaded = NerModel.Load(modelPath);
            var evaluation = NerEvaluation.Run(loaded, devSentences);
            report.Append("dev scores of the saved model:\n").Append(evaluation.Format());
            report.Append(CultureInfo.InvariantCulture, $"model: {new FileInfo(modelPath).Length} bytes\n");
            log.Write(evaluation.Format());
            File.WriteAllText(Path.Combine(result.GetValue(output)!, "ner.txt"), report.ToString());
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>Predicted tags by sent_id from a CoNLL-U file (multi-word token lines and empty nodes are skipped).</summary>
    /// <summary>The candidate setting with the best dev F1, if it beats <paramref name="bestF1"/> (updated), else <paramref name="current"/>.</summary>
    private static T ChooseOnDev<T>(T current, ref double bestF1, T[] candidates, Func<T, NerModel> apply, IReadOnlyList<NerSentence> dev, TextWriter log, string setting)
    {
        var best = current;
        foreach (var candidate in candidates)
        {
            var f1 = NerEvaluation.Run(apply(candidate), dev).Overall.F1;
            log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{setting} {candidate}: dev F1 {f1 * 100:F2}"));
            if (f1 > bestF1)
            {
                (best, bestF1) = (candidate, f1);
            }
        }

        return best;
    }

    private static Dictionary<string, (string[] Forms, NerTags Tags)> ReadTags(string path)
    {
        var tags = new Dictionary<string, (string[] Forms, NerTags Tags)>(StringComparer.Ordinal);
        foreach (var sentence in ConlluReader.ReadFile(path))
        {
            if (sentence.GetComment("sent_id") is { } id)
            {
                tags[id] = (sentence.Forms(), new NerTags([.. sentence.Words.Select(w => w.Upos)], [.. sentence.Words.Select(w => w.Xpos)]));
            }
        }

        return tags;
    }

    private static GazetteerClass? ParseClass(string name) => name switch
    {
        "per" => GazetteerClass.Person,
        "org" => GazetteerClass.Organisation,
        "loc" => GazetteerClass.Location,
        "adj" => GazetteerClass.Adjective,
        "given" => GazetteerClass.GivenName,
        "family" => GazetteerClass.FamilyName,
        "suffix" => GazetteerClass.OrganisationSuffix,
        "head" => GazetteerClass.OrganisationHead,
        _ => null,
    };

    internal static NerTagMapping? ParseOther(string? value) => value switch
    {
        "misc" => new NerTagMapping { OtherAsMisc = true },
        "o" => new NerTagMapping { OtherAsMisc = false },
        _ => null,
    };
}
