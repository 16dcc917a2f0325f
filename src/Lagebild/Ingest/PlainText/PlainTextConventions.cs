using System.Text;
using System.Text.RegularExpressions;

namespace Lagebild.Ingest.PlainText;

/// <summary>
/// What the plain-text parser knows about scraped news text, loaded from data files: residue lines
/// (residue-patterns.txt), outlet names (outlets.txt) and byline forms (byline-patterns.txt), from data/shared/ and
/// from each language folder. Immutable and thread-safe once loaded.
/// </summary>
public sealed class PlainTextConventions
{
    private static readonly TimeSpan MatchTimeout = TimeSpan.FromMilliseconds(200);

    private readonly Regex? _anyResidue;
    private readonly Regex? _edgeResidue;
    private readonly Regex? _tailStart;
    private readonly Regex? _headLabel;
    private readonly Regex[] _bylines;
    private readonly HashSet<string> _outlets;

    public PlainTextConventions(IEnumerable<string> residuePatternLines, IEnumerable<string> outletNames, IEnumerable<string> bylinePatterns)
    {
        ArgumentNullException.ThrowIfNull(residuePatternLines);
        ArgumentNullException.ThrowIfNull(outletNames);
        ArgumentNullException.ThrowIfNull(bylinePatterns);
        var any = new List<string>();
        var edge = new List<string>();
        var tail = new List<string>();
        var head = new List<string>();
        foreach (var line in DataLines(residuePatternLines))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            var kind = colon < 0 ? "" : line[..colon].Trim();
            var pattern = colon < 0 ? "" : line[(colon + 1)..].Trim();
            var target = kind switch
            {
                "any" => any,
                "edge" => edge,
                "tail" => tail,
                "head" => head,
                _ => throw new FormatException($"Residue pattern line '{line}' does not start with 'any:', 'edge:', 'tail:' or 'head:'."),
            };
            target.Add(pattern);
        }

        _anyResidue = Combine(any);
        _edgeResidue = Combine(edge);
        _tailStart = Combine(tail);
        _headLabel = Combine(head);
        _bylines = [.. DataLines(bylinePatterns).Select(p => new Regex("^(?:" + p + ")$", RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture, MatchTimeout))];
        _outlets = new HashSet<string>(DataLines(outletNames), StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>Conventions of every language under <paramref name="data"/> (the language of plain text is not known before detection), or of one language plus shared.</summary>
    public static PlainTextConventions Load(DataDirectory data, string? language = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        var folders = new List<string> { data.Resolve("shared") };
        if (language is not null)
        {
            folders.Add(data.Resolve(language));
        }
        else if (Directory.Exists(data.Root))
        {
            folders.AddRange(Directory.EnumerateDirectories(data.Root)
                .Where(d => !string.Equals(Path.GetFileName(d), "shared", StringComparison.Ordinal))
                .Order(StringComparer.Ordinal));
        }

        return new PlainTextConventions(ReadAll(folders, "residue-patterns.txt"), ReadAll(folders, "outlets.txt"), ReadAll(folders, "byline-patterns.txt"));
    }

    /// <summary>A line that is residue wherever it stands ("Advertisement").</summary>
    public bool IsAnywhereResidue(string line) => Matches(_anyResidue, line);

    /// <summary>A line that is residue before the first or after the last line of prose (cookie notices, "source site-40").</summary>
    public bool IsEdgeResidue(string line) => Matches(_anyResidue, line) || Matches(_edgeResidue, line) || Matches(_headLabel, line);

    /// <summary>A line that opens a trailing block of links or teasers ("Read more", "Mehr zum Thema").</summary>
    public bool IsTailStart(string line) => Matches(_tailStart, line);

    /// <summary>A label among the head lines under the headline ("Analysis", "Kommentar"): dropped, and not a place.</summary>
    public bool IsHeadLabel(string line) => Matches(_headLabel, line);

    public bool IsOutlet(string name) => _outlets.Contains(name.Trim());

    /// <summary>The author named by a byline ("Von Anna Muster", "By John Smith, CNN"), or null.</summary>
    public string? MatchByline(string line)
    {
        foreach (var byline in _bylines)
        {
            try
            {
                var match = byline.Match(line);
                if (match.Success)
                {
                    return match.Groups["author"].Value;
                }
            }
            catch (RegexMatchTimeoutException)
            {
                // Hostile input: treat as no byline.
            }
        }

        return null;
    }

    private static bool Matches(Regex? regex, string line)
    {
        if (regex is null)
        {
            return false;
        }

        try
        {
            return regex.IsMatch(line);
        }
        catch (RegexMatchTimeoutException)
        {
            return false;
        }
    }

    private static Regex? Combine(List<string> patterns)
    {
        if (patterns.Count == 0)
        {
            return null;
        }

        var builder = new StringBuilder("^(?:");
        for (var i = 0; i < patterns.Count; i++)
        {
            builder.Append(i == 0 ? "(?:" : "|(?:").Append(patterns[i]).Append(')');
        }

        builder.Append(")$");
        // Interpreted, not Compiled: compiling these alternations costs seconds, and only short lines are matched.
        return new Regex(builder.ToString(), RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture, MatchTimeout);
    }

    private static IEnumerable<string> ReadAll(IEnumerable<string> folders, string fileName)
    {
        foreach (var folder in folders)
        {
            var path = Path.Combine(folder, fileName);
            if (File.Exists(path))
            {
                foreach (var line in File.ReadLines(path, Encoding.UTF8))
                {
                    yield return line;
                }
            }
        }
    }

    private static IEnumerable<string> DataLines(IEnumerable<string> lines) =>
        lines.Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#'));
}
