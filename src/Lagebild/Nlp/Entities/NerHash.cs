namespace Lagebild.Nlp.Entities;

/// <summary>Stable 64-bit hashing of strings and feature combinations (string.GetHashCode is randomised per process).</summary>
internal static class NerHash
{
    public static ulong Of(ReadOnlySpan<char> text)
    {
        var hash = 14695981039346656037UL;
        foreach (var c in text)
        {
            hash ^= c;
            hash *= 1099511628211UL;
        }

        return Mix(hash);
    }

    public static ulong OfLower(ReadOnlySpan<char> text)
    {
        var hash = 14695981039346656037UL;
        foreach (var c in text)
        {
            hash ^= char.ToLowerInvariant(c);
            hash *= 1099511628211UL;
        }

        return Mix(hash);
    }

    public static ulong Mix(ulong x)
    {
        x ^= x >> 33;
        x *= 0xff51afd7ed558ccdUL;
        x ^= x >> 33;
        x *= 0xc4ceb9fe1a85ec53UL;
        x ^= x >> 33;
        return x;
    }

    public static ulong Combine(ulong a, ulong b) => Mix((a * 0x9E3779B97F4A7C15UL) + b + 0x632BE59BD9B4E019UL);

    public static ulong Combine(ulong a, ulong b, ulong c) => Combine(Combine(a, b), c);
}
