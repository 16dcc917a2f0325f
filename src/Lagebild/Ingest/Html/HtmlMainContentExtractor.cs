using System.Buffers;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using Lagebild.Documents;

namespace Lagebild.Ingest.Html;

/// <summary>
/// Main-content extraction: turns a decoded HTML page into an article (text without page furniture, plus
/// title, author, publication date, outlet, language and canonical address). Thread-safe: holds no state
/// between calls.
/// </summary>
public sealed class HtmlMainContentExtractor
{
    private readonly BoilerplatePhrases _phrases;

    /// <summary>Uses the furniture phrases of the default data folder (data/&lt;lang&gt;/html-boilerplate.txt).</summary>
    public HtmlMainContentExtractor()
        : this(BoilerplatePhrases.Default)
    {
    }

    /// <summary>Uses the furniture phrases under <paramref name="data"/>.</summary>
    public HtmlMainContentExtractor(DataDirectory data)
        : this(BoilerplatePhrases.Load(data ?? throw new ArgumentNullException(nameof(data))))
    {
    }

    private HtmlMainContentExtractor(BoilerplatePhrases phrases)
    {
        _phrases = phrases;
    }

    /// <summary>Extracts the article (text, title, author, date, site name) from a decoded HTML page.</summary>
    public IngestResult Extract(string html, string origin, InputOptions options, string? url = null, DateTimeOffset? containerDate = null)
    {
        ArgumentNullException.ThrowIfNull(html);
        ArgumentNullException.ThrowIfNull(origin);
        ArgumentNullException.ThrowIfNull(options);
        if (string.IsNullOrWhiteSpace(html))
        {
            return IngestResult.Failed(origin, "HTML page is empty");
        }

        var document = Parse(html);
        var root = (IElement?)document.Body ?? document.DocumentElement;
        if (root is null)
        {
            return IngestResult.Failed(origin, "HTML page has no body");
        }

        var metadata = PageMetadataReader.Read(document);
        var segmenter = new BlockSegmenter();
        segmenter.Segment(root);
        if (segmenter.Blocks.Count == 0)
        {
            return IngestResult.Failed(origin, "HTML page has no visible text");
        }

        var title = metadata.Headline ?? FirstHeading(segmenter.Blocks) ?? metadata.Title;
        var selected = ContentSelector.Select(segmenter.Boxes, segmenter.Blocks, title, _phrases);
        if (selected.Count == 0)
        {
            return IngestResult.Failed(origin, $"no article text found: none of the page's {segmenter.Blocks.Count} text blocks reads as running text outside navigation, link lists and page furniture");
        }

        var (text, map) = Render(html, selected);
        var articleMetadata = new ArticleMetadata
        {
            Url = url ?? metadata.CanonicalUrl,
            Title = title,
            Author = metadata.Author,
            Source = metadata.SiteName,
            Published = metadata.Published ?? containerDate ?? options.Published,
            Language = options.Language ?? metadata.Language,
        };
        return IngestResult.Ok(new Article(text, articleMetadata, origin, map));
    }

    /// <summary>
    /// Why the extractor chose what it chose: one line per text block (quality, kept or not, furniture, the
    /// element path) and the chosen container. For reading extraction errors, not for machines.
    /// </summary>
    public static string Explain(string html)
    {
        ArgumentNullException.ThrowIfNull(html);
        var document = Parse(html);
        var root = (IElement?)document.Body ?? document.DocumentElement;
        if (root is null)
        {
            return "no body";
        }

        var metadata = PageMetadataReader.Read(document);
        var segmenter = new BlockSegmenter();
        segmenter.Segment(root);
        var title = metadata.Headline ?? FirstHeading(segmenter.Blocks) ?? metadata.Title;
        var selected = new HashSet<TextBlock>(ContentSelector.Select(segmenter.Boxes, segmenter.Blocks, title, BoilerplatePhrases.Default, out var container));
        var report = new System.Text.StringBuilder();
        report.AppendLine(FormattableString.Invariant($"title: {title}; author: {metadata.Author}; published: {metadata.Published:O}; site: {metadata.SiteName}; lang: {metadata.Language}"));
        report.AppendLine(FormattableString.Invariant($"container: {(container is null ? "none" : PathOf(container))} score {container?.Score:F0}"));
        foreach (var block in segmenter.Blocks)
        {
            var inside = container is not null && IsInside(block.Owner, container);
            var mark = selected.Contains(block) ? '+' : inside ? '-' : ' ';
            var preview = block.Text.Length > 90 ? block.Text[..90] : block.Text;
            report.AppendLine(FormattableString.Invariant($"{mark} {block.Quality,-5} {block.Kind,-9} ld={block.LinkDensity:F2} len={block.Text.Length,5} {(block.Owner.InBoilerplate ? "FURN(" + FurnitureAncestor(block.Owner) + ") " : "")}{PathOf(block.Owner)} | {preview.ReplaceLineEndings(" ")}"));
        }

        return report.ToString();
    }

