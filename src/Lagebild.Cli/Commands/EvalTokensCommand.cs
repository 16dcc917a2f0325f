using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Lagebild.Documents;
using Lagebild.Evaluation;
using Lagebild.Nlp.Conllu;
using Lagebild.Text.Segmentation;

namespace Lagebild.Cli.Commands;

/// <summary>
/// `lagebild eval tokens --lang de FILE.conllu`: rebuilds the raw text of a UD treebank, runs the sentence
/// splitter and tokenizer over it and prints the CoNLL 2018 token and sentence scores.
/// </summary>
internal static class EvalTokensCommand
{
    public static Command Create()
    {
        var file = new Argument<string>("file") { Description = "A CoNLL-U file (e.g. ../shared/data/ud/de_gsd/de_gsd-ud-dev.conllu)." };
        var language = new Option<string>("--lang") { Description = "Language profile: de, en, or any code (neutral).", Required = true };
        var showErrors = new Option<int>("--show-errors") { Description = "Print this many missed gold tokens and sentences.", DefaultValueFactory = _ => 0 };
        var command = new Command("tokens", "Score sentence segmentation and tokenisation against a CoNLL-U treebank (CoNLL 2018 metrics).")
        {
            file,
            language,
            showErrors,
        };
        command.SetAction(result =>
        {
            var output = result.InvocationConfiguration.Output;
            var error = result.InvocationConfiguration.Error;
            var path = result.GetValue(file)!;
            var code = result.GetValue(language)!;
            if (!File.Exists(path))
            {
                error.WriteLine($"lagebild: {path}: no such file.");
                return ExitCodes.Usage;
            }

            GoldSegmentation gold;
            try
            {
                gold = ConllSegmentationEvaluation.Reconstruct(ConlluReader.ReadFile(path));
            }
            catch (Exception exception) when (exception is InvalidDataException or FormatException)
            {
                error.WriteLine($"{path}: {exception.Message}");
                return ExitCodes.SomeItemsFailed;
            }

            var profile = new SegmentationProfiles(DataDirectory.Default()).For(code);
            var watch = Stopwatch.StartNew();
            var kept = ConllSegmentationEvaluation.Evaluate(gold, profile.WithHyphens(HyphenConvention.KeepCompounds));
            var seconds = watch.Elapsed.TotalSeconds;
            var split = ConllSegmentationEvaluation.Evaluate(gold, profile.WithHyphens(HyphenConvention.SplitCompounds));
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{path} (profile '{profile.Language}', {gold.Text.Length:N0} characters)"));
            Print(output, "tokens (UD convention: hyphenated compounds split)", split.Tokens);
            Print(output, "tokens (engine default: hyphenated compounds kept)", kept.Tokens);
            Print(output, "sentences", kept.Sentences);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"time: {seconds * 1000:F0} ms for segmentation, tokenisation and scoring"));
            var count = result.GetValue(showErrors);
            if (count > 0)
            {
                PrintMissed(output, "missed tokens", gold.Text, gold.Tokens, split.SystemTokens, count, 12);
                PrintMissed(output, "missed sentences", gold.Text, gold.Sentences, split.SystemSentences, count, 25);
                PrintMissed(output, "spurious tokens", gold.Text, split.SystemTokens, gold.Tokens, count, 12);
                PrintMissed(output, "spurious sentences", gold.Text, split.SystemSentences, gold.Sentences, count, 25);
            }

            return ExitCodes.Success;
        });
        return command;
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
