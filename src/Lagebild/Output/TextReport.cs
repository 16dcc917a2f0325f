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

        output.WriteLine(string.IsNullOrWhiteSpace(meta.Title) ? "(untitled)" : Whitespace.Collapse(meta.Title));
        output.WriteLine(new string('=', Math.Clamp(Whitespace.Collapse(meta.Title ?? "(untitled)").Length, 10, 80)));
        Field(output, "origin", article.Origin);
        Field(output, "id", article.Id);
        Field(output, "url", meta.Url);
        Field(output, "source", meta.Source);
        Field(output, "published", meta.Published is { } published ? ArticleJsonWriter.FormatDate(published) : null);
        Field(output, "language", DescribeLanguage(context));
        Field(output, "dateline", meta.Dateline);
        Field(output, "length", DescribeLength(context));
        Field(output, "stages", DescribeStages(context));
        Field(output, "lead", Lead(article.Text));
        output.WriteLine();

        // The layers of the later stages: each gets its listing here when its stage lands.
        WriteEntities(output, context);
        Field(output, "events", null);
        Field(output, "quotes", null);
        Field(output, "times", null);
        Field(output, "places", null);
        Field(output, "tone", null);
        WriteWarnings(output, context);
    }

    private static string DescribeLanguage(AnalysisContext context)
    {
        var code = context.Language;
        if (context.Options.ForcedLanguage is not null)
        {
            return string.Create(CultureInfo.InvariantCulture, $"{code} (forced)");
        }

        if (context.TryGet(Layers.Language, out var guess) && string.Equals(guess.Code, code, StringComparison.Ordinal))
        {
            return string.Create(CultureInfo.InvariantCulture, $"{code} (confidence {guess.Confidence:0.00}, {guess.Method})");
        }

        return context.Article.Metadata.Language is not null
            ? string.Create(CultureInfo.InvariantCulture, $"{code} (declared by the input)")
            : code;
    }

    private static string DescribeLength(AnalysisContext context)
    {
        var parts = new List<string> { Count(context.Text.Length, "character") };
        if (context.TryGet(Layers.Sentences, out var sentences))
        {
            parts.Add(Count(sentences.Count, "sentence"));
        }

        if (context.TryGet(Layers.Tokens, out var tokens))
        {
            parts.Add(Count(tokens.Count, "token"));
        }

        return string.Join(", ", parts);
    }

    private static string? DescribeStages(AnalysisContext context) =>
        context.StageVersions.Count == 0
            ? null
            : string.Join(", ", context.StageVersions.Select(stage => stage.Value.Length == 0 ? stage.Key : $"{stage.Key} {stage.Value}"));

    /// <summary>
    /// One line per chain (code, actor, mention count, distinct surface forms) and why it links (confidence, reason of the
    /// first link), then names without actor, places and plural references.
    /// </summary>
    private static void WriteEntities(TextWriter output, AnalysisContext context)
    {
        var entities = ArticleJsonWriter.EntitiesOf(context);
        if (entities.Count == 0)
        {
            Field(output, "entities", null);
            return;
        }

        var chained = entities.Where(e => e.Chain is not null).GroupBy(e => e.Chain!.Value).OrderBy(g => g.Key).ToList();
        Field(output, "entities", string.Create(CultureInfo.InvariantCulture, $"{Count(entities.Count, "mention")}, {Count(chained.Count, "actor")}"));
        var indent = new string(' ', LabelWidth);
        foreach (var chain in chained)
        {
            var linked = chain.FirstOrDefault(e => e.Actor is not null);
            var forms = chain.Select(e => Whitespace.Collapse(e.Text)).Distinct(StringComparer.Ordinal).ToList();
            var shown = string.Join(", ", forms.Take(6)) + (forms.Count > 6 ? ", …" : "");
            var code = linked?.Actor!.Code ?? "-";
            var name = linked?.Actor!.Name ?? "(not in the knowledge base)";
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{indent}#{chain.Key} {code,-10} {name} ({ArticleJsonWriter.TypeName(chain.First().Type)}, {chain.Count()}×): {shown}"));
            if (linked is { Confidence: { } confidence })
            {
                output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{indent}   why: {confidence:0.00} {linked.Evidence}"));
            }
        }

        var unchained = entities.Where(e => e.Chain is null && e.Kind != Knowledge.Linking.MentionKind.Place && e.Members.Count == 0)
            .Select(e => $"{Whitespace.Collapse(e.Text)} ({ArticleJsonWriter.TypeName(e.Type)})").Distinct(StringComparer.Ordinal).ToList();
        if (unchained.Count > 0)
        {
            output.WriteLine($"{indent}names without actor: {string.Join(", ", unchained)}");
        }

        var places = entities.Where(e => e.Kind == Knowledge.Linking.MentionKind.Place).Select(e => Whitespace.Collapse(e.Text)).Distinct(StringComparer.Ordinal).ToList();
        if (places.Count > 0)
        {
            output.WriteLine($"{indent}places: {string.Join(", ", places)}");
        }

        foreach (var plural in entities.Where(e => e.Members.Count > 0))
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{indent}\"{Whitespace.Collapse(plural.Text)}\" at {plural.Span.Start}: {string.Join(" + ", plural.Members.Select(m => "#" + m.ToString(CultureInfo.InvariantCulture)))}"));
        }
    }

    private static void WriteWarnings(TextWriter output, AnalysisContext context)
    {
        if (context.Warnings.Count == 0)
        {
            Field(output, "warnings", null);
            return;
        }

        Field(output, "warnings", Count(context.Warnings.Count, "warning"));
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

    private static string Count(int count, string noun) =>
        string.Create(CultureInfo.InvariantCulture, $"{count:N0} {noun}{(count == 1 ? "" : "s")}");

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
