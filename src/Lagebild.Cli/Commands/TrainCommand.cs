using System.CommandLine;
using System.Globalization;
using System.Text;
using Lagebild.Nlp.Conllu;
using Lagebild.Nlp.Morphology;

namespace Lagebild.Cli.Commands;

/// <summary>
/// `lagebild train tagger`: trains the tagger and lemmatiser (one model file) from CoNLL-U, prints the dev
/// scores per epoch, and writes tagger.bin plus tagger.txt (command line, data, scores) to --out.
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
            var log = result.InvocationConfiguration.Output;
            var error = result.InvocationConfiguration.Error;
            var lang = result.GetValue(language)!;
            var every = result.GetValue(devEvery);
            if (result.GetValue(epochs) < 1 || every < 0 || every == 1 || result.GetValue(passes) is not (1 or 2) || result.GetValue(ambiguityFolds) is < 0 or 1)
            {
                error.WriteLine("lagebild: --epochs must be at least 1, --dev-every 0 or at least 2, --pos-passes 1 or 2, --ambiguity-folds 0 or at least 2.");
                return Task.FromResult(ExitCodes.Usage);
            }

            var partialSentences = new List<ConlluSentence>();
            if (!ConlluTrainingInput.TryLoad(result.GetValue(train) ?? [], result.GetValue(dev), every, error, out var trainSentences, out var devSentences)
                || !ConlluTrainingInput.TryReadAll(result.GetValue(partial) ?? [], partialSentences, error))
            {
                return Task.FromResult(ExitCodes.Usage);
            }

            if (!TryBuildWordLexicon(result.GetValue(wordClasses) ?? [], result.GetValue(wordNet), result.GetValue(taggedWords), error, out var wordLexicon))
            {
                return Task.FromResult(ExitCodes.Usage);
            }

            var options = new MorphTrainingOptions
            {
                WordLexicon = wordLexicon,
                Language = lang,
                Epochs = result.GetValue(epochs),
                Seed = result.GetValue(seed),
                MinimumWeight = result.GetValue(minimumWeight),
                TwoPassPos = result.GetValue(passes) == 2,
                MinimumScriptCount = Math.Max(1, result.GetValue(minimumScriptCount)),
                AmbiguityMinimumCount = Math.Max(1, result.GetValue(ambiguityMinimumCount)),
                AmbiguityFolds = result.GetValue(ambiguityFolds),
                PosMargin = Math.Max(0, result.GetValue(posMargin)),
            };
            var report = new StringBuilder();
            report.AppendLine("# Lagebild morphology model (tagger.bin): part of speech, UD features, lemma.");
            report.AppendLine(CultureInfo.InvariantCulture, $"command: lagebild {string.Join(' ', result.Tokens.Select(t => t.Value))}");
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

            var directory = result.GetValue(output)!;
            Directory.CreateDirectory(directory);
            var modelPath = Path.Combine(directory, MorphologyAnalyzer.ModelFileName);
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
            return Task.FromResult(ExitCodes.Success);
        });
        return command;
    }

    /// <summary>The word lexicon of --word-classes and --wordnet, or null when neither is given.</summary>
    private static bool TryBuildWordLexicon(string[] classes, string? wordNetDirectory, string? taggedWordFile, TextWriter error, out WordLexicon? lexicon)
    {
        lexicon = null;
        if (classes.Length == 0 && wordNetDirectory is null && taggedWordFile is null)
        {
            return true;
        }

        if (classes.Length > WordLexicon.MaxFrequencyClass)
        {
            error.WriteLine($"lagebild: --word-classes takes at most {WordLexicon.MaxFrequencyClass} classes.");
            return false;
        }

        var builder = new WordLexicon.Builder();
        for (var i = 0; i < classes.Length; i++)
        {
            foreach (var file in classes[i].Split(',', StringSplitOptions.RemoveEmptyEntries))
            {
                if (!File.Exists(file))
                {
                    error.WriteLine($"lagebild: --word-classes: file '{file}' not found.");
                    return false;
                }

                builder.AddWordClass(File.ReadLines(file), i + 1);
            }
        }

        if (wordNetDirectory is not null)
        {
            string[] files = ["index.noun", "index.verb", "index.adj", "index.adv", "noun.exc", "verb.exc", "adj.exc"];
            if (files.FirstOrDefault(f => !File.Exists(Path.Combine(wordNetDirectory, f))) is { } missing)
            {
                error.WriteLine($"lagebild: --wordnet: '{Path.Combine(wordNetDirectory, missing)}' not found.");
                return false;
            }

            builder.AddWordNet(wordNetDirectory);
        }

        if (taggedWordFile is not null)
        {
            if (!File.Exists(taggedWordFile))
            {
                error.WriteLine($"lagebild: --lexicon-pos: file '{taggedWordFile}' not found.");
                return false;
            }

            try
            {
                builder.AddTaggedWords(File.ReadLines(taggedWordFile));
            }
            catch (InvalidDataException exception)
            {
                error.WriteLine($"lagebild: --lexicon-pos: {exception.Message}");
                return false;
            }
        }

        lexicon = builder.Build();
        return true;
    }
}
