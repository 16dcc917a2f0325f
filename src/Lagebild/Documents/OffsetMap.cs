namespace Lagebild.Documents;

/// <summary>
/// Maps offsets in a rewritten text back to offsets in the raw input it came from.
/// Stored as sorted anchor pairs; between anchors the mapping is linear (one code unit for one code unit).
/// </summary>
public sealed class OffsetMap
{
    private readonly int[] _textOffsets;
    private readonly int[] _rawOffsets;

    public static OffsetMap Identity { get; } = new([0], [0]);

    public OffsetMap(int[] textOffsets, int[] rawOffsets)
    {
        ArgumentNullException.ThrowIfNull(textOffsets);
        ArgumentNullException.ThrowIfNull(rawOffsets);
        if (textOffsets.Length != rawOffsets.Length || textOffsets.Length == 0)
        {
            throw new ArgumentException("Offset map needs the same non-zero number of text and raw anchors.");
        }

        for (var i = 1; i < textOffsets.Length; i++)
        {
            if (textOffsets[i] < textOffsets[i - 1])
            {
                throw new ArgumentException("Text anchors must be sorted.", nameof(textOffsets));
            }
        }

        _textOffsets = textOffsets;
        _rawOffsets = rawOffsets;
    }

    public int AnchorCount => _textOffsets.Length;

    /// <summary>The raw-input offset of the code unit at <paramref name="textOffset"/>.</summary>
    public int ToRaw(int textOffset)
    {
        var index = Array.BinarySearch(_textOffsets, textOffset);
        if (index >= 0)
        {
            // Several anchors can share a text offset when raw characters were dropped; take the last.
            while (index + 1 < _textOffsets.Length && _textOffsets[index + 1] == textOffset)
            {
                index++;
            }

            return _rawOffsets[index];
        }

        var previous = ~index - 1;
        if (previous < 0)
        {
            return textOffset;
        }

        return _rawOffsets[previous] + (textOffset - _textOffsets[previous]);
    }

    public Span ToRaw(Span span)
    {
        var start = ToRaw(span.Start);
        var end = span.Length == 0 ? start : ToRaw(span.End - 1) + 1;
        return Span.FromBounds(start, Math.Max(start, end));
    }

    /// <summary>Composes this map (text → intermediate) with <paramref name="inner"/> (intermediate → raw).</summary>
    public OffsetMap Then(OffsetMap inner)
    {
        ArgumentNullException.ThrowIfNull(inner);
        var raw = new int[_rawOffsets.Length];
        for (var i = 0; i < raw.Length; i++)
        {
            raw[i] = inner.ToRaw(_rawOffsets[i]);
        }

        return new OffsetMap((int[])_textOffsets.Clone(), raw);
    }
}

/// <summary>Builds a text together with its offset map, one appended piece at a time.</summary>
public sealed class OffsetMapBuilder
{
    private readonly System.Text.StringBuilder _text = new();
    private readonly List<int> _textOffsets = [];
    private readonly List<int> _rawOffsets = [];

    public int Length => _text.Length;

    /// <summary>Appends text that stands for the raw input starting at <paramref name="rawOffset"/>.</summary>
    public void Append(ReadOnlySpan<char> value, int rawOffset)
    {
        if (value.IsEmpty)
        {
            return;
        }

        Anchor(rawOffset);
        _text.Append(value);
    }

    public void Append(char value, int rawOffset)
    {
        Anchor(rawOffset);
        _text.Append(value);
    }

    public char this[int index] => _text[index];

    /// <summary>Removes trailing characters (e.g. whitespace) added last.</summary>
    public void TrimEnd(Func<char, bool> predicate)
    {
        ArgumentNullException.ThrowIfNull(predicate);
        while (_text.Length > 0 && predicate(_text[^1]))
        {
            _text.Length--;
        }

        while (_textOffsets.Count > 1 && _textOffsets[^1] > _text.Length)
        {
            _textOffsets.RemoveAt(_textOffsets.Count - 1);
            _rawOffsets.RemoveAt(_rawOffsets.Count - 1);
        }
    }

    private void Anchor(int rawOffset)
    {
        var at = _text.Length;
        if (_textOffsets.Count > 0)
        {
            var last = _textOffsets.Count - 1;
            // Skip anchors the linear rule already implies.
            if (_rawOffsets[last] + (at - _textOffsets[last]) == rawOffset)
            {
                return;
            }

            if (_textOffsets[last] == at)
            {
                _rawOffsets[last] = rawOffset;
                return;
            }
        }

        _textOffsets.Add(at);
        _rawOffsets.Add(rawOffset);
    }

    public (string Text, OffsetMap Map) Build()
    {
        if (_textOffsets.Count == 0)
        {
            return (_text.ToString(), OffsetMap.Identity);
        }

        return (_text.ToString(), new OffsetMap([.. _textOffsets], [.. _rawOffsets]));
    }
}
