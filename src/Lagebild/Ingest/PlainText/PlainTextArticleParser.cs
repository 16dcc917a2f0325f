using System.Text.RegularExpressions;
using Lagebild.Documents;
using Lagebild.Ingest.Decoding;

namespace Lagebild.Ingest.PlainText;

/// <summary>
/// Reads the structure of a scraped plain-text news article: a headline line, a head of short lines (dateline place,
/// outlet, byline), body paragraphs, and scraper residue before and after the prose. The article text keeps the headline
/// and the body; dateline, outlet and byline lines and residue are dropped from the text and kept as metadata where
/// they carry some. An inline dateline ("WASHINGTON (Reuters) -", "Wien –") stays in the text and fills the metadata.
/// </summary>
public sealed partial class PlainTextArticleParser
{
    /// <summary>Longest line taken for a headline; longer first lines are prose.</summary>
    private const int MaxHeadlineLength = 250;
    private const int MaxHeadlineWords = 35;
    /// <summary>Head lines (place, outlet, byline) are short.</summary>
    private const int MaxHeadLineLength = 60;
    private const int MaxHeadLines = 4;
    /// <summary>Residue is short; longer lines are not matched against residue patterns at all.</summary>
    private const int MaxResidueLineLength = 400;
    private const int MaxInlineResidueLength = 250;
    /// <summary>A lead (teaser) paragraph before the dateline paragraph is short.</summary>
    private const int MaxLeadLength = 600;
    /// <summary>A teaser block after "Read more" holds headlines, not paragraphs.</summary>
    private const int MaxTeaserLineLength = 200;
    private const int MaxTeaserLines = 15;

    private readonly PlainTextConventions _conventions;

    public PlainTextArticleParser(PlainTextConventions conventions)
    {
        ArgumentNullException.ThrowIfNull(conventions);
        _conventions = conventions;
    }

    /// <summary>
    /// Parses <paramref name="text"/> (line endings normalised to LF) into an article whose offsets map back through
    /// <paramref name="textToRaw"/> (the decoder's map) to the raw input.
    /// </summary>
    public IngestResult Parse(string text, string origin, InputOptions options, OffsetMap? textToRaw = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(origin);
        ArgumentNullException.ThrowIfNull(options);
        var lines = SplitLines(text);
        var layout = Analyse(text, lines);
        if (layout is null)
        {
            return IngestResult.Failed(origin, "no article text (empty or only residue)");
        }

        var (articleText, map) = Compose(text, lines, layout);
        if (textToRaw is not null)
        {
            map = OffsetMapComposition.Compose(map, articleText.Length, textToRaw);
        }

        var metadata = new ArticleMetadata
        {
            Title = layout.TitleLine is { } t ? lines[t].Content(text) : null,
            Dateline = layout.Dateline,
            Source = layout.Source,
            Author = layout.Author,
            Language = options.Language,
            Published = options.Published,
        };
        return IngestResult.Ok(new Article(articleText, metadata, origin, map));
    }

    private sealed class Layout
    {
        public int? TitleLine { get; set; }
        public int BodyFirst { get; set; }
        public int BodyLast { get; set; }
        public HashSet<int> Dropped { get; } = [];
        public string? Dateline { get; set; }
        public string? Source { get; set; }
        public string? Author { get; set; }
    }

