namespace Lagebild.Documents;

/// <summary>A sentence: its span in the article text.</summary>
public readonly record struct Sentence(Span Span);

public enum TokenKind
{
    Word,
    Number,
    Punctuation,
    Symbol,
    Url,
    Email,
    Other,
}

/// <summary>
/// A token: its span in the text, the form the later stages read (usually the covered text; the joined
/// form for an elided or split word), its kind and the sentence it belongs to.
/// Tagging stages add their annotations in their own layers, indexed like this one.
/// </summary>
public sealed record Token(Span Span, string Form, TokenKind Kind, int SentenceIndex);

/// <summary>The detected language of the article body: ISO 639-1 code, or "und".</summary>
public sealed record LanguageGuess(string Code, double Confidence, string Method);

/// <summary>A non-fatal observation about the input or an analysis step, kept with the result.</summary>
public sealed record AnalysisWarning(string Stage, string Message, Span? Span = null);
