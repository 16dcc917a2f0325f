using Lagebild.Documents;

namespace Lagebild.Text.Segmentation;

/// <summary>
/// A syntactic word inside a surface token: "do" and "n't" in "don't" (spans are the parts of the token), or
/// "in" and "dem" in "im" (forms not in the text: each span is the whole token).
/// </summary>
public readonly record struct SyntacticWord(string Form, Span Span);

/// <summary>
/// Expands surface tokens that stand for several syntactic words, the way Universal Dependencies writes
/// multi-word tokens: tagging and parsing stages trained on UD words call this; tokens stay surface tokens.
/// Configured per language from data/&lt;lang&gt;/multiword-tokens.txt.
/// </summary>
public sealed class MultiwordTokens
{
    private readonly Dictionary<string, string[]> _words;
    private readonly string[] _suffixes;

    private MultiwordTokens(Dictionary<string, string[]> words, string[] suffixes)
    {
        _words = words;
        _suffixes = suffixes;
    }

    public static MultiwordTokens Empty { get; } = new(new Dictionary<string, string[]>(StringComparer.OrdinalIgnoreCase), []);

    public static MultiwordTokens Load(DataDirectory data, string language)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(language);
        if (!SegmentationProfile.IsLanguageCode(language) || !data.Exists(language, "multiword-tokens.txt"))
        {
            return Empty;
        }

        return Parse(File.ReadLines(data.Resolve(language, "multiword-tokens.txt")));
    }

    /// <summary>Reads "surface&lt;TAB&gt;word word" lines and "-suffix" rules; '#' starts a comment.</summary>
    public static MultiwordTokens Parse(IEnumerable<string> lines)
    {
        ArgumentNullException.ThrowIfNull(lines);
        var words = new Dictionary<string, string[]>(StringComparer.OrdinalIgnoreCase);
        var suffixes = new List<string>();
        foreach (var raw in lines)
        {
            var line = raw.Trim();
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            if (line[0] == '-')
            {
                suffixes.Add(line[1..]);
                continue;
            }

            var tab = line.IndexOf('\t', StringComparison.Ordinal);
            if (tab <= 0)
            {
                throw new InvalidDataException($"multiword-tokens: '{line}' needs a tab between the surface form and its words.");
            }

            words[line[..tab]] = line[(tab + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        }

        return new MultiwordTokens(words, [.. suffixes.OrderByDescending(s => s.Length)]);
    }

    /// <summary>
    /// Appends the syntactic words of <paramref name="token"/> to <paramref name="words"/> and returns true when it
    /// is a multi-word token; otherwise appends nothing and returns false.
    /// </summary>
    public bool TryExpand(Token token, List<SyntacticWord> words)
    {
        ArgumentNullException.ThrowIfNull(token);
        ArgumentNullException.ThrowIfNull(words);
        if (token.Kind != TokenKind.Word)
        {
            return false;
        }

        var form = token.Form;
        if (_words.TryGetValue(form, out var parts))
        {
            var concatenated = string.Concat(parts);
            if (concatenated.Equals(form, StringComparison.OrdinalIgnoreCase))
            {
                // "cannot" -> can + not: the words are slices of the token.
                var offset = 0;
                foreach (var part in parts)
                {
                    words.Add(new SyntacticWord(form.Substring(offset, part.Length), new Span(token.Span.Start + offset, part.Length)));
                    offset += part.Length;
                }
            }
            else
            {
                // "Im" -> In + dem: the words are not in the text; the first keeps the token's capitalisation.
                for (var i = 0; i < parts.Length; i++)
                {
                    var part = parts[i];
                    if (i == 0 && char.IsUpper(form[0]) && part.Length > 0)
                    {
                        part = string.Concat(char.ToUpperInvariant(part[0]).ToString(), part.AsSpan(1));
                    }

                    words.Add(new SyntacticWord(part, token.Span));
                }
            }

            return true;
        }

        foreach (var suffix in _suffixes)
        {
            if (form.Length > suffix.Length && EndsWithSuffix(form, suffix) && char.IsLetter(form[form.Length - suffix.Length - 1]))
            {
                var stem = form.Length - suffix.Length;
                words.Add(new SyntacticWord(form[..stem], new Span(token.Span.Start, stem)));
                words.Add(new SyntacticWord(form[stem..], new Span(token.Span.Start + stem, suffix.Length)));
                return true;
            }
        }

        return false;
    }

    /// <summary>The syntactic words of a token: its parts, or the token itself.</summary>
    public IReadOnlyList<SyntacticWord> Expand(Token token)
    {
        ArgumentNullException.ThrowIfNull(token);
        var words = new List<SyntacticWord>(2);
        if (!TryExpand(token, words))
        {
            words.Add(new SyntacticWord(token.Form, token.Span));
        }

        return words;
    }

    private static bool EndsWithSuffix(string form, string suffix)
    {
        var tail = form.AsSpan(form.Length - suffix.Length);
        for (var i = 0; i < suffix.Length; i++)
        {
            var expected = suffix[i];
            var actual = tail[i];
            if (expected == '\'' ? actual is not ('\'' or '\u2019') : char.ToLowerInvariant(actual) != char.ToLowerInvariant(expected))
            {
                return false;
            }
        }

        return true;
    }
}
