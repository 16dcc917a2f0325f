using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Lagebild.Text.LanguageId;

/// <summary>What `train langid` is asked to do: where the shared data is, where the model goes, and its settings.</summary>
public sealed record LanguageIdTrainingRecipeOptions
{
    /// <summary>Shared data root (langid/pud, ud/...).</summary>
    public required string DataRoot { get; init; }

    /// <summary>Folder that receives langid.bin and training.json.</summary>
    public required string OutputDirectory { get; init; }

    /// <summary>The command line recorded in training.json, so that the model can be rebuilt from it.</summary>
    public required string CommandLine { get; init; }

    public LanguageIdTrainingOptions Model { get; init; } = new();
}

/// <summary>
/// The recipe of `lagebild train langid`: trains the character n-gram language identifier on the training split,
/// evaluates it on the held-out split and writes langid.bin plus training.json (command line, options, size and
/// held-out scores). Deterministic: the same data gives the same bytes.
/// </summary>
public static class LanguageIdTrainingRecipe
{
    private static readonly JsonSerializerOptions JsonOptions = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Trains and writes the model, reporting scores to <paramref name="log"/>; refused when an option or the data is wrong.</summary>
    public static RecipeOutcome Run(LanguageIdTrainingRecipeOptions recipe, TextWriter log)
    {
        ArgumentNullException.ThrowIfNull(recipe);
        ArgumentNullException.ThrowIfNull(log);
        var options = recipe.Model;
        if (options.MaxOrder is < 1 or > CharNGramHasher.MaxSupportedOrder || options.Smoothing <= 0 || options.MinCount < 1)
        {
            return RecipeOutcome.Refused("--order must be 1..8, --smoothing > 0, --min-count >= 1.");
        }

        var dataRoot = recipe.DataRoot;
        if (!Directory.Exists(Path.Combine(dataRoot, "langid", "pud")))
        {
            return RecipeOutcome.Refused($"no langid/pud under --data '{dataRoot}'.");
        }

        var trainer = new LanguageIdTrainer(options);
        var perLanguage = new SortedDictionary<string, int>(StringComparer.Ordinal);
        foreach (var text in LanguageIdCorpus.Read(dataRoot, CorpusSplit.Train))
        {
            trainer.Add(text.Language, text.Text);
            perLanguage[text.Language] = perLanguage.GetValueOrDefault(text.Language) + 1;
        }

        var model = trainer.Build();
        Directory.CreateDirectory(recipe.OutputDirectory);
        var modelPath = Path.Combine(recipe.OutputDirectory, LanguageIdentifier.ModelFileName);
        model.Save(modelPath);

        // Score the model as loaded from disk, which is what users get.
        var identifier = LanguageIdentifier.Load(modelPath);
        var evaluation = LanguageIdEvaluation.Run(t => identifier.Identify(t).Code, LanguageIdCorpus.Read(dataRoot, CorpusSplit.Test));
        log.Write(evaluation.Format());
        var size = new FileInfo(modelPath).Length;
        log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"model: {modelPath} ({size:N0} bytes, {model.NGramCount:N0} n-grams, {model.Languages.Count} languages, {trainer.TextCount:N0} training texts)"));

        var metadata = new JsonObject
        {
            ["command"] = recipe.CommandLine,
            ["method"] = model.Settings.Method,
            ["options"] = JsonSerializer.SerializeToNode(options),
            ["trainingTexts"] = JsonSerializer.SerializeToNode(perLanguage),
            ["split"] = "langid/pud lines 0-799 train, 800-999 test; ud/en_ewt train file trains, dev file tests; ud/de_gsd dev sentences 0-599 train, 600-798 test; ud/de_pud skipped (same sentences as langid/pud/de.txt)",
            ["modelBytes"] = size,
            ["ngrams"] = model.NGramCount,
            ["heldOut"] = EvaluationJson(evaluation),
        };
        var json = metadata.ToJsonString(JsonOptions);
        File.WriteAllText(Path.Combine(recipe.OutputDirectory, "training.json"), json + "\n");
        return RecipeOutcome.Done;
    }

    /// <summary>Held-out scores as recorded in training.json: overall, by language and by source.</summary>
    public static JsonObject EvaluationJson(LanguageIdEvaluation evaluation)
    {
        ArgumentNullException.ThrowIfNull(evaluation);
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
