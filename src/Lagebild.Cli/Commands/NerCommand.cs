using System.CommandLine;
using Lagebild.Nlp.Entities;

namespace Lagebild.Cli.Commands;

/// <summary>
/// `lagebild ner --lang de|en --format conll [FILE|-]`: reads one token per line (first column; other columns and
/// '#' comment lines ignored; blank lines between sentences) and writes "token&lt;TAB&gt;BIO-tag" per token with a
/// blank line after every sentence. Tags: B-/I- over PER, ORG, LOC, MISC, and O.
/// </summary>
internal static class NerCommand
{
    public static Command Create()
    {
        var language = new Option<string>("--lang") { Description = "Language of the text (de, en).", Required = true };
        var format = new Option<string>("--format") { Description = "Input and output format: conll.", DefaultValueFactory = _ => "conll" };
        var model = ModelOption();
        var input = new Argument<string>("file") { Description = "One token per line, or '-' for stdin.", DefaultValueFactory = _ => "-" };
        var command = new Command("ner", "Mark named entities (PER, ORG, LOC, MISC) in tokens given one per line.") { language, format, model, input };
        command.SetAction(result =>
        {
            var error = result.InvocationConfiguration.Error;
            if (!string.Equals(result.GetValue(format), "conll", StringComparison.Ordinal))
            {
                error.WriteLine($"lagebild: --format '{result.GetValue(format)}' is not supported; use conll.");
                return ExitCodes.Usage;
            }

            var recognizer = LoadRecognizer(result.GetValue(language)!, result.GetValue(model), error);
            if (recognizer is null)
            {
                return ExitCodes.Usage;
            }

            var path = result.GetValue(input) ?? "-";
            using var reader = TextInput.TryOpen(path, error);
            if (reader is null)
            {
                return ExitCodes.Usage;
            }

            var output = result.InvocationConfiguration.Output;
            // The input is one stream: a model with a mention memory marks repeats of mentions found in earlier sentences.
            var memory = recognizer.NewDocumentMemory();
            foreach (var sentence in ConllTokenReader.ReadSentences(reader))
            {
                var tags = recognizer.Tag(sentence, memory: memory);
                for (var i = 0; i < sentence.Count; i++)
                {
                    output.Write(sentence[i]);
                    output.Write('\t');
                    output.Write(tags[i]);
                    output.Write('\n');
                }

                output.Write('\n');
            }

            return ExitCodes.Success;
        });
        return command;
    }

    internal static Option<string?> ModelOption() =>
        new("--model") { Description = "Model file (default: data/models/<lang>/ner.bin)." };

    internal static EntityRecognizer? LoadRecognizer(string language, string? modelPath, TextWriter error)
    {
        var recognizer = NerEvaluationRecipe.LoadRecognizer(DataDirectory.Default(), language, modelPath, out var problem);
        if (recognizer is null)
        {
            error.WriteLine($"lagebild: {problem}");
        }

        return recognizer;
    }
}
