using System.Globalization;

namespace Lagebild.Knowledge.Dictionaries;

/// <summary>One record of a TABARI/PETRARCH actor dictionary: a primary phrase, its synonyms and its coded roles.</summary>
public sealed record TabariActorRecord(string Primary, IReadOnlyList<string> Synonyms, IReadOnlyList<RolePeriod> Roles, string? Comment, int Line);

/// <summary>A problem found while reading a dictionary; the reader skips the item and goes on.</summary>
public sealed record DictionaryIssue(string File, int Line, string Message)
{
    public override string ToString() => $"{File}:{Line}: {Message}";
}

/// <summary>
/// Reads actor dictionaries in the TABARI/PETRARCH format (documented in PETRARCH2's dictionaries.rst):
/// a primary phrase with an optional default [code], synonyms on lines starting with '+', and date restrictions
/// on tab-indented lines "[CODE &lt;date]", "[CODE &gt;date]", "[CODE date-date]"; dates are YYYYMMDD or YYMMDD.
/// Phrases use underscores for blanks. Comments start with '#' or ';'.
/// </summary>
public static class TabariActorDictionary
{
    public static IReadOnlyList<TabariActorRecord> Read(TextReader reader, string fileName, List<DictionaryIssue> issues)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(issues);
        var records = new List<TabariActorRecord>();
        string? primary = null;
        string? comment = null;
        var primaryLine = 0;
        var synonyms = new List<string>();
        var roles = new List<RolePeriod>();
        var lineNumber = 0;

        void Flush()
        {
            if (primary is not null)
            {
                records.Add(new TabariActorRecord(primary, [.. synonyms], [.. roles], comment, primaryLine));
            }

            primary = null;
            comment = null;
            synonyms.Clear();
            roles.Clear();
        }

        while (reader.ReadLine() is { } raw)
        {
            lineNumber++;
            var (content, lineComment) = SplitComment(raw);
            var trimmed = content.Trim();
            if (trimmed.Length == 0)
            {
                continue;
            }

            if (trimmed.StartsWith("<!--", StringComparison.Ordinal))
            {
                continue;
            }

            var startsIndented = raw.Length > 0 && char.IsWhiteSpace(raw[0]);
            if (trimmed[0] == '[' && (startsIndented || primary is not null))
            {
                if (primary is null)
                {
                    issues.Add(new DictionaryIssue(fileName, lineNumber, "date restriction without a preceding actor"));
                    continue;
                }

                foreach (var code in ReadBracketed(trimmed))
                {
                    if (TryParseRestriction(code, out var role, out var error))
                    {
                        roles.Add(role);
                    }
                    else
                    {
                        issues.Add(new DictionaryIssue(fileName, lineNumber, error!));
                    }
                }

                continue;
            }

            if (trimmed[0] == '+')
            {
                if (primary is null)
                {
                    issues.Add(new DictionaryIssue(fileName, lineNumber, "synonym without a preceding actor"));
                    continue;
                }

                var (phrase, inlineCodes) = SplitPhraseAndCodes(trimmed[1..]);
                if (phrase.Length > 0)
                {
                    synonyms.Add(phrase);
                }

                AddInlineCodes(inlineCodes, roles, fileName, lineNumber, issues);
                continue;
            }

            Flush();
            var (primaryPhrase, codes) = SplitPhraseAndCodes(trimmed);
            if (primaryPhrase.Length == 0)
            {
                issues.Add(new DictionaryIssue(fileName, lineNumber, $"line '{Shorten(raw)}' has no actor phrase"));
                continue;
            }

            primary = primaryPhrase;
            primaryLine = lineNumber;
            comment = lineComment;
            AddInlineCodes(codes, roles, fileName, lineNumber, issues);
        }

