namespace Lagebild.Documents;

/// <summary>
/// The tokens of one sentence: the range [<see cref="Start"/>, <see cref="End"/>) of a tokens layer. The trained
/// stages tag, parse and recognise a sentence at a time over such a window.
/// </summary>
public readonly record struct TokenWindow(int Start, int End)
{
    public int Length => End - Start;

    /// <summary>
    /// The windows of a tokens layer, one per run of tokens sharing a <see cref="Token.SentenceIndex"/>, in text order.
    /// </summary>
    public static IEnumerable<TokenWindow> BySentence(IReadOnlyList<Token> tokens)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        var start = 0;
        while (start < tokens.Count)
        {
            var end = start + 1;
            while (end < tokens.Count && tokens[end].SentenceIndex == tokens[start].SentenceIndex)
            {
                end++;
            }

            yield return new TokenWindow(start, end);
            start = end;
        }
    }

    /// <summary>The forms of the window's tokens, as the taggers read them.</summary>
    public string[] Forms(IReadOnlyList<Token> tokens)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        var forms = new string[Length];
        for (var i = 0; i < forms.Length; i++)
        {
            forms[i] = tokens[Start + i].Form;
        }

        return forms;
    }

    /// <summary>The window's entries of a layer indexed like the tokens (morphology, dependencies).</summary>
    public T[] Slice<T>(IReadOnlyList<T> layer)
    {
        ArgumentNullException.ThrowIfNull(layer);
        var slice = new T[Length];
        for (var i = 0; i < slice.Length; i++)
        {
            slice[i] = layer[Start + i];
        }

        return slice;
    }
}
