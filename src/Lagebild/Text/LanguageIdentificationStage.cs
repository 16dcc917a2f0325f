using System.Globalization;
using Lagebild.Documents;
using Lagebild.Pipeline;
using Lagebild.Text.LanguageId;

namespace Lagebild.Text;

/// <summary>
/// Detects the language of the article body with the trained character n-gram model and writes
/// <see cref="TextLayers.Language"/>.
/// </summary>
/// <remarks>
/// Policy towards a declared language (ArticleMetadata.Language, from HTML lang, a JSONL field or the reader):
/// detection overrides it only when the detector is confident (not "und"), has at least
/// <see cref="OverrideMinLetters"/> letters to go on, and the declared language is one the model knows (it cannot
/// tell a Dutch page from a German one, so it never contradicts "nl"). Site templates often declare the wrong
/// language, which is why confident detection wins; an override is reported as a warning. When detection is
/// undetermined or the text is short, the declared language is written (method "declared"), because
/// AnalysisContext.Language prefers the detected language (TextLayers.SetLanguage) over the metadata and "und" would
/// otherwise hide the declaration.
/// A language forced by the caller is not consulted: the context uses it anyway, and the layer records what the
/// text itself says.
/// </remarks>
public sealed class LanguageIdentificationStage : IStage
{
    /// <summary>Characters of the body the detector reads: plenty for a stable answer, bounded for speed.</summary>
    public const int SampleChars = 4000;

    /// <summary>Below this many letters detection does not contradict a declared language.</summary>
    public const int OverrideMinLetters = 100;

    private readonly LanguageIdentifier _identifier;

    public LanguageIdentificationStage(LanguageIdentifier identifier)
    {
        ArgumentNullException.ThrowIfNull(identifier);
        _identifier = identifier;
    }

    /// <summary>Loads the shipped model from data/models/langid/.</summary>
    public LanguageIdentificationStage(DataDirectory data)
        : this(LanguageIdentifier.Load(data))
    {
    }

    public string Name => "text.language.v1";

    public IReadOnlyList<LayerKey> Reads { get; } = [Layers.Article];

    public IReadOnlyList<LayerKey> Writes { get; } = [TextLayers.Language];

    public LanguageIdentifier Identifier => _identifier;

    /// <summary>Identifies the language of a bounded prefix of <paramref name="text"/>, cut at a word boundary.</summary>
    public LanguageIdentification Detect(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return _identifier.Identify(Sample(text));
    }

    public void Run(AnalysisContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var detected = Detect(context.Text);
        var method = _identifier.Method;
        var declared = NormalizeDeclared(context.Article.Metadata.Language);
        if (context.Options.ForcedLanguage is not null || declared is null || string.Equals(declared, detected.Code, StringComparison.Ordinal))
        {
            TextLayers.SetLanguage(context, new LanguageGuess(detected.Code, detected.Confidence, method));
            return;
        }

        var canContradict = detected.IsDetermined
            && detected.Letters >= OverrideMinLetters
            && _identifier.Languages.Contains(declared, StringComparer.Ordinal);
        if (canContradict)
        {
            context.Warn(Name, string.Create(
                CultureInfo.InvariantCulture,
                $"Declared language '{declared}' overridden: the text reads as '{detected.Code}' (confidence {detected.Confidence:F2})."));
            TextLayers.SetLanguage(context, new LanguageGuess(detected.Code, detected.Confidence, method));
            return;
        }

        var support = string.Equals(detected.Best, declared, StringComparison.Ordinal) ? detected.Confidence : 0;
        TextLayers.SetLanguage(context, new LanguageGuess(declared, support, "declared"));
    }

    private static ReadOnlySpan<char> Sample(string text)
    {
        if (text.Length <= SampleChars)
        {
            return text;
        }

        var cut = text.AsSpan(0, SampleChars).LastIndexOfAny(' ', '\n', '\t');
        return text.AsSpan(0, cut > SampleChars / 2 ? cut : SampleChars);
    }

    /// <summary>"de-AT", "DE", "de_DE" → "de"; anything that is not a two-letter code → null.</summary>
    private static string? NormalizeDeclared(string? language)
    {
        if (string.IsNullOrWhiteSpace(language))
        {
            return null;
        }

        var trimmed = language.Trim();
        var end = trimmed.IndexOfAny(['-', '_']);
        var primary = end < 0 ? trimmed : trimmed[..end];
        return primary.Length == 2 && primary.All(char.IsAsciiLetter) ? primary.ToLowerInvariant() : null;
    }
}
