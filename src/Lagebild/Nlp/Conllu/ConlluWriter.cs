using System.Globalization;

namespace Lagebild.Nlp.Conllu;

/// <summary>Writes CoNLL-U: comments, then each word preceded by its multi-word token line and followed by its empty nodes.</summary>
public static class ConlluWriter
{
    public static void Write(TextWriter writer, ConlluSentence sentence)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(sentence);
        foreach (var comment in sentence.Comments)
        {
            writer.Write(comment);
            writer.Write('\n');
        }

        WriteEmptyNodes(writer, sentence, 0);
        foreach (var word in sentence.Words)
        {
            foreach (var range in sentence.MultiWordTokens)
            {
                if (range.First == word.Id)
                {
                    writer.Write(string.Create(CultureInfo.InvariantCulture, $"{range.First}-{range.Last}\t{range.Form}\t_\t_\t_\t_\t_\t_\t_\t{range.Misc}\n"));
                }
            }

            writer.Write(word.Id.ToString(CultureInfo.InvariantCulture));
            WriteColumn(writer, word.Form);
            WriteColumn(writer, word.Lemma);
            WriteColumn(writer, word.Upos);
            WriteColumn(writer, word.Xpos);
            WriteColumn(writer, word.Feats);
            WriteColumn(writer, word.Head);
            WriteColumn(writer, word.Deprel);
            WriteColumn(writer, word.Deps);
            WriteColumn(writer, word.Misc);
            writer.Write('\n');
            WriteEmptyNodes(writer, sentence, word.Id);
        }

        writer.Write('\n');
    }

    public static string ToText(IEnumerable<ConlluSentence> sentences)
    {
        ArgumentNullException.ThrowIfNull(sentences);
        using var writer = new StringWriter(CultureInfo.InvariantCulture);
        foreach (var sentence in sentences)
        {
            Write(writer, sentence);
        }

        return writer.ToString();
    }

    private static void WriteColumn(TextWriter writer, string value)
    {
        writer.Write('\t');
        // A column is never empty and never holds a tab or newline, whatever a model produced.
        if (value.Length == 0)
        {
            writer.Write('_');
            return;
        }

        if (value.AsSpan().IndexOfAny('\t', '\n', '\r') >= 0)
        {
            writer.Write(value.Replace('\t', ' ').Replace('\n', ' ').Replace('\r', ' '));
            return;
        }

        writer.Write(value);
    }

    private static void WriteEmptyNodes(TextWriter writer, ConlluSentence sentence, int after)
    {
        foreach (var node in sentence.EmptyNodes)
        {
            if (node.AfterWord == after)
            {
                writer.Write(node.Line);
                writer.Write('\n');
            }
        }
    }
}