    private Layout? Analyse(string text, List<Line> lines)
    {
        var first = 0;
        var last = lines.Count - 1;
        // Residue at the edges, and a teaser block at the end; repeat since each may uncover the other.
        var changed = true;
        while (changed && first <= last)
        {
            changed = false;
            while (first <= last && (lines[first].IsBlank || IsEdgeResidue(text, lines[first])))
            {
                first++;
                changed = true;
            }

            while (last >= first && (lines[last].IsBlank || IsEdgeResidue(text, lines[last])))
            {
                last--;
                changed = true;
            }

            var teaser = FindTeaserBlock(text, lines, first, last);
            if (teaser is { } start)
            {
                last = start - 1;
                changed = true;
            }
        }

        if (first > last)
        {
            return null;
        }

        var layout = new Layout { BodyFirst = first, BodyLast = last };
        for (var i = first + 1; i < last; i++)
        {
            // Between paragraphs only stand-alone markers are residue ("Anzeige", "Foto: dpa"), and they do not end
            // like sentences: prose lines are not matched at all, which keeps parsing fast.
            if (!lines[i].IsBlank && lines[i].ContentLength <= MaxInlineResidueLength && !EndsLikeSentence(text, lines[i])
                && _conventions.IsAnywhereResidue(lines[i].Content(text)))
            {
                layout.Dropped.Add(i);
            }
        }

        var cursor = first;
        if (IsHeadline(text, lines, first, last, layout))
        {
            layout.TitleLine = first;
            cursor = NextContentLine(lines, first + 1, last, layout);
        }

        cursor = ReadHeadLines(text, lines, cursor, last, layout);
        if (cursor < 0)
        {
            // Nothing but a headline and head lines: the headline is the text.
            if (layout.TitleLine is null)
            {
                return null;
            }

            layout.BodyFirst = last + 1;
            return layout;
        }

        layout.BodyFirst = cursor;
        if (!ReadInlineDateline(lines[cursor].Content(text), layout) && lines[cursor].ContentLength <= MaxLeadLength)
        {
            // A short lead paragraph can stand before the dateline paragraph ("Lead.\n\nWien – Die ...").
            var second = NextContentLine(lines, cursor + 1, last, layout);
            if (second >= 0)
            {
                ReadInlineDateline(lines[second].Content(text), layout);
            }
        }

        return layout;
    }

    /// <summary>The first line of a teaser block at the end ("Read more:" and short lines after it), or null.</summary>
    private int? FindTeaserBlock(string text, List<Line> lines, int first, int last)
    {
        var teaserLines = 0;
        for (var i = last; i > first; i--)
        {
            var line = lines[i];
            if (line.IsBlank)
            {
                continue;
            }

            if (line.ContentLength > MaxTeaserLineLength || ++teaserLines > MaxTeaserLines)
            {
                return null;
            }

            if (_conventions.IsTailStart(line.Content(text)))
            {
                return i;
            }
        }

        return null;
    }

    private bool IsEdgeResidue(string text, Line line) =>
        line.ContentLength <= MaxResidueLineLength && _conventions.IsEdgeResidue(line.Content(text));

    /// <summary>
    /// A headline: short, not ending like a sentence, and followed by a blank line or a head line, with more text
    /// after it. A one-line paragraph ending with a period is prose, not a headline.
    /// </summary>
    private bool IsHeadline(string text, List<Line> lines, int index, int last, Layout layout)
    {
        var line = lines[index];
        if (line.ContentLength > MaxHeadlineLength || index >= last)
        {
            return false;
        }

        var content = line.Content(text);
        if (CountWords(content) > MaxHeadlineWords || EndsLikeSentence(content))
        {
            return false;
        }

        // An outlet or a byline on the first line is a head line, not a headline.
        if (_conventions.IsOutlet(content) || _conventions.MatchByline(content) is not null)
        {
            return false;
        }

        if (lines[index + 1].IsBlank)
        {
            return NextContentLine(lines, index + 1, last, layout) >= 0;
        }

        var next = lines[index + 1];
        return next.ContentLength <= MaxHeadLineLength && ClassifyHeadLine(next.Content(text)) is not null;
    }

