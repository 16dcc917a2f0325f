using System.Diagnostics;
using System.Globalization;
using System.Text;
using Lagebild.Knowledge;
using Lagebild.Knowledge.Dictionaries;
using Lagebild.Nlp.Clusters;
using Lagebild.Nlp.Conllu;
using Lagebild.Nlp.Morphology;

namespace Lagebild.Nlp.Entities;

/// <summary>What `train ner` is asked to do: data files, feature sources and training settings.</summary>
public sealed record NerTrainingRecipeOptions
{
    /// <summary>Language of the model (de, en).</summary>
    public required string Language { get; init; }

    /// <summary>Training files (token and BIO tag per line); may be empty with <see cref="HoldOutEvery"/>.</summary>
    public IReadOnlyList<string> TrainFiles { get; init; } = [];

    /// <summary>Dev file, scored after every epoch.</summary>
    public required string DevFile { get; init; }

    /// <summary>Folder that receives ner.bin and ner.txt.</summary>
    public required string OutputDirectory { get; init; }

    /// <summary>The command line recorded in ner.txt, so that the model can be rebuilt from it.</summary>
    public required string CommandLine { get; init; }

    /// <summary>Where the knowledge base and the shipped tagger are read from.</summary>
    public required DataDirectory Data { get; init; }

    /// <summary>Epochs, seed, hash bits, parts of speech, margin and feature set of the model.</summary>
    public NerTrainingOptions Model { get; init; } = new();

    /// <summary>Split the dev file: every N-th sentence is dev, the rest is trained on (0: no split).</summary>
    public int HoldOutEvery { get; init; }

    /// <summary>Files of a first model whose labels become features of the main model (stacking).</summary>
    public IReadOnlyList<string> AuxiliaryFiles { get; init; } = [];

    /// <summary>Passes of the auxiliary model or of the first pass of <see cref="StackFolds"/>.</summary>
    public int AuxiliaryEpochs { get; init; } = 5;

    /// <summary>Extra name lists as CLASS=FILE (classes: per, org, loc, adj, given, family, suffix, head, compound).</summary>
    public IReadOnlyList<string> GazetteerLists { get; init; } = [];

    /// <summary>How OTH tags are read: "misc" (GermEval) or "o" (UNER pre-release).</summary>
    public string OtherTags { get; init; } = "misc";

    /// <summary>More training files (silver or other domains) whose updates count <see cref="ExtraWeight"/>.</summary>
    public IReadOnlyList<string> ExtraFiles { get; init; } = [];

    /// <summary>Entity types an extra file never labels count as not annotated there.</summary>
    public bool ExtraPartial { get; init; }

    /// <summary>Labels of hyphenated tokens in extra files count as unreliable.</summary>
    public bool ExtraUncertainCompounds { get; init; }

    public float ExtraWeight { get; init; } = 1f;

    /// <summary>Word-frequency list ("word count" per line, most frequent first), or null.</summary>
    public string? WordFrequencies { get; init; }

    /// <summary>Plain word lists from most to least common; the words of the n-th list get frequency class n.</summary>
    public IReadOnlyList<string> WordClasses { get; init; } = [];

    /// <summary>Word clusters (`train clusters` output), or null.</summary>
    public string? Clusters { get; init; }

    /// <summary>Models trained with seeds S, S+1, ... and averaged.</summary>
    public int Seeds { get; init; } = 1;

    /// <summary>WordNet 3.0 noun data file whose instance nouns join the gazetteer, or null.</summary>
    public string? WordNet { get; init; }

    /// <summary>Sentences the mention memory spans; null: chosen on dev.</summary>
    public int? MemoryWindow { get; init; }

    /// <summary>Jackknifed first-pass folds to stack on (0: no stacking).</summary>
    public int StackFolds { get; init; }

    /// <summary>CoNLL-U file with predicted (jackknifed) tags of training sentences, matched by sent_id and tokens.</summary>
    public string? PosTrainFile { get; init; }
}

