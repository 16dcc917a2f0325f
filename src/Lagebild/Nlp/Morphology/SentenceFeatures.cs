using System.Text;

namespace Lagebild.Nlp.Morphology;

/// <summary>
/// The per-word strings the feature templates read, computed once per sentence: lowercased form, word shape,
/// and the last part of a hyphenated compound.
/// </summary>
internal sealed class SentenceView
{
    public SentenceView(IReadOnlyList<string> forms, IReadOnlyDictionary<string, int> ambiguityClasses, WordLexicon? lexicon = null)
    {
        Count = forms.Count;
        Forms = new string[Count];
        Lower = new string[Count];
        Shapes = new string[Count];
        Ambiguity = new int[Count];
        Lexical = new int[Count];
        for (var i = 0; i < Count; i++)
        {
            var form = forms[i] ?? "";
            Forms[i] = form;
            Lower[i] = form.ToLowerInvariant();
            Shapes[i] = Shape(form);
            Ambiguity[i] = ambiguityClasses.TryGetValue(Lower[i], out var cls) ? cls : -1;
            Lexical[i] = lexicon?.Lookup(Lower[i]) ?? 0;
        }

        // Headlines and titles capitalise most words, which makes capitals a weak sign of a proper noun.
        int letters = 0, capitalised = 0;
        foreach (var form in Forms)
        {
            if (form.Length > 0 && char.IsLetter(form[0]))
            {
                letters++;
                capitalised += char.IsUpper(form[0]) ? 1 : 0;
            }
        }

        HasLexicon = lexicon is { Count: > 0 };
        TitleCase = letters >= 3 && capitalised * 5 >= letters * 3;
    }

    public bool TitleCase { get; }

    public bool HasLexicon { get; }

    /// <summary>Per word, the id of the set of labels it had in training (its ambiguity class), or -1 when unseen.</summary>
    public int[] Ambiguity { get; }

    public int Count { get; }

    /// <summary>Per word, its packed <see cref="WordLexicon"/> value (0: unknown to the lexicon, or no lexicon).</summary>
    public int[] Lexical { get; }

    public string[] Forms { get; }

    public string[] Lower { get; }

    public string[] Shapes { get; }

    /// <summary>Character classes with repeats collapsed: "Merkel" → "Xx", "3.5" → "d.d", "CDU-Chef" → "X-Xx".</summary>
    internal static string Shape(string form)
    {
        var builder = new StringBuilder(Math.Min(form.Length, 8));
        var last = '\0';
        for (var i = 0; i < form.Length && builder.Length < 8; i++)
        {
            var c = form[i];
            var cls = char.IsUpper(c) ? 'X' : char.IsLower(c) ? 'x' : char.IsDigit(c) ? 'd' : char.IsLetter(c) ? 'l' : c < 128 ? c : '*';
            if (cls != last)
            {
                builder.Append(cls);
                last = cls;
            }
        }

        return builder.ToString();
    }
}

/// <summary>The feature templates of the three classifiers. Training and tagging call the same code.</summary>
internal static class MorphFeatures
{
    private const string Boundary = "<s>";