    /// <summary>Reads place, outlet and byline lines from <paramref name="start"/>; returns the first body line, or -1 when none is left.</summary>
    private int ReadHeadLines(string text, List<Line> lines, int start, int last, Layout layout)
    {
        var cursor = start;
        var read = 0;
        while (cursor >= 0 && read < MaxHeadLines)
        {
            var line = lines[cursor];
            if (line.ContentLength > MaxHeadLineLength)
            {
                break;
            }

            var head = ClassifyHeadLine(line.Content(text));
            // A short first line that ends the text, or a body of one short line, is prose.
            var next = NextContentLine(lines, cursor + 1, last, layout);
            if (head is null || (next < 0 && layout.TitleLine is null))
            {
                break;
            }

            layout.Dateline ??= head.Value.Place;
            layout.Source ??= head.Value.Outlet;
            layout.Author ??= head.Value.Author;
            layout.Dropped.Add(cursor);
            read++;
            cursor = next;
        }

        return cursor;
    }

    private (string? Place, string? Outlet, string? Author)? ClassifyHeadLine(string line)
    {
        if (line.Length == 0 || EndsLikeSentence(line))
        {
            return null;
        }

        if (_conventions.IsOutlet(line))
        {
            return (null, line, null);
        }

        if (_conventions.IsHeadLabel(line))
        {
            return (null, null, null);
        }

        var author = _conventions.MatchByline(line);
        if (author is not null)
        {
            // "By John Smith, CNN": the last name in the list can be the outlet.
            var comma = author.LastIndexOf(',');
            if (comma > 0 && _conventions.IsOutlet(author[(comma + 1)..]))
            {
                return (null, author[(comma + 1)..].Trim(), author[..comma].TrimEnd());
            }

            return (null, null, author);
        }

        try
        {
            var place = PlaceLine().Match(line);
            if (place.Success)
            {
                var outlet = place.Groups["outlet"].Success ? place.Groups["outlet"].Value.Trim() : null;
                if (outlet is not null && !_conventions.IsOutlet(outlet))
                {
                    return null;
                }

                return (PlaceOf(place), outlet, null);
            }
        }
        catch (RegexMatchTimeoutException)
        {
            // Hostile input: not a head line.
        }

        return null;
    }

    /// <summary>
    /// An inline dateline at the start of the first paragraph. Accepted when it cannot be a name followed by an
    /// apposition: a capitalised place in capitals, with an outlet in parentheses or a date, or a single word before a
    /// long dash.
    /// </summary>
    private static bool ReadInlineDateline(string paragraph, Layout layout)
    {
        Match match;
        try
        {
            match = InlineDateline().Match(paragraph);
        }
        catch (RegexMatchTimeoutException)
        {
            return false;
        }

        if (!match.Success)
        {
            return false;
        }

        var place = match.Groups["place"].Value;
        var hasRegion = match.Groups["region"].Success;
        var hasOutlet = match.Groups["outlet"].Success;
        var hasDate = match.Groups["date"].Success;
        var dash = match.Groups["dash"].Value;
        var allCaps = place.Any(char.IsLetter) && !place.Any(char.IsLower) && place.Count(char.IsLetter) >= 2;
        var singleWord = !place.Contains(' ', StringComparison.Ordinal);
        var longDash = dash.Contains('–', StringComparison.Ordinal) || dash.Contains('—', StringComparison.Ordinal);
        // Several capitalised words before a long dash are a place when a new sentence follows ("New York – Die ..."),
        // not a name with an apposition ("Peter Müller – der Bürgermeister").
        var end = match.Index + match.Length;
        while (end < paragraph.Length && paragraph[end] == ' ')
        {
            end++;
        }

        var sentenceFollows = end < paragraph.Length && char.IsUpper(paragraph[end]);
        var fewWords = place.Count(c => c == ' ') < 2;
        if (!(hasOutlet || hasDate || hasRegion || allCaps || (singleWord && longDash) || (fewWords && sentenceFollows)))
        {
            return false;
        }

        layout.Dateline ??= PlaceOf(match);
        if (hasOutlet)
        {
            layout.Source ??= match.Groups["outlet"].Value.Trim();
        }

        return true;
    }

