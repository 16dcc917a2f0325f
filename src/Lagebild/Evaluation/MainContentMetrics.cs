using System.Globalization;
using System.Text;

namespace Lagebild.Evaluation;

/// <summary>Precision and recall of one extracted document against its reference text (word 4-gram shingles).</summary>
public readonly record struct ShingleScore(double Precision, double Recall, int TruePositives, int FalsePositives, int FalseNegatives);

/// <summary>Snippet counts of the trafilatura evaluation: text that must appear (with) and boilerplate that must not (without).</summary>
public readonly record struct SnippetCounts(int TruePositives, int FalseNegatives, int FalsePositives, int TrueNegatives)
{
    public double Precision => TruePositives + FalsePositives == 0 ? 0 : (double)TruePositives / (TruePositives + FalsePositives);

    public double Recall => TruePositives + FalseNegatives == 0 ? 0 : (double)TruePositives / (TruePositives + FalseNegatives);

    public double F1 => MainContentMetrics.F1(Precision, Recall);

    public double Accuracy
    {
        get
        {
            var all = TruePositives + FalseNegatives + FalsePositives + TrueNegatives;
            return all == 0 ? 0 : (double)(TruePositives + TrueNegatives) / all;
        }
    }

    public static SnippetCounts operator +(SnippetCounts a, SnippetCounts b) =>
        new(a.TruePositives + b.TruePositives, a.FalseNegatives + b.FalseNegatives, a.FalsePositives + b.FalsePositives, a.TrueNegatives + b.TrueNegatives);

    public SnippetCounts Add(SnippetCounts other) => this + other;
}

/// <summary>
/// Scores for main-content extraction.
/// Shingles (the article-extraction-benchmark metric): the texts are split into word tokens (runs of Unicode
/// letters, digits and '_', like the regular expression \w+), every run of four consecutive tokens is a shingle,
/// and shingles are compared as multisets. Precision and recall are averaged over documents and F1 is taken
/// from the averages (<see cref="ShingleAverage"/>).
/// Snippets (the trafilatura evaluation): a snippet is found when it occurs in the extracted text, as is or
/// after collapsing whitespace on both sides; counts are summed over the corpus.
/// </summary>
public static class MainContentMetrics
{
    public const int ShingleSize = 4;

