using Lagebild.Documents;

namespace Lagebild.Text.Segmentation;

/// <summary>
/// Finds sentence boundaries. The text is cut into blocks at blank lines and at line ends (a headline or a
/// paragraph written on one line needs no final punctuation); a line continues the block only when it starts in
/// lowercase after a line without final punctuation (hard-wrapped prose). Inside a block the splitter walks the
/// tokenizer's tokens and ends a sentence after a full stop, question or exclamation mark or ellipsis (with any
/// closing quotes and brackets attached to it) when the next token does not continue the sentence: a lowercase
/// word, a comma, colon or semicolon. Abbreviations and ordinals already carry their period and do not end a
/// sentence; an abbreviation marked final ("etc.") gives its period up as a full stop before a capitalised word.
/// </summary>
public sealed class SentenceSplitter
{
    private const int MaxQuoteDepth = 8;
    private readonly Tokenizer _tokenizer;
    private readonly bool _lowercaseStarts;

    public SentenceSplitter(SegmentationProfile profile)
    {
        ArgumentNullException.ThrowIfNull(profile);
        _tokenizer = new Tokenizer(profile);
        _lowercaseStarts = profile.LowercaseSentenceStarts;
    }

    public Tokenizer Tokenizer => _tokenizer;

    /// <summary>The sentences of <paramref name="text"/>, in order, without leading or trailing whitespace.</summary>
    public IReadOnlyList<Sentence> Split(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var output = new List<Sentence>();
        Split(text, output);
        return output;
    }

    public void Split(string text, List<Sentence> output)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(output);
        var tokens = new List<RawToken>();
        var quotes = new Stack<char>();
        var blockStart = 0;
        var i = 0;
        while (i < text.Length)
        {
            var skip = text.AsSpan(i).IndexOfAny(CharClass.Newlines);
            if (skip < 0)
            {
                break;
            }

            i += skip;

            var lineEnd = i;
            var nextLine = i + (text[i] == '\r' && i + 1 < text.Length && text[i + 1] == '\n' ? 2 : 1);
            if (!ContinuesBlock(text, blockStart, lineEnd, nextLine))
            {
                SplitBlock(text, blockStart, lineEnd, tokens, quotes, output);
                blockStart = nextLine;
            }

            i = nextLine;
        }

