using System.CommandLine;
using Lagebild.Nlp.Conllu;
using Lagebild.Nlp.Morphology;
using Lagebild.Nlp.Parsing;

namespace Lagebild.Cli.Commands;

/// <summary>
/// `lagebild nlp --lang de --format conllu [FILE|-]`: annotates CoNLL-U on its own word segmentation. Comments,
/// multi-word token lines, empty nodes and sentence breaks are kept; the annotation columns are replaced by
/// predictions (HEAD and DEPREL from the parser model when the language has one, else "_"; DEPS stays "_"). A verb
/// whose separated particle was joined gets FullLemma=... in MISC.
/// </summary>
internal static class NlpCommand
{
    public static Command Create()
    {
        var language = new Option<string>("--lang") { Description = "Language of the text (de, en).", Required = true };
        var format = new Option<string>("--format") { Description = "Input and output format: conllu.", DefaultValueFactory = _ => "conllu" };
        var model = ModelOption();
        var input = new Argument<string>("file") { Description = "CoNLL-U file, or '-' for stdin.", DefaultValueFactory = _ => "-" };
        var command = new Command("nlp", "Tag and lemmatise words given as CoNLL-U.") { language, format, model, input };
        command.SetAction(result =>
        {
            var error = result.InvocationConfiguration.Error;
            if (!string.Equals(result.GetValue(format), "conllu", StringComparison.Ordinal))
            {
                error.WriteLine($"lagebild: --format '{result.GetValue(format)}' is not supported; use conllu.");
                return ExitCodes.Usage;
            }

            var analyzer = LoadAnalyzer(result.GetValue(language)!, result.GetValue(model), error);
            if (analyzer is null)
            {
                return ExitCodes.Usage;
            }

            var parser = DependencyParser.Load(DataDirectory.Default(), result.GetValue(language)!);
            var path = result.GetValue(input) ?? "-";
            using var reader = TextInput.TryOpen(path, error);
            if (reader is null)
            {
                return ExitCodes.Usage;
            }

            var output = result.InvocationConfiguration.Output;
            try
            {
                foreach (var sentence in ConlluReader.Read(reader))
                {
                    Annotate(analyzer, sentence);
                    parser?.Annotate(sentence);
                    ConlluWriter.Write(output, sentence);
                }
            }
            catch (FormatException exception)
            {
                error.WriteLine($"{path}: {exception.Message}");
                return ExitCodes.SomeItemsFailed;
            }

            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>Replaces the sentence's annotation by the analyser's predictions.</summary>
    internal static void Annotate(MorphologyAnalyzer analyzer, ConlluSentence sentence)
    {
        var analyses = analyzer.Analyze(sentence.Forms());
        for (var i = 0; i < analyses.Length; i++)
        {
            var word = sentence.Words[i];
            var analysis = analyses[i];
            word.ClearAnnotation();
            word.Upos = analysis.Upos;
            word.Xpos = analysis.Xpos;
            word.Feats = analysis.Feats;
            word.Lemma = analysis.Lemma;
            var misc = RemoveMisc(word.Misc, "FullLemma");
            if (!string.Equals(analysis.FullLemma, analysis.Lemma, StringComparison.Ordinal))
            {
                misc = misc == "_" ? $"FullLemma={analysis.FullLemma}" : $"{misc}|FullLemma={analysis.FullLemma}";
            }

            word.Misc = misc;
        }
    }

    private static string RemoveMisc(string misc, string key)
    {
        if (misc == "_" || !misc.Contains(key, StringComparison.Ordinal))
        {
            return misc;
        }

        var kept = misc.Split('|').Where(part => !part.StartsWith(key + "=", StringComparison.Ordinal)).ToArray();
        return kept.Length == 0 ? "_" : string.Join('|', kept);
    }

    internal static Option<string?> ModelOption() => new("--model")
    {
        Description = "Model file to use instead of data/models/<lang>/tagger.bin.",
    };

    internal static MorphologyAnalyzer? LoadAnalyzer(string language, string? modelPath, TextWriter error)
    {
        var analyzer = TaggerEvaluationRecipe.LoadAnalyzer(DataDirectory.Default(), language, modelPath, out var problem);
        if (analyzer is null)
        {
            error.WriteLine($"lagebild: {problem}");
        }

        return analyzer;
    }
}
