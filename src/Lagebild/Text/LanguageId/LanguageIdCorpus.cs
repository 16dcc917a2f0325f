namespace Lagebild.Text.LanguageId;

public enum CorpusSplit
{
    Train,
    Test,
}

/// <summary>One labelled text: language (ISO 639-1), the text, where it came from and which split it belongs to.</summary>
public sealed record LabeledText(string Language, string Text, string Source, CorpusSplit Split);

/// <summary>
/// The training and held-out sentences under ../shared/data, with fixed splits so that no held-out sentence is ever
/// trained on:
/// <list type="bullet">
/// <item>langid/pud/&lt;iso&gt;.txt: the same 1,000 sentences in every language; lines 0–799 train, 800–999 test.</item>
/// <item>ud/en_ewt: train file trains, dev file tests.</item>
/// <item>ud/de_gsd dev: sentences 0–599 train, 600–798 test.</item>
/// </list>
/// ud/de_pud is not read: its sentences are exactly langid/pud/de.txt, already covered by the PUD split.
/// </summary>
public static class LanguageIdCorpus
{
    public const int PudTrainSentences = 800;
    public const int GsdTrainSentences = 600;

    public static IEnumerable<LabeledText> Read(string dataRoot, CorpusSplit split)
    {
        ArgumentNullException.ThrowIfNull(dataRoot);
        var pud = Path.Combine(dataRoot, "langid", "pud");
        if (!Directory.Exists(pud))
        {
            throw new DirectoryNotFoundException($"PUD sentences not found at '{pud}'.");
        }

        foreach (var file in Directory.GetFiles(pud, "*.txt").Order(StringComparer.Ordinal))
        {
            var language = Path.GetFileNameWithoutExtension(file);
            if (language.Length != 2 || !language.All(char.IsAsciiLetterLower))
            {
                continue;
            }

            var index = 0;
            foreach (var line in File.ReadLines(file))
            {
                var lineSplit = index++ < PudTrainSentences ? CorpusSplit.Train : CorpusSplit.Test;
                if (lineSplit == split && !string.IsNullOrWhiteSpace(line))
                {
                    yield return new LabeledText(language, line, "pud", split);
                }
            }
        }

        var ewt = Path.Combine(dataRoot, "ud", "en_ewt", split == CorpusSplit.Train ? "en_ewt-ud-train.conllu" : "en_ewt-ud-dev.conllu");
        foreach (var sentence in ReadConlluText(ewt))
        {
            yield return new LabeledText("en", sentence, "en_ewt", split);
        }

        var gsd = Path.Combine(dataRoot, "ud", "de_gsd", "de_gsd-ud-dev.conllu");
        var gsdIndex = 0;
        foreach (var sentence in ReadConlluText(gsd))
        {
            var sentenceSplit = gsdIndex++ < GsdTrainSentences ? CorpusSplit.Train : CorpusSplit.Test;
            if (sentenceSplit == split)
            {
                yield return new LabeledText("de", sentence, "de_gsd", split);
            }
        }
    }

    /// <summary>Fewest letters a held-out text needs to be scored: a line of "=====" is no sentence in any language.</summary>
    public const int MinLettersToScore = 10;

    /// <summary>Whether a held-out text is scored: at least <paramref name="minChars"/> characters and some letters.</summary>
    public static bool IsScorable(string text, int minChars)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length < minChars)
        {
            return false;
        }

        var letters = 0;
        foreach (var c in text)
        {
            if (char.IsLetter(c) && ++letters >= MinLettersToScore)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The <c># text = </c> lines of a CoNLL-U file, in order.</summary>
    public static IEnumerable<string> ReadConlluText(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"CoNLL-U file not found: '{path}'.", path);
        }

        const string prefix = "# text = ";
        foreach (var line in File.ReadLines(path))
        {
            if (line.StartsWith(prefix, StringComparison.Ordinal))
            {
                var text = line[prefix.Length..].Trim();
                if (text.Length > 0)
                {
                    yield return text;
                }
            }
        }
    }
}