    public static void Pos(SentenceView s, int i, int previous, int beforePrevious, FeatureBuffer f)
    {
        f.Clear();
        var word = s.Lower[i];
        f.Add(FeatureHash.Of(1));
        f.Add(FeatureHash.Of(2, word));
        AddAffixes(f, 3, word, 5, 3);
        f.Add(FeatureHash.Of(12, s.Shapes[i]));
        f.Add(FeatureHash.Of(13, Word(s, i - 1)));
        f.Add(FeatureHash.Of(14, Word(s, i + 1)));
        f.Add(FeatureHash.Of(15, Word(s, i - 2)));
        f.Add(FeatureHash.Of(16, Word(s, i + 2)));
        f.Add(FeatureHash.Of(17, Suffix(Word(s, i - 1), 3)));
        f.Add(FeatureHash.Of(18, Suffix(Word(s, i + 1), 3)));
        f.Add(FeatureHash.Of(19, i + 1 < s.Count ? s.Shapes[i + 1] : Boundary));
        f.Add(FeatureHash.Of(20, i > 0 ? s.Shapes[i - 1] : Boundary));
        f.Add(FeatureHash.Of(21, previous));
        f.Add(FeatureHash.Of(22, beforePrevious));
        f.Add(FeatureHash.Of(23, previous, beforePrevious));
        f.Add(FeatureHash.Of(24, previous, word));
        f.Add(FeatureHash.Of(25, word, Word(s, i + 1)));
        f.Add(FeatureHash.Of(26, Word(s, i - 1), word));
        f.Add(FeatureHash.Of(27, i == 0 ? 1 : 0, s.Shapes[i]));
        var hyphen = word.LastIndexOf('-');
        if (hyphen > 0 && hyphen < word.Length - 1)
        {
            f.Add(FeatureHash.Of(28, word.AsSpan(hyphen + 1)));
        }

        f.Add(FeatureHash.Of(29, previous, Suffix(word, 3)));
        f.Add(FeatureHash.Of(30, s.Forms[i].Length > 0 && char.IsUpper(s.Forms[i][0]) ? 1 : 0, Suffix(word, 2)));
        f.Add(FeatureHash.Of(31, s.Forms[i]));
        var ambiguity = s.Ambiguity[i];
        var nextAmbiguity = i + 1 < s.Count ? s.Ambiguity[i + 1] : -2;
        f.Add(FeatureHash.Of(32, ambiguity));
        f.Add(FeatureHash.Of(33, nextAmbiguity));
        f.Add(FeatureHash.Of(34, i > 0 ? s.Ambiguity[i - 1] : -2));
        f.Add(FeatureHash.Of(35, ambiguity, nextAmbiguity));
        f.Add(FeatureHash.Of(36, ambiguity, previous));
        f.Add(FeatureHash.Of(37, s.TitleCase ? 1 : 0, s.Shapes[i]));
        f.Add(FeatureHash.Of(38, previous, s.Shapes[i]));
        f.Add(FeatureHash.Of(39, s.TitleCase ? 1 : 0, word));
        AddLexical(s, i, f);
    }

    /// <summary>
    /// Features from the external word lexicon (a model trained without one adds none): the word's whole entry, its
    /// dictionary parts of speech and its frequency classes each with the word's casing and sentence position (a
    /// capitalised word that the lists know only in lowercase is rarely a name), the next word's dictionary parts of
    /// speech, and the tagged list's tags with casing and position. More templates (previous word, previous label,
    /// suffix conjunctions) scored lower on EWT dev and cost time.
    /// </summary>
    private static void AddLexical(SentenceView s, int i, FeatureBuffer f)
    {
        if (!s.HasLexicon)
        {
            return;
        }

        var value = s.Lexical[i];
        var dictionary = WordLexicon.DictionaryPart(value);
        var form = s.Forms[i];
        var casing = form.Length == 0 || !char.IsUpper(form[0]) ? 0 : form.Length > 1 && !form.AsSpan().ContainsAnyInRange('a', 'z') ? 2 : 1;
        var position = (i == 0 ? 1 : 0) | (s.TitleCase ? 2 : 0);
        f.Add(FeatureHash.Of(110, value));
        f.Add(FeatureHash.Of(111, dictionary, casing * 4 + position));
        f.Add(FeatureHash.Of(112, WordLexicon.LowercaseClass(value) * 16 + WordLexicon.CapitalisedClass(value), casing * 4 + position));
        f.Add(FeatureHash.Of(113, i + 1 < s.Count ? WordLexicon.DictionaryPart(s.Lexical[i + 1]) : -2));
        var tagSet = WordLexicon.TagSet(value);
        if (tagSet != 0)
        {
            f.Add(FeatureHash.Of(117, tagSet, casing * 4 + position));
        }
    }

    /// <summary>Right context for the second POS pass: the first pass's labels of this and the next two words.</summary>
    public static void AddRightContext(SentenceView s, int i, int[] firstPass, FeatureBuffer f)
    {
        var next = i + 1 < s.Count ? firstPass[i + 1] : -1;
        var afterNext = i + 2 < s.Count ? firstPass[i + 2] : -1;
        f.Add(FeatureHash.Of(100, firstPass[i]));
        f.Add(FeatureHash.Of(101, next));
        f.Add(FeatureHash.Of(102, afterNext));
        f.Add(FeatureHash.Of(103, next, afterNext));
        f.Add(FeatureHash.Of(104, next, s.Lower[i]));
        f.Add(FeatureHash.Of(105, firstPass[i], next));
    }

