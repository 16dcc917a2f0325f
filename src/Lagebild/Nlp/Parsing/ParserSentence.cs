using Lagebild.Nlp.Morphology;

namespace Lagebild.Nlp.Parsing;

/// <summary>
/// The per-word attributes the parser's features are built from, hashed once per sentence. Position 0 is the
/// artificial root; words are 1..Count.
/// </summary>
internal sealed class ParserSentence
{
    // Attribute values for the root and for empty positions, distinct from any hashed string.
    internal const ulong RootValue = 0x524F_4F54UL;
    internal const ulong NoneValue = 0x4E4F_4E45UL;

    public ParserSentence(IReadOnlyList<string> forms, IReadOnlyList<MorphAnalysis> morphology)
    {
        Count = forms.Count;
        var size = Count + 1;
        Word = new ulong[size];
        Lemma = new ulong[size];
        Upos = new ulong[size];
        Tag = new ulong[size];
        Case = new ulong[size];
        Feats = new ulong[size];
        Word[0] = Lemma[0] = Upos[0] = Tag[0] = Case[0] = Feats[0] = RootValue;
        Span<char> lower = stackalloc char[64];
        for (var i = 0; i < Count; i++)
        {
            var form = forms[i].AsSpan();
            var analysis = morphology[i];
            if (form.Length <= lower.Length)
            {
                var written = form.ToLowerInvariant(lower);
                Word[i + 1] = HashText(1, lower[..written]);
            }
            else
            {
                Word[i + 1] = HashText(1, forms[i].ToLowerInvariant());
            }

            Lemma[i + 1] = HashText(2, analysis.Lemma ?? "_");
            Upos[i + 1] = HashText(3, analysis.Upos ?? "_");
            var xpos = analysis.Xpos is null or "_" ? analysis.Upos ?? "_" : analysis.Xpos;
            Tag[i + 1] = HashText(4, xpos);
            var feats = analysis.Feats ?? "_";
            Feats[i + 1] = HashText(5, feats);
            Case[i + 1] = HashText(6, CaseOf(feats));
        }
    }

    public int Count { get; }

    public ulong[] Word { get; }

    public ulong[] Lemma { get; }

    public ulong[] Upos { get; }

    /// <summary>The fine tag (XPOS, or UPOS where the treebank has none).</summary>
    public ulong[] Tag { get; }

    public ulong[] Case { get; }

    public ulong[] Feats { get; }

    private static ReadOnlySpan<char> CaseOf(string feats)
    {
        var at = feats.IndexOf("Case=", StringComparison.Ordinal);
        if (at < 0)
        {
            return "_";
        }

        var value = feats.AsSpan(at + 5);
        var bar = value.IndexOf('|');
        return bar < 0 ? value : value[..bar];
    }

    private static ulong HashText(int kind, ReadOnlySpan<char> text)
    {
        var hash = 14695981039346656037UL ^ (ulong)kind;
        foreach (var c in text)
        {
            hash = (hash ^ c) * 1099511628211UL;
        }

        hash ^= (ulong)text.Length;
        hash *= 0x9E3779B97F4A7C15UL;
        return hash ^ (hash >> 31);
    }
}
