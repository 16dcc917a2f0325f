using System.Diagnostics;
using System.Globalization;
using Lagebild.Documents;
using Lagebild.Nlp.Conllu;
using Lagebild.Text.Segmentation;

namespace Lagebild.Evaluation;

/// <summary>What `eval tokens` is asked to measure: a treebank, the language profile, and how many errors to list.</summary>
public sealed record SegmentationEvaluationRecipeOptions
{
    /// <summary>A CoNLL-U file (e.g. ../shared/data/ud/de_gsd/de_gsd-ud-dev.conllu).</summary>
    public required string File { get; init; }

    /// <summary>Language profile: de, en, or any code (neutral).</summary>
    public required string Language { get; init; }

    public required DataDirectory Data { get; init; }

    /// <summary>Missed and spurious gold tokens and sentences listed, each kind up to this many.</summary>
    public int ShowErrors { get; init; }
}

/// <summary>
/// The recipe of `lagebild eval tokens`: rebuilds the raw text of a UD treebank, runs the sentence splitter and
/// tokenizer over it and prints the CoNLL 2018 token and sentence scores.
/// </summary>
public static class SegmentationEvaluationRecipe
{
    /// <summary>Measures and prints to <paramref name="output"/>; refused for a missing file, unreadable for a malformed one.</summary>
    public static RecipeOutcome Run(SegmentationEvaluationRecipeOptions recipe, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(recipe);
        ArgumentNullException.ThrowIfNull(output);
        var path = recipe.File;
        if (!System.IO.File.Exists(path))
        {
            return RecipeOutcome.Refused($"{path}: no such file.");
        }

        GoldSegmentation gold;
        try
        {
            gold = ConllSegmentationEvaluation.Reconstruct(ConlluReader.ReadFile(path));
        }
        catch (Exception exception) when (exception is InvalidDataException or FormatException)
        {
            return RecipeOutcome.Unreadable($"{path}: {exception.Message}");
        }

        var profile = new SegmentationProfiles(recipe.Data).For(recipe.Language);
        var watch = Stopwatch.StartNew();
        var kept = ConllSegmentationEvaluation.Evaluate(gold, profile.WithHyphens(HyphenConvention.KeepCompounds));
        var seconds = watch.Elapsed.TotalSeconds;
        var split = ConllSegmentationEvaluation.Evaluate(gold, profile.WithHyphens(HyphenConvention.SplitCompounds));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{path} (profile '{profile.Language}', {gold.Text.Length:N0} characters)"));
        Print(output, "tokens (UD convention: hyphenated compounds split)", split.Tokens);
        Print(output, "tokens (engine default: hyphenated compounds kept)", kept.Tokens);
        Print(output, "sentences", kept.Sentences);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"time: {seconds * 1000:F0} ms for segmentation, tokenisation and scoring"));
        var count = recipe.ShowErrors;
        if (count > 0)
        {
            PrintMissed(output, "missed tokens", gold.Text, gold.Tokens, split.SystemTokens, count, 12);
            PrintMissed(output, "missed sentences", gold.Text, gold.Sentences, split.SystemSentences, count, 25);
            PrintMissed(output, "spurious tokens", gold.Text, split.SystemTokens, gold.Tokens, count, 12);
            PrintMissed(output, "spurious sentences", gold.Text, split.SystemSentences, gold.Sentences, count, 25);
        }

        return RecipeOutcome.Done;
    }

    private static void Print(TextWriter output, string label, SpanScore score) =>
        output.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"{label,-52} P {score.Precision * 100:F2}  R {score.Recall * 100:F2}  F1 {score.F1 * 100:F2}  (gold {score.Gold}, system {score.System}, correct {score.Correct})"));

    private static void PrintMissed(TextWriter output, string label, string text, IReadOnlyList<Span> gold, IReadOnlyList<Span> system, int count, int context)
    {
        output.WriteLine($"{label}:");
        foreach (var span in ConllSegmentationEvaluation.Missed(text, gold, system).Take(count))
        {
            var from = Math.Max(0, span.Start - context);
            var to = Math.Min(text.Length, span.End + context);
            var shown = context == 0 ? span.Of(text) : $"{text[from..span.Start]}[{span.Of(text)}]{text[span.End..to]}";
            output.WriteLine("  " + shown.ReplaceLineEndings(" "));
        }
    }
}
