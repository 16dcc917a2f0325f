using System.Globalization;
using Lagebild.Documents;

namespace Lagebild.Text.Segmentation;

[Flags]
internal enum RawTokenFlags : byte
{
    None = 0,

    /// <summary>A word whose final period belongs to it ("Dr.", "z.", "U.S.").</summary>
    Abbreviation = 1,

    /// <summary>A number whose period marks an ordinal ("2." in "am 2. März").</summary>
    Ordinal = 2,
}

/// <summary>A token before its form is materialised: offsets, kind and what the sentence splitter needs to know.</summary>
internal readonly record struct RawToken(int Start, int Length, TokenKind Kind, RawTokenFlags Flags)
{
    public int End => Start + Length;
}

/// <summary>
/// Splits text into surface tokens in one forward scan: whitespace separates chunks, and each chunk is cut into
/// words, numbers, URLs, e-mail addresses, hashtags and punctuation. Surface tokens follow the Universal
/// Dependencies notion (what the CoNLL 2018 "Tokens" metric counts): contractions such as "don't" or "im" stay one
/// token, since the treebanks write them as multi-word tokens. Decisions look only at the text between the given
/// bounds, so tokenising a sentence span gives the tokens the sentence splitter saw there.
/// </summary>
public sealed class Tokenizer
{
    private const int MaxEmailLocalPart = 64;
    private const int MaxHostName = 253;
    private const int MaxQuoteLookBack = 64;

    private readonly SegmentationProfile _profile;

    public Tokenizer(SegmentationProfile profile)
    {
        ArgumentNullException.ThrowIfNull(profile);
        _profile = profile;
    }

    public SegmentationProfile Profile => _profile;

    /// <summary>Appends the tokens of <paramref name="span"/>, all tagged with <paramref name="sentenceIndex"/>.</summary>
    public void Tokenize(string text, Span span, int sentenceIndex, List<Token> output)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentOutOfRangeException.ThrowIfNegative(span.Start);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(span.End, text.Length);
        var raw = t_scratch ??= [];
        raw.Clear();
        TokenizeRaw(text, span.Start, span.End, raw);
        foreach (var token in raw)
        {
            output.Add(new Token(new Span(token.Start, token.Length), FormOf(text, token), token.Kind, sentenceIndex));
        }

