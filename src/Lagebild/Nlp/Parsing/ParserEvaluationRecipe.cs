using System.Diagnostics;
using System.Globalization;
using Lagebild.Nlp.Conllu;
using Lagebild.Nlp.Morphology;

namespace Lagebild.Nlp.Parsing;

/// <summary>What `eval parser` is asked to measure: the gold CoNLL-U file, the model, and which part of the file.</summary>
public sealed record ParserEvaluationRecipeOptions
{
    /// <summary>Language of the gold data (de, en).</summary>
    public required string Language { get; init; }

    /// <summary>Gold CoNLL-U file.</summary>
    public required string GoldFile { get; init; }

    /// <summary>Parser model; null: the shipped parser of the language.</summary>
    public string? ModelFile { get; init; }

    public required DataDirectory Data { get; init; }

    /// <summary>Score only every Nth sentence (N, 2N, ...), e.g. the held-out part of a file trained with dev-every N.</summary>
    public int Every { get; init; } = 1;
}

/// <summary>
/// The recipe of `lagebild eval parser`: UAS and LAS on the gold words (CoNLL 2018 style, punctuation included) with
/// gold tags and, when the language has a tagger model, with predicted tags; plus model load time and parsing speed.
/// </summary>
public static class ParserEvaluationRecipe
{
    /// <summary>Measures and prints to <paramref name="output"/>; refused for a wrong option or model, unreadable for a malformed gold file.</summary>
    public static RecipeOutcome Run(ParserEvaluationRecipeOptions recipe, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(recipe);
        ArgumentNullException.ThrowIfNull(output);
        var path = recipe.GoldFile;
        var step = recipe.Every;
        var lang = recipe.Language;
        var modelPath = recipe.ModelFile;
        if (!File.Exists(path) || step < 1 || (modelPath is not null && !File.Exists(modelPath)))
        {
            return RecipeOutcome.Refused($"gold file '{path}' or model not found, or --every below 1.");
        }

        var watch = Stopwatch.StartNew();
        var parser = DependencyParser.Load(recipe.Data, lang, modelPath);
        var loadSeconds = watch.Elapsed.TotalSeconds;
        if (parser is null)
        {
            return RecipeOutcome.Refused($"no parser model for language '{lang}' (expected data/models/{lang}/{DependencyParser.ModelFileName}).");
        }

        List<ConlluSentence> sentences;
        try
        {
            sentences = [.. ConlluReader.ReadFile(path).Where((_, i) => i % step == step - 1)];
        }
        catch (FormatException exception)
        {
            return RecipeOutcome.Unreadable($"{path}: {exception.Message}");
        }

        // Warm up once so the speed figure measures parsing, not JIT compilation.
        ParserEvaluation.Evaluate(parser, sentences.Take(50).ToList());
        var (scores, wordsPerSecond) = ParserEvaluation.Evaluate(parser, sentences);
        output.WriteLine($"gold tags: {scores}");
        var tagger = MorphologyAnalyzer.Load(recipe.Data, lang)?.Tagger;
        if (tagger is not null)
        {
            var (predicted, taggedWordsPerSecond) = ParserEvaluation.Evaluate(parser, sentences, tagger);
            output.WriteLine($"predicted tags: {predicted}");
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"tagging+parsing {taggedWordsPerSecond:F0} words per CPU second (one thread)"));
        }

        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"model load {loadSeconds:F2} s, parsing {wordsPerSecond:F0} words per CPU second (one thread)"));
        return RecipeOutcome.Done;
    }
}
