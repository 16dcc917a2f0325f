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
        var prune = new Option<float>("--prune")
        {
            Description = "Drop weights below this magnitude before scoring, to measure the size/speed/accuracy trade-off.",
            DefaultValueFactory = _ => 0f,
        };
        var margin = new Option<float?>("--second-pass-margin")
        {
            Description = "Keep first-pass POS labels that won by at least this score margin (speed/accuracy trade-off).",
        };
        var lemmaMargin = new Option<float?>("--lemma-vocabulary-margin")
        {
            Description = "How far below the best edit script one yielding a known lemma may score and still win (0: never).",
        };
        var gold = new Argument<string>("gold") { Description = "Gold CoNLL-U file." };
        var command = new Command("nlp", "Score the tagger and lemmatiser on gold CoNLL-U.") { language, model, every, prune, margin, lemmaMargin, gold };
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

            using var process = Process.GetCurrentProcess();
            var cpuBefore = process.TotalProcessorTime;
            var watch = Stopwatch.StartNew();
            var analyzer = NlpCommand.LoadAnalyzer(result.GetValue(language)!, result.GetValue(model), error);
            if (analyzer is null)
            {
                return ExitCodes.Usage;
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
                error.WriteLine($"{path}: {exception.Message}");
                return ExitCodes.SomeItemsFailed;
            }

            var tagger = result.GetValue(prune) > 0 ? analyzer.Tagger.Pruned(result.GetValue(prune)) : analyzer.Tagger;
            if (result.GetValue(margin) is { } secondPassMargin)
            {
                tagger = tagger.WithSecondPassMargin(secondPassMargin);
            }

            if (result.GetValue(lemmaMargin) is { } lemmaVocabularyMargin)
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
            return ExitCodes.Success;
        });
        return command;
    }
}
