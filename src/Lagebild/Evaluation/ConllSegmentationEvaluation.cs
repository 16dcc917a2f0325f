using System.Text;
using Lagebild.Documents;
using Lagebild.Nlp.Conllu;
using Lagebild.Text.Segmentation;

namespace Lagebild.Evaluation;

/// <summary>Precision, recall and F1 of one span layer, as the CoNLL 2018 shared task evaluation reports them.</summary>
public sealed record SpanScore(int Gold, int System, int Correct)
{
    public double Precision => System == 0 ? 0 : (double)Correct / System;

    public double Recall => Gold == 0 ? 0 : (double)Correct / Gold;

    public double F1 => Gold + System == 0 ? 0 : 2.0 * Correct / (Gold + System);
}

/// <summary>Token and sentence scores of one run, with the system spans for error analysis.</summary>
public sealed record SegmentationScores(SpanScore Tokens, SpanScore Sentences, IReadOnlyList<Span> SystemTokens, IReadOnlyList<Span> SystemSentences);

/// <summary>Raw text rebuilt from a treebank, with the gold token and sentence spans over it.</summary>
public sealed record GoldSegmentation(string Text, IReadOnlyList<Span> Tokens, IReadOnlyList<Span> Sentences);

/// <summary>
/// The tokens and sentences metrics of the CoNLL 2018 shared task (conll18_ud_eval.py): spans are compared in
/// the sequence of non-whitespace characters, so gold and system may differ in whitespace but not in other
/// characters; a span counts as correct when a span with the same start and end exists on the other side.
/// Multi-word tokens count once (surface tokens).
/// </summary>
public static class ConllSegmentationEvaluation
{
    /// <summary>
    /// Rebuilds the raw text as the UD raw-text files have it: sentence texts joined by a space (none when the
    /// last token says SpaceAfter=No), a blank line before each new paragraph or document. Token spans come from
    /// matching the forms against the sentence text, ignoring whitespace.
    /// </summary>
    public static GoldSegmentation Reconstruct(IEnumerable<ConlluSentence> sentences)
    {
        ArgumentNullException.ThrowIfNull(sentences);
        var text = new StringBuilder();
        var tokens = new List<Span>();
        var spans = new List<Span>();
        IReadOnlyList<ConlluSurfaceToken>? previousTokens = null;
        foreach (var sentence in sentences)
        {
            var sentenceTokens = sentence.SurfaceTokens();
            var givenText = sentence.GetComment("text");
            if (sentenceTokens.Count == 0 && givenText is null)
            {
                // A block of comments only (no words, no text) is no sentence of the raw text.
                continue;
            }

            if (previousTokens is not null)
            {
                if (sentence.StartsDocument || sentence.StartsParagraph)
                {
                    text.Append("\n\n");
                }
                else if (previousTokens.Count == 0 || previousTokens[^1].SpaceAfter)
                {
                    text.Append(' ');
                }
            }

            var sentenceText = givenText ?? Detokenize(sentenceTokens);
            var offset = text.Length;
            text.Append(sentenceText);
            var position = 0;
            foreach (var token in sentenceTokens)
            {
                int start = -1, end = -1;
                foreach (var c in token.Form)
                {
                    if (char.IsWhiteSpace(c))
                    {
                        continue;
                    }

                    while (position < sentenceText.Length && char.IsWhiteSpace(sentenceText[position]))
                    {
                        position++;
                    }

                    if (position >= sentenceText.Length || sentenceText[position] != c)
                    {
                        throw new InvalidDataException(
                            $"sentence {sentence.GetComment("sent_id") ?? "?"}: token '{token.Form}' does not match the sentence text at offset {position}.");
                    }

                    if (start < 0)
                    {
                        start = position;
                    }

                    position++;
                    end = position;
                }

                if (start >= 0)
                {
                    tokens.Add(Span.FromBounds(offset + start, offset + end));
                }
            }

            var trimmedStart = 0;
            while (trimmedStart < sentenceText.Length && char.IsWhiteSpace(sentenceText[trimmedStart]))
            {
                trimmedStart++;
            }

            var trimmedEnd = sentenceText.Length;
            while (trimmedEnd > trimmedStart && char.IsWhiteSpace(sentenceText[trimmedEnd - 1]))
            {
                trimmedEnd--;
            }

            if (trimmedEnd > trimmedStart)
            {
                spans.Add(Span.FromBounds(offset + trimmedStart, offset + trimmedEnd));
            }

            previousTokens = sentenceTokens;
        }

        return new GoldSegmentation(text.ToString(), tokens, spans);
    }

