namespace Lagebild.Nlp.Parsing;

/// <summary>
/// One token's syntactic head as an index into <see cref="Text.TextLayers.Tokens"/> (-1 for the sentence root,
/// whose <see cref="Relation"/> is "root") and its UD relation.
/// </summary>
public readonly record struct TokenDependency(int Head, string Relation);

/// <summary>
/// The dependency layer: one entry per token of <see cref="Text.TextLayers.Tokens"/>, same index, each sentence a
/// tree. When no parser model exists for the article's language, <see cref="ModelLanguage"/> is "und" and every
/// token has head -1 and relation "_".
/// </summary>
public sealed record DependencyLayer(string ModelLanguage, IReadOnlyList<TokenDependency> Tokens)
{
    public bool IsParsed => !string.Equals(ModelLanguage, "und", StringComparison.Ordinal);
}