    public static double F1(double precision, double recall) => precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);

    /// <summary>Word tokens: maximal runs of letters, digits (any numeric category) and '_'.</summary>
    public static List<string> WordTokens(string? text)
    {
        var tokens = new List<string>();
        if (string.IsNullOrEmpty(text))
        {
            return tokens;
        }

        var start = -1;
        var i = 0;
        while (i < text.Length)
        {
            Rune.DecodeFromUtf16(text.AsSpan(i), out var rune, out var consumed);
            if (IsWordRune(rune))
            {
                if (start < 0)
                {
                    start = i;
                }
            }
            else if (start >= 0)
            {
                tokens.Add(text[start..i]);
                start = -1;
            }

            i += Math.Max(1, consumed);
        }

        if (start >= 0)
        {
            tokens.Add(text[start..]);
        }

        return tokens;
    }

    private static bool IsWordRune(Rune rune)
    {
        if (rune.Value == '_')
        {
            return true;
        }

        return Rune.GetUnicodeCategory(rune) switch
        {
            UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter or UnicodeCategory.TitlecaseLetter
                or UnicodeCategory.ModifierLetter or UnicodeCategory.OtherLetter or UnicodeCategory.DecimalDigitNumber
                or UnicodeCategory.LetterNumber or UnicodeCategory.OtherNumber => true,
            _ => false,
        };
    }

    /// <summary>Shingles of <paramref name="size"/> tokens with their counts; a text shorter than that is one shingle.</summary>
    public static Dictionary<string, int> Shingles(string? text, int size = ShingleSize)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(size, 1);
        var tokens = WordTokens(text).ToArray();
        var result = new Dictionary<string, int>(StringComparer.Ordinal);
        if (tokens.Length == 0)
        {
            return result;
        }

        var count = Math.Max(1, tokens.Length - size + 1);
        for (var i = 0; i < count; i++)
        {
            // U+0001 cannot occur inside a token, so joined keys are unambiguous.
            var key = string.Join('\u0001', tokens, i, Math.Min(size, tokens.Length - i));
            result[key] = result.GetValueOrDefault(key) + 1;
        }

        return result;
    }

    /// <summary>Shingle precision and recall of <paramref name="predicted"/> against <paramref name="expected"/>.</summary>
    public static ShingleScore CompareShingles(string? expected, string? predicted, int size = ShingleSize)
    {
        var truth = Shingles(expected, size);
        var guess = Shingles(predicted, size);
        int tp = 0, fp = 0, fn = 0;
        foreach (var (key, trueCount) in truth)
        {
            var predictedCount = guess.GetValueOrDefault(key);
            tp += Math.Min(trueCount, predictedCount);
            fn += Math.Max(0, trueCount - predictedCount);
        }

        foreach (var (key, predictedCount) in guess)
        {
            fp += Math.Max(0, predictedCount - truth.GetValueOrDefault(key));
        }

        // Both empty: nothing was to be found and nothing was found.
        if (tp + fp + fn == 0)
        {
            return new ShingleScore(1, 1, 0, 0, 0);
        }

        var precision = tp + fp == 0 ? 0 : (double)tp / (tp + fp);
        var recall = tp + fn == 0 ? 0 : (double)tp / (tp + fn);
        return new ShingleScore(precision, recall, tp, fp, fn);
    }

    /// <summary>Counts which snippets occur in <paramref name="predicted"/> (null: nothing extracted).</summary>
    public static SnippetCounts CountSnippets(string? predicted, IEnumerable<string> mustAppear, IEnumerable<string> mustNotAppear)
    {
        ArgumentNullException.ThrowIfNull(mustAppear);
        ArgumentNullException.ThrowIfNull(mustNotAppear);
        int tp = 0, fn = 0, fp = 0, tn = 0;
        var collapsed = predicted is null ? null : CollapseWhitespace(predicted);
        foreach (var snippet in mustAppear)
        {
            if (Occurs(predicted, collapsed, snippet))
            {
                tp++;
            }
            else
            {
                fn++;
            }
        }

        foreach (var snippet in mustNotAppear)
        {
            if (Occurs(predicted, collapsed, snippet))
            {
                fp++;
            }
            else
            {
                tn++;
            }
        }

        return new SnippetCounts(tp, fn, fp, tn);
    }

    private static bool Occurs(string? text, string? collapsedText, string snippet) =>
        text is not null
        && (text.Contains(snippet, StringComparison.Ordinal) || collapsedText!.Contains(CollapseWhitespace(snippet), StringComparison.Ordinal));

    /// <summary>Every run of whitespace becomes one space; leading and trailing whitespace go.</summary>
    public static string CollapseWhitespace(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var builder = new StringBuilder(text.Length);
        var pending = false;
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c))
            {
                pending = builder.Length > 0;
                continue;
            }

            if (pending)
            {
                builder.Append(' ');
                pending = false;
            }

            builder.Append(c);
        }

        return builder.ToString();
    }
}

/// <summary>Averages per-document shingle precision and recall; F1 comes from the averages.</summary>
public sealed class ShingleAverage
{
    private double _precisionSum;
    private double _recallSum;

    public int Documents { get; private set; }

    public double Precision => Documents == 0 ? 0 : _precisionSum / Documents;

    public double Recall => Documents == 0 ? 0 : _recallSum / Documents;

    public double F1 => MainContentMetrics.F1(Precision, Recall);

    public void Add(ShingleScore score)
    {
        _precisionSum += score.Precision;
        _recallSum += score.Recall;
        Documents++;
    }
}
