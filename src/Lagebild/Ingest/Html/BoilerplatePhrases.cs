namespace Lagebild.Ingest.Html;

/// <summary>
/// Language-specific furniture phrases ("Lesen Sie auch", "Related articles", "Anzeige") from
/// data/&lt;lang&gt;/html-boilerplate.txt. A page's language is not known before its text is extracted, so the
/// phrases of every language present are applied together.
/// </summary>
internal sealed class BoilerplatePhrases
{
    private const string FileName = "html-boilerplate.txt";

    /// <summary>Only short lines are judged by phrase: longer ones are sentences that merely start alike.</summary>
    public const int MaxPhraseLineLength = 80;

    private static readonly Lazy<BoilerplatePhrases> LazyDefault = new(() => Load(DataDirectory.Default()));

    private readonly HashSet<string> _drop;
    private readonly List<string> _end;

    public BoilerplatePhrases(IEnumerable<string> endPhrases, IEnumerable<string> dropPhrases)
    {
        ArgumentNullException.ThrowIfNull(endPhrases);
        ArgumentNullException.ThrowIfNull(dropPhrases);
        _end = [.. endPhrases.Select(Normalize).Where(p => p.Length > 0).Distinct(StringComparer.Ordinal)];
        _drop = new HashSet<string>(dropPhrases.Select(Normalize).Where(p => p.Length > 0), StringComparer.Ordinal);
    }

    public static BoilerplatePhrases Default => LazyDefault.Value;

    public static BoilerplatePhrases Empty { get; } = new([], []);

    /// <summary>Reads data/*/html-boilerplate.txt; a missing data folder gives no phrases.</summary>
    public static BoilerplatePhrases Load(DataDirectory data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var end = new List<string>();
        var drop = new List<string>();
        if (!Directory.Exists(data.Root))
        {
            return Empty;
        }

        foreach (var languageFolder in Directory.GetDirectories(data.Root).Order(StringComparer.Ordinal))
        {
            var path = Path.Combine(languageFolder, FileName);
            if (!File.Exists(path))
            {
                continue;
            }

            List<string>? section = null;
            foreach (var rawLine in File.ReadLines(path))
            {
                var line = rawLine.Trim();
                if (line.Length == 0 || line.StartsWith('#'))
                {
                    continue;
                }

                if (line is "[end]" or "[drop]")
                {
                    section = line == "[end]" ? end : drop;
                    continue;
                }

                if (section is null)
                {
                    throw new InvalidDataException($"{path}: phrase '{line}' before a [end] or [drop] section header");
                }

                section.Add(line);
            }
        }

        return new BoilerplatePhrases(end, drop);
    }

    /// <summary>The line opens a furniture section: what follows it is not the article.</summary>
    public bool EndsArticle(string text)
    {
        if (text.Length > MaxPhraseLineLength || _end.Count == 0)
        {
            return false;
        }

        var normalized = Normalize(text);
        foreach (var phrase in _end)
        {
            if (normalized.StartsWith(phrase, StringComparison.Ordinal)
                && (normalized.Length == phrase.Length || !char.IsLetterOrDigit(normalized[phrase.Length])))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The line is a furniture label on its own ("Anzeige", "Advertisement").</summary>
    public bool IsLabel(string text) => text.Length <= MaxPhraseLineLength && _drop.Count > 0 && _drop.Contains(Normalize(text));

    private static string Normalize(string text)
    {
        var span = text.AsSpan().Trim();
        span = span.Trim(" :!?.…»«\"'“”„–—-|>()[]".AsSpan());
        var builder = new System.Text.StringBuilder(span.Length);
        var space = false;
        foreach (var c in span)
        {
            if (char.IsWhiteSpace(c))
            {
                space = builder.Length > 0;
                continue;
            }

            if (space)
            {
                builder.Append(' ');
                space = false;
            }

            builder.Append(char.ToLowerInvariant(c));
        }

        return builder.ToString();
    }
}
