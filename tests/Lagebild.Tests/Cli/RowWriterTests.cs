using Lagebild.Cli.Commands;
using Lagebild.Store;

namespace Lagebild.Tests.Cli;

public sealed class RowWriterTests
{
    private static StoreRows Rows() => new(
        ["id", "title", "count", "score"],
        [
            ["a1", "Plain", 3L, 1.5],
            ["a2", "Comma, \"quoted\"\nand a line break", null, -4.0],
        ]);

    private static string Format(RowFormat format, int? width = null)
    {
        var output = new StringWriter();
        RowWriter.Write(Rows(), format, output, width);
        return output.ToString();
    }

    [Fact]
    public void CsvFollowsRfc4180()
    {
        Assert.Equal(
            "id,title,count,score\r\na1,Plain,3,1.5\r\na2,\"Comma, \"\"quoted\"\"\nand a line break\",,-4\r\n",
            Format(RowFormat.Csv));
    }

    [Fact]
    public void JsonIsAnArrayOfTypedObjectsAndJsonlOneObjectPerLine()
    {
        var json = Format(RowFormat.Json);
        using var document = System.Text.Json.JsonDocument.Parse(json);
        Assert.Equal(2, document.RootElement.GetArrayLength());
        Assert.Equal(3, document.RootElement[0].GetProperty("count").GetInt64());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, document.RootElement[1].GetProperty("count").ValueKind);
        Assert.Equal("Comma, \"quoted\"\nand a line break", document.RootElement[1].GetProperty("title").GetString());

        var lines = Format(RowFormat.Jsonl).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        Assert.StartsWith("{\"id\":\"a1\"", lines[0], StringComparison.Ordinal);
    }

    [Fact]
    public void TableKeepsEachRowOnOneLineAndFitsTheWidth()
    {
        var lines = Format(RowFormat.Table, width: 30).Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(5, lines.Length);
        Assert.All(lines, line => Assert.True(line.Length <= 30, line));
        Assert.Contains("…", lines[3], StringComparison.Ordinal);
        Assert.Equal("(2 rows)", lines[^1]);
    }
}
