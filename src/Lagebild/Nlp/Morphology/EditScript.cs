using System.Globalization;

namespace Lagebild.Nlp.Morphology;

/// <summary>How the lemma's letter case relates to the word's.</summary>
internal enum LemmaCasing : byte
{
    /// <summary>The word's case is kept ("Häuser" → "Haus").</summary>
    Keep,

    /// <summary>The word is lowercased first ("The" → "the").</summary>
    Lower,

    /// <summary>The word is lowercased, then its first letter uppercased ("ABKOMMEN" → "Abkommen").</summary>
    Capitalize,
}

/// <summary>
/// A lemmatisation class learned from (word, lemma) pairs: change the case, cut a prefix and a suffix, add
/// others. "gemacht" → "machen" is (Keep, cut "ge", add "", cut "t", add "en"). Cuts are stored as text so a
/// script only applies to words that end (start) with what it removes.
/// </summary>
internal sealed record EditScript(LemmaCasing Casing, string PrefixCut, string PrefixAdd, string SuffixCut, string SuffixAdd)
{
    public static readonly EditScript Identity = new(LemmaCasing.Keep, "", "", "", "");

    /// <summary>A compact text form, unique per script, used as its label.</summary>
    public string Key => string.Create(CultureInfo.InvariantCulture, $"{(int)Casing}{Separator}{PrefixCut}{Separator}{PrefixAdd}{Separator}{SuffixCut}{Separator}{SuffixAdd}");

    /// <summary>Separates the parts of a key; lemmas can hold '|' and the like, but not this control character.</summary>
    private const char Separator = '\u001F';

    public static EditScript FromKey(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var parts = key.Split(Separator);
        if (parts.Length != 5 || parts[0].Length != 1 || parts[0][0] is < '0' or > '2')
        {
            throw new InvalidDataException($"Bad edit script '{key}'.");
        }

        return new EditScript((LemmaCasing)(parts[0][0] - '0'), parts[1], parts[2], parts[3], parts[4]);
    }

    /// <summary>The script that turns <paramref name="form"/> into <paramref name="lemma"/>, or null when the case change fits no casing rule.</summary>
    public static EditScript? Derive(string form, string lemma)
    {
        ArgumentNullException.ThrowIfNull(form);
        ArgumentNullException.ThrowIfNull(lemma);
        if (form.Contains(Separator, StringComparison.Ordinal) || lemma.Contains(Separator, StringComparison.Ordinal))
        {
            return null;
        }

        // The casing that leaves the least to cut and add wins ("The" → "the" is Lower, not "cut T, add t"), so
        // scripts generalise to other words.
        EditScript? best = null;
        foreach (var casing in (ReadOnlySpan<LemmaCasing>)[LemmaCasing.Keep, LemmaCasing.Lower, LemmaCasing.Capitalize])
        {
            var cased = ApplyCasing(form, casing);
            var script = DeriveCased(cased, lemma, casing);
            if (script.Apply(form) == lemma && (best is null || script.EditLength < best.EditLength))
            {
                best = script;
            }
        }

        return best;
    }

    private int EditLength => PrefixCut.Length + PrefixAdd.Length + SuffixCut.Length + SuffixAdd.Length;

    /// <summary>True when the script can be applied to the word (it starts and ends with what the script cuts).</summary>
    public bool AppliesTo(CasedForms forms)
    {
        var cased = forms.Get(Casing);
        if (PrefixCut.Length + SuffixCut.Length > cased.Length)
        {
            return false;
        }

        return cased.StartsWith(PrefixCut, StringComparison.Ordinal) && cased.EndsWith(SuffixCut, StringComparison.Ordinal);
    }

    public string? Apply(string form) => Apply(new CasedForms(form, form.ToLowerInvariant()));

    /// <summary>The lemma for the word, or null when the script does not apply.</summary>
    public string? Apply(CasedForms forms)
    {
        if (!AppliesTo(forms))
        {
            return null;
        }

        var cased = forms.Get(Casing);
        var middle = cased.AsSpan(PrefixCut.Length, cased.Length - PrefixCut.Length - SuffixCut.Length);
        var result = string.Concat(PrefixAdd, middle, SuffixAdd);
        return result.Length == 0 ? null : result;
    }

    private static EditScript DeriveCased(string cased, string lemma, LemmaCasing casing)
    {
        // Keep the longest common substring; what surrounds it on either side is cut and added.
        var (start, lemmaStart, length) = LongestCommonSubstring(cased, lemma);
        if (length == 0)
        {
            return new EditScript(casing, "", "", cased, lemma);
        }

        return new EditScript(
            casing,
            cased[..start],
            lemma[..lemmaStart],
            cased[(start + length)..],
            lemma[(lemmaStart + length)..]);
    }

    private static (int Start, int OtherStart, int Length) LongestCommonSubstring(string a, string b)
    {
        var best = (0, 0, 0);
        if (a.Length == 0 || b.Length == 0)
        {
            return best;
        }

        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                current[j] = a[i - 1] == b[j - 1] ? previous[j - 1] + 1 : 0;
                // Prefer the earliest longest match: stems sit at the start of words far more often than at the end.
                if (current[j] > best.Item3)
                {
                    best = (i - current[j], j - current[j], current[j]);
                }
            }

            (previous, current) = (current, previous);
        }

        return best;
    }

    internal static string Capitalized(string lower) => Capitalize(lower);

    internal static string ApplyCasing(string form, LemmaCasing casing) => casing switch
    {
        LemmaCasing.Lower => form.ToLowerInvariant(),
        LemmaCasing.Capitalize => Capitalize(form.ToLowerInvariant()),
        _ => form,
    };

    private static string Capitalize(string lower)
    {
        if (lower.Length == 0 || !char.IsLower(lower[0]))
        {
            return lower;
        }

        return string.Concat(char.ToUpperInvariant(lower[0]).ToString(), lower.AsSpan(1));
    }
}

/// <summary>A word in the three casings edit scripts start from, computed once per word.</summary>
internal readonly struct CasedForms
{
    private readonly string _form;
    private readonly string _lower;
    private readonly string _capitalized;

    public CasedForms(string form, string lower)
    {
        _form = form;
        _lower = lower;
        _capitalized = EditScript.Capitalized(lower);
    }

    public string Get(LemmaCasing casing) => casing switch
    {
        LemmaCasing.Lower => _lower,
        LemmaCasing.Capitalize => _capitalized,
        _ => _form,
    };
}
