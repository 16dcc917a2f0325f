using System.Diagnostics;
using System.Globalization;

namespace Lagebild.Nlp.Entities;

/// <summary>What `eval ner` is asked to measure: the gold file, the model, and which part of the file.</summary>
public sealed record NerEvaluationRecipeOptions
{
    /// <summary>Language of the gold data (de, en).</summary>
    public required string Language { get; init; }

    /// <summary>Gold file: token and BIO tag per line (UNER, GermEval, WikiANN layouts).</summary>
    public required string GoldFile { get; init; }

    /// <summary>Model file; null: the shipped model of the language.</summary>
    public string? ModelFile { get; init; }

    public required DataDirectory Data { get; init; }

    /// <summary>Score only every N-th sentence (index % N == N-1), the part `train ner --holdout-every N` held back; 0: all.</summary>
    public int HoldOutEvery { get; init; }

    /// <summary>Gold OTH tags as "misc" or "o".</summary>
    public string OtherTags { get; init; } = "misc";

    /// <summary>File that receives the sentences with a wrong or missed mention (token, gold and predicted label per line), or null.</summary>
    public string? ErrorsFile { get; init; }
}

/// <summary>
/// The recipe of `lagebild eval ner`: tags the tokens of a gold file and prints exact-span micro P/R/F1 per type
/// and overall (conlleval-style), with model load time and tagging speed. Gold tags: OTH → MISC (or O), B-O/I-O and
/// *deriv/*part → O.
/// </summary>
public static class NerEvaluationRecipe
{
    /// <summary>Measures and prints to <paramref name="output"/>; refused when an option, the gold file or the model is wrong.</summary>
    public static RecipeOutcome Run(NerEvaluationRecipeOptions recipe, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(recipe);
        ArgumentNullException.ThrowIfNull(output);
        var path = recipe.GoldFile;
        if (!File.Exists(path))
        {
            return RecipeOutcome.Refused($"gold file '{path}' not found.");
        }

        if (NerTrainingRecipe.ParseOther(recipe.OtherTags) is not { } mapping)
        {
            return RecipeOutcome.Refused("--oth must be misc or o.");
        }

        var every = recipe.HoldOutEvery;
        if (every is 1 or < 0)
        {
            return RecipeOutcome.Refused("--holdout-every must be 0 or at least 2.");
        }

        var loadClock = Stopwatch.StartNew();
        if (LoadRecognizer(recipe.Data, recipe.Language, recipe.ModelFile, out var problem) is not { } recognizer)
        {
            return RecipeOutcome.Refused(problem!);
        }

        loadClock.Stop();
        var sentences = NerCorpus.Read(path, mapping);
        if (every >= 2)
        {
            sentences = NerCorpus.HoldOut(sentences, every).HeldOut;
        }

        // CPU time as well as wall time: the machine may be shared, and CPU seconds measure the tagger itself.
        using var process = Process.GetCurrentProcess();
        var cpuBefore = process.TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        // Parts of speech, when the model reads them, come from the shipped tagger as in the pipeline (timed too).
        using var errorWriter = recipe.ErrorsFile is { } errorFile ? new StreamWriter(errorFile) : null;
        var evaluation = NerEvaluation.Run(recognizer, sentences, errorWriter is null ? null : (sentence, predicted) => WriteErrors(errorWriter, sentence, predicted));
        clock.Stop();
        process.Refresh();
        var cpu = (process.TotalProcessorTime - cpuBefore).TotalSeconds;
        output.Write(evaluation.Format());
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"model load {loadClock.Elapsed.TotalMilliseconds:F0} ms; tagging {evaluation.Tokens / Math.Max(clock.Elapsed.TotalSeconds, 1e-9):F0} tokens/s wall, {evaluation.Tokens / Math.Max(cpu, 1e-9):F0} tokens per CPU second"));
        return RecipeOutcome.Done;
    }

    /// <summary>The recogniser of a model file (with the shipped tagger), or the shipped one of the language; null with the problem when there is none.</summary>
    public static EntityRecognizer? LoadRecognizer(DataDirectory data, string language, string? modelPath, out string? problem)
    {
        ArgumentNullException.ThrowIfNull(data);
        problem = null;
        if (modelPath is not null)
        {
            if (!File.Exists(modelPath))
            {
                problem = $"model '{modelPath}' not found.";
                return null;
            }

            return EntityRecognizer.WithShippedTagger(NerModel.Load(modelPath), data);
        }

        var recognizer = EntityRecognizer.Load(data, language);
        if (recognizer is null)
        {
            problem = $"no entity model for language '{language}' ({EntityRecognizer.ModelPath(data, language)}).";
        }

        return recognizer;
    }

    private static void WriteErrors(TextWriter writer, NerSentence sentence, byte[] predicted)
    {
        if (sentence.Labels.AsSpan().SequenceEqual(predicted))
        {
            return;
        }

        for (var i = 0; i < sentence.Tokens.Length; i++)
        {
            var gold = NerLabels.Name(sentence.Labels[i]);
            var guess = NerLabels.Name(predicted[i]);
            writer.WriteLine(string.Equals(gold, guess, StringComparison.Ordinal) ? $"{sentence.Tokens[i]}\t{gold}" : $"{sentence.Tokens[i]}\t{gold}\t{guess}\t*");
        }

        writer.WriteLine();
    }
}
