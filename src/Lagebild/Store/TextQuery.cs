using System.Text;

namespace Lagebild.Store;

/// <summary>The fields a text query can be limited to; without one a term matches title and text.</summary>
public enum TextField
{
    Any,
    Title,
    Text,
}

/// <summary>
/// A full-text query in Lagebild's own syntax, parsed into a small tree that each store translates into its index's
/// language (SQLite: FTS5). The syntax: words (<c>Minsk</c>), "quoted phrases", <c>prefix*</c>, <c>AND</c>,
/// <c>OR</c>, <c>NOT</c> (upper case; words side by side mean AND), parentheses, and <c>title:</c> or <c>text:</c>
/// in front of a word or phrase. Matching ignores case; a word with punctuation ("GPA-djp") matches as a phrase.
/// </summary>
public abstract record TextQuery
{
    /// <summary>Parses <paramref name="text"/>; a malformed query gives an error in plain words, never an exception.</summary>
    public static TextQueryParse Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return new TextQueryParser(text).Parse();
    }
}

/// <summary>One word, or a phrase of several words in this order, optionally a prefix and limited to a field.</summary>
/// <param name="Words">The words, without quotes; a phrase has more than one.</param>
/// <param name="Prefix">Whether the last word matches as a prefix (<c>Lukasch*</c>).</param>
/// <param name="Field">Where the term must occur.</param>
public sealed record TextTerm(string Words, bool Prefix, TextField Field) : TextQuery;

/// <summary>Both sides must match.</summary>
public sealed record TextAnd(TextQuery Left, TextQuery Right) : TextQuery;

/// <summary>Either side must match.</summary>
public sealed record TextOr(TextQuery Left, TextQuery Right) : TextQuery;

/// <summary>The operand must not match.</summary>
public sealed record TextNot(TextQuery Operand) : TextQuery;

/// <summary>The outcome of <see cref="TextQuery.Parse"/>: a query, or a plain-words error.</summary>
public sealed record TextQueryParse(TextQuery? Query, string? Error)
{
    public bool Succeeded => Query is not null;
}

/// <summary>Recursive descent over: or := and (OR and)*; and := unary ([AND] unary)*; unary := NOT unary | primary.</summary>
internal sealed class TextQueryParser(string text)
{
    private readonly List<Token> _tokens = [];
    private int _next;

    private enum TokenKind
    {
        Word,
        Phrase,
        And,
        Or,
        Not,
        Open,
        Close,
    }

    private sealed record Token(TokenKind Kind, string Text, bool Prefix, TextField Field, int Position);

    private sealed class SyntaxError(string message) : Exception(message);

    public TextQueryParse Parse()
    {
        if (text.Trim().Length == 0)
        {
            return new TextQueryParse(null, "the text query is empty.");
        }

        try
        {
            Tokenize();
            var query = ParseOr();
            if (_next < _tokens.Count)
            {
                throw new SyntaxError(_tokens[_next].Kind == TokenKind.Close
                    ? $"a ')' at position {_tokens[_next].Position + 1} has no matching '('."
                    : $"unexpected '{_tokens[_next].Text}' at position {_tokens[_next].Position + 1}.");
            }

            return new TextQueryParse(query, null);
        }
        catch (SyntaxError error)
        {
            // A parse failure is expected user input; the exception only unwinds the recursion and stays inside.
            return new TextQueryParse(null, $"cannot read the text query '{text}': {error.Message}");
        }
    }

    private TextQuery ParseOr()
    {
        var left = ParseAnd();
        while (Peek(TokenKind.Or))
        {
            _next++;
            left = new TextOr(left, ParseAnd());
        }

        return left;
    }

    private TextQuery ParseAnd()
    {
        var left = ParseUnary();
        while (_next < _tokens.Count && _tokens[_next].Kind is not (TokenKind.Or or TokenKind.Close))
        {
            if (Peek(TokenKind.And))
            {
                _next++;
            }

            left = new TextAnd(left, ParseUnary());
        }

        return left;
    }

