namespace Lagebild.Nlp.Morphology;

/// <summary>
/// 64-bit feature keys: a template number mixed with the characters or ids it is made of. Computing keys from
/// spans avoids building a string per feature on the hot path; 64 bits make collisions negligible.
/// </summary>
internal static class FeatureHash
{
    private const ulong Offset = 14695981039346656037UL;
    private const ulong Prime = 1099511628211UL;

    public static ulong Of(int template) => Finish(Step(Offset, (ulong)template));

    public static ulong Of(int template, ReadOnlySpan<char> text) => Finish(Chars(Step(Offset, (ulong)template), text));

    public static ulong Of(int template, int value) => Finish(Step(Step(Offset, (ulong)template), (ulong)(uint)value + 1));

    public static ulong Of(int template, int value, int other) =>
        Finish(Step(Step(Step(Offset, (ulong)template), (ulong)(uint)value + 1), (ulong)(uint)other + 1));

    public static ulong Of(int template, int value, ReadOnlySpan<char> text) =>
        Finish(Chars(Step(Step(Offset, (ulong)template), (ulong)(uint)value + 1), text));

    public static ulong Of(int template, int value, int other, ReadOnlySpan<char> text) =>
        Finish(Chars(Step(Step(Step(Offset, (ulong)template), (ulong)(uint)value + 1), (ulong)(uint)other + 1), text));

    public static ulong Of(int template, ReadOnlySpan<char> text, ReadOnlySpan<char> other) =>
        Finish(Chars(Step(Chars(Step(Offset, (ulong)template), text), 0xFFFF_FFFFUL), other));

    private static ulong Step(ulong hash, ulong value) => (hash ^ value) * Prime;

    private static ulong Chars(ulong hash, ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            hash = (hash ^ c) * Prime;
        }

        return Step(hash, (ulong)text.Length + 0x1_0000UL);
    }

    private static ulong Finish(ulong hash)
    {
        // Avalanche so the low bits used by the table are well spread; 0 is reserved for empty slots.
        hash ^= hash >> 33;
        hash *= 0xff51afd7ed558ccdUL;
        hash ^= hash >> 33;
        return hash == 0 ? 1 : hash;
    }
}

/// <summary>Collects the feature keys of one decision into a reusable buffer.</summary>
internal sealed class FeatureBuffer
{
    private ulong[] _keys = new ulong[64];

    public int Count { get; private set; }

    public ReadOnlySpan<ulong> Keys => _keys.AsSpan(0, Count);

    public void Clear() => Count = 0;

    public void Add(ulong key)
    {
        if (Count == _keys.Length)
        {
            Array.Resize(ref _keys, _keys.Length * 2);
        }

        _keys[Count++] = key;
    }
}