/// <summary>
/// The recipe of `lagebild train ner`: trains the averaged perceptron tagger with gazetteer features from the shipped
/// knowledge base, reports dev F1 after every epoch and writes ner.bin and ner.txt (command line, data, scores).
/// Deterministic for the same data and options. With a hold-out split the dev file gives the dev set (every N-th
/// sentence) and training data (the rest). With parts of speech the model reads predicted UPOS/XPOS tags: the shipped
/// tagger tags every sentence, except training sentences found (same sent_id and tokens) in the pos-train CoNLL-U
/// file, whose tags are taken from it (jackknifed tags for data the tagger was trained on).
/// </summary>
public static class NerTrainingRecipe
{
    /// <summary>Trains and writes the model, reporting progress to <paramref name="log"/>; refused when an option or file is wrong.</summary>
    public static RecipeOutcome Run(NerTrainingRecipeOptions recipe, TextWriter log)
    {
        ArgumentNullException.ThrowIfNull(recipe);
        ArgumentNullException.ThrowIfNull(log);
        if (Check(recipe) is { } problem)
        {
            return RecipeOutcome.Refused(problem);
        }

        var lang = recipe.Language;
        var options = recipe.Model;
        var mapping = ParseOther(recipe.OtherTags)!;
        MorphTagger? tagger = null;
        if (options.PartOfSpeech && (tagger = MorphologyAnalyzer.Load(recipe.Data, lang)?.Tagger) is null)
        {
            return RecipeOutcome.Refused($"--pos needs a tagger model for '{lang}' (data/models/{lang}/tagger.bin).");
        }

        WordClusters? clusters = null;
        if (recipe.Clusters is { } clusterPath && (clusters = WordClusters.Load(clusterPath, out var clusterError)) is null)
        {
            return RecipeOutcome.Refused(clusterError ?? $"cannot read word clusters '{clusterPath}'.");
        }

        var every = recipe.HoldOutEvery;
        var report = new StringBuilder();
        report.Append("command: ").Append(recipe.CommandLine).Append('\n');
        var training = new List<NerSentence>();
        foreach (var file in recipe.TrainFiles)
        {
            var sentences = NerCorpus.Read(file, mapping);
            training.AddRange(sentences);
            report.Append(CultureInfo.InvariantCulture, $"train: {file}: {sentences.Count} sentences, {sentences.Sum(s => s.Tokens.Length)} tokens\n");
        }

        foreach (var file in recipe.ExtraFiles)
        {
            var sentences = NerCorpus.Read(file, mapping);
            var unannotated = recipe.ExtraPartial ? NerCorpus.UnlabelledTypes(sentences) : 0;
            training.AddRange(sentences.Select(s => s with { Weight = recipe.ExtraWeight, UnannotatedLabels = unannotated, UncertainCompounds = recipe.ExtraUncertainCompounds }));
            var missing = string.Join(", ", NerLabels.Types.Where(t => (unannotated & (1 << NerLabels.Begin(t))) != 0).Select(NerLabels.Code));
            report.Append(CultureInfo.InvariantCulture, $"extra train (update weight {recipe.ExtraWeight}{(missing.Length > 0 ? $", not annotated: {missing}" : "")}{(recipe.ExtraUncertainCompounds ? ", hyphenated tokens uncertain" : "")}): {file}: {sentences.Count} sentences, {sentences.Sum(s => s.Tokens.Length)} tokens\n");
        }

        var devSentences = NerCorpus.Read(recipe.DevFile, mapping);
        if (every >= 2)
        {
            var (kept, heldOut) = NerCorpus.HoldOut(devSentences, every);
            training.AddRange(kept);
            devSentences = heldOut;
            report.Append(CultureInfo.InvariantCulture, $"train: {recipe.DevFile} minus every {every}th sentence: {kept.Count} sentences, {kept.Sum(s => s.Tokens.Length)} tokens\n");
        }

        report.Append(CultureInfo.InvariantCulture, $"dev: {recipe.DevFile}{(every >= 2 ? $" every {every}th sentence (index % {every} == {every - 1})" : "")}: {devSentences.Count} sentences, {devSentences.Sum(s => s.Tokens.Length)} tokens\n");
        var gazetteer = BuildGazetteer(recipe, clusters, report);
        report.Append(CultureInfo.InvariantCulture, $"options: epochs {options.Epochs}, seed {options.Seed}, hash bits {options.HashBits}, feature set {options.FeatureSet}, OTH as {(mapping.OtherAsMisc ? "MISC" : "O")}, parts of speech {(options.PartOfSpeech ? "yes" : "no")}\n");
        log.Write(report.ToString());
        if (tagger is not null)
        {
            var given = recipe.PosTrainFile is null ? [] : ReadTags(recipe.PosTrainFile);
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
            var line = recipe.PosTrainFile is null
                ? "parts of speech: shipped tagger on all sentences\n"
                : string.Create(CultureInfo.InvariantCulture, $"parts of speech: {matched} training sentences from {recipe.PosTrainFile}, the other {training.Count - matched} and dev from the shipped tagger\n");
            log.Write(line);
            report.Append(line);
        }

        var clock = Stopwatch.StartNew();
        void Record(string line)
        {
            log.Write(line);
            report.Append(line);
        }

        if (recipe.AuxiliaryFiles.Count > 0)
        {
            var auxiliaryData = new List<NerSentence>();
            foreach (var file in recipe.AuxiliaryFiles)
            {
                var sentences = NerCorpus.Read(file, mapping);
                if (tagger is not null)
                {
                    sentences = [.. sentences.Select(s => s with { Tags = EntityRecognizer.FromAnalyses(tagger.Tag(s.Tokens)) })];
                }

                auxiliaryData.AddRange(sentences);
                report.Append(CultureInfo.InvariantCulture, $"auxiliary train: {file}: {sentences.Count} sentences, {sentences.Sum(s => s.Tokens.Length)} tokens\n");
            }

            var auxiliaryOptions = options with { Epochs = recipe.AuxiliaryEpochs, Auxiliary = null };
            var auxiliary = new NerTrainer(lang, gazetteer, auxiliaryOptions).Train(auxiliaryData);
            var auxiliaryScore = NerEvaluation.Run(auxiliary, devSentences).Overall;
            Record(string.Create(CultureInfo.InvariantCulture, $"auxiliary model ({auxiliaryOptions.Epochs} epochs): dev F1 {auxiliaryScore.F1 * 100:F2} {clock.Elapsed.TotalSeconds:F0}s\n"));
            options = options with { Auxiliary = auxiliary };
        }

        var seedCount = recipe.Seeds;
        var folds = recipe.StackFolds;
        if (folds != 0)
        {
            var firstOptions = options with { Epochs = recipe.AuxiliaryEpochs, Auxiliary = null };
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
            Record(string.Create(CultureInfo.InvariantCulture, $"first pass ({firstOptions.Epochs} epochs, {seedCount} seeds; training labels from {folds} jackknifed models): dev F1 {firstScore.F1 * 100:F2} {clock.Elapsed.TotalSeconds:F0}s\n"));
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
                Record(string.Create(CultureInfo.InvariantCulture, $"{(seedCount > 1 ? $"seed {seedOptions.Seed} " : "")}epoch {epoch}: dev F1 {score.F1 * 100:F2} (P {score.Precision * 100:F2}, R {score.Recall * 100:F2}) {clock.Elapsed.TotalSeconds:F0}s\n"));
            }));
        }

        var model = models.Count == 1 ? models[0] : NerModel.Average(models);
        if (models.Count > 1)
        {
            var score = NerEvaluation.Run(model, devSentences).Overall;
            Record(string.Create(CultureInfo.InvariantCulture, $"average of {models.Count} seeds: dev F1 {score.F1 * 100:F2} (P {score.Precision * 100:F2}, R {score.Recall * 100:F2})\n"));
        }

        // Greedy perceptrons favour O (precision above recall): pick the O bias with the best dev F1.
        var bestF1 = NerEvaluation.Run(model, devSentences).Overall.F1;
        var bestBias = ChooseOnDev(0f, ref bestF1, [2f, 4, 8, 12, 16, 24, 32, 48], model.WithOutsideBias, devSentences, log, "O bias");
        model = model.WithOutsideBias(bestBias);
        report.Append(CultureInfo.InvariantCulture, $"O bias chosen on dev: {bestBias}\n");

        // Dev is read as one stream in file order, as `ner` and `eval ner` read their input.
        if (recipe.MemoryWindow is { } window)
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

        Directory.CreateDirectory(recipe.OutputDirectory);
        var modelPath = Path.Combine(recipe.OutputDirectory, EntityRecognizer.ModelFileName);
        model.Save(modelPath);

        // Score the model as loaded from disk (half-float weights), which is what users get.
        var loaded = NerModel.Load(modelPath);
        var evaluation = NerEvaluation.Run(loaded, devSentences);
        report.Append("dev scores of the saved model:\n").Append(evaluation.Format());
        report.Append(CultureInfo.InvariantCulture, $"model: {new FileInfo(modelPath).Length} bytes\n");
        log.Write(evaluation.Format());
        File.WriteAllText(Path.Combine(recipe.OutputDirectory, "ner.txt"), report.ToString());
        return RecipeOutcome.Done;
    }

    /// <summary>How OTH tags are read: "misc" maps them to MISC, "o" to O; null for anything else.</summary>
    public static NerTagMapping? ParseOther(string? value) => value switch
    {
        "misc" => new NerTagMapping { OtherAsMisc = true },
        "o" => new NerTagMapping { OtherAsMisc = false },
        _ => null,
    };

    /// <summary>The first problem with the options or their files, checked before any work; null when there is none.</summary>
    private static string? Check(NerTrainingRecipeOptions recipe)
    {
        var options = recipe.Model;
        var every = recipe.HoldOutEvery;
        if (options.Epochs < 1 || options.HashBits is < 10 or > 24 || every is 1 or < 0 || options.FeatureSet is < NerFeatureSets.Original or > NerFeatureSets.Latest || recipe.MemoryWindow < 0)
        {
            return $"--epochs >= 1, --hash-bits 10..24, --holdout-every 0 or >= 2, --feature-set {NerFeatureSets.Original}..{NerFeatureSets.Latest}, --memory >= 0.";
        }

        if (ParseOther(recipe.OtherTags) is null)
        {
            return "--oth must be misc or o.";
        }

        if (recipe.TrainFiles.Count == 0 && every == 0)
        {
            return "give --train files, or --holdout-every to train on the rest of the dev file.";
        }

        if (recipe.ExtraWeight is <= 0 or > 1)
        {
            return "--extra-weight must be in (0, 1].";
        }

        if (recipe.PosTrainFile is not null && !options.PartOfSpeech)
        {
            return "--pos-train needs --pos.";
        }

        if (recipe.Seeds is < 1 or > 16)
        {
            return "--seeds must be 1..16.";
        }

        if (recipe.StackFolds != 0 && (recipe.StackFolds is < 2 or > 20 || recipe.AuxiliaryFiles.Count > 0))
        {
            return "--stack-folds must be 0 or 2..20 and cannot be combined with --auxiliary-train.";
        }

        var dataFiles = recipe.TrainFiles.Concat(recipe.AuxiliaryFiles).Concat(recipe.ExtraFiles).Append(recipe.DevFile);
        foreach (var file in dataFiles.Concat(recipe.PosTrainFile is null ? [] : [recipe.PosTrainFile]))
        {
            if (!File.Exists(file))
            {
                return $"file '{file}' not found.";
            }
        }

        foreach (var list in recipe.GazetteerLists)
        {
            var cut = list.IndexOf('=', StringComparison.Ordinal);
            var known = cut > 0 && (list[..cut] == "compound" || ParseClass(list[..cut]) is not null);
            if (!known || !File.Exists(list[(cut + 1)..]))
            {
                return $"--gazetteer '{list}' must be CLASS=FILE with an existing file (classes: per, org, loc, adj, given, family, suffix, head, compound).";
            }
        }

        foreach (var file in new[] { recipe.WordNet, recipe.WordFrequencies })
        {
            if (file is not null && !File.Exists(file))
            {
                return $"file '{file}' not found.";
            }
        }

        for (var i = 0; i < recipe.WordClasses.Count; i++)
        {
            if (!File.Exists(recipe.WordClasses[i]) || i >= byte.MaxValue)
            {
                return $"--word-classes: file '{recipe.WordClasses[i]}' not found or too many lists.";
            }
        }

        return recipe.Clusters is { } clusterPath && !File.Exists(clusterPath) ? $"file '{clusterPath}' not found." : null;
    }

    /// <summary>The gazetteer of the shipped knowledge base plus the given lists, word classes and clusters.</summary>
    private static NerGazetteer BuildGazetteer(NerTrainingRecipeOptions recipe, WordClusters? clusters, StringBuilder report)
    {
        var issues = new List<DictionaryIssue>();
        var knowledge = KnowledgeBaseLoader.Load(recipe.Data, [], issues);
        var gazetteer = NerGazetteer.FromKnowledge(knowledge, recipe.Language);
        report.Append(CultureInfo.InvariantCulture, $"gazetteer: {gazetteer.Count} entries from data/shared/knowledge\n");
        foreach (var list in recipe.GazetteerLists)
        {
            var cut = list.IndexOf('=', StringComparison.Ordinal);
            if (list[..cut] == "compound")
            {
                var heads = gazetteer.AddCompoundHeads(list[(cut + 1)..]);
                report.Append(CultureInfo.InvariantCulture, $"gazetteer: {heads} compound heads from {list}\n");
                continue;
            }

            var before = gazetteer.Count;
            gazetteer.AddList(list[(cut + 1)..], ParseClass(list[..cut])!.Value);
            report.Append(CultureInfo.InvariantCulture, $"gazetteer: +{gazetteer.Count - before} entries from {list}\n");
        }

        if (recipe.WordNet is { } wordNetFile)
        {
            var before = gazetteer.Count;
            var (persons, organisations, places) = gazetteer.AddWordNetInstances(wordNetFile);
            report.Append(CultureInfo.InvariantCulture, $"gazetteer: +{gazetteer.Count - before} entries from WordNet instance nouns in {wordNetFile} ({persons} person, {organisations} organisation, {places} place lemmas)\n");
        }

        if (recipe.WordFrequencies is { } frequencyList)
        {
            gazetteer.AddWordFrequencies(frequencyList);
            report.Append(CultureInfo.InvariantCulture, $"word frequencies: {gazetteer.FrequencyCount} words from {frequencyList}\n");
        }

        for (var i = 0; i < recipe.WordClasses.Count; i++)
        {
            var before = gazetteer.FrequencyCount;
            gazetteer.AddWordClass(recipe.WordClasses[i], (byte)(i + 1));
            report.Append(CultureInfo.InvariantCulture, $"word class {i + 1}: +{gazetteer.FrequencyCount - before} words from {recipe.WordClasses[i]}\n");
        }

        if (clusters is not null)
        {
            gazetteer.SetClusters(clusters);
            report.Append(CultureInfo.InvariantCulture, $"word clusters: {gazetteer.ClusterCount} words from {recipe.Clusters}\n");
        }

        return gazetteer;
    }

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

    /// <summary>Predicted tags by sent_id from a CoNLL-U file (multi-word token lines and empty nodes are skipped).</summary>
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
}
