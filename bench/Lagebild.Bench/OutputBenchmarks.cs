using System.Buffers;
using System.Globalization;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Lagebild.Output;
using Lagebild.Pipeline;

namespace Lagebild.Bench;

/// <summary>Serialising an analysed article: the JSON contract (with and without tokens) and the text report.</summary>
[MemoryDiagnoser]
public class OutputBenchmarks
{
    private readonly ArrayBufferWriter<byte> _buffer = new(1 << 16);
    private AnalysisContext _context = null!;

    [Params(false, true)]
    public bool IncludeTokens { get; set; }

    [GlobalSetup]
    public void Setup() => _context = Engine.Create().Pipeline.Run(BenchInputs.ReferenceArticle());

    [Benchmark]
    public int WriteJson()
    {
        _buffer.ResetWrittenCount();
        using (var writer = new Utf8JsonWriter(_buffer, ArticleJsonWriter.Compact))
        {
            ArticleJsonWriter.Write(writer, _context, IncludeTokens);
        }

        return _buffer.WrittenCount;
    }

    [Benchmark]
    public int WriteTextReport()
    {
        using var writer = new StringWriter(CultureInfo.InvariantCulture);
        TextReport.Write(writer, _context);
        return writer.GetStringBuilder().Length;
    }
}
