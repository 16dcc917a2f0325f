using Lagebild.Documents;

namespace Lagebild.Nlp.Entities;

/// <summary>
/// Document-level consistency for one document or input stream, read in order: remembers the mentions the model
/// found in the last <see cref="Window"/> sentences (exact token strings with their types) and marks later
/// occurrences of the same strings that the model left outside any mention ("Google" tagged once, missed five times
/// after). Only earlier sentences count, so it works on a stream. A capitalised first token is required, and the
/// majority type of the earlier mentions is given. What the model predicted, not what the memory added, is
/// remembered, so a mistake cannot feed itself. One instance per document; not thread-safe.
/// </summary>
public sealed class NerMentionMemory
{
    /// <summary>Longest remembered mention, in tokens.</summary>
    public const int MaxMentionTokens = 6;

    private const int TypeCount = 4;

    private readonly Queue<(int Sentence, ulong Key, int Type)> _recent = new();
    private readonly Dictionary<ulong, int[]> _counts = [];
    private int _sentence;

    /// <param name="window">How many earlier sentences are remembered (at least 1; 0 only with <paramref name="firstPass"/>: no relabelling).</param>
    /// <param name="firstPass">The document's first-pass history, for a stacked model with document features.</param>
    public NerMentionMemory(int window, NerFirstPassHistory? firstPass = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(window, firstPass is null ? 1 : 0);
        Window = window;
        FirstPass = firstPass;
    }

    public int Window { get; }

    /// <summary>What a stacked model's first pass said in earlier sentences of the document, or null.</summary>
    public NerFirstPassHistory? FirstPass { get; }

    /// <summary>
    /// Relabels, in place, runs of O tokens that repeat a remembered mention (longest first), then remembers the
    /// mentions of <paramref name="labels"/> as the model gave them and moves on to the next sentence.
    /// </summary>
    public void Apply(IReadOnlyList<string> tokens, Span<byte> labels)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        if (tokens.Count != labels.Length)
        {
            throw new ArgumentException("One label per token.", nameof(labels));
        }

        if (Window == 0)
        {
            return;
        }

        while (_recent.Count > 0 && _sentence - _recent.Peek().Sentence > Window)
        {
            var (_, key, type) = _recent.Dequeue();
            var counts = _counts[key];
            if (--counts[type] == 0 && counts.All(c => c == 0))
            {
                _counts.Remove(key);
            }
        }

        var found = NerLabels.Mentions(labels);
        if (_counts.Count > 0)
        {
            Propagate(tokens, labels);
        }

        foreach (var mention in found)
        {
            if (mention.Length > MaxMentionTokens)
            {
                continue;
            }

            var key = Key(tokens, mention.Start, mention.Length);
            if (!_counts.TryGetValue(key, out var counts))
            {
                _counts[key] = counts = new int[TypeCount];
            }

            counts[(int)mention.Type]++;
            _recent.Enqueue((_sentence, key, (int)mention.Type));
        }

        _sentence++;
    }

    private void Propagate(IReadOnlyList<string> tokens, Span<byte> labels)
    {
        var i = 0;
        while (i < labels.Length)
        {
            var matched = 0;
            if (labels[i] == NerLabels.Outside && tokens[i].Length > 0 && char.IsUpper(tokens[i][0]))
            {
                var longest = Math.Min(MaxMentionTokens, labels.Length - i);
                var outside = 1;
                while (outside < longest && labels[i + outside] == NerLabels.Outside)
                {
                    outside++;
                }

                for (var length = outside; length >= 1 && matched == 0; length--)
                {
                    if (_counts.TryGetValue(Key(tokens, i, length), out var counts))
                    {
                        var type = 0;
                        for (var t = 1; t < TypeCount; t++)
                        {
                            type = counts[t] > counts[type] ? t : type;
                        }

                        labels[i] = NerLabels.Begin((EntityType)type);
                        for (var k = i + 1; k < i + length; k++)
                        {
                            labels[k] = NerLabels.Inside((EntityType)type);
                        }

                        matched = length;
                    }
                }
            }

            i += Math.Max(1, matched);
        }
    }

    private static ulong Key(IReadOnlyList<string> tokens, int start, int length)
    {
        var hash = 0UL;
        for (var i = start; i < start + length; i++)
        {
            hash = NerHash.Combine(hash, NerHash.Of(tokens[i]));
        }

        return hash;
    }
}
