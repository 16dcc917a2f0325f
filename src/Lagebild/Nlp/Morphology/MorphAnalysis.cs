namespace Lagebild.Nlp.Morphology;

/// <summary>
/// The morphology of one token: universal and language-specific part of speech, UD features ("Case=Nom|Number=Sing",
/// "_" when none), the UD lemma, and the lemma a reader of the whole clause sees: for a German verb whose separable
/// particle stands apart ("sprach … aus") that is the joined verb ("aussprechen"), otherwise the lemma itself.
/// </summary>
public readonly record struct MorphAnalysis(string Upos, string Xpos, string Feats, string Lemma, string FullLemma)
{
    /// <summary>The value of one UD feature ("Case" → "Nom"), or null when absent.</summary>
    public string? Feature(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var feats = Feats.AsSpan();
        while (feats.Length > 0)
        {
            var bar = feats.IndexOf('|');
            var pair = bar < 0 ? feats : feats[..bar];
            var eq = pair.IndexOf('=');
            if (eq == name.Length && pair.StartsWith(name, StringComparison.Ordinal))
            {
                return pair[(eq + 1)..].ToString();
            }

            feats = bar < 0 ? [] : feats[(bar + 1)..];
        }

        return null;
    }
}

/// <summary>
/// The morphology layer: one analysis per token of <see cref="Text.TextLayers.Tokens"/>, same index. When no
/// model exists for the article's language, <see cref="ModelLanguage"/> is "und" and every token is "X" with its
/// form as lemma, so later stages can tell "not analysed" from an analysis.
/// </summary>
public sealed record MorphologyLayer(string ModelLanguage, IReadOnlyList<MorphAnalysis> Tokens)
{
    public bool IsAnalysed => !string.Equals(ModelLanguage, "und", StringComparison.Ordinal);
}
