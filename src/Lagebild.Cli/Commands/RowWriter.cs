using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Lagebild.Output;
using Lagebild.Store;

namespace Lagebild.Cli.Commands;

internal enum RowFormat
{
    Table,
    Json,
    Jsonl,
    Csv,
}

/// <summary>Writes store rows as a terminal table, a JSON array, JSON lines or RFC 4180 CSV.</summary>
internal static class RowWriter
{
    private const int DefaultColumnCap = 40;
    private const int ColumnGap = 2;
    private const int NarrowestColumn = 6;

    /// <summary>Writes the rows; returns how many were written.</summary>
    public static long Write(StoreRows rows, RowFormat format, TextWriter output, int? terminalWidth = null)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(output);
        return format switch
        {
            RowFormat.Table => WriteTable(rows, output, terminalWidth),
            RowFormat.Json => WriteJson(rows, output, asArray: true),
            RowFormat.Jsonl => WriteJson(rows, output, asArray: false),
            RowFormat.Csv => WriteCsv(rows, output),
            _ => throw new ArgumentOutOfRangeException(nameof(format), format, "Unknown row format."),
        };
    }

    private static long WriteCsv(StoreRows rows, TextWriter output)
    {
        // RFC 4180: CRLF after every record, fields quoted when they hold a comma, quote or line break.
        WriteCsvRecord(output, rows.Columns);
        long count = 0;
        var fields = new string[rows.Columns.Count];
        foreach (var row in rows)
        {
            for (var i = 0; i < fields.Length; i++)
            {
                fields[i] = FormatValue(row[i]);
            }

            WriteCsvRecord(output, fields);
            count++;
        }

        return count;
    }

    private static void WriteCsvRecord(TextWriter output, IReadOnlyList<string> fields)
    {
        for (var i = 0; i < fields.Count; i++)
        {
            if (i > 0)
            {
                output.Write(',');
            }

            var field = fields[i];
            if (field.AsSpan().IndexOfAny(",\"\r\n") >= 0)
            {
                output.Write('"');
                output.Write(field.Replace("\"", "\"\"", StringComparison.Ordinal));
                output.Write('"');
            }
            else
            {
                output.Write(field);
            }
        }

        output.Write("\r\n");
    }

    private static long WriteJson(StoreRows rows, TextWriter output, bool asArray)
    {
        var buffer = new ArrayBufferWriter<byte>(4096);
        using var writer = new Utf8JsonWriter(buffer, ArticleJsonWriter.Compact);
        long count = 0;
        if (asArray)
        {
            output.Write('[');
        }

        foreach (var row in rows)
        {
            buffer.ResetWrittenCount();
            writer.Reset(buffer);
            writer.WriteStartObject();
            for (var i = 0; i < rows.Columns.Count; i++)
            {
                var name = rows.Columns[i];
                switch (row[i])
                {
                    case null:
                        writer.WriteNull(name);
                        break;
                    case long integer:
                        writer.WriteNumber(name, integer);
                        break;
                    case double real:
                        writer.WriteNumber(name, real);
                        break;
                    case var other:
                        writer.WriteString(name, Convert.ToString(other, CultureInfo.InvariantCulture));
                        break;
                }
            }

            writer.WriteEndObject();
            writer.Flush();
            if (asArray)
            {
                output.Write(count == 0 ? "\n" : ",\n");
            }

            output.Write(Encoding.UTF8.GetString(buffer.WrittenSpan));
            if (!asArray)
            {
                output.Write('\n');
            }

            count++;
        }

        if (asArray)
        {
            output.Write(count == 0 ? "]\n" : "\n]\n");
        }

        return count;
    }

    private static long WriteTable(StoreRows rows, TextWriter output, int? terminalWidth)
    {
        var columns = rows.Columns;
        var cells = new List<string[]>();
        var numeric = new bool[columns.Count];
        Array.Fill(numeric, true);
        foreach (var row in rows)
        {
            var line = new string[columns.Count];
            for (var i = 0; i < line.Length; i++)
            {
                line[i] = OneLine(FormatValue(row[i]));
                numeric[i] &= row[i] is null or long or double;
            }

            cells.Add(line);
        }

        var widths = new int[columns.Count];
        for (var i = 0; i < widths.Length; i++)
        {
            var widest = cells.Count == 0 ? 0 : cells.Max(line => line[i].Length);
            widths[i] = Math.Max(columns[i].Length, Math.Min(widest, Cap(columns[i])));
        }

        if (terminalWidth is { } available)
        {
            FitInto(widths, available);
        }

        WriteTableLine(output, columns, widths, new bool[columns.Count]);
        WriteTableLine(output, widths.Select(width => new string('-', width)).ToArray(), widths, new bool[columns.Count]);
        foreach (var line in cells)
        {
            WriteTableLine(output, line, widths, numeric);
        }

        output.WriteLine(cells.Count == 1 ? "(1 row)" : string.Create(CultureInfo.InvariantCulture, $"({cells.Count} rows)"));
        return cells.Count;
    }

    /// <summary>Narrows the widest columns until the table fits the terminal (or every column is at its narrowest).</summary>
    private static void FitInto(int[] widths, int available)
    {
        while (widths.Sum() + (ColumnGap * (widths.Length - 1)) > available)
        {
            var widest = Array.IndexOf(widths, widths.Max());
            if (widths[widest] <= NarrowestColumn)
            {
                return;
            }

            widths[widest]--;
        }
    }

    private static int Cap(string column) => column switch
    {
        "id" or "article" => 32,
        "title" or "text" or "evidence" or "url" => 60,
        "published" => 25,
        _ => DefaultColumnCap,
    };

    private static void WriteTableLine(TextWriter output, IReadOnlyList<string> values, int[] widths, bool[] rightAligned)
    {
        var line = new StringBuilder();
        for (var i = 0; i < values.Count; i++)
        {
            var value = Truncate(values[i], widths[i]);
            if (i > 0)
            {
                line.Append(' ', ColumnGap);
            }

            if (rightAligned[i])
            {
                line.Append(' ', widths[i] - value.Length).Append(value);
            }
            else
            {
                line.Append(value);
                if (i < values.Count - 1)
                {
                    line.Append(' ', widths[i] - value.Length);
                }
            }
        }

        output.WriteLine(line.ToString().TrimEnd());
    }

    private static string Truncate(string value, int width) =>
        value.Length <= width ? value : string.Concat(value.AsSpan(0, Math.Max(0, width - 1)), "…");

    private static string OneLine(string value) =>
        value.AsSpan().IndexOfAny("\r\n\t") < 0 ? value : value.Replace("\r\n", " ", StringComparison.Ordinal).Replace('\r', ' ').Replace('\n', ' ').Replace('\t', ' ');

    private static string FormatValue(object? value) => value switch
    {
        null => "",
        string text => text,
        double real => real.ToString("R", CultureInfo.InvariantCulture),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}
