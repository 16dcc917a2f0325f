using System.Text;
using System.Text.Json;

namespace Lagebild.Output;

/// <summary>How a sequence of JSON values is laid out on a text stream.</summary>
public enum JsonSequenceFormat
{
    /// <summary>Indented: a single object when the sequence holds exactly one value, else an array (also when empty).</summary>
    Json,

    /// <summary>JSON Lines: one compact value per line, written as soon as it is complete.</summary>
    Jsonl,
}

/// <summary>
/// Writes a sequence of JSON values (one per article) to a <see cref="TextWriter"/>. In <see cref="JsonSequenceFormat.Json"/>
/// the first value is held back until the second arrives or the sequence completes, because only then is it known
/// whether an array is needed.
/// </summary>
public sealed class JsonSequenceWriter : IDisposable
{
    private readonly TextWriter _output;
    private readonly JsonSequenceFormat _format;
    private readonly MemoryStream _buffer = new();
    private Action<Utf8JsonWriter>? _pending;
    private Utf8JsonWriter? _arrayWriter;
    private bool _completed;

    public JsonSequenceWriter(TextWriter output, JsonSequenceFormat format)
    {
        ArgumentNullException.ThrowIfNull(output);
        _output = output;
        _format = format;
    }

    public int Count { get; private set; }

    /// <summary>Adds one value; <paramref name="write"/> writes exactly one complete JSON value.</summary>
    public void Add(Action<Utf8JsonWriter> write)
    {
        ArgumentNullException.ThrowIfNull(write);
        ObjectDisposedException.ThrowIf(_completed, this);
        Count++;
        if (_format == JsonSequenceFormat.Jsonl)
        {
            using (var writer = new Utf8JsonWriter(_buffer, ArticleJsonWriter.Compact))
            {
                write(writer);
            }

            Drain();
            _output.Write('\n');
            return;
        }

        if (Count == 1)
        {
            _pending = write;
            return;
        }

        if (_arrayWriter is null)
        {
            _arrayWriter = new Utf8JsonWriter(_buffer, ArticleJsonWriter.Indented);
            _arrayWriter.WriteStartArray();
            _pending!(_arrayWriter);
            _pending = null;
        }

        write(_arrayWriter);
        _arrayWriter.Flush();
        Drain();
    }

    /// <summary>Writes what is held back and closes the array; call once after the last value.</summary>
    public void Complete()
    {
        if (_completed)
        {
            return;
        }

        _completed = true;
        if (_format == JsonSequenceFormat.Jsonl)
        {
            _output.Flush();
            return;
        }

        using (var writer = _arrayWriter ?? new Utf8JsonWriter(_buffer, ArticleJsonWriter.Indented))
        {
            if (_arrayWriter is not null)
            {
                writer.WriteEndArray();
            }
            else if (_pending is not null)
            {
                _pending(writer);
                _pending = null;
            }
            else
            {
                writer.WriteStartArray();
                writer.WriteEndArray();
            }
        }

        _arrayWriter = null;
        Drain();
        _output.Write('\n');
        _output.Flush();
    }

    public void Dispose()
    {
        _arrayWriter?.Dispose();
        _buffer.Dispose();
    }

    // Utf8JsonWriter only emits complete UTF-8 sequences on flush, so each drained chunk decodes on its own.
    private void Drain()
    {
        if (_buffer.Length == 0)
        {
            return;
        }

        _output.Write(Encoding.UTF8.GetString(_buffer.GetBuffer(), 0, (int)_buffer.Length));
        _buffer.SetLength(0);
    }
}
