using System.CommandLine;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Lagebild.Text.LanguageId;

namespace Lagebild.Cli.Commands;

/// <summary>
/// `lagebild train langid --data ../shared/data --out data/models/langid`: trains the character n-gram language
/// identifier on the training split, evaluates it on the held-out split and writes langid.bin plus training.json
/// (command line, options, size and held-out scores). Deterministic: the same data gives the same bytes.
/// </summary>
internal static class TrainLangIdCommand
{
    private static readonly JsonSerializerOptions JsonOptions = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };


    public static Command Create()
    {
        var defaults = new LanguageIdTrainingOptions();
        var data = new Option<string>("--data") { Description = "Shared data root (langid/pud, ud/...).", DefaultValueFactory = _ => "../shared/data" };
        var output = new Option<string>("--out") { Description = "Output folder of the model.", DefaultValueFactory = _ => "data/models/langid" };
        var order = new Option<int>("--order") { Description = "Longest character n-gram.", DefaultValueFactory = _ => defaults.MaxOrder };
        var smoothing = new Option<double>("--smoothing") { Description = "Additive smoothing of n-gram counts.", DefaultValueFactory = _ => defaults.Smoothing };
        var minCount = new Option<int>("--min-count") { Description = "Drop n-grams seen fewer times over all languages.", DefaultValueFactory = _ => defaults.MinCount };
        var minConfidence = new Option<float>("--min-confidence") { Description = "Below this posterior the answer is 'und'.", DefaultValueFactory = _ => defaults.MinConfidence };
        var minCoverage = new Option<float>("--min-coverage") { Description = "Below this share of known n-grams the answer is 'und'.", DefaultValueFactory = _ => defaults.MinCoverage };
        var command = new Command("langid", "Train the language identifier (naive Bayes over character 1..5-grams).")
        {
            data, output, order, smoothing, minCount, minConfidence, minCoverage,
        };
        command.SetAction(result =>
        {
            var log = result.InvocationConfiguration.Output;
            var error = result.InvocationConfiguration.Error;
            var dataRoot = result.GetValue(data)!;
            var outDirectory = result.GetValue(output)!;
            var options = new LanguageIdTrainingOptions
            {
                MaxOrder = result.GetValue(order),
                Smoothing = result.GetValue(smoothing),
                MinCount = result.GetValue(minCount),
                MinConfidence = result.GetValue(minConfidence),
                MinCoverage = result.GetValue(minCoverage),
            };
            if (options.MaxOrder is < 1 or > CharNGramHasher.MaxSupportedOrder || options.Smoothing <= 0 || options.MinCount < 1)
            {
                error.WriteLine("lagebild: --order must be 1..8, --smoothing > 0, --min-count >= 1.");
                return ExitCodes.Usage;
            }

            if (!Directory.Exists(Path.Combine(dataRoot, "langid", "pud")))
            {
                error.WriteLine($"lagebild: no langid/pud under --data '{dataRoot}'.");
                return ExitCodes.Usage;
            }

            var trainer = new LanguageIdTrainer(options);
            var perLanguage = new SortedDictionary<string, int>(StringComparer.Ordinal);
            foreach (var text in LanguageIdCorpus.Read(dataRoot, CorpusSplit.Train))
            {
                trainer.Add(text.Language, text.Text);
                perLanguage[text.Language] = perLanguage.GetValueOrDefault(text.Language) + 1;
            }

            var model = trainer.Build();
            Directory.CreateDirectory(outDirectory);
            var modelPath = Path.Combine(outDirectory, LanguageIdentifier.ModelFileName);
            model.Save(modelPath);

            // Score the model as loaded from disk, which is what users get.
            var identifier = LanguageIdentifier.Load(modelPath);
            var evaluation = LanguageIdEvaluation.Run(t => identifier.Identify(t).Code, LanguageIdCorpus.Read(dataRoot, CorpusSplit.Test));
            log.Write(evaluation.Format());
            var size = new FileInfo(modelPath).Length;
            log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"model: {modelPath} ({size:N0} bytes, {model.NGramCount:N0} n-grams, {model.Languages.Count} languages, {trainer.TextCount:N0} training texts)"));

            var metadata = new JsonObject
            {
                ["command"] = "lagebild " + string.Join(' ', result.Tokens.Select(t => t.Value)),
                ["method"] = model.Settings.Method,
                ["options"] = JsonSerializer.SerializeToNode(options),
                ["trainingTexts"] = JsonSerializer.SerializeToNode(perLanguage),
                ["split"] = "langid/pud lines 0-799 train, 800-999 test; ud/en_ewt train file trains, dev file tests; ud/de_gsd dev sentences 0-599 train, 600-798 test; ud/de_pud skipped (same sentences as langid/pud/de.txt)",
                ["modelBytes"] = size,
                ["ngrams"] = model.NGramCount,
                ["heldOut"] = EvaluationJson(evaluation),
            };
            var json = metadata.ToJsonString(JsonOptions);
            File.WriteAllText(Path.Combine(outDirectory, "training.json"), json + "\n");
            return ExitCodes.Success;
        });
        return command;
    }

    internal static JsonObject EvaluationJson(LanguageIdEvaluation evaluation)
    {
        static JsonObject Row(LanguageAccuracy row) => new()
        {
            ["total"] = row.Total,
            ["correct"] = row.Correct,
            ["und"] = row.Undetermined,
            ["accuracy"] = Math.Round(row.Accuracy, 4),
        };

        var byLanguage = new JsonObject();
        foreach (var row in evaluation.ByLanguage)
        {
            byLanguage[row.Name] = Row(row);
        }

        var bySource = new JsonObject();
        foreach (var row in evaluation.BySource)
        {
            bySource[row.Name] = Row(row);
        }

        return new JsonObject
        {
            ["minChars"] = evaluation.MinChars,
            ["overall"] = Row(evaluation.Overall),
            ["byLanguage"] = byLanguage,
            ["bySource"] = bySource,
        };
    }
}