    /// <summary>Features for the UD feature bundle, given the predicted parts of speech and the bundles already predicted to the left.</summary>
    public static void Feats(SentenceView s, int i, int[] pos, int[] feats, int lastAdposition, FeatureBuffer f)
    {
        f.Clear();
        var word = s.Lower[i];
        var p = pos[i];
        f.Add(FeatureHash.Of(40, p));
        f.Add(FeatureHash.Of(41, p, word));
        for (var k = 1; k <= 4; k++)
        {
            if (word.Length >= k)
            {
                f.Add(FeatureHash.Of(41 + k, p, word.AsSpan(word.Length - k)));
            }
        }

        f.Add(FeatureHash.Of(46, p, Tag(pos, i - 1)));
        f.Add(FeatureHash.Of(47, p, Tag(pos, i + 1)));
        f.Add(FeatureHash.Of(48, p, Tag(pos, i - 2)));
        f.Add(FeatureHash.Of(49, p, Tag(pos, i + 2)));
        f.Add(FeatureHash.Of(50, p, Tag(feats, i - 1)));
        f.Add(FeatureHash.Of(51, p, Tag(feats, i - 2)));
        f.Add(FeatureHash.Of(52, p, Tag(feats, i - 1), Word(s, i - 1)));
        f.Add(FeatureHash.Of(53, p, Word(s, i - 1)));
        f.Add(FeatureHash.Of(54, p, Word(s, i + 1)));
        f.Add(FeatureHash.Of(55, p, Suffix(Word(s, i + 1), 2)));
        f.Add(FeatureHash.Of(56, p, Suffix(Word(s, i - 1), 2)));
        f.Add(FeatureHash.Of(57, p, lastAdposition >= 0 && i - lastAdposition <= 4 ? s.Lower[lastAdposition] : Boundary));
        f.Add(FeatureHash.Of(58, p, s.Shapes[i]));
        f.Add(FeatureHash.Of(59, p, Tag(pos, i + 1), Suffix(Word(s, i + 1), 3)));
        f.Add(FeatureHash.Of(60, word));
    }

    public static void Lemma(string form, string lower, int pos, int feats, FeatureBuffer f)
    {
        f.Clear();
        f.Add(FeatureHash.Of(70, pos));
        f.Add(FeatureHash.Of(71, pos, feats));
        for (var k = 1; k <= 6 && k <= lower.Length; k++)
        {
            var suffix = lower.AsSpan(lower.Length - k);
            f.Add(FeatureHash.Of(71 + k, suffix));
            f.Add(FeatureHash.Of(77 + k, pos, suffix));
            if (k <= 3)
            {
                f.Add(FeatureHash.Of(83 + k, feats, suffix));
            }
        }

        for (var k = 1; k <= 4 && k < lower.Length; k++)
        {
            f.Add(FeatureHash.Of(87 + k, pos, lower.AsSpan(0, k)));
        }

        f.Add(FeatureHash.Of(92, pos, SentenceView.Shape(form)));
        f.Add(FeatureHash.Of(93, pos, lower));
    }

    private static void AddAffixes(FeatureBuffer f, int template, string word, int maxSuffix, int maxPrefix)
    {
        for (var k = 1; k <= maxSuffix; k++)
        {
            if (word.Length >= k)
            {
                f.Add(FeatureHash.Of(template + k - 1, word.AsSpan(word.Length - k)));
            }
        }

        for (var k = 1; k <= maxPrefix; k++)
        {
            if (word.Length > k)
            {
                f.Add(FeatureHash.Of(template + maxSuffix + k - 1, word.AsSpan(0, k)));
            }
        }
    }

    private static string Word(SentenceView s, int i) => i < 0 || i >= s.Count ? Boundary : s.Lower[i];

    private static ReadOnlySpan<char> Suffix(string word, int length) => word.Length <= length ? word : word.AsSpan(word.Length - length);

    private static int Tag(int[] tags, int i) => i < 0 || i >= tags.Length ? -1 : tags[i];
}
