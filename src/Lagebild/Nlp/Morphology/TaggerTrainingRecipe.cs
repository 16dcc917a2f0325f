using System.Globalization;
using System.Text;
using Lagebild.Nlp.Conllu;

namespace Lagebild.Nlp.Morphology;

/// <summary>What `train tagger` is asked to do: CoNLL-U data, word lexicon sources and training settings.</summary>
public sealed record TaggerTrainingRecipeOptions
{
    /// <summary>Language code of the model (de, en).</summary>
    public required string Language { get; init; }

    /// <summary>CoNLL-U training files.</summary>
    public IReadOnlyList<string> TrainFiles { get; init; } = [];

    /// <summary>CoNLL-U files whose XPOS and FEATS follow another scheme: used for UPOS and lemmas only.</summary>
    public IReadOnlyList<string> PartialFiles { get; init; } = [];

    /// <summary>CoNLL-U file scored after every epoch, or null.</summary>
    public string? DevFile { get; init; }

    /// <summary>Only every Nth sentence of the dev file is dev, the rest trains (0: all of it is dev).</summary>
    public int DevEvery { get; init; }

    /// <summary>Folder that receives tagger.bin and tagger.txt.</summary>
    public required string OutputDirectory { get; init; }

    /// <summary>The command line recorded in tagger.txt, so that the model can be rebuilt from it.</summary>
    public required string CommandLine { get; init; }

    public int Epochs { get; init; } = 8;

    public int Seed { get; init; } = 1;

    /// <summary>Averaged weights below this magnitude are pruned from the model.</summary>
    public float MinimumWeight { get; init; } = 0.002f;

    /// <summary>1: one left-to-right POS pass; 2: a second pass that also sees the first pass's labels to the right.</summary>
    public int PosPasses { get; init; } = 2;

    public int MinimumScriptCount { get; init; } = 1;

    public int AmbiguityMinimumCount { get; init; } = 5;

    public int AmbiguityFolds { get; init; }

    public float PosMargin { get; init; }

    /// <summary>Word frequency classes from most to least common: a word list file or several joined by commas each.</summary>
    public IReadOnlyList<string> WordClasses { get; init; } = [];

    /// <summary>WordNet 3.0 database directory, or null.</summary>
    public string? WordNet { get; init; }

    /// <summary>Tagged word list, one 'word TAB tags' per line, or null.</summary>
    public string? TaggedWords { get; init; }
}

