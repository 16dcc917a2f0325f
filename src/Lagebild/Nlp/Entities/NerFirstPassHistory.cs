namespace Lagebild.Nlp.Entities;

/// <summary>
/// What a stacked model's first pass said about each token string in the last <see cref="Window"/> sentences of a
/// document or input stream, read in order: a second pass sees, per token, whether the same string came before and
/// which type the first pass gave it most often ("Kestrel" tagged ORG twice earlier, missed now). Only earlier
/// sentences count, so it works on a stream; training computes the same codes from jackknifed first-pass labels.
/// One instance per document; not thread-safe.
/// </summary>
public sealed class NerFirstPassHistory
{
    /// <summary>Sentences remembered by stacked models (fixed: the codes must mean the same in training and use).</summary>
    public const int DefaultWindow = 20;

    /// <summary>The string did not occur in the window.</summary>
    public const byte Unseen = 0;

    /// <summary>The string occurred, always outside mentions.</summary>
    public const byte OnlyOutside = 1;

    private const int Slots = 5;

    private readonly Queue<(int Sentence, ulong Key, int Slot)> _recent = new();
    private readonly Dictionary<ulong, int[]> _counts = [];
    private int _sentence;

    public NerFirstPassHistory(int window = DefaultWindow)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(window, 1);
        Window = window;
    }

    public int Window { get; }

    /// <summary>
    /// Per token, a code for what the first pass gave the same string earlier: <see cref="Unseen"/>,
    /// <see cref="OnlyOutside"/>, or 2 + 2 · type (+1 when that type outnumbers the outside readings) for the most
    /// frequent type.
    /// </summary>
    public void Codes(IReadOnlyList<string> tokens, Span<byte> codes)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        Forget();
        for (var i = 0; i < tokens.Count; i++)
        {
            codes[i] = Code(NerHash.Of(tokens[i]));
        }
    }

    /// <summary>Remembers the first-pass labels of one sentence and moves on to the next.</summary>
    public void Add(IReadOnlyList<string> tokens, ReadOnlySpan<byte> firstPass)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        if (tokens.Count != firstPass.Length)
        {
            throw new ArgumentException("One label per token.", nameof(firstPass));
        }

        for (var i = 0; i < tokens.Count; i++)
        {
            var key = NerHash.Of(tokens[i]);
            var slot = firstPass[i] == NerLabels.Outside ? 0 : 1 + (int)NerLabels.TypeOf(firstPass[i]);
            if (!_counts.TryGetValue(key, out var counts))
            {
                _counts[key] = counts = new int[Slots];
            }

            counts[slot]++;
            _recent.Enqueue((_sentence, key, slot));
        }

        _sentence++;
    }

    private void Forget()
    {
        while (_recent.Count > 0 && _sentence - _recent.Peek().Sentence > Window)
        {
            var (_, key, slot) = _recent.Dequeue();
            var counts = _counts[key];
            if (--counts[slot] == 0 && counts.All(c => c == 0))
            {
                _counts.Remove(key);
            }
        }
    }

    private byte Code(ulong key)
    {
        if (!_counts.TryGetValue(key, out var counts))
        {
            return Unseen;
        }

        var best = 1;
        for (var slot = 2; slot < Slots; slot++)
        {
            best = counts[slot] > counts[best] ? slot : best;
        }

        if (counts[best] == 0)
        {
            return OnlyOutside;
        }

        return (byte)(2 + (2 * (best - 1)) + (counts[best] > counts[0] ? 1 : 0));
    }
}
