using System.Globalization;
using System.Text.Json;
using Lagebild.Output;

namespace Lagebild.Tests.Output;

public sealed class JsonSequenceWriterTests
{
    private static string Write(JsonSequenceFormat format, params string[] values)
    {
        using var output = new StringWriter(CultureInfo.InvariantCulture);
        using (var sequence = new JsonSequenceWriter(output, format))
        {
            foreach (var value in values)
            {
                sequence.Add(writer =>
                {
                    writer.WriteStartObject();
                    writer.WriteString("value", value);
                    writer.WriteEndObject();
                });
            }

            sequence.Complete();
        }

        return output.ToString();
    }

    [Fact]
    public void JsonWithNoValueIsAnEmptyArray() =>
        Assert.Equal(JsonValueKind.Array, JsonDocument.Parse(Write(JsonSequenceFormat.Json)).RootElement.ValueKind);

    [Fact]
    public void JsonWithOneValueIsThatObject()
    {
        using var document = JsonDocument.Parse(Write(JsonSequenceFormat.Json, "ä – „x“ 🚒"));
        Assert.Equal("ä – „x“ 🚒", document.RootElement.GetProperty("value").GetString());
    }

    [Fact]
    public void JsonWithSeveralValuesIsAnArrayInOrder()
    {
        using var document = JsonDocument.Parse(Write(JsonSequenceFormat.Json, "a", "b", "c"));
        Assert.Equal(["a", "b", "c"], document.RootElement.EnumerateArray().Select(e => e.GetProperty("value").GetString()));
    }

    [Fact]
    public void JsonlIsOneCompactLinePerValue()
    {
        var text = Write(JsonSequenceFormat.Jsonl, "a", "Zeile\nzwei");
        Assert.Equal("{\"value\":\"a\"}\n{\"value\":\"Zeile\\nzwei\"}\n", text);
    }
}
