using System.Globalization;
using Lagebild.Documents;
using Lagebild.Pipeline;

namespace Lagebild.Output;

/// <summary>
/// A readable report of one analysed article for a terminal: the article's facts, then one section per layer of the
/// contract (docs/contract.md). A layer that no stage has filled is printed as "none", so a reader sees what the
/// engine looked for as well as what it found.
/// </summary>
public static class TextReport
{
    private const int LabelWidth = 12;
    private const int LeadLength = 240;

    /// <summary>The sections of the contract's layers, printed in this order whether or not a stage filled them.</summary>
    private static readonly string[] SectionSlots = ["entities", "events", "quotes", "times", "places", "tone"];

    public static string ToText(AnalysisContext context)
    {
        using var writer = new StringWriter(CultureInfo.InvariantCulture);
        Write(writer, context);
        return writer.ToString();
    }

    public static void Write(TextWriter output, AnalysisContext context)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(context);
        var article = context.Article;
        var meta = article.Metadata;
        var parts = new ReportParts();
        foreach (var layer in context.WrittenLayers)
        {
            layer.Output?.Report(parts, context);
        }

        output.WriteLine(string.IsNullOrWhiteSpace(meta.Title) ? "(untitled)" : Whitespace.Collapse(meta.Title));
        output.WriteLine(new string('=', Math.Clamp(Whitespace.Collapse(meta.Title ?? "(untitled)").Length, 10, 80)));
        Field(output, "origin", article.Origin);
        Field(output, "id", article.Id);
        Field(output, "url", meta.Url);
        Field(output, "source", meta.Source);
        Field(output, "published", meta.Published is { } published ? ArticleJsonWriter.FormatDate(published) : null);
        Field(output, "language", DescribeLanguage(context, parts));
        Field(output, "dateline", meta.Dateline);
        Field(output, "length", string.Join(", ", [ReportParts.Count(context.Text.Length, "character"), .. parts.LengthParts]));
        Field(output, "stages", DescribeStages(context));
        Field(output, "lead", Lead(article.Text));
        output.WriteLine();

        // The layers' sections in contract order, "none" where no stage filled one (or its stage is still to come);
        // a new stage's own sections follow.
        foreach (var label in SectionSlots)
        {
            WriteSection(output, parts.Sections.FirstOrDefault(s => string.Equals(s.Label, label, StringComparison.Ordinal)) ?? new ReportSection(label, null, []));
        }

        foreach (var section in parts.Sections.Where(s => !SectionSlots.Contains(s.Label, StringComparer.Ordinal)))
        {
            WriteSection(output, section);
        }

        WriteWarnings(output, context);
    }

    private static string DescribeLanguage(AnalysisContext context, ReportParts parts)
    {
        var code = context.Language;
        if (context.Options.ForcedLanguage is not null)
        {
            return string.Create(CultureInfo.InvariantCulture, $"{code} (forced)");
        }

        if (parts.LanguageDetail is { } detail)
        {
            return detail;
        }

        return context.Article.Metadata.Language is not null
            ? string.Create(CultureInfo.InvariantCulture, $"{code} (declared by the input)")
            : code;
    }

    private static string? DescribeStages(AnalysisContext context) =>
        context.StageVersions.Count == 0
            ? null
            : string.Join(", ", context.StageVersions.Select(stage => stage.Value.Length == 0 ? stage.Key : $"{stage.Key} {stage.Value}"));

    private static void WriteSection(TextWriter output, ReportSection section)
    {
        Field(output, section.Label, section.Summary);
        var indent = new string(' ', LabelWidth);
        foreach (var line in section.Lines)
        {
            output.Write(indent);
            output.WriteLine(line);
        }
    }

    private static void WriteWarnings(TextWriter output, AnalysisContext context)
    {
        if (context.Warnings.Count == 0)
        {
            Field(output, "warnings", null);
            return;
        }

        Field(output, "warnings", ReportParts.Count(context.Warnings.Count, "warning"));
        foreach (var warning in context.Warnings)
        {
            var at = warning.Span is { } span
                ? string.Create(CultureInfo.InvariantCulture, $" at {span.Start}..{span.End}")
                : "";
            output.WriteLine($"{new string(' ', LabelWidth)}- {warning.Stage}{at}: {Whitespace.Collapse(warning.Message)}");
        }
    }

    private static void Field(TextWriter output, string label, string? value)
    {
        output.Write(label);
        output.Write(':');
        output.Write(new string(' ', Math.Max(1, LabelWidth - label.Length - 1)));
        output.WriteLine(string.IsNullOrEmpty(value) ? "none" : value);
    }

    private static string? Lead(string text)
    {
        // Only the head of the text is needed; collapsing whitespace at most halves it.
        var lead = Whitespace.Collapse(text.Length > 4 * LeadLength ? text[..(4 * LeadLength)] : text);
        if (lead.Length <= LeadLength)
        {
            return lead.Length == 0 ? null : lead;
        }

        // Cut at a word boundary so the preview does not end mid-word.
        var cut = lead.LastIndexOf(' ', LeadLength);
        return string.Concat(lead.AsSpan(0, cut > LeadLength / 2 ? cut : LeadLength), " …");
    }

    /// <summary>Collapses every run of whitespace (line breaks included) to one space.</summary>
}
