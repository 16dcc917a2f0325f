using System.Diagnostics;
using System.Globalization;
using Lagebild.Nlp.Conllu;

namespace Lagebild.Nlp.Morphology;

/// <summary>What `eval nlp` is asked to measure: the gold CoNLL-U file, the model, and trade-off settings to try.</summary>
public sealed record TaggerEvaluationRecipeOptions
{
    /// <summary>Language of the gold data (de, en).</summary>
    public required string Language { get; init; }

    /// <summary>Gold CoNLL-U file.</summary>
    public required string GoldFile { get; init; }

    /// <summary>Model file; null: the shipped tagger of the language.</summary>
    public string? ModelFile { get; init; }

    public required DataDirectory Data { get; init; }

    /// <summary>Score only every Nth sentence (N, 2N, ...), e.g. the held-out part of a file trained with dev-every N.</summary>
    public int Every { get; init; } = 1;

    /// <summary>Drop weights below this magnitude before scoring (0: keep all).</summary>
    public float Prune { get; init; }

    /// <summary>Keep first-pass POS labels that won by at least this score margin, or null.</summary>
    public float? SecondPassMargin { get; init; }

    /// <summary>How far below the best edit script one yielding a known lemma may score and still win, or null.</summary>
    public float? LemmaVocabularyMargin { get; init; }
}

/// <summary>
/// The recipe of `lagebild eval nlp`: UPOS, XPOS, UFeats, AllTags and Lemma accuracy on the gold words (CoNLL 2018
/// style), plus model load time and tagging speed in words per second.
/// </summary>
public static class TaggerEvaluationRecipe
{
    /// <summary>Measures and prints to <paramref name="output"/>; refused for a wrong option or model, unreadable for a malformed gold file.</summary>
    public static RecipeOutcome Run(TaggerEvaluationRecipeOptions recipe, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(recipe);
        ArgumentNullException.ThrowIfNull(output);
        var path = recipe.GoldFile;
        var step = recipe.Every;
        if (!File.Exists(path) || step < 1)
        {
            return RecipeOutcome.Refused($"gold file '{path}' not found or --every below 1.");
        }

        using var process = Process.GetCurrentProcess();
        var cpuBefore = process.TotalProcessorTime;
        var watch = Stopwatch.StartNew();
        if (LoadAnalyzer(recipe.Data, recipe.Language, recipe.ModelFile, out var problem) is not { } analyzer)
        {
            return RecipeOutcome.Refused(problem!);
        }

        var loadSeconds = watch.Elapsed.TotalSeconds;
        process.Refresh();
        var loadCpuSeconds = (process.TotalProcessorTime - cpuBefore).TotalSeconds;
        List<ConlluSentence> sentences;
        try
        {
            sentences = [.. ConlluReader.ReadFile(path).Where((_, i) => i % step == step - 1)];
        }
        catch (FormatException exception)
        {
            return RecipeOutcome.Unreadable($"{path}: {exception.Message}");
        }

        var tagger = recipe.Prune > 0 ? analyzer.Tagger.Pruned(recipe.Prune) : analyzer.Tagger;
        if (recipe.SecondPassMargin is { } secondPassMargin)
        {
            tagger = tagger.WithSecondPassMargin(secondPassMargin);
        }

        if (recipe.LemmaVocabularyMargin is { } lemmaVocabularyMargin)
        {
            tagger = tagger.WithLemmaVocabularyMargin(lemmaVocabularyMargin);
        }

        if (!ReferenceEquals(tagger, analyzer.Tagger))
        {
            output.WriteLine($"pruned: {tagger.Describe()}");
        }

        // One untimed pass first, so the speed figure measures optimised code rather than JIT compilation.
        MorphEvaluator.Evaluate(tagger, sentences);
        var (scores, wordsPerSecond) = MorphEvaluator.Evaluate(tagger, sentences);
        output.WriteLine(scores.ToString());
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"model load {loadSeconds:F2} s ({loadCpuSeconds:F2} s CPU), tagging+lemmatising {wordsPerSecond:F0} words per CPU second (one thread)"));
        return RecipeOutcome.Done;
    }

    /// <summary>The analyser of a model file, or the shipped one of the language; null with the problem when there is none.</summary>
    public static MorphologyAnalyzer? LoadAnalyzer(DataDirectory data, string language, string? modelPath, out string? problem)
    {
        ArgumentNullException.ThrowIfNull(data);
        problem = null;
        if (modelPath is not null && !File.Exists(modelPath))
        {
            problem = $"model '{modelPath}' not found.";
            return null;
        }

        var analyzer = MorphologyAnalyzer.Load(data, language, modelPath);
        if (analyzer is null)
        {
            problem = $"no morphology model for language '{language}' (expected data/models/{language}/{MorphologyAnalyzer.ModelFileName}).";
        }

        return analyzer;
    }
}
