using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Lagebild.Nlp.Conllu;
using Lagebild.Nlp.Morphology;

namespace Lagebild.Cli.Commands;

/// <summary>
/// `lagebild eval nlp --lang de GOLD.conllu`: UPOS, XPOS, UFeats, AllTags and Lemma accuracy on the gold words
/// (CoNLL 2018 style), plus model load time and tagging speed in words per second.
/// </summary>
internal static class EvalNlpCommand
{
    public static Command Create()
    {
        var language = new Option<string>("--lang") { Description = "Language of the gold data (de, en).", Required = true };
        var model = NlpCommand.ModelOption();
        var every = new Option<int>("--every")
        {
            Description = "Score only every Nth sentence (N, 2N, ...), e.g. the held-out part of a file trained with --dev-every N.",
            DefaultValueFactory = _ => 1,
        };
        var gold = new Argument<string>("gold") { Description = "Gold CoNLL-U file." };
        var command = new Command("nlp", "Score the tagger and lemmatiser on gold CoNLL-U.") { language, model, every, gold };
        command.SetAction(result =>
        {
            var output = result.InvocationConfiguration.Output;
            var error = result.InvocationConfiguration.Error;
            var path = result.GetValue(gold)!;
            var step = result.GetValue(every);
            if (!File.Exists(path) || step < 1)
            {
                error.WriteLine($"lagebild: gold file '{path}' not found or --every below 1.");
                return ExitCodes.Usage;
            }

            var watch = Stopwatch.StartNew();
            var analyzer = NlpCommand.LoadAnalyzer(result.GetValue(language)!, result.GetValue(model), error);
            if (analyzer is null)
            {
                return ExitCodes.Usage;
            }

            var loadSeconds = watch.Elapsed.TotalSeconds;
            List<ConlluSentence> sentences;
            try
            {
                sentences = [.. ConlluReader.ReadFile(path).Where((_, i) => i % step == step - 1)];
            }
            catch (FormatException exception)
            {
                error.WriteLine($"{path}: {exception.Message}");
                return ExitCodes.SomeItemsFailed;
            }

            // Warm up once so the speed figure measures tagging, not JIT compilation.
            MorphEvaluator.Evaluate(analyzer.Tagger, sentences.Take(50).ToList());
            var (scores, wordsPerSecond) = MorphEvaluator.Evaluate(analyzer.Tagger, sentences);
            output.WriteLine(scores.ToString());
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"model load {loadSeconds:F2} s, tagging+lemmatising {wordsPerSecond:F0} words/s (one thread)"));
            return ExitCodes.Success;
        });
        return command;
    }
}
