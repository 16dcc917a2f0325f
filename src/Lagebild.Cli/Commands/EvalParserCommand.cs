using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Lagebild.Nlp.Conllu;
using Lagebild.Nlp.Morphology;
using Lagebild.Nlp.Parsing;

namespace Lagebild.Cli.Commands;

/// <summary>
/// `lagebild eval parser --lang de GOLD.conllu`: UAS and LAS on the gold words (CoNLL 2018 style, punctuation
/// included) with gold tags and, when the language has a tagger model, with predicted tags; plus model load time
/// and parsing speed in words per second.
/// </summary>
internal static class EvalParserCommand
{
    public static Command Create()
    {
        var language = new Option<string>("--lang") { Description = "Language of the gold data (de, en).", Required = true };
        var model = new Option<string?>("--model") { Description = "Parser model to use instead of data/models/<lang>/parser.bin." };
        var every = new Option<int>("--every")
        {
            Description = "Score only every Nth sentence (N, 2N, ...), e.g. the held-out part of a file trained with --dev-every N.",
            DefaultValueFactory = _ => 1,
        };
        var gold = new Argument<string>("gold") { Description = "Gold CoNLL-U file." };
        var command = new Command("parser", "Score the dependency parser on gold CoNLL-U.") { language, model, every, gold };
        command.SetAction(result =>
        {
            var output = result.InvocationConfiguration.Output;
            var error = result.InvocationConfiguration.Error;
            var path = result.GetValue(gold)!;
            var step = result.GetValue(every);
            var lang = result.GetValue(language)!;
            var modelPath = result.GetValue(model);
            if (!File.Exists(path) || step < 1 || (modelPath is not null && !File.Exists(modelPath)))
            {
                error.WriteLine($"lagebild: gold file '{path}' or model not found, or --every below 1.");
                return ExitCodes.Usage;
            }

            var watch = Stopwatch.StartNew();
            var parser = DependencyParser.Load(DataDirectory.Default(), lang, modelPath);
            var loadSeconds = watch.Elapsed.TotalSeconds;
            if (parser is null)
            {
                error.WriteLine($"lagebild: no parser model for language '{lang}' (expected data/models/{lang}/{DependencyParser.ModelFileName}).");
                return ExitCodes.Usage;
            }

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

            // Warm up once so the speed figure measures parsing, not JIT compilation.
            ParserEvaluation.Evaluate(parser, sentences.Take(50).ToList());
            var (scores, wordsPerSecond) = ParserEvaluation.Evaluate(parser, sentences);
            output.WriteLine($"gold tags: {scores}");
            var tagger = MorphologyAnalyzer.Load(DataDirectory.Default(), lang)?.Tagger;
            if (tagger is not null)
            {
                var (predicted, taggedWordsPerSecond) = ParserEvaluation.Evaluate(parser, sentences, tagger);
                output.WriteLine($"predicted tags: {predicted}");
                output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"tagging+parsing {taggedWordsPerSecond:F0} words per CPU second (one thread)"));
            }

            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"model load {loadSeconds:F2} s, parsing {wordsPerSecond:F0} words per CPU second (one thread)"));
            return ExitCodes.Success;
        });
        return command;
    }
}