    private static string FurnitureAncestor(ContentBox box)
    {
        for (var b = box; b is not null; b = b.Parent)
        {
            if (b.IsBoilerplate)
            {
                return b.Tag + "#" + b.Element.Id + "." + b.Element.ClassName;
            }
        }

        return "";
    }

    private static bool IsInside(ContentBox box, ContentBox container)
    {
        for (var b = box; b is not null; b = b.Parent)
        {
            if (b == container)
            {
                return true;
            }
        }

        return false;
    }

    private static string PathOf(ContentBox box)
    {
        var parts = new List<string>();
        for (var b = box; b is not null && parts.Count < 6; b = b.Parent)
        {
            var name = b.Tag;
            var id = b.Element.Id;
            var cls = b.Element.ClassName;
            if (!string.IsNullOrEmpty(id))
            {
                name += "#" + id;
            }

            if (!string.IsNullOrEmpty(cls))
            {
                name += "." + (cls.Length > 30 ? cls[..30] : cls).Replace(' ', '.');
            }

            parts.Add(name);
        }

        parts.Reverse();
        return string.Join(">", parts);
    }

    internal static IHtmlDocument Parse(string html)
    {
        var parser = new HtmlParser(new HtmlParserOptions { IsKeepingSourceReferences = true });
        return parser.ParseDocument(html);
    }

    /// <summary>Writes the chosen blocks, one paragraph each, mapping every character back into <paramref name="html"/>.</summary>
    internal static (string Text, OffsetMap Map) Render(string html, IReadOnlyList<TextBlock> blocks)
    {
        var builder = new OffsetMapBuilder();
        var writer = InlineTextWriter.Mapped(builder);
        var aligner = new HtmlSourceAligner(html);
        var lastRaw = 0;
        foreach (var block in blocks)
        {
            var before = builder.Length;
            if (before > 0)
            {
                writer.ParagraphBreak(lastRaw);
                before = builder.Length;
            }

            writer.BeginBlock();
            writer.Preformatted = block.Kind == BlockKind.Preformatted;
            foreach (var piece in block.Pieces)
            {
                if (piece is IText textNode)
                {
                    var data = textNode.Data;
                    var map = ArrayPool<int>.Shared.Rent(data.Length);
                    try
                    {
                        aligner.Locate(textNode, map.AsSpan(0, data.Length));
                        for (var k = 0; k < data.Length; k++)
                        {
                            writer.Write(data[k], map[k]);
                        }

                        if (data.Length > 0)
                        {
                            lastRaw = map[data.Length - 1] + 1;
                        }
                    }
                    finally
                    {
                        ArrayPool<int>.Shared.Return(map);
                    }
                }
                else if (piece is IElement element)
                {
                    writer.LineBreak(element.SourceReference?.Position.Index ?? lastRaw);
                }
            }

            if (builder.Length == before && before > 0)
            {
                // The block rendered empty after all: take back its separator.
                builder.TrimEnd(c => c == '\n');
            }
        }

        return builder.Build();
    }

    private static string? FirstHeading(IReadOnlyList<TextBlock> blocks)
    {
        foreach (var block in blocks)
        {
            if (block.Kind == BlockKind.Heading && block.HeadingLevel == 1 && block.LinkDensity < 0.5)
            {
                return block.Text;
            }
        }

        return null;
    }
}