    /// <summary>
    /// The place of an inline dateline opening an article body that a reader gives without one (a JSONL text, an HTML
    /// page's main content, a feed item): in the first paragraph, or in the second after a short lead. Null when the
    /// body opens without a dateline.
    /// </summary>
    public static string? InlineDatelineOf(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var layout = new Layout();
        var paragraphs = text.TrimStart().Split('\n', 3, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (paragraphs.Length == 0)
        {
            return null;
        }

        if (ReadInlineDateline(paragraphs[0], layout))
        {
            return layout.Dateline;
        }

        // Some sources join the headline and the body in one paragraph ("Tunesier getroffen. Beirut – Bei einem …").
        for (var end = paragraphs[0].IndexOfAny(['.', '!', '?']); end > 0 && end < MaxHeadlineLength; end = paragraphs[0].IndexOfAny(['.', '!', '?'], end + 1))
        {
            if (end + 2 < paragraphs[0].Length && paragraphs[0][end + 1] == ' ' && ReadInlineDateline(paragraphs[0][(end + 2)..], layout))
            {
                return layout.Dateline;
            }
        }

        if (paragraphs[0].Length <= MaxLeadLength && paragraphs.Length > 1)
        {
            ReadInlineDateline(paragraphs[1], layout);
        }

        return layout.Dateline;
    }

    /// <summary>
    /// The place named by a dateline as a feed or JSONL field gives it ("SALVADOR, Feb 26 -" → "SALVADOR",
    /// "WASHINGTON (Reuters) -" → "WASHINGTON"); a value that is not in dateline form comes back trimmed.
    /// </summary>
    public static string PlaceOfDateline(string dateline)
    {
        ArgumentNullException.ThrowIfNull(dateline);
        var trimmed = dateline.Trim();
        try
        {
            var match = InlineDateline().Match(trimmed + " ");
            if (!match.Success)
            {
                match = InlineDateline().Match(trimmed + " - ");
            }

            if (match.Success)
            {
                return PlaceOf(match);
            }
        }
        catch (RegexMatchTimeoutException)
        {
            // Hostile input: keep the value as given.
        }

        return trimmed;
    }

    /// <summary>The place of a dateline with its region when given ("PORTLAND, Ore.").</summary>
    private static string PlaceOf(Match match) =>
        match.Groups["region"].Success ? $"{match.Groups["place"].Value}, {match.Groups["region"].Value}" : match.Groups["place"].Value;

    private static (string Text, OffsetMap Map) Compose(string text, List<Line> lines, Layout layout)
    {
        var builder = new OffsetMapBuilder();
        var previous = -1;
        var skippedSincePrevious = false;
        var blankSincePrevious = false;
        var from = layout.TitleLine ?? layout.BodyFirst;
        for (var i = from; i <= layout.BodyLast; i++)
        {
            var line = lines[i];
            var kept = (i == layout.TitleLine || i >= layout.BodyFirst) && !line.IsBlank && !layout.Dropped.Contains(i);
            if (!kept)
            {
                if (line.IsBlank)
                {
                    blankSincePrevious = true;
                }
                else
                {
                    skippedSincePrevious = true;
                }

                continue;
            }

            if (previous >= 0)
            {
                // Paragraph break where the raw text had blank lines or dropped lines; a line break otherwise.
                var separatorAt = lines[previous].End;
                if (skippedSincePrevious || blankSincePrevious)
                {
                    builder.Append("\n\n", separatorAt);
                }
                else
                {
                    builder.Append('\n', separatorAt);
                }
            }

            builder.Append(text.AsSpan(line.ContentStart, line.ContentLength), line.ContentStart);
            previous = i;
            skippedSincePrevious = false;
            blankSincePrevious = false;
        }

        return builder.Build();
    }

    private static int NextContentLine(List<Line> lines, int from, int last, Layout layout)
    {
        for (var i = from; i <= last; i++)
        {
            if (!lines[i].IsBlank && !layout.Dropped.Contains(i))
            {
                return i;
            }
        }

        return -1;
    }

    private static bool EndsLikeSentence(string text, Line line) =>
        EndsLikeSentence(text.AsSpan(line.ContentStart, line.ContentLength));

    private static bool EndsLikeSentence(ReadOnlySpan<char> line)
    {
        var end = line.Length - 1;
        // Look through closing quotes and brackets: »Er kommt.« ends a sentence too.
        while (end >= 0 && line[end] is '"' or '\'' or '“' or '”' or '’' or '«' or '»' or '‹' or '›' or ')' or ']')
        {
            end--;
        }

        if (end < 0 || line[end] is not ('.' or ',' or ';' or ':' or '…'))
        {
            return false;
        }

        // A final abbreviation ("U.S.", "z.B.") is not the end of a sentence: its word has a period inside.
        if (line[end] == '.')
        {
            var wordStart = line[..end].LastIndexOf(' ') + 1;
            return line[wordStart..end].IndexOf('.') < 0;
        }

        return true;
    }

    private static int CountWords(string line)
    {
        var words = 0;
        var inWord = false;
        foreach (var c in line)
        {
            var isSpace = char.IsWhiteSpace(c);
            if (!isSpace && !inWord)
            {
                words++;
            }

            inWord = !isSpace;
        }

        return words;
    }

    private static List<Line> SplitLines(string text)
    {
        var lines = new List<Line>();
        var start = 0;
        while (start <= text.Length)
        {
            var newline = text.IndexOf('\n', start);
            var end = newline < 0 ? text.Length : newline;
            var contentStart = start;
            var contentEnd = end;
            while (contentStart < contentEnd && char.IsWhiteSpace(text[contentStart]))
            {
                contentStart++;
            }

            while (contentEnd > contentStart && char.IsWhiteSpace(text[contentEnd - 1]))
            {
                contentEnd--;
            }

            lines.Add(new Line(start, end, contentStart, contentEnd));
            if (newline < 0)
            {
                break;
            }

            start = newline + 1;
        }

        return lines;
    }

    private readonly record struct Line(int Start, int End, int ContentStart, int ContentEnd)
    {
        public int ContentLength => ContentEnd - ContentStart;

        public bool IsBlank => ContentEnd == ContentStart;

        public string Content(string text) => text.Substring(ContentStart, ContentLength);
    }

    /// <summary>A place line: one to four capitalised words (with "-", ".", "/", "'"), an optional date after a comma, an optional outlet in parentheses.</summary>
    [GeneratedRegex(@"^(?<place>\p{Lu}[\p{L}\p{M}.'’/-]*(?: (?:\p{Lu}[\p{L}\p{M}.'’/-]*|am|an|de|del|der|di|do|da|la|le|los|upon|on|im|ob|sur)){0,3})(?:, (?<region>\p{Lu}[\p{L}.]*(?: \p{Lu}[\p{L}.]*)?))?(?:, (?<date>[\p{L}. ]{0,12}\p{N}[\p{L}\p{N}. ]{0,12}))?(?: \((?<outlet>[^()]{2,30})\))?$", RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture, matchTimeoutMilliseconds: 200)]
    private static partial Regex PlaceLine();

    [GeneratedRegex(@"^(?<place>\p{Lu}[\p{L}\p{M}.'’/-]*(?: \p{Lu}[\p{L}\p{M}.'’/-]*){0,3})(?:, (?<region>\p{Lu}[\p{L}.]*(?: \p{Lu}[\p{L}.]*)?))?(?:, (?<date>[\p{L}. ]{0,12}\p{N}[\p{L}\p{N}. ]{0,12}?))?(?: \((?<outlet>[^()\n]{2,30})\))?(?<dash> [-–—]{1,2}) ", RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture, matchTimeoutMilliseconds: 200)]
    private static partial Regex InlineDateline();
}