/// <summary>
/// The recipe of `lagebild train tagger`: trains the tagger and lemmatiser (one model file) from CoNLL-U, reports the
/// dev scores per epoch, and writes tagger.bin plus tagger.txt (command line, data, scores).
/// </summary>
public static class TaggerTrainingRecipe
{
    /// <summary>Trains and writes the model, reporting progress to <paramref name="log"/>; refused when an option or file is wrong.</summary>
    public static RecipeOutcome Run(TaggerTrainingRecipeOptions recipe, TextWriter log, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(recipe);
        ArgumentNullException.ThrowIfNull(log);
        var every = recipe.DevEvery;
        if (recipe.Epochs < 1 || every < 0 || every == 1 || recipe.PosPasses is not (1 or 2) || recipe.AmbiguityFolds is < 0 or 1)
        {
            return RecipeOutcome.Refused("--epochs must be at least 1, --dev-every 0 or at least 2, --pos-passes 1 or 2, --ambiguity-folds 0 or at least 2.");
        }

        var trainSentences = new List<ConlluSentence>();
        var devSentences = new List<ConlluSentence>();
        var partialSentences = new List<ConlluSentence>();
        var problem = ConlluTrainingData.Load(recipe.TrainFiles, recipe.DevFile, every, trainSentences, devSentences)
            ?? ConlluTrainingData.ReadAll(recipe.PartialFiles, partialSentences);
        WordLexicon? wordLexicon = null;
        if ((problem ?? TryBuildWordLexicon(recipe.WordClasses, recipe.WordNet, recipe.TaggedWords, out wordLexicon)) is { } refusal)
        {
            return RecipeOutcome.Refused(refusal);
        }

        var options = new MorphTrainingOptions
        {
            WordLexicon = wordLexicon,
            Language = recipe.Language,
            Epochs = recipe.Epochs,
            Seed = recipe.Seed,
            MinimumWeight = recipe.MinimumWeight,
            TwoPassPos = recipe.PosPasses == 2,
            MinimumScriptCount = Math.Max(1, recipe.MinimumScriptCount),
            AmbiguityMinimumCount = Math.Max(1, recipe.AmbiguityMinimumCount),
            AmbiguityFolds = recipe.AmbiguityFolds,
            PosMargin = Math.Max(0, recipe.PosMargin),
        };
        var report = new StringBuilder();
        report.AppendLine("# Lagebild morphology model (tagger.bin): part of speech, UD features, lemma.");
        report.AppendLine(CultureInfo.InvariantCulture, $"command: {recipe.CommandLine}");
        report.AppendLine(CultureInfo.InvariantCulture, $"train.sentences = {trainSentences.Count}");
        report.AppendLine(CultureInfo.InvariantCulture, $"train.words = {trainSentences.Sum(s => s.Words.Count)}");
        report.AppendLine(CultureInfo.InvariantCulture, $"train.partial.sentences = {partialSentences.Count}");
        if (wordLexicon is not null)
        {
            report.AppendLine(CultureInfo.InvariantCulture, $"word.lexicon = {wordLexicon.Describe()}");
        }

        log.WriteLine($"training on {trainSentences.Count} sentences (+{partialSentences.Count} for UPOS and lemmas), dev {devSentences.Count} sentences");
        var started = DateTime.UtcNow;
        MorphScores? last = null;
        var tagger = MorphTrainer.Train(trainSentences, devSentences, options, (epoch, scores) =>
        {
            var line = string.Create(CultureInfo.InvariantCulture, $"epoch {epoch}: {(scores is null ? "no dev set" : scores.ToString())}");
            log.WriteLine(line);
            report.AppendLine(CultureInfo.InvariantCulture, $"# {line}");
            last = scores;
        }, partialSentences, cancellationToken);

        Directory.CreateDirectory(recipe.OutputDirectory);
        var modelPath = Path.Combine(recipe.OutputDirectory, MorphologyAnalyzer.ModelFileName);
        tagger.Save(modelPath);
        if (devSentences.Count > 0)
        {
            // The recorded scores are those of the saved file (weights stored at half precision), as shipped.
            last = MorphEvaluator.Evaluate(MorphTagger.Load(modelPath), devSentences).Scores;
            log.WriteLine($"saved model on dev: {last}");
        }

        if (last is not null)
        {
            report.AppendLine(CultureInfo.InvariantCulture, $"dev.sentences = {devSentences.Count}");
            report.AppendLine(CultureInfo.InvariantCulture, $"dev.words = {last.Words}");
            report.AppendLine(CultureInfo.InvariantCulture, $"dev.upos = {last.Upos:F2}");
            report.AppendLine(CultureInfo.InvariantCulture, $"dev.xpos = {last.Xpos:F2}");
            report.AppendLine(CultureInfo.InvariantCulture, $"dev.ufeats = {last.UFeats:F2}");
            report.AppendLine(CultureInfo.InvariantCulture, $"dev.alltags = {last.AllTags:F2}");
            report.AppendLine(CultureInfo.InvariantCulture, $"dev.lemma = {last.Lemma:F2}");
        }

        report.AppendLine(CultureInfo.InvariantCulture, $"model = {tagger.Describe()}");
        report.AppendLine(CultureInfo.InvariantCulture, $"model.bytes = {new FileInfo(modelPath).Length}");
        File.WriteAllText(Path.ChangeExtension(modelPath, ".txt"), report.ToString());
        log.WriteLine($"wrote {modelPath} ({new FileInfo(modelPath).Length / 1024} KiB) in {(DateTime.UtcNow - started).TotalSeconds:F0} s");
        return RecipeOutcome.Done;
    }

    /// <summary>The word lexicon of the word classes, WordNet and tagged words (null when none is given); the problem when a file is wrong.</summary>
    private static string? TryBuildWordLexicon(IReadOnlyList<string> classes, string? wordNetDirectory, string? taggedWordFile, out WordLexicon? lexicon)
    {
        lexicon = null;
        if (classes.Count == 0 && wordNetDirectory is null && taggedWordFile is null)
        {
            return null;
        }

        if (classes.Count > WordLexicon.MaxFrequencyClass)
        {
            return $"--word-classes takes at most {WordLexicon.MaxFrequencyClass} classes.";
        }

        var builder = new WordLexicon.Builder();
        for (var i = 0; i < classes.Count; i++)
        {
            foreach (var file in classes[i].Split(',', StringSplitOptions.RemoveEmptyEntries))
            {
                if (!File.Exists(file))
                {
                    return $"--word-classes: file '{file}' not found.";
                }

                builder.AddWordClass(File.ReadLines(file), i + 1);
            }
        }

        if (wordNetDirectory is not null)
        {
            string[] files = ["index.noun", "index.verb", "index.adj", "index.adv", "noun.exc", "verb.exc", "adj.exc"];
            if (files.FirstOrDefault(f => !File.Exists(Path.Combine(wordNetDirectory, f))) is { } missing)
            {
                return $"--wordnet: '{Path.Combine(wordNetDirectory, missing)}' not found.";
            }

            builder.AddWordNet(wordNetDirectory);
        }

        if (taggedWordFile is not null)
        {
            if (!File.Exists(taggedWordFile))
            {
                return $"--lexicon-pos: file '{taggedWordFile}' not found.";
            }

            try
            {
                builder.AddTaggedWords(File.ReadLines(taggedWordFile));
            }
            catch (InvalidDataException exception)
            {
                return $"--lexicon-pos: {exception.Message}";
            }
        }

        lexicon = builder.Build();
        return null;
    }
}
