using System.Globalization;

namespace Lagebild.Nlp.Conllu;

/// <summary>
/// Reads CoNLL-U: sentences separated by blank lines, comment lines, word lines, multi-word token ranges and
/// empty nodes. A malformed line is reported with its line number instead of being guessed at.
/// </summary>
public static class ConlluReader
{
    public static IEnumerable<ConlluSentence> Read(TextReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        return ReadIterator(reader);
    }

    public static List<ConlluSentence> ReadFile(string path)
    {
        using var reader = new StreamReader(path, System.Text.Encoding.UTF8);
        return [.. Read(reader)];
    }

    public static List<ConlluSentence> Parse(string text)
    {
        using var reader = new StringReader(text);
        return [.. Read(reader)];
    }

    private static IEnumerable<ConlluSentence> ReadIterator(TextReader reader)
    {
        var current = new ConlluSentence();
        var hasContent = false;
        var lineNumber = 0;
        string? line;
        while ((line = reader.ReadLine()) is not null)
        {
            lineNumber++;
            if (line.Length > 0 && line[^1] == '\r')
            {
                line = line[..^1];
            }

            if (string.IsNullOrWhiteSpace(line))
            {
                if (hasContent)
                {
                    yield return current;
                    current = new ConlluSentence();
                    hasContent = false;
                }

                continue;
            }

            hasContent = true;
            if (line[0] == '#')
            {
                current.Comments.Add(line);
                continue;
            }

            ParseLine(line, lineNumber, current);
        }

        if (hasContent)
        {
            yield return current;
        }
    }

    private static void ParseLine(string line, int lineNumber, ConlluSentence sentence)
    {
        var columns = line.Split('\t');
        if (columns.Length != 10)
        {
            throw new FormatException($"CoNLL-U line {lineNumber}: expected 10 tab-separated columns, found {columns.Length}.");
        }

        var id = columns[0];
        var dash = id.IndexOf('-', StringComparison.Ordinal);
        if (dash > 0)
        {
            if (!TryParseId(id.AsSpan(0, dash), out var first) || !TryParseId(id.AsSpan(dash + 1), out var last) || last < first)
            {
                throw new FormatException($"CoNLL-U line {lineNumber}: bad multi-word token range '{id}'.");
            }

            sentence.MultiWordTokens.Add(new ConlluMultiWordToken(first, last, columns[1], columns[9]));
            return;
        }

        var dot = id.IndexOf('.', StringComparison.Ordinal);
        if (dot > 0)
        {
            if (!TryParseId(id.AsSpan(0, dot), out var after))
            {
                throw new FormatException($"CoNLL-U line {lineNumber}: bad empty node id '{id}'.");
            }

            sentence.EmptyNodes.Add(new ConlluEmptyNode(after, line));
            return;
        }

        if (!TryParseId(id, out var wordId) || wordId != sentence.Words.Count + 1)
        {
            throw new FormatException($"CoNLL-U line {lineNumber}: word id '{id}' is not {sentence.Words.Count + 1}.");
        }

        sentence.Words.Add(new ConlluWord(wordId, columns[1])
        {
            Lemma = columns[2],
            Upos = columns[3],
            Xpos = columns[4],
            Feats = columns[5],
            Head = columns[6],
            Deprel = columns[7],
            Deps = columns[8],
            Misc = columns[9],
        });
    }

    private static bool TryParseId(ReadOnlySpan<char> text, out int value) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value);
}
