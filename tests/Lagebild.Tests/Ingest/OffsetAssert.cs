using Lagebild.Documents;

namespace Lagebild.Tests.Ingest;

internal static class OffsetAssert
{
    /// <summary>
    /// Every line of the article text maps back to the same characters in the raw input, except where
    /// <paramref name="rewritten"/> says the reader changed characters (a repaired word).
    /// </summary>
    public static void LinesMapBack(Article article, string raw, Func<string, bool>? rewritten = null)
    {
        var text = article.Text;
        var start = 0;
        while (start < text.Length)
        {
            var end = text.IndexOf('\n', start);
            if (end < 0)
            {
                end = text.Length;
            }

            if (end > start)
            {
                var line = text[start..end];
                if (rewritten is null || !rewritten(line))
                {
                    var rawSpan = article.RawOffsets.ToRaw(Span.FromBounds(start, end));
                    Assert.True(rawSpan.End <= raw.Length, $"raw span {rawSpan} past the end for line '{line}'");
                    Assert.Equal(line, rawSpan.Of(raw));
                }
            }

            start = end + 1;
        }
    }
}
