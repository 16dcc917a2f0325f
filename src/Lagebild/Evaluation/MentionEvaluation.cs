using System.Globalization;
using Lagebild.Documents;
using Lagebild.Ingest;
using Lagebild.Ingest.Jsonl;
using Lagebild.Knowledge.Linking;
using Lagebild.Output;
using Lagebild.Pipeline;

namespace Lagebild.Evaluation;

/// <summary>The figures of one run over the development set, and the articles that could not be scored.</summary>
public sealed record MentionEvaluationResult(MentionTally Tally, IReadOnlyList<string> Errors);

/// <summary>
/// Analyses the annotated articles as `analyze` reads them from their JSONL line (same reader, same text) and scores
/// the entities of the output against the gold mentions. With dates, each article is analysed on its gold publication
/// date; without, with no date at all.
/// </summary>
public sealed class MentionEvaluation
{
    private readonly AnalysisPipeline _pipeline;
    private readonly string _newsDirectory;
    private readonly IReadOnlyDictionary<string, string> _equivalents;
    private readonly Dictionary<string, string[]?> _files = new(StringComparer.Ordinal);
    private readonly JsonlReader _reader = new();

    /// <param name="newsDirectory">The folder holding the files the gold articles name (../shared/data/news).</param>
    /// <param name="equivalents">Historical to current CAMEO country codes, counted as equal.</param>
    public MentionEvaluation(AnalysisPipeline pipeline, string newsDirectory, IReadOnlyDictionary<string, string>? equivalents = null)
    {
        ArgumentNullException.ThrowIfNull(pipeline);
        ArgumentNullException.ThrowIfNull(newsDirectory);
        _pipeline = pipeline;
        _newsDirectory = newsDirectory;
        _equivalents = equivalents ?? new Dictionary<string, string>();
    }

    public MentionEvaluationResult Run(IReadOnlyList<GoldArticle> gold, bool withDates)
    {
        ArgumentNullException.ThrowIfNull(gold);
        var tally = new MentionTally(_equivalents);
        var errors = new List<string>();
        foreach (var annotation in gold)
        {
            var article = ReadArticle(annotation, out var error);
            if (article is null)
            {
                errors.Add($"{annotation.Id}: {error}");
                continue;
            }

            var published = withDates ? new DateTimeOffset(annotation.Published.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero) : (DateTimeOffset?)null;
            article = article.WithMetadata(article.Metadata with { Published = published, Language = annotation.Language });
            var context = _pipeline.Run(article, new AnalysisOptions { ForcedLanguage = annotation.Language });
            tally.Add(annotation.Mentions, SystemMentions(context));
        }

        return new MentionEvaluationResult(tally, errors);
    }

    /// <summary>The entities of the JSON contract as the measure sees them.</summary>
    public static IReadOnlyList<SystemMention> SystemMentions(AnalysisContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return [.. ArticleJsonWriter.EntitiesOf(context).Select(entity => new SystemMention(
            entity.Span.Start,
            entity.Span.Length,
            entity.Text,
            entity.Kind switch
            {
                MentionKind.Description => SystemMentionKind.Description,
                MentionKind.Pronoun or MentionKind.Plural => SystemMentionKind.Reference,
                _ => SystemMentionKind.Name,
            },
            entity.Actor is { } actor ? actor.Country ?? (actor.Code is { Length: >= 3 } code ? code[..3] : null) : null,
            entity.Actor?.Name))];
    }

    private Article? ReadArticle(GoldArticle annotation, out string? error)
    {
        var path = Path.Combine(_newsDirectory, annotation.File);
        if (!_files.TryGetValue(path, out var lines))
        {
            lines = File.Exists(path) ? File.ReadAllLines(path) : null;
            _files[path] = lines;
        }

        if (lines is null)
        {
            error = $"news file not found: {path}";
            return null;
        }

        if (annotation.Line < 1 || annotation.Line > lines.Length)
        {
            error = string.Create(CultureInfo.InvariantCulture, $"{path} has no line {annotation.Line}");
            return null;
        }

        var result = _reader.ReadLine(lines[annotation.Line - 1], $"{path}:{annotation.Line.ToString(CultureInfo.InvariantCulture)}", InputOptions.Default);
        if (result.Article is not { } article)
        {
            error = result.Error;
            return null;
        }

        error = annotation.CheckText(article.Text);
        return error is null ? article : null;
    }
}
