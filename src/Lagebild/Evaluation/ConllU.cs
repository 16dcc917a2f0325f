namespace Lagebild.Evaluation;

/// <summary>A surface token of a CoNLL-U sentence: a plain word line or a multi-word token line ("im", "don't").</summary>
public sealed record ConllUToken(string Form, bool SpaceAfter);

/// <summary>A CoNLL-U sentence as far as segmentation is concerned.</summary>
public sealed record ConllUSentence(string? Id, string? Text, bool NewDocument, bool NewParagraph, IReadOnlyList<ConllUToken> Tokens);

/// <summary>
/// Reads the parts of CoNLL-U that segmentation evaluation needs: sentence text, document and paragraph starts,
/// and surface tokens (a multi-word token range counts once; its syntactic words are skipped; empty nodes too).
/// </summary>
public static class ConllUReader
{
    public static IReadOnlyList<ConllUSentence> Read(TextReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var sentences = new List<ConllUSentence>();
        var tokens = new List<ConllUToken>();
        string? id = null;
        string? text = null;
        var newDocument = false;
        var newParagraph = false;
        var coveredUntil = 0;
        var lineNumber = 0;

        void Flush()
        {
            if (tokens.Count > 0 || text is not null)
            {
                sentences.Add(new ConllUSentence(id, text, newDocument, newParagraph, [.. tokens]));
            }

            tokens.Clear();
            id = null;
            text = null;
            newDocument = false;
            newParagraph = false;
            coveredUntil = 0;
        }

        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            if (line.Length == 0)
            {
                Flush();
                continue;
            }

            if (line[0] == '#')
            {
                if (TryComment(line, "sent_id", out var value))
                {
                    id = value;
                }
                else if (TryComment(line, "text", out value))
                {
                    text = value;
                }
                else if (line.StartsWith("# newdoc", StringComparison.Ordinal))
                {
                    newDocument = true;
                }
                else if (line.StartsWith("# newpar", StringComparison.Ordinal))
                {
                    newParagraph = true;
                }

                continue;
            }

            var columns = line.Split('\t');
            if (columns.Length < 10)
            {
                throw new InvalidDataException($"line {lineNumber}: expected 10 tab-separated columns, found {columns.Length}.");
            }

            var idColumn = columns[0];
            if (idColumn.Contains('.', StringComparison.Ordinal))
            {
                continue;
            }

            var spaceAfter = !columns[9].Split('|').Contains("SpaceAfter=No", StringComparer.Ordinal);
            var dash = idColumn.IndexOf('-', StringComparison.Ordinal);
            if (dash > 0)
            {
                coveredUntil = int.Parse(idColumn.AsSpan(dash + 1), System.Globalization.CultureInfo.InvariantCulture);
                tokens.Add(new ConllUToken(columns[1], spaceAfter));
                continue;
            }

            var wordId = int.Parse(idColumn, System.Globalization.CultureInfo.InvariantCulture);
            if (wordId <= coveredUntil)
            {
                continue;
            }

            tokens.Add(new ConllUToken(columns[1], spaceAfter));
        }

        Flush();
        return sentences;
    }

    public static IReadOnlyList<ConllUSentence> ReadFile(string path)
    {
        using var reader = new StreamReader(path, System.Text.Encoding.UTF8);
        return Read(reader);
    }

    private static bool TryComment(string line, string key, out string value)
    {
        value = "";
        var rest = line.AsSpan(1).TrimStart();
        if (!rest.StartsWith(key, StringComparison.Ordinal))
        {
            return false;
        }

        rest = rest[key.Length..].TrimStart();
        if (rest.Length == 0 || rest[0] != '=')
        {
            return false;
        }

        value = rest[1..].Trim().ToString();
        return true;
    }
}
