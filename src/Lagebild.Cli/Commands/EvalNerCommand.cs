using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Lagebild.Nlp.Entities;

namespace Lagebild.Cli.Commands;

/// <summary>
/// `lagebild eval ner --lang de GOLD`: tags the tokens of a gold file and prints exact-span micro P/R/F1 per type and
/// overall (conlleval-style). Gold tags: OTH → MISC (or O with --oth o), B-O/I-O and *deriv/*part → O.
/// </summary>
internal static class EvalNerCommand
{
    public static Command Create()
    {
        var language = new Option<string>("--lang") { Description = "Language of the gold data (de, en).", Required = true };
        var model = NerCommand.ModelOption();
        var holdOut = new Option<int>("--holdout-every") { Description = "Score only every N-th sentence (index % N == N-1), the part `train ner --holdout-every N` held back; 0: all." };
        var other = new Option<string>("--oth") { Description = "Gold OTH tags as: misc or o.", DefaultValueFactory = _ => "misc" };
        var gold = new Argument<string>("gold") { Description = "Gold file: token and BIO tag per line (UNER, GermEval, WikiANN layouts)." };
        var errors = new Option<string?>("--errors") { Description = "Write the sentences with a wrong or missed mention to this file (token, gold and predicted label per line)." };
        var command = new Command("ner", "Score the entity recogniser against gold BIO data (exact span and type).") { language, model, holdOut, other, errors, gold };
        command.SetAction(result =>
        {
            var output = result.InvocationConfiguration.Output;
            var error = result.InvocationConfiguration.Error;
            var path = result.GetValue(gold)!;
            if (!File.Exists(path))
            {
                error.WriteLine($"lagebild: gold file '{path}' not found.");
                return ExitCodes.Usage;
            }

            if (NerTrainingRecipe.ParseOther(result.GetValue(other)) is not { } mapping)
            {
                error.WriteLine("lagebild: --oth must be misc or o.");
                return ExitCodes.Usage;
            }

            var every = result.GetValue(holdOut);
            if (every is 1 or < 0)
            {
                error.WriteLine("lagebild: --holdout-every must be 0 or at least 2.");
                return ExitCodes.Usage;
            }

            var loadClock = Stopwatch.StartNew();
            var recognizer = NerCommand.LoadRecognizer(result.GetValue(language)!, result.GetValue(model), error);
            if (recognizer is null)
            {
                return ExitCodes.Usage;
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
            using var errorWriter = result.GetValue(errors) is { } errorFile ? new StreamWriter(errorFile) : null;
            var evaluation = NerEvaluation.Run(recognizer, sentences, errorWriter is null ? null : (sentence, predicted) => WriteErrors(errorWriter, sentence, predicted));
            clock.Stop();
            process.Refresh();
            var cpu = (process.TotalProcessorTime - cpuBefore).TotalSeconds;
            output.Write(evaluation.Format());
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"model load {loadClock.Elapsed.TotalMilliseconds:F0} ms; tagging {evaluation.Tokens / Math.Max(clock.Elapsed.TotalSeconds, 1e-9):F0} tokens/s wall, {evaluation.Tokens / Math.Max(cpu, 1e-9):F0} tokens per CPU second"));
            return ExitCodes.Success;
        });
        return command;
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