        Flush();
        return records;
    }

    /// <summary>"VLADIMIR_PUTIN_" → "VLADIMIR PUTIN": the phrase as words.</summary>
    public static string PhraseToWords(string phrase)
    {
        ArgumentNullException.ThrowIfNull(phrase);
        // Tabs and our own field separators inside a phrase are dictionary typos, read as blanks.
        return string.Join(' ', phrase.Split(['_', ' ', '\t', '|', ';'], StringSplitOptions.RemoveEmptyEntries));
    }

    private static void AddInlineCodes(IEnumerable<string> codes, List<RolePeriod> roles, string fileName, int lineNumber, List<DictionaryIssue> issues)
    {
        foreach (var code in codes)
        {
            if (TryParseRestriction(code, out var role, out var error))
            {
                roles.Add(role);
            }
            else
            {
                issues.Add(new DictionaryIssue(fileName, lineNumber, error!));
            }
        }
    }

    private static (string Content, string? Comment) SplitComment(string raw)
    {
        var cut = raw.IndexOfAny(['#', ';']);
        return cut < 0 ? (raw, null) : (raw[..cut], raw[(cut + 1)..].Trim());
    }

    private static (string Phrase, List<string> Codes) SplitPhraseAndCodes(string text)
    {
        var bracket = text.IndexOf('[', StringComparison.Ordinal);
        var phrase = (bracket < 0 ? text : text[..bracket]).Trim();
        var codes = bracket < 0 ? [] : ReadBracketed(text[bracket..]);
        return (phrase, codes);
    }

    private static List<string> ReadBracketed(string text)
    {
        var result = new List<string>();
        var i = 0;
        while (i < text.Length)
        {
            var open = text.IndexOf('[', i);
            if (open < 0)
            {
                break;
            }

            // Some dictionary lines close with '}' by mistake; accept either.
            var close = text.IndexOfAny([']', '}'], open + 1);
            if (close < 0)
            {
                close = text.Length;
            }

            var inner = text[(open + 1)..close].Trim();
            if (inner.Length > 0)
            {
                result.Add(inner);
            }

            i = close + 1;
        }

        return result;
    }

    internal static bool TryParseRestriction(string restriction, out RolePeriod role, out string? error)
    {
        role = new RolePeriod("", null, null);
        error = null;
        var parts = restriction.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length == 0)
        {
            error = "empty code";
            return false;
        }

        var code = parts[0];
        if (parts.Length == 1)
        {
            role = new RolePeriod(code, null, null);
            return true;
        }

        var range = string.Concat(parts.Skip(1));
        if (range[0] == '<' && TryParseDate(range[1..], out var before))
        {
            role = new RolePeriod(code, null, before);
            return true;
        }

        if (range[0] == '>' && TryParseDate(range[1..], out var after))
        {
            role = new RolePeriod(code, after, null);
            return true;
        }

        var dash = range.IndexOf('-', StringComparison.Ordinal);
        if (dash > 0 && TryParseDate(range[..dash], out var from) && TryParseDate(range[(dash + 1)..], out var to))
        {
            if (from > to)
            {
                error = $"restriction [{restriction}] ends before it starts";
                return false;
            }

            role = new RolePeriod(code, from, to);
            return true;
        }

        error = $"restriction [{restriction}] has a date that is not YYYYMMDD or YYMMDD";
        return false;
    }

    /// <summary>YYYYMMDD, or YYMMDD with the TABARI pivot: 30 and above are 19xx, below 20xx.</summary>
    internal static bool TryParseDate(string text, out DateOnly date)
    {
        date = default;
        text = text.Trim();
        if (text.Length == 8)
        {
            return DateOnly.TryParseExact(text, "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date);
        }

        if (text.Length == 6 && int.TryParse(text.AsSpan(0, 2), NumberStyles.None, CultureInfo.InvariantCulture, out var twoDigitYear))
        {
            var century = twoDigitYear >= 30 ? "19" : "20";
            return DateOnly.TryParseExact(century + text, "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date);
        }

        return false;
    }

    private static string Shorten(string text) => text.Length <= 60 ? text : text[..60] + "…";
}
