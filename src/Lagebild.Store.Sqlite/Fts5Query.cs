using System.Text;

namespace Lagebild.Store.Sqlite;

/// <summary>
/// Translates a <see cref="TextQuery"/> into an FTS5 MATCH expression. Every term becomes a quoted FTS5 string, so
/// punctuation and FTS5's own operators inside a word are plain text. FTS5's NOT is binary ("a NOT b"), so a NOT
/// must sit beside something that matches; a query that only excludes is refused with a plain message.
/// </summary>
internal static class Fts5Query
{
    /// <param name="Expression">The MATCH expression, or null when the query cannot be expressed.</param>
    /// <param name="Error">Why not, in plain words.</param>
    internal sealed record Translation(string? Expression, string? Error);

    private sealed class Unsupported(string message) : Exception(message);

    public static Translation Translate(string query)
    {
        var parsed = TextQuery.Parse(query);
        if (parsed.Query is not { } tree)
        {
            return new Translation(null, parsed.Error);
        }

        try
        {
            var builder = new StringBuilder();
            Write(builder, tree);
            return new Translation(builder.ToString(), null);
        }
        catch (Unsupported unsupported)
        {
            // Only unwinds the recursion: an inexpressible query is an expected user error, returned as a value.
            return new Translation(null, $"cannot run the text query '{query}': {unsupported.Message}");
        }
    }

    private static void Write(StringBuilder builder, TextQuery query)
    {
        switch (query)
        {
            case TextTerm term:
                WriteTerm(builder, term);
                break;
            case TextOr or:
                builder.Append('(');
                Write(builder, or.Left);
                builder.Append(" OR ");
                Write(builder, or.Right);
                builder.Append(')');
                break;
            case TextAnd { Right: TextNot excluded, Left: not TextNot } and:
                WriteExclusion(builder, and.Left, excluded.Operand);
                break;
            case TextAnd { Left: TextNot excluded, Right: not TextNot } and:
                WriteExclusion(builder, and.Right, excluded.Operand);
                break;
            case TextAnd and:
                if (and.Left is TextNot || and.Right is TextNot)
                {
                    throw new Unsupported("NOT needs a word to keep beside it: write 'Wahl NOT Wien', not only exclusions.");
                }

                builder.Append('(');
                Write(builder, and.Left);
                builder.Append(" AND ");
                Write(builder, and.Right);
                builder.Append(')');
                break;
            case TextNot { Operand: TextNot twice }:
                Write(builder, twice.Operand);
                break;
            case TextNot:
                throw new Unsupported("NOT needs a word to keep beside it: write 'Wahl NOT Wien', not 'NOT Wien' alone.");
            default:
                throw new ArgumentOutOfRangeException(nameof(query), query, "Unknown text query node.");
        }
    }

    private static void WriteExclusion(StringBuilder builder, TextQuery kept, TextQuery excluded)
    {
        builder.Append('(');
        Write(builder, kept);
        builder.Append(" NOT ");
        Write(builder, excluded);
        builder.Append(')');
    }

    private static void WriteTerm(StringBuilder builder, TextTerm term)
    {
        builder.Append(term.Field switch
        {
            TextField.Title => "title : ",
            TextField.Text => "text : ",
            _ => "",
        });
        builder.Append('"').Append(term.Words.Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"');
        if (term.Prefix)
        {
            builder.Append(" *");
        }
    }
}