        SplitBlock(text, blockStart, text.Length, tokens, quotes, output);
    }

    /// <summary>Does the line starting at <paramref name="nextLine"/> continue the block ending at <paramref name="lineEnd"/>?</summary>
    private static bool ContinuesBlock(string text, int blockStart, int lineEnd, int nextLine)
    {
        var last = lineEnd - 1;
        while (last >= blockStart && CharClass.IsWhite(text[last]))
        {
            last--;
        }

        if (last < blockStart)
        {
            return false;
        }

        var first = nextLine;
        while (first < text.Length && CharClass.IsHorizontalWhite(text[first]))
        {
            first++;
        }

        if (first >= text.Length || CharClass.IsNewline(text[first]))
        {
            return false;
        }

        var lastChar = text[last];
        return (char.IsLetterOrDigit(lastChar) || lastChar is ',' or ';' || CharClass.IsHyphen(lastChar)) && CharClass.IsLowerAt(text, first);
    }

    private void SplitBlock(string text, int start, int end, List<RawToken> tokens, Stack<char> quotes, List<Sentence> output)
    {
        tokens.Clear();
        quotes.Clear();
        _tokenizer.TokenizeRaw(text, start, end, tokens);
        if (tokens.Count == 0)
        {
            return;
        }

        var sentenceStart = tokens[0].Start;
        for (var k = 0; k < tokens.Count; k++)
        {
            var token = tokens[k];
            TrackQuotes(text, token, quotes);
            if (!IsTerminalToken(text, token))
            {
                continue;
            }

            // Closing quotes, brackets and further marks written right after the terminal belong to this sentence.
            var last = k;
            while (last + 1 < tokens.Count && tokens[last + 1].Start == tokens[last].End && IsCloser(text, tokens[last + 1]))
            {
                last++;
                TrackQuotes(text, tokens[last], quotes);
            }

            if (last + 1 < tokens.Count && !StartsNewSentence(text, k > 0 ? tokens[k - 1] : null, token, tokens[last + 1], quotes.Count > 0, last > k))
            {
                k = last;
                continue;
            }

            output.Add(new Sentence(Span.FromBounds(sentenceStart, tokens[last].End)));
            quotes.Clear();
            if (last + 1 < tokens.Count)
            {
                sentenceStart = tokens[last + 1].Start;
            }
            else
            {
                return;
            }

            k = last;
        }

        output.Add(new Sentence(Span.FromBounds(sentenceStart, tokens[^1].End)));
    }

    private bool StartsNewSentence(string text, RawToken? previous, RawToken terminal, RawToken next, bool insideQuote, bool closed)
    {
        var c = text[next.Start];
        if (CharClass.IsLowerAt(text, next.Start))
        {
            // Informal English starts sentences in lowercase ("Really? yes.", "a little container. or buy worms").
            // A full stop after a short word is more likely an unknown abbreviation ("Jh. wurde"), after a bracket
            // a slip ("(SCO). vergangenen"); and a closing quote after the mark continues ('„Wer?“ fragte er').
            return _lowercaseStarts && !closed && next.Kind == TokenKind.Word
                && (text[terminal.Start] is '?' or '!' || (text[terminal.Start] == '.' && terminal.Length == 1 && previous is { Kind: TokenKind.Word, Length: >= 4 }));
        }

        if (c is ',' or ';' or ':' || CharClass.IsClosingBracket(c))
        {
            return false;
        }

        if (insideQuote && IsEllipsis(text, terminal))
        {
            // An ellipsis inside a quotation marks omitted words, not the end of the sentence that carries the quote.
            return false;
        }

        return true;
    }

    private static bool IsTerminalToken(string text, RawToken token)
    {
        if (token.Kind != TokenKind.Punctuation)
        {
            return false;
        }

        for (var i = token.Start; i < token.End; i++)
        {
            if (!CharClass.IsTerminal(text[i]))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsEllipsis(string text, RawToken token) =>
        text[token.Start] == '\u2026' || (token.Length >= 2 && text[token.Start] == '.');

    private static bool IsCloser(string text, RawToken token)
    {
        if (token.Kind != TokenKind.Punctuation)
        {
            return false;
        }

        var c = text[token.Start];
        return CharClass.IsQuote(c) || CharClass.IsClosingBracket(c) || IsTerminalToken(text, token);
    }

    /// <summary>
    /// Keeps a stack of open quotation marks: a mark that closes the innermost open quote pops it, an opening mark
    /// pushes. „…“ (German), “…” (English), »…«, «…» and ‚…‘ all resolve without knowing the language.
    /// </summary>
    private static void TrackQuotes(string text, RawToken token, Stack<char> quotes)
    {
        if (token.Length != 1 || token.Kind != TokenKind.Punctuation)
        {
            return;
        }

        var c = text[token.Start];
        if (quotes.Count > 0 && ClosingFor(quotes.Peek()) == c)
        {
            quotes.Pop();
            return;
        }

        if (ClosingFor(c) != '\0' && quotes.Count < MaxQuoteDepth)
        {
            quotes.Push(c);
        }
    }

    private static char ClosingFor(char opening) => opening switch
    {
        '\u201E' => '\u201C', // „ … “
        '\u201C' => '\u201D', // “ … ”
        '\u00BB' => '\u00AB', // » … «
        '\u00AB' => '\u00BB', // « … »
        '\u201A' => '\u2018', // ‚ … ‘
        '\u2018' => '\u2019', // ‘ … ’
        '"' => '"',
        _ => '\0',
    };
}
