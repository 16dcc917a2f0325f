using System.Text;
using Lagebild.Documents;
using Lagebild.Text.Segmentation;

namespace Lagebild.Tests.Text;

/// <summary>
/// Properties that hold for any input, checked on seeded random text mixing scripts, punctuation, quotes,
/// whitespace, emoji, lone surrogates and combining marks.
/// </summary>
public sealed class SegmentationInvariantTests
{
    private static readonly SegmentationProfiles Profiles = new(DataDirectory.Default());
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, SentenceSplitter> Splitters = new();

    private static readonly string[] Pieces =
    [
        "a", "Z", "ß", "é", "e\u0301", "1", "0", ".", ",", ";", ":", "!", "?", "…", "...", "-", "–", "—", "'", "’", "\"",
        "„", "“", "”", "»", "«", "‚", "‘", "(", ")", "[", "]", "/", "@", "#", "&", "+", "%", "$", "€", "_", " ", " ", " ",
        "\n", "\n\n", "\r\n", "\t", "\u00A0", "\u2028", "😀", "👍🏽", "\u200D", "\uFE0F", "\uD800", "\uDC00", "中", "한",
        "Dr.", "z. B.", "U.S.", "2.", "März", "www.", "http://", "a@b.de", "don't", "Inc.", ":)", "\u0000", "\uFFFF",
    ];

    [Theory]
    [InlineData("de")]
    [InlineData("en")]
    [InlineData("und")]
    public void RandomTextKeepsEveryInvariant(string language)
    {
        var random = new Random(20230301);
        for (var round = 0; round < 400; round++)
        {
            var text = RandomText(random, random.Next(0, 120));
            Check(text, language);
        }
    }

    [Theory]
    [InlineData("")]
    [InlineData("   \n\n \t ")]
    [InlineData(".")]
    [InlineData("\uD83D")]
    [InlineData("\uDE00abc")]
    [InlineData("a\uD83D")]
    [InlineData("„“")]
    [InlineData("....!!!???")]
    [InlineData("http://")]
    [InlineData("@@@###")]
    public void EdgeCasesKeepEveryInvariant(string text)
    {
        foreach (var language in new[] { "de", "en", "und" })
        {
            Check(text, language);
        }
    }

    [Fact]
    public void TokenizingAnArbitrarySpanNeverSplitsASurrogatePair()
    {
        var random = new Random(7);
        var tokenizer = new Tokenizer(Profiles.For("de"));
        for (var round = 0; round < 300; round++)
        {
            var text = RandomText(random, random.Next(1, 40));
            var start = random.Next(0, text.Length);
            var end = random.Next(start, text.Length + 1);
            var tokens = new List<Token>();
            tokenizer.Tokenize(text, Span.FromBounds(start, end), 0, tokens);
            foreach (var token in tokens)
            {
                Assert.True(token.Span.Start >= start && token.Span.End <= end, $"token {token.Span} outside {start}..{end}");
                // Only the caller's own bounds may cut a pair.
                var s = token.Span;
                Assert.False(s.Start > start && char.IsLowSurrogate(text[s.Start]) && char.IsHighSurrogate(text[s.Start - 1]), $"token {s} starts inside a pair");
                Assert.False(s.End < end && char.IsLowSurrogate(text[s.End]) && char.IsHighSurrogate(text[s.End - 1]), $"token {s} ends inside a pair");
            }
        }
    }

    /// <summary>Long chunks without whitespace that would make a careless scanner quadratic; the suite would stall.</summary>
    [Theory]
    [InlineData("a+", "@b.de")]
    [InlineData("s'.", "")]
    [InlineData("a-", "b.de/x")]
    [InlineData("1.", " März")]
    [InlineData("etc.\"", " A")]
    public void HostileChunksStayLinear(string unit, string tail)
    {
        var text = string.Concat(Enumerable.Repeat(unit, 60_000)) + tail;
        foreach (var hyphens in new[] { HyphenConvention.KeepCompounds, HyphenConvention.SplitCompounds })
        {
            var splitter = new SentenceSplitter(Profiles.For("en").WithHyphens(hyphens));
            var sentences = splitter.Split(text);
            Assert.NotEmpty(sentences);
            Assert.NotEmpty(splitter.Tokenizer.Tokenize(text));
        }
    }

    private static string RandomText(Random random, int pieces)
    {
        var builder = new StringBuilder();
        for (var i = 0; i < pieces; i++)
        {
            if (random.Next(10) == 0)
            {
                builder.Append((char)random.Next(0, 0x10000));
            }
            else
            {
                builder.Append(Pieces[random.Next(Pieces.Length)]);
            }
        }

        return builder.ToString();
    }

    private static void Check(string text, string language)
    {
        // The segmenter classes directly: Article rejects some invalid UTF-16 when it computes its id.
        var splitter = Splitters.GetOrAdd(language, l => new SentenceSplitter(Profiles.For(l)));
        var sentences = splitter.Split(text);
        var tokens = new List<Token>();
        for (var s = 0; s < sentences.Count; s++)
        {
            splitter.Tokenizer.Tokenize(text, sentences[s].Span, s, tokens);
        }

        var previousEnd = 0;
        foreach (var sentence in sentences)
        {
            var span = sentence.Span;
            Assert.True(span.Start >= previousEnd && span.Length > 0 && span.End <= text.Length, $"sentence {span} in {Escape(text)}");
            Assert.False(char.IsWhiteSpace(text[span.Start]) || char.IsWhiteSpace(text[span.End - 1]), $"sentence {span} has outer whitespace in {Escape(text)}");
            AssertNoSplitSurrogate(text, span);
            previousEnd = span.End;
        }

        previousEnd = 0;
        var covered = new bool[text.Length];
        foreach (var token in tokens)
        {
            var span = token.Span;
            Assert.True(span.Start >= previousEnd && span.Length > 0 && span.End <= text.Length, $"token {span} in {Escape(text)}");
            Assert.InRange(token.SentenceIndex, 0, sentences.Count - 1);
            var sentence = sentences[token.SentenceIndex].Span;
            Assert.True(span.Start >= sentence.Start && span.End <= sentence.End, $"token {span} outside its sentence {sentence}");
            Assert.Equal(span.Of(text), token.Form);
            Assert.DoesNotContain(token.Form, c => char.IsWhiteSpace(c));
            AssertNoSplitSurrogate(text, span);
            for (var i = span.Start; i < span.End; i++)
            {
                covered[i] = true;
            }

            previousEnd = span.End;
        }

        // No text is lost: every non-whitespace character belongs to exactly one token.
        for (var i = 0; i < text.Length; i++)
        {
            Assert.True(covered[i] || char.IsWhiteSpace(text[i]), $"character {i} (U+{(int)text[i]:X4}) not covered in {Escape(text)}");
        }

        for (var i = 1; i < tokens.Count; i++)
        {
            Assert.True(tokens[i].SentenceIndex >= tokens[i - 1].SentenceIndex);
        }
    }

    private static void AssertNoSplitSurrogate(string text, Span span)
    {
        Assert.False(span.Start > 0 && char.IsLowSurrogate(text[span.Start]) && char.IsHighSurrogate(text[span.Start - 1]), $"span {span} starts inside a surrogate pair");
        Assert.False(span.End < text.Length && char.IsLowSurrogate(text[span.End]) && char.IsHighSurrogate(text[span.End - 1]), $"span {span} ends inside a surrogate pair");
    }

    private static string Escape(string text) =>
        string.Concat(text.Select(c => c is < ' ' or > '~' ? $"\\u{(int)c:X4}" : c.ToString()));
}