    private TextQuery ParseUnary()
    {
        if (Peek(TokenKind.Not))
        {
            _next++;
            return new TextNot(ParseUnary());
        }

        if (_next >= _tokens.Count)
        {
            throw new SyntaxError(_tokens.Count > 0
                ? $"'{_tokens[^1].Text}' at the end needs a word after it."
                : "there is nothing to search for.");
        }

        var token = _tokens[_next++];
        switch (token.Kind)
        {
            case TokenKind.Word:
            case TokenKind.Phrase:
                return new TextTerm(token.Text, token.Prefix, token.Field);
            case TokenKind.Open:
                var inner = ParseOr();
                if (!Peek(TokenKind.Close))
                {
                    throw new SyntaxError($"the '(' at position {token.Position + 1} is not closed.");
                }

                _next++;
                return inner;
            default:
                throw new SyntaxError($"'{token.Text}' at position {token.Position + 1} needs a word before and after it.");
        }
    }

    private bool Peek(TokenKind kind) => _next < _tokens.Count && _tokens[_next].Kind == kind;

    private void Tokenize()
    {
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
                continue;
            }

            if (c is '(' or ')')
            {
                _tokens.Add(new Token(c == '(' ? TokenKind.Open : TokenKind.Close, c.ToString(), false, TextField.Any, i));
                i++;
                continue;
            }

            var start = i;
            var field = ReadField(ref i);
            if (i < text.Length && text[i] == '"')
            {
                var close = text.IndexOf('"', i + 1);
                if (close < 0)
                {
                    throw new SyntaxError($"the quote at position {i + 1} is not closed.");
                }

                var phrase = Normalise(text[(i + 1)..close]);
                if (phrase.Length == 0)
                {
                    throw new SyntaxError($"the quotes at position {i + 1} hold no words.");
                }

                i = close + 1;
                var quotedPrefix = i < text.Length && text[i] == '*';
                if (quotedPrefix)
                {
                    i++;
                }

                _tokens.Add(new Token(TokenKind.Phrase, phrase, quotedPrefix, field, start));
                continue;
            }

            var wordStart = i;
            while (i < text.Length && !char.IsWhiteSpace(text[i]) && text[i] is not ('(' or ')' or '"'))
            {
                i++;
            }

            var word = text[wordStart..i];
            if (word.Length == 0)
            {
                throw new SyntaxError($"'{text[start..i]}' at position {start + 1} needs a word after the colon.");
            }

            if (field == TextField.Any && word is "AND" or "OR" or "NOT")
            {
                _tokens.Add(new Token(word switch { "AND" => TokenKind.And, "OR" => TokenKind.Or, _ => TokenKind.Not }, word, false, field, start));
                continue;
            }

            var prefix = word.EndsWith('*');
            var bare = Normalise(word.TrimEnd('*'));
            if (bare.Length == 0 || bare.Contains('*', StringComparison.Ordinal))
            {
                throw new SyntaxError($"'{word}' at position {wordStart + 1}: '*' only marks a prefix, at the end of a word.");
            }

            _tokens.Add(new Token(TokenKind.Word, bare, prefix, field, start));
        }
    }

    /// <summary>Reads "title:" or "text:" before a term; anything else with a colon is part of the word.</summary>
    private TextField ReadField(ref int i)
    {
        foreach (var (name, field) in (ReadOnlySpan<(string, TextField)>)[("title:", TextField.Title), ("text:", TextField.Text)])
        {
            if (string.CompareOrdinal(text, i, name, 0, name.Length) == 0)
            {
                i += name.Length;
                return field;
            }
        }

        return TextField.Any;
    }

    private static string Normalise(string words)
    {
        var builder = new StringBuilder(words.Length);
        foreach (var part in words.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
        {
            if (builder.Length > 0)
            {
                builder.Append(' ');
            }

            builder.Append(part);
        }

        return builder.ToString();
    }
}
