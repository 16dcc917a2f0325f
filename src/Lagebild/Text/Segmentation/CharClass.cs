using System.Buffers;
using System.Globalization;
using System.Text;

namespace Lagebild.Text.Segmentation;

/// <summary>Character tests shared by the tokenizer and the sentence splitter.</summary>
internal static class CharClass
{
    /// <summary>Every character <see cref="char.IsWhiteSpace(char)"/> accepts, for vectorised searches.</summary>
    public static readonly SearchValues<char> WhiteSpace = SearchValues.Create(
        "\t\n\v\f\r \u0085\u00A0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200A\u2028\u2029\u202F\u205F\u3000");

    public static readonly SearchValues<char> Newlines = SearchValues.Create("\n\r\v\f\u0085\u2028\u2029");

    public static bool IsWhite(char c) => c <= ' ' ? c is ' ' or '\t' or '\n' or '\r' or '\v' or '\f' : c >= '\u0085' && char.IsWhiteSpace(c);

    public static bool IsNewline(char c) => c is '\n' or '\r' or '\v' or '\f' or '\u0085' or '\u2028' or '\u2029';

    public static bool IsHorizontalWhite(char c) => IsWhite(c) && !IsNewline(c);

    public static bool IsHyphen(char c) => c is '-' or '\u2010' or '\u2011';

    public static bool IsDash(char c) => c is '\u2012' or '\u2013' or '\u2014' or '\u2015';

    /// <summary>Characters that end a sentence: full stop, question and exclamation marks, ellipsis.</summary>
    public static bool IsTerminal(char c) => c is '.' or '!' or '?' or '\u2026' or '\u203C' or '\u2047' or '\u2048' or '\u2049' or '\u3002' or '\uFF01' or '\uFF1F';

    public static bool IsQuote(char c) =>
        c is '"' or '\'' or '\u00AB' or '\u00BB' or '\u2018' or '\u2019' or '\u201A' or '\u201B' or '\u201C' or '\u201D' or '\u201E' or '\u201F' or '\u2039' or '\u203A' or '`';

    public static bool IsClosingBracket(char c) => c is ')' or ']' or '}' or '\u3009' or '\uFF09';

    public static bool IsOpeningBracket(char c) => c is '(' or '[' or '{' or '\u3008' or '\uFF08';

    /// <summary>
    /// Length in UTF-16 code units of the word character at <paramref name="index"/> (letter, digit, mark or
    /// connector such as '_'), or 0 when it is none. A valid surrogate pair counts as one character; a lone
    /// surrogate is never a word character.
    /// </summary>
    public static int WordCharLength(string text, int index, int end)
    {
        var c = text[index];
        if (c < 128)
        {
            return char.IsAsciiLetterOrDigit(c) || c == '_' ? 1 : 0;
        }

        if (char.IsSurrogate(c))
        {
            if (char.IsHighSurrogate(c) && index + 1 < end && char.IsLowSurrogate(text[index + 1]))
            {
                var category = Rune.GetUnicodeCategory(new Rune(c, text[index + 1]));
                return IsWordCategory(category) ? 2 : 0;
            }

            return 0;
        }

        return IsWordCategory(char.GetUnicodeCategory(c)) ? 1 : 0;
    }

    private static bool IsWordCategory(UnicodeCategory category) => category switch
    {
        UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter or UnicodeCategory.TitlecaseLetter
            or UnicodeCategory.ModifierLetter or UnicodeCategory.OtherLetter or UnicodeCategory.DecimalDigitNumber
            or UnicodeCategory.LetterNumber or UnicodeCategory.OtherNumber or UnicodeCategory.NonSpacingMark
            or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark
            or UnicodeCategory.ConnectorPunctuation => true,
        _ => false,
    };

    /// <summary>Marks, variation selectors and joiners that extend the previous character (emoji sequences, accents).</summary>
    public static bool IsExtender(string text, int index, int end)
    {
        var c = text[index];
        if (c is '\u200D' or '\uFE0F' or '\uFE0E' or '\u20E3')
        {
            return true;
        }

        if (char.IsHighSurrogate(c) && index + 1 < end && char.IsLowSurrogate(text[index + 1]))
        {
            var value = char.ConvertToUtf32(c, text[index + 1]);
            // Skin-tone modifiers and tag characters belong to the emoji before them.
            return value is >= 0x1F3FB and <= 0x1F3FF or >= 0xE0020 and <= 0xE007F;
        }

        if (char.IsSurrogate(c))
        {
            return false;
        }

        var category = char.GetUnicodeCategory(c);
        return category is UnicodeCategory.NonSpacingMark or UnicodeCategory.EnclosingMark or UnicodeCategory.SpacingCombiningMark;
    }

    public static bool IsLetterAt(string text, int index)
    {
        var c = text[index];
        if (char.IsHighSurrogate(c) && index + 1 < text.Length && char.IsLowSurrogate(text[index + 1]))
        {
            return Rune.IsLetter(new Rune(c, text[index + 1]));
        }

        return char.IsLetter(c);
    }

    public static bool IsLowerAt(string text, int index)
    {
        var c = text[index];
        if (char.IsHighSurrogate(c) && index + 1 < text.Length && char.IsLowSurrogate(text[index + 1]))
        {
            return Rune.IsLower(new Rune(c, text[index + 1]));
        }

        return char.IsLower(c);
    }

    public static bool IsUpperAt(string text, int index)
    {
        var c = text[index];
        if (char.IsHighSurrogate(c) && index + 1 < text.Length && char.IsLowSurrogate(text[index + 1]))
        {
            return Rune.IsUpper(new Rune(c, text[index + 1]));
        }

        return char.IsUpper(c) || char.GetUnicodeCategory(c) == UnicodeCategory.TitlecaseLetter;
    }
}
