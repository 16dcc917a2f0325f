namespace Lagebild.Bench;

/// <summary>
/// The cheapest possible pass over a text: count whitespace-separated tokens. Timed beside the real work in the
/// same process, it turns absolute timings from a noisy shared machine into ratios that stay comparable.
/// </summary>
public static class WhitespaceBaseline
{
    public static int CountTokens(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var count = 0;
        var inToken = false;
        foreach (var c in text)
        {
            var isSpace = char.IsWhiteSpace(c);
            if (!isSpace && !inToken)
            {
                count++;
            }

            inToken = !isSpace;
        }

        return count;
    }
}
