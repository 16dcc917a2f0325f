namespace Lagebild.Documents;

/// <summary>A range of UTF-16 code units in an article's immutable text.</summary>
public readonly record struct Span(int Start, int Length)
{
    public int End => Start + Length;

    public static Span FromBounds(int start, int end) => new(start, end - start);

    public bool Contains(int offset) => offset >= Start && offset < End;

    public bool Overlaps(Span other) => Start < other.End && other.Start < End;

    public string Of(string text) => text.Substring(Start, Length);

    public ReadOnlySpan<char> SliceOf(string text) => text.AsSpan(Start, Length);
}
