using System.Globalization;
using System.Text;

namespace Lagebild.Text.LanguageId;

/// <summary>Accuracy of one gold language (or of a source, or overall) on held-out texts.</summary>
public sealed class LanguageAccuracy(string name)
{
    private readonly Dictionary<string, int> _predicted = new(StringComparer.Ordinal);

    public string Name { get; } = name;

    public int Total { get; private set; }

    public int Correct { get; private set; }

    /// <summary>Texts answered "und".</summary>
    public int Undetermined { get; private set; }

    public double Accuracy => Total == 0 ? 0 : (double)Correct / Total;

    /// <summary>Wrong answers by predicted code, most frequent first.</summary>
    public IEnumerable<KeyValuePair<string, int>> Confusions =>
        _predicted.OrderByDescending(p => p.Value).ThenBy(p => p.Key, StringComparer.Ordinal);

    public void Record(bool correct, string predicted)
    {
        Total++;
        if (correct)
        {
            Correct++;
            return;
        }

        if (string.Equals(predicted, LanguageIdentification.Undetermined, StringComparison.Ordinal))
        {
            Undetermined++;
        }

        _predicted[predicted] = _predicted.GetValueOrDefault(predicted) + 1;
    }
}

/// <summary>Per-language, per-source and overall accuracy of a classifier on labelled texts.</summary>
public sealed class LanguageIdEvaluation
{
    private readonly SortedDictionary<string, LanguageAccuracy> _byLanguage = new(StringComparer.Ordinal);
    private readonly SortedDictionary<string, LanguageAccuracy> _bySource = new(StringComparer.Ordinal);

    public LanguageIdEvaluation(int minChars) => MinChars = minChars;

    /// <summary>
    /// Texts shorter than this are skipped (the targets are stated for sentences of ≥ 40 characters), as are texts
    /// with almost no letters (see <see cref="LanguageIdCorpus.IsScorable"/>).
    /// </summary>
    public int MinChars { get; }

    public LanguageAccuracy Overall { get; } = new("overall");

    public IReadOnlyCollection<LanguageAccuracy> ByLanguage => _byLanguage.Values;

    public IReadOnlyCollection<LanguageAccuracy> BySource => _bySource.Values;

    public LanguageAccuracy? For(string language) => _byLanguage.GetValueOrDefault(language);

    public static LanguageIdEvaluation Run(Func<string, string> classify, IEnumerable<LabeledText> texts, int minChars = 40)
    {
        ArgumentNullException.ThrowIfNull(classify);
        ArgumentNullException.ThrowIfNull(texts);
        var evaluation = new LanguageIdEvaluation(minChars);
        foreach (var text in texts)
        {
            if (!LanguageIdCorpus.IsScorable(text.Text, minChars))
            {
                continue;
            }

            evaluation.Record(text, classify(text.Text));
        }

        return evaluation;
    }

    public void Record(LabeledText text, string predicted)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(predicted);
        var correct = string.Equals(text.Language, predicted, StringComparison.Ordinal);
        Get(_byLanguage, text.Language).Record(correct, predicted);
        Get(_bySource, $"{text.Source}/{text.Language}").Record(correct, predicted);
        Overall.Record(correct, predicted);
    }

    /// <summary>A plain-text table: one row per language, then per source, then overall.</summary>
    public string Format()
    {
        var builder = new StringBuilder();
        builder.AppendLine(CultureInfo.InvariantCulture, $"held-out texts of >= {MinChars} chars and >= {LanguageIdCorpus.MinLettersToScore} letters");
        builder.AppendLine("name            total  correct  accuracy    und  confusions");
        foreach (var row in ByLanguage.Concat(BySource).Append(Overall))
        {
            var confusions = string.Join(' ', row.Confusions.Take(4).Select(c => $"{c.Key}:{c.Value}"));
            builder.AppendLine(CultureInfo.InvariantCulture, $"{row.Name,-14} {row.Total,6} {row.Correct,8} {row.Accuracy * 100,8:F2}% {row.Undetermined,6}  {confusions}");
        }

        return builder.ToString();
    }

    private static LanguageAccuracy Get(SortedDictionary<string, LanguageAccuracy> rows, string name)
    {
        if (!rows.TryGetValue(name, out var row))
        {
            row = new LanguageAccuracy(name);
            rows.Add(name, row);
        }

        return row;
    }
}
