using System.Globalization;
using System.Runtime.CompilerServices;

namespace Lagebild.Text.LanguageId;

/// <summary>
/// Turns text into hashed character n-grams (orders 1..MaxOrder) for language identification.
/// Letters and combining marks are lower-cased and kept, apostrophes are kept, every other run of characters
/// (spaces, digits, punctuation, symbols) becomes one word boundary. N-grams may span a boundary, so short
/// function-word sequences ("e de", "of t") count too. Training and inference share this one definition.
/// </summary>
public static class CharNGramHasher
{
    public const int MaxSupportedOrder = 8;

    internal const char Boundary = ' ';

    /// <summary>
    /// Calls <paramref name="sink"/> with (hash, order) for every n-gram of the normalised text; returns the number
    /// of letters seen. The bare boundary unigram carries no information and is skipped.
    /// </summary>
    public static int Visit<TSink>(ReadOnlySpan<char> text, int maxOrder, ref TSink sink)
        where TSink : struct, INGramSink, allows ref struct
    {
        if (maxOrder is < 1 or > MaxSupportedOrder)
        {
            throw new ArgumentOutOfRangeException(nameof(maxOrder), maxOrder, $"Order must be between 1 and {MaxSupportedOrder}.");
        }

        Span<char> window = stackalloc char[MaxSupportedOrder];
        var filled = 0;
        var letters = 0;
        var lastWasBoundary = true;
        Push(window, ref filled, Boundary);
        foreach (var raw in text)
        {
            var c = Normalize(raw);
            if (c == Boundary)
            {
                if (lastWasBoundary)
                {
                    continue;
                }

                lastWasBoundary = true;
            }
            else
            {
                lastWasBoundary = false;
                letters++;
            }

            Push(window, ref filled, c);
            Emit(window, filled, maxOrder, ref sink);
        }

        if (!lastWasBoundary)
        {
            Push(window, ref filled, Boundary);
            Emit(window, filled, maxOrder, ref sink);
        }

        return letters;
    }

    /// <summary>The character as the model sees it: lower-case letter or mark, apostrophe, or the boundary.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static char Normalize(char c)
    {
        if (c < 128)
        {
            if (c is >= 'a' and <= 'z')
            {
                return c;
            }

            if (c is >= 'A' and <= 'Z')
            {
                return (char)(c + 32);
            }

            return c == '\'' ? '\'' : Boundary;
        }

        if (c is '\u2019' or '\u02BC')
        {
            return '\'';
        }

        var category = char.GetUnicodeCategory(c);
        return category switch
        {
            UnicodeCategory.UppercaseLetter or UnicodeCategory.TitlecaseLetter => char.ToLowerInvariant(c),
            UnicodeCategory.LowercaseLetter or UnicodeCategory.OtherLetter or UnicodeCategory.ModifierLetter
                or UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark => c,
            // Surrogates: keep them, so scripts outside the BMP still yield (paired) n-grams.
            UnicodeCategory.Surrogate => c,
            _ => Boundary,
        };
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Push(Span<char> window, ref int filled, char c)
    {
        if (filled == window.Length)
        {
            window[1..].CopyTo(window);
            window[^1] = c;
        }
        else
        {
            window[filled++] = c;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Emit<TSink>(scoped ReadOnlySpan<char> window, int filled, int maxOrder, ref TSink sink)
        where TSink : struct, INGramSink, allows ref struct
    {
        // FNV-1a over the n-gram read backwards from its last character; each longer order extends the shorter one.
        var hash = 14695981039346656037UL;
        var limit = Math.Min(filled, maxOrder);
        for (var order = 1; order <= limit; order++)
        {
            hash ^= window[filled - order];
            hash *= 1099511628211UL;
            if (order == 1 && window[filled - 1] == Boundary)
            {
                continue;
            }

            sink.Add(Finish(hash, order), order);
        }
    }

    /// <summary>32-bit key of an n-gram: the order is mixed in so that orders never share a key by construction.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint Finish(ulong hash, int order)
    {
        var x = hash + ((ulong)order * 0x9E3779B97F4A7C15UL);
        x ^= x >> 30;
        x *= 0xBF58476D1CE4E5B9UL;
        x ^= x >> 27;
        x *= 0x94D049BB133111EBUL;
        x ^= x >> 31;
        return (uint)x;
    }
}

/// <summary>Receives hashed n-grams from <see cref="CharNGramHasher.Visit{TSink}"/>.</summary>
public interface INGramSink
{
    void Add(uint key, int order);
}