        raw.Clear();
    }

    [ThreadStatic]
    private static List<RawToken>? t_scratch;

    /// <summary>One shared string per Latin-1 character: punctuation and one-letter tokens need no allocation.</summary>
    private static readonly string[] SingleCharacterForms = [.. Enumerable.Range(0, 256).Select(c => ((char)c).ToString())];

    private static string FormOf(string text, RawToken token)
    {
        if (token.Length == 1)
        {
            var c = text[token.Start];
            if (c < SingleCharacterForms.Length)
            {
                return SingleCharacterForms[c];
            }
        }

        return text.Substring(token.Start, token.Length);
    }

    /// <summary>The tokens of the whole text, all in sentence 0 (tools and tests).</summary>
    public IReadOnlyList<Token> Tokenize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var output = new List<Token>();
        Tokenize(text, new Span(0, text.Length), 0, output);
        return output;
    }

    internal void TokenizeRaw(string text, int start, int end, List<RawToken> output)
    {
        var first = output.Count;
        var i = start;
        while (i < end)
        {
            if (CharClass.IsWhite(text[i]))
            {
                i++;
                continue;
            }

            var length = text.AsSpan(i + 1, end - i - 1).IndexOfAny(CharClass.WhiteSpace);
            var chunkEnd = length < 0 ? end : i + 1 + length;

            SplitChunk(text, i, chunkEnd, end, first, output);
            i = chunkEnd;
        }
    }

    private void SplitChunk(string text, int start, int end, int limit, int first, List<RawToken> output)
    {
        var chunk = text.AsSpan(start, end - start);
        var maybeUrl = false;
        var maybeEmail = false;
        if (chunk.Length > 4)
        {
            // One vectorised scan rules out URLs and addresses for nearly every chunk.
            var special = chunk.IndexOfAny(':', '@', '.');
            if (special >= 0)
            {
                maybeUrl = chunk.Contains("://", StringComparison.Ordinal) || chunk.Contains("www.", StringComparison.OrdinalIgnoreCase)
                    || (chunk.Contains('/') && chunk[special..].Contains('.'));
                maybeEmail = chunk[special..].Contains('@');
            }
        }

        var p = start;
        while (p < end)
        {
            if (maybeUrl && TryMatchUrl(text, p, end, out var urlEnd))
            {
                output.Add(new RawToken(p, urlEnd - p, TokenKind.Url, RawTokenFlags.None));
                p = urlEnd;
                continue;
            }

            if (maybeEmail && TryMatchEmail(text, p, end, out var mailEnd))
            {
                output.Add(new RawToken(p, mailEnd - p, TokenKind.Email, RawTokenFlags.None));
                p = mailEnd;
                continue;
            }

            if (CharClass.WordCharLength(text, p, end) > 0)
            {
                p = ScanWord(text, p, end, limit, first, output);
                continue;
            }

            var c = text[p];
            if ((c == '#' || c == '@') && p + 1 < end && CharClass.IsLetterAt(text, p + 1))
            {
                // Hashtags and mentions keep their sigil; "#3" is a sign and a number.
                var q = p + 1;
                int length;
                while (q < end && (length = CharClass.WordCharLength(text, q, end)) > 0)
                {
                    q += length;
                }

                output.Add(new RawToken(p, q - p, TokenKind.Other, RawTokenFlags.None));
                p = q;
                continue;
            }

            if (c is '\'' or '\u2019' && p + 2 < end && char.IsAsciiDigit(text[p + 1]) && char.IsAsciiDigit(text[p + 2])
                && (p + 3 == end || CharClass.WordCharLength(text, p + 3, end) == 0))
            {
                // An elided year: "'72", "’73"
                output.Add(new RawToken(p, 3, TokenKind.Number, RawTokenFlags.None));
                p += 3;
                continue;
            }

            if (c == '+' && p == start && p + 1 < end && char.IsAsciiDigit(text[p + 1]))
            {
                // A signed number or an international dialling code: "+44", "+3,5".
                var firstToken = output.Count;
                p = ScanWord(text, p + 1, end, limit, first, output);
                var signed = output[firstToken];
                output[firstToken] = signed with { Start = signed.Start - 1, Length = signed.Length + 1 };
                continue;
            }

            if (_profile.ExceptionFirstChars.Contains(c) && TryMatchException(text, p, end, out var exceptionEnd))
            {
                output.Add(new RawToken(p, exceptionEnd - p, TokenKind.Other, RawTokenFlags.None));
                p = exceptionEnd;
                continue;
            }

            p = ScanPunctuation(text, p, end, output);
        }
    }

    private static int ScanPunctuation(string text, int p, int end, List<RawToken> output)
    {
        var c = text[p];
        var q = p + 1;
        TokenKind kind;
        if (char.IsHighSurrogate(c) && q < end && char.IsLowSurrogate(text[q]))
        {
            q++;
            kind = TokenKind.Symbol;
        }
        else
        {
            if (c is '!' or '?' or '.' or '\u2026')
            {
                // "?!", "...", ".???", "…." are one mark each.
                while (q < end && text[q] is '!' or '?' or '.' or '\u2026')
                {
                    q++;
                }
            }
            else if (!CharClass.IsOpeningBracket(c) && !CharClass.IsClosingBracket(c) && !char.IsSurrogate(c))
            {
                // Runs of one mark are one token: "--", "``", "''", "***", "…".
                while (q < end && text[q] == c)
                {
                    q++;
                }
            }

            var category = char.GetUnicodeCategory(c);
            kind = c is '%' or '\u2030' ? TokenKind.Symbol : category switch
            {
                UnicodeCategory.MathSymbol or UnicodeCategory.CurrencySymbol or UnicodeCategory.ModifierSymbol
                    or UnicodeCategory.OtherSymbol => TokenKind.Symbol,
                UnicodeCategory.ConnectorPunctuation or UnicodeCategory.DashPunctuation or UnicodeCategory.OpenPunctuation
                    or UnicodeCategory.ClosePunctuation or UnicodeCategory.InitialQuotePunctuation
                    or UnicodeCategory.FinalQuotePunctuation or UnicodeCategory.OtherPunctuation => TokenKind.Punctuation,
                _ => TokenKind.Other,
            };
        }

        // Emoji modifiers, variation selectors and joined sequences stay with the symbol they modify.
        while (q < end && CharClass.IsExtender(text, q, end))
        {
            var joiner = text[q] == '\u200D';
            q += char.IsHighSurrogate(text[q]) && q + 1 < end && char.IsLowSurrogate(text[q + 1]) ? 2 : 1;
            if (joiner && q < end && !CharClass.IsWhite(text[q]))
            {
                q += char.IsHighSurrogate(text[q]) && q + 1 < end && char.IsLowSurrogate(text[q + 1]) ? 2 : 1;
            }
        }

        output.Add(new RawToken(p, q - p, kind, RawTokenFlags.None));
        return q;
    }

    private int ScanWord(string text, int p, int end, int limit, int first, List<RawToken> output)
    {
        var q = p;
        var segmentStart = p;
        var hasLetter = false;
        var hasDigit = false;
        var internalPeriod = false;
        var allPeriodSegmentsShort = true;
        while (q < end)
        {
            var length = CharClass.WordCharLength(text, q, end);
            if (length > 0)
            {
                if (length == 1 && char.IsAsciiDigit(text[q]))
                {
                    hasDigit = true;
                }
                else if (CharClass.IsLetterAt(text, q))
                {
                    hasLetter = true;
                }
                else if (length == 1 && char.IsDigit(text[q]))
                {
                    hasDigit = true;
                }

                q += length;
                continue;
            }

            if (q + 1 >= end || q == p || CharClass.WordCharLength(text, q + 1, end) == 0)
            {
                break;
            }

            var connector = text[q];
            var previous = text[q - 1];
            var next = text[q + 1];
            var bothDigits = char.IsAsciiDigit(previous) && char.IsAsciiDigit(next);
            var keep = connector switch
            {
                // "streak.In" is a missing space after a full stop; "U.S", "Ph.D", "spiegel.de" and "3.5" are words.
                '.' => !(q - segmentStart >= 3 && char.IsLower(previous) && char.IsUpper(next)),
                ',' or ':' => bothDigits,
                '\'' or '\u2019' => char.IsLetterOrDigit(previous) && char.IsLetter(next),
                '/' => bothDigits || (q - segmentStart <= 2 && ShortRunFollows(text, q + 1, end)),
                '&' => char.IsUpper(previous) && char.IsUpper(next),
                _ when CharClass.IsHyphen(connector) => _profile.Hyphens == HyphenConvention.KeepCompounds
                    || (bothDigits && (!_profile.SplitNumberRanges || IsTelephoneGroup(text, p, q, end)))
                    || _profile.IsHyphenPrefix(text.AsSpan(segmentStart, q - segmentStart)),
                _ => false,
            };
            if (!keep)
            {
                break;
            }

            if (connector == '.')
            {
                internalPeriod = true;
                allPeriodSegmentsShort &= q - segmentStart <= 3;
            }

            q++;
            segmentStart = q;
        }

        var kind = hasLetter ? TokenKind.Word : hasDigit ? TokenKind.Number : TokenKind.Word;
        var flags = RawTokenFlags.None;
        if (q < end)
        {
            var following = text[q];
            if (CharClass.IsHyphen(following) && hasLetter && _profile.Hyphens == HyphenConvention.KeepCompounds
                && (q + 1 == end || text[q + 1] is ',' or '/'))
            {
                // An elided compound part keeps its hyphen: "Verteidigungs- und Sicherheitsbeziehungen".
                q++;
            }
            else if (following is '\'' or '\u2019' && _profile.PossessiveApostrophe && text[q - 1] is 's' or 'S'
                && (q + 1 == end || (CharClass.WordCharLength(text, q + 1, end) == 0 && !CharClass.IsQuote(text[q + 1])))
                && !OpensWithQuote(text, p, following))
            {
                // "the Tigers' chief": the apostrophe is a possessive unless the word was opened by the same quote mark.
                q++;
            }
            else if (following == '.' && (q + 1 == end || text[q + 1] != '.'))
            {
                var candidate = text.AsSpan(p, q + 1 - p);
                if (_profile.IsAbbreviation(candidate))
                {
                    flags = RawTokenFlags.Abbreviation;
                    if (_profile.AbbreviationMayEndSentence(candidate) && EndsSentenceAfter(text, q + 1, end, limit))
                    {
                        // "etc." closing a sentence: the period is the full stop, as the treebanks write it.
                        flags = RawTokenFlags.None;
                    }
                }
                else if (internalPeriod && hasLetter && !hasDigit && allPeriodSegmentsShort && q - segmentStart <= 3)
                {
                    // Letter-period sequences: "U.S.", "z.B.", "a.m.", "Ph.D.".
                    flags = RawTokenFlags.Abbreviation;
                }
                else if (hasLetter && CharClass.WordCharLength(text, p, end) == q - p && CharClass.IsLetterAt(text, p))
                {
                    // A single letter with a period is an initial or part of "z. B.", "u. a.".
                    flags = RawTokenFlags.Abbreviation;
                }
                else if (_profile.OrdinalPeriod && hasDigit && q - segmentStart <= 10 && (!hasLetter || IsDigits(text, segmentStart, q))
                    && IsOrdinalContext(text, segmentStart, q + 1, limit, first, output))
                {
                    flags = RawTokenFlags.Ordinal;
                }
                else if (_profile.OrdinalPeriod && hasLetter && IsRomanNumeral(text, p, q)
                    && ((q + 1 < end && text[q + 1] == ',') || IsOrdinalContext(text, p, q + 1, limit, first, output)))
                {
                    // Regnal and ordinal Roman numerals: "Richard III., wurde", "Papst Paul VI. die".
                    flags = RawTokenFlags.Ordinal;
                }

                if (flags != RawTokenFlags.None)
                {
                    q++;
                }
            }
        }

        if (flags == RawTokenFlags.None && hasDigit && hasLetter && TrySplitUnit(text, p, q, output))
        {
            return q;
        }

        output.Add(new RawToken(p, q - p, kind, flags));
        return q;
    }

    private static bool IsDigits(string text, int start, int end)
    {
        for (var i = start; i < end; i++)
        {
            if (!char.IsAsciiDigit(text[i]))
            {
                return false;
            }
        }

        return end > start;
    }

    private static bool IsRomanNumeral(string text, int start, int end)
    {
        if (end - start is < 2 or > 6)
        {
            return false;
        }

        for (var i = start; i < end; i++)
        {
            if (text[i] is not ('I' or 'V' or 'X' or 'L' or 'C'))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Is a final abbreviation at the end of its chunk followed by the end of the text or a capitalised word?</summary>
    private static bool EndsSentenceAfter(string text, int afterPeriod, int chunkEnd, int limit)
    {
        if (afterPeriod != chunkEnd)
        {
            return false;
        }

        var n = afterPeriod;
        while (n < limit && CharClass.IsWhite(text[n]))
        {
            n++;
        }

        // '... of Dean Witter Reynolds Inc. "The economy ...': an opening quote or bracket may come first.
        while (n < limit && (CharClass.IsQuote(text[n]) || CharClass.IsOpeningBracket(text[n]) || CharClass.IsWhite(text[n])))
        {
            n++;
        }

        return n >= limit || CharClass.IsUpperAt(text, n);
    }

    /// <summary>Telephone numbers, ZIP codes and dates keep their hyphens where ranges ("1969-1970") split.</summary>
    private static bool IsTelephoneGroup(string text, int wordStart, int hyphen, int end)
    {
        var before = 0;
        while (hyphen - before - 1 >= wordStart && char.IsAsciiDigit(text[hyphen - before - 1]))
        {
            before++;
        }

        var after = 0;
        while (hyphen + after + 1 < end && char.IsAsciiDigit(text[hyphen + after + 1]))
        {
            after++;
        }

        var chained = hyphen - before - 1 >= wordStart && CharClass.IsHyphen(text[hyphen - before - 1]);
        var continues = hyphen + after + 1 < end && CharClass.IsHyphen(text[hyphen + after + 1]);
        // 713-853-3989, 345-9945, ZIP+4 77042-2016, and chains such as dates 11-20-2000: only a lone pair is a range.
        return (before == 3 && after == 4) || (before == 5 && after == 4) || continues || chained;
    }

    private static bool OpensWithQuote(string text, int wordStart, char quote)
    {
        var i = wordStart - 1;
        var stop = Math.Max(0, wordStart - MaxQuoteLookBack);
        while (i >= stop && !CharClass.IsWhite(text[i]))
        {
            if (text[i] == quote || (quote == '\u2019' && text[i] == '\u2018'))
            {
                return true;
            }

            i--;
        }

        return false;
    }

    /// <summary>"km/h", "l/c": a slash between short letter runs joins; "and/or" does not.</summary>
    private static bool ShortRunFollows(string text, int start, int end)
    {
        var q = start;
        while (q < end && q - start <= 2 && char.IsLetterOrDigit(text[q]))
        {
            q++;
        }

        return q - start <= 2 && (q == end || !char.IsLetterOrDigit(text[q]));
    }

    /// <summary>"5kg" is a number and a unit; "G20", "1960s" and "3801A" stay whole.</summary>
    private bool TrySplitUnit(string text, int p, int q, List<RawToken> output)
    {
        var k = p;
        while (k < q && (char.IsAsciiDigit(text[k]) || (k > p && text[k] is '.' or ',' or ':' && k + 1 < q && char.IsAsciiDigit(text[k + 1]))))
        {
            k++;
        }

        if (k == p || k == q || !char.IsAsciiDigit(text[k - 1]) || !_profile.IsUnit(text.AsSpan(k, q - k)))
        {
            return false;
        }

        for (var i = k; i < q; i++)
        {
            if (!char.IsLetter(text[i]))
            {
                return false;
            }
        }

        output.Add(new RawToken(p, k - p, TokenKind.Number, RawTokenFlags.None));
        output.Add(new RawToken(k, q - k, TokenKind.Word, RawTokenFlags.None));
        return true;
    }

    /// <summary>
    /// Is the number ending just before <paramref name="afterPeriod"/> an ordinal? Yes before a lowercase word or a
    /// month name ("am 2. März", "2. und 3."), and before a capitalised word after a cue such as an article ("der 3. Platz").
    /// </summary>
    private bool IsOrdinalContext(string text, int numberStart, int afterPeriod, int limit, int first, List<RawToken> output)
    {
        var n = afterPeriod;
        while (n < limit && CharClass.IsHorizontalWhite(text[n]))
        {
            n++;
        }

        if (n >= limit || n == afterPeriod)
        {
            // "2.März" without a space, or the period at the end of the text: leave both to the general rules.
            return false;
        }

        if (CharClass.IsLowerAt(text, n))
        {
            return true;
        }

        if (!CharClass.IsUpperAt(text, n))
        {
            return false;
        }

        var m = n;
        while (m < limit && CharClass.IsLetterAt(text, m))
        {
            m++;
        }

        if (_profile.IsMonth(text.AsSpan(n, m - n)) || _profile.IsOrdinalHead(text.AsSpan(n, m - n)) || (m < limit && text[m] == '.' && _profile.IsMonth(text.AsSpan(n, m + 1 - n))))
        {
            return true;
        }

        if (output.Count > first)
        {
            var previous = output[^1];
            if (previous.Kind == TokenKind.Word && previous.End < numberStart && _profile.IsOrdinalCue(text.AsSpan(previous.Start, previous.Length)))
            {
                return true;
            }

            // A list label after a full stop: "... zu helfen. 10. Interessierte Länder ...".
            return afterPeriod - numberStart <= 3 && previous.Kind == TokenKind.Punctuation && previous.End < numberStart
                && previous.Length == 1 && text[previous.Start] is '.' or ':' or '!' or '?';
        }

        // A list label at the start of a line or sentence: "2. Soziale Bewegungen ...".
        return afterPeriod - numberStart <= 3;
    }

    private static bool TryMatchUrl(string text, int p, int end, out int urlEnd)
    {
        urlEnd = p;
        var rest = text.AsSpan(p, end - p);
        var prefix = rest.StartsWith("http://", StringComparison.OrdinalIgnoreCase) ? 7
            : rest.StartsWith("https://", StringComparison.OrdinalIgnoreCase) ? 8
            : rest.StartsWith("ftp://", StringComparison.OrdinalIgnoreCase) ? 6
            : rest.StartsWith("www.", StringComparison.OrdinalIgnoreCase) ? 4
            : 0;
        if (prefix == 0)
        {
            prefix = BareDomainWithPathLength(rest);
            if (prefix == 0)
            {
                return false;
            }
        }
        else if (rest.Length <= prefix || !char.IsLetterOrDigit(rest[prefix]))
        {
            return false;
        }

        var q = end;
        var openParens = rest.Count('(') - rest.Count(')');
        while (q > p + prefix + 1)
        {
            var last = text[q - 1];
            if (last == ')' && openParens < 0)
            {
                openParens++;
                q--;
                continue;
            }

            if (last is '.' or ',' or ';' or ':' or '!' or '?' or '"' or '\'' or ']' or '}' or '>' || (last != ')' && CharClass.IsQuote(last)))
            {
                q--;
                continue;
            }

            break;
        }

        urlEnd = q;
        return true;
    }

    /// <summary>"pic.twitter.com/abc": a host name with a dot and an alphabetic top-level label, then a path.</summary>
    private static int BareDomainWithPathLength(ReadOnlySpan<char> rest)
    {
        if (rest.Length == 0 || !char.IsAsciiLetterOrDigit(rest[0]))
        {
            return 0;
        }

        var h = 0;
        var lastDot = -1;
        var hostEnd = Math.Min(rest.Length, MaxHostName);
        while (h < hostEnd && (char.IsAsciiLetterOrDigit(rest[h]) || rest[h] is '.' or '-'))
        {
            if (rest[h] == '.')
            {
                lastDot = h;
            }

            h++;
        }

        if (lastDot <= 0 || h - lastDot - 1 < 2 || h + 1 >= rest.Length || rest[h] != '/' || !char.IsAsciiLetterOrDigit(rest[h + 1]))
        {
            return 0;
        }

        foreach (var c in rest[(lastDot + 1)..h])
        {
            if (!char.IsAsciiLetter(c))
            {
                return 0;
            }
        }

        return h + 1;
    }

    private static bool TryMatchEmail(string text, int p, int end, out int mailEnd)
    {
        mailEnd = p;
        if (!char.IsLetterOrDigit(text[p]))
        {
            return false;
        }

        // Bounded scans (RFC 5321 limits) keep hostile chunks such as "a+a+a+…@x.de" linear.
        var q = p;
        var localEnd = Math.Min(end, p + MaxEmailLocalPart + 1);
        while (q < localEnd && (char.IsLetterOrDigit(text[q]) || text[q] is '.' or '_' or '%' or '+' or '-'))
        {
            q++;
        }

        if (q >= end || text[q] != '@' || q == p)
        {
            return false;
        }

        var domainStart = q + 1;
        var r = domainStart;
        var domainEnd = Math.Min(end, domainStart + MaxHostName);
        while (r < domainEnd && (char.IsLetterOrDigit(text[r]) || text[r] is '.' or '-' or '_'))
        {
            r++;
        }

        while (r > domainStart && text[r - 1] is '.' or '-' or '_')
        {
            r--;
        }

        var lastDot = r > domainStart ? text.LastIndexOf('.', r - 1, r - domainStart) : -1;
        if (lastDot < 0 && r - domainStart >= 2 && IsUpperHost(text.AsSpan(domainStart, r - domainStart)))
        {
            // Mail-system addresses without a dot: "Delainey@ECT", "Do@ENRON_DEVELOPMENT".
            mailEnd = r;
            return true;
        }

        if (lastDot <= domainStart || r - lastDot - 1 < 2)
        {
            return false;
        }

        for (var i = lastDot + 1; i < r; i++)
        {
            if (!char.IsLetter(text[i]))
            {
                return false;
            }
        }

        mailEnd = r;
        return true;
    }

    private static bool IsUpperHost(ReadOnlySpan<char> host)
    {
        foreach (var c in host)
        {
            if (!(char.IsAsciiLetterUpper(c) || char.IsAsciiDigit(c) || c == '_'))
            {
                return false;
            }
        }

        return true;
    }

    private bool TryMatchException(string text, int p, int end, out int exceptionEnd)
    {
        foreach (var exception in _profile.Exceptions)
        {
            if (p + exception.Length <= end
                && text.AsSpan(p, exception.Length).SequenceEqual(exception)
                && (p + exception.Length == end || CharClass.WordCharLength(text, p + exception.Length, end) == 0))
            {
                exceptionEnd = p + exception.Length;
                return true;
            }
        }

        exceptionEnd = p;
        return false;
    }
}
