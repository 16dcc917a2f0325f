using System.Buffers;
using System.Text;
using System.Text.Json;

namespace Lagebild.Pipeline;

/// <summary>
/// What one layer adds to the outputs built from an analysis: its section of the JSON contract, fields on the
/// contract's tokens, its lines in the text report and its stored form. It lives in the folder of the stage that
/// writes the layer and is attached to the layer's key, so the writers (Output/, Store/) know no stage: they walk
/// the layers an analysis wrote, in the order they were written. Every member adds nothing unless overridden.
/// </summary>
/// <remarks>
/// When two layers fill the same contract section or report section, the one written later wins: a refining stage
/// (coreference over linked mentions) supersedes the stage it builds on, and either alone still fills the section.
/// </remarks>
public abstract class LayerOutput
{
    /// <summary>The top-level key of the JSON contract this layer fills ("sentences"), or null when it fills none.</summary>
    public virtual string? Section => null;

    /// <summary>Writes the value of <see cref="Section"/>; called only when the layer is present.</summary>
    public virtual void WriteSection(Utf8JsonWriter writer, AnalysisContext context, OutputOptions options)
    {
    }

    /// <summary>
    /// Writes this layer's fields into the object of token <c>index</c> of the contract's "tokens", or null when it
    /// adds none to this article (for instance when no model ran).
    /// </summary>
    public virtual Action<Utf8JsonWriter, int>? TokenFields(AnalysisContext context) => null;

    /// <summary>Adds this layer's facts and sections to the text report.</summary>
    public virtual void Report(ReportParts report, AnalysisContext context)
    {
    }

    /// <summary>The stored form of the layer (kept beside the contract), or null when the store keeps none.</summary>
    public virtual StoredLayer? Store(AnalysisContext context, OutputOptions options) => null;
}

/// <summary>Caller choices for the outputs: whether the (large) token layer is written.</summary>
public sealed record OutputOptions(bool IncludeTokens)
{
    public static OutputOptions WithoutTokens { get; } = new(false);

    public static OutputOptions WithTokens { get; } = new(true);
}

/// <summary>A layer as the store keeps it: how many items it holds and its compact JSON.</summary>
public sealed record StoredLayer(int ItemCount, string Json)
{
    private static readonly JsonWriterOptions Compact = new()
    {
        Indented = false,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>The layer written by <paramref name="write"/> as compact JSON (same escaping as the contract).</summary>
    public static StoredLayer Of(int itemCount, Action<Utf8JsonWriter> write)
    {
        ArgumentNullException.ThrowIfNull(write);
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var writer = new Utf8JsonWriter(buffer, Compact))
        {
            write(writer);
        }

        return new StoredLayer(itemCount, Encoding.UTF8.GetString(buffer.WrittenSpan));
    }
}

/// <summary>
/// The parts of the text report the layers fill: facts for the header ("12 sentences" in the length line, a richer
/// language line) and labelled sections with a one-line summary and indented detail lines.
/// </summary>
public sealed class ReportParts
{
    private readonly List<string> _lengthParts = [];
    private readonly List<ReportSection> _sections = [];

    /// <summary>Counts shown after the character count in the "length" line, in layer order.</summary>
    public IReadOnlyList<string> LengthParts => _lengthParts;

    /// <summary>How the detected language is described (confidence, method), when a layer knows more than its code.</summary>
    public string? LanguageDetail { get; set; }

    /// <summary>The sections, one per label; a later layer's section replaces an earlier one with the same label.</summary>
    public IReadOnlyList<ReportSection> Sections => _sections;

    /// <summary>"1 sentence", "1,234 tokens": a count with its noun, for the length line and section summaries.</summary>
    public static string Count(int count, string noun) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{count:N0} {noun}{(count == 1 ? "" : "s")}");

    public void AddLength(string part)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(part);
        _lengthParts.Add(part);
    }

    /// <summary>A section: <paramref name="summary"/> beside the label (null prints "none"), then the detail lines.</summary>
    public void AddSection(string label, string? summary, IReadOnlyList<string>? lines = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(label);
        var section = new ReportSection(label, summary, lines ?? []);
        var existing = _sections.FindIndex(s => string.Equals(s.Label, label, StringComparison.Ordinal));
        if (existing >= 0)
        {
            _sections[existing] = section;
        }
        else
        {
            _sections.Add(section);
        }
    }
}

/// <summary>One labelled section of the text report.</summary>
public sealed record ReportSection(string Label, string? Summary, IReadOnlyList<string> Lines);