    /// <summary>Runs the sentence splitter and the tokenizer of <paramref name="profile"/> over the gold text and scores both.</summary>
    public static SegmentationScores Evaluate(GoldSegmentation gold, SegmentationProfile profile)
    {
        ArgumentNullException.ThrowIfNull(gold);
        ArgumentNullException.ThrowIfNull(profile);
        var splitter = new SentenceSplitter(profile);
        var sentences = splitter.Split(gold.Text);
        var tokens = new List<Token>();
        for (var s = 0; s < sentences.Count; s++)
        {
            splitter.Tokenizer.Tokenize(gold.Text, sentences[s].Span, s, tokens);
        }

        var systemTokens = tokens.Select(t => t.Span).ToList();
        var systemSentences = sentences.Select(s => s.Span).ToList();
        return new SegmentationScores(
            Score(gold.Text, gold.Tokens, systemTokens),
            Score(gold.Text, gold.Sentences, systemSentences),
            systemTokens,
            systemSentences);
    }

    /// <summary>Scores system spans against gold spans over the same text, in non-whitespace character space.</summary>
    public static SpanScore Score(string text, IReadOnlyList<Span> gold, IReadOnlyList<Span> system)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(gold);
        ArgumentNullException.ThrowIfNull(system);
        var index = NonWhitespaceIndex(text);
        var goldKeys = ToCharacterSpans(gold, index);
        var systemKeys = ToCharacterSpans(system, index);
        int g = 0, s = 0, correct = 0;
        while (g < goldKeys.Count && s < systemKeys.Count)
        {
            if (systemKeys[s].Start < goldKeys[g].Start)
            {
                s++;
            }
            else if (goldKeys[g].Start < systemKeys[s].Start)
            {
                g++;
            }
            else
            {
                if (goldKeys[g].End == systemKeys[s].End)
                {
                    correct++;
                }

                g++;
                s++;
            }
        }

        return new SpanScore(goldKeys.Count, systemKeys.Count, correct);
    }

    /// <summary>The gold spans that the system did not reproduce exactly (for error analysis).</summary>
    public static IEnumerable<Span> Missed(string text, IReadOnlyList<Span> gold, IReadOnlyList<Span> system)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(gold);
        ArgumentNullException.ThrowIfNull(system);
        var index = NonWhitespaceIndex(text);
        var systemKeys = new HashSet<(int, int)>(ToCharacterSpans(system, index).Select(k => (k.Start, k.End)));
        for (var i = 0; i < gold.Count; i++)
        {
            var key = ToCharacterSpan(gold[i], index);
            if (key.Length > 0 && !systemKeys.Contains((key.Start, key.End)))
            {
                yield return gold[i];
            }
        }
    }

    /// <summary>For each text offset, the number of non-whitespace characters before it.</summary>
    private static int[] NonWhitespaceIndex(string text)
    {
        var index = new int[text.Length + 1];
        var count = 0;
        for (var i = 0; i < text.Length; i++)
        {
            index[i] = count;
            if (!char.IsWhiteSpace(text[i]))
            {
                count++;
            }
        }

        index[text.Length] = count;
        return index;
    }

    private static List<Span> ToCharacterSpans(IReadOnlyList<Span> spans, int[] index)
    {
        var keys = new List<Span>(spans.Count);
        foreach (var span in spans)
        {
            var key = ToCharacterSpan(span, index);
            if (key.Length > 0)
            {
                keys.Add(key);
            }
        }

        keys.Sort((a, b) => a.Start != b.Start ? a.Start.CompareTo(b.Start) : a.End.CompareTo(b.End));
        return keys;
    }

    private static Span ToCharacterSpan(Span span, int[] index) => Span.FromBounds(index[span.Start], index[span.End]);

    private static string Detokenize(IReadOnlyList<ConlluSurfaceToken> tokens)
    {
        var builder = new StringBuilder();
        for (var i = 0; i < tokens.Count; i++)
        {
            builder.Append(tokens[i].Form);
            if (tokens[i].SpaceAfter && i + 1 < tokens.Count)
            {
                builder.Append(' ');
            }
        }

        return builder.ToString();
    }
}
