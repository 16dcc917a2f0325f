using System.Globalization;
using System.Text;

namespace Lagebild.Knowledge;

/// <summary>
/// The form names are compared in: letters and digits only, lower case, diacritics removed, ß as ss, one space
/// between words ("U.S." → "u s", "Weißrussland" → "weissrussland", "Selenskyj" → "selenskyj", "Wałęsa" → "walesa").
/// </summary>
public static class NameKey
{
    public static string Of(ReadOnlySpan<char> name)
    {
        var decomposed = name.ToString().Normalize(NormalizationForm.FormD);
        var builder = new StringBuilder(decomposed.Length);
        var pendingSpace = false;
        foreach (var c in decomposed)
        {
            var category = CharUnicodeInfo.GetUnicodeCategory(c);
            if (category is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark)
            {
                continue;
            }

            if (char.IsLetterOrDigit(c))
            {
                if (pendingSpace && builder.Length > 0)
                {
                    builder.Append(' ');
                }

                pendingSpace = false;
                if (c == 'ß')
                {
                    builder.Append("ss");
                }
                else if (LetterWithoutDecomposition(c) is { } plain)
                {
                    builder.Append(plain);
                }
                else
                {
                    builder.Append(char.ToLowerInvariant(c));
                }
            }
            else if (c is '.' or '\'' or '’')
            {
                // "U.S." and "O'Brien" keep their letters together: abbreviation dots and apostrophes join.
                continue;
            }
            else
            {
                pendingSpace = true;
            }
        }

        return builder.ToString();
    }

    /// <summary>Letters Unicode does not decompose into a base letter and a mark ("Wałęsa", "Đinđić", "Søren").</summary>
    private static string? LetterWithoutDecomposition(char c) => c switch
    {
        'ł' or 'Ł' => "l",
        'đ' or 'Đ' => "d",
        'ø' or 'Ø' => "o",
        'ı' => "i",
        'æ' or 'Æ' => "ae",
        'œ' or 'Œ' => "oe",
        'þ' or 'Þ' => "th",
        'ð' or 'Ð' => "d",
        _ => null,
    };
}
