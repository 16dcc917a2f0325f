using System.Globalization;
using System.Text;

namespace Lagebild.Evaluation;

/// <summary>How a system entity refers, reduced to what the measure needs.</summary>
public enum SystemMentionKind
{
    /// <summary>A name, metonym, partial name or place: text the system took for a proper name.</summary>
    Name,

    /// <summary>An agent-noun description ("der chinesische Staatschef"): not a proper name.</summary>
    Description,

    /// <summary>A pronoun or plural reference.</summary>
    Reference,
}

/// <summary>One entity of the system's output: its span, surface, kind and the country part of its actor (null: unlinked).</summary>
public sealed record SystemMention(int Start, int Length, string Text, SystemMentionKind Kind, string? Country, string? ActorName)
{
    public int End => Start + Length;
}

/// <summary>A linked system mention judged wrong, and why: its gold mention's country, "place", or "not a name".</summary>
public sealed record WrongLink(string Text, string? ActorName, string Country, string Gold);

/// <summary>
/// Counts of the three figures over any number of articles, with the wrong links and missed names for --errors.
/// <list type="bullet">
/// <item>Name recall: gold PER and ORG names of their own (not compound parts or derived forms) overlapped by at least
/// one UTF-16 unit of a system entity that is a name (name, metonym, partial or place; not a description or pronoun).
/// The exact-span figure counts only entities with the gold's start and length.</item>
/// <item>Link precision: system names carrying an actor; right when the gold mention that overlaps it most is not a
/// place and has the same country (historical CAMEO codes mapped to current ones). A link on text no gold mention
/// covers (a common word) or on a place is wrong.</item>
/// <item>Link recall: gold actor names with a country; found when an overlapping system entity of any kind but a
/// pronoun carries an actor of that country.</item>
/// </list>
/// </summary>
public sealed class MentionTally
{
    private readonly IReadOnlyDictionary<string, string> _equivalents;
    private readonly List<WrongLink> _wrongLinks = [];
    private readonly List<GoldMention> _missedNames = [];
    private readonly List<GoldMention> _missedLinks = [];

    public MentionTally(IReadOnlyDictionary<string, string>? equivalents = null)
    {
        _equivalents = equivalents ?? new Dictionary<string, string>();
    }

    public int Articles { get; private set; }
    public int GoldNames { get; private set; }
    public int FoundNames { get; private set; }
    public int FoundNamesExact { get; private set; }
    public int SystemLinks { get; private set; }
    public int RightLinks { get; private set; }
    public int GoldActors { get; private set; }
    public int FoundActors { get; private set; }

    public IReadOnlyList<WrongLink> WrongLinks => _wrongLinks;
    public IReadOnlyList<GoldMention> MissedNames => _missedNames;
    public IReadOnlyList<GoldMention> MissedLinks => _missedLinks;

    public double NameRecall => Ratio(FoundNames, GoldNames);
    public double NameRecallExact => Ratio(FoundNamesExact, GoldNames);
    public double LinkPrecision => Ratio(RightLinks, SystemLinks);
    public double LinkRecall => Ratio(FoundActors, GoldActors);

    public void Add(IReadOnlyList<GoldMention> gold, IReadOnlyList<SystemMention> system)
    {
        ArgumentNullException.ThrowIfNull(gold);
        ArgumentNullException.ThrowIfNull(system);
        Articles++;
        foreach (var mention in gold.Where(g => g.CountsForNameRecall))
        {
            GoldNames++;
            var overlapping = system.Where(s => s.Kind == SystemMentionKind.Name && mention.Overlaps(s.Start, s.Length)).ToList();
            if (overlapping.Count > 0)
            {
                FoundNames++;
            }
            else
            {
                _missedNames.Add(mention);
            }

            if (overlapping.Any(s => s.Start == mention.Start && s.Length == mention.Length))
            {
                FoundNamesExact++;
            }
        }

        foreach (var link in system.Where(s => s.Kind == SystemMentionKind.Name && s.Country is not null))
        {
            SystemLinks++;
            var best = gold.Where(g => g.Overlaps(link.Start, link.Length)).MaxBy(g => Overlap(g, link));
            var right = best is { Kind: not GoldMentionKind.Place, Country: { } country } && SameCountry(country, link.Country!);
            if (right)
            {
                RightLinks++;
                continue;
            }

            var why = best switch
            {
                null => "not a name",
                { Kind: GoldMentionKind.Place } => "place",
                { Country: null } => "no country",
                _ => best.Country!,
            };
            _wrongLinks.Add(new WrongLink(link.Text, link.ActorName, link.Country!, why));
        }

        foreach (var mention in gold.Where(g => g.CountsForLinkRecall))
        {
            GoldActors++;
            if (system.Any(s => s.Kind != SystemMentionKind.Reference && s.Country is { } country && mention.Overlaps(s.Start, s.Length) && SameCountry(mention.Country!, country)))
            {
                FoundActors++;
            }
            else
            {
                _missedLinks.Add(mention);
            }
        }
    }

    /// <summary>The three figures on one line, with their counts.</summary>
    public string FormatFigures() => string.Create(CultureInfo.InvariantCulture,
        $"name recall {NameRecall:F3} ({FoundNames}/{GoldNames}, exact span {NameRecallExact:F3}); link precision {LinkPrecision:F3} ({RightLinks}/{SystemLinks}); link recall {LinkRecall:F3} ({FoundActors}/{GoldActors})");

    /// <summary>The most frequent wrong links, missed names and missed actor links, <paramref name="top"/> of each.</summary>
    public string FormatErrors(int top)
    {
        var builder = new StringBuilder();
        builder.AppendLine("  most frequent wrong links (system text -> linked actor [country], gold):");
        foreach (var group in _wrongLinks.GroupBy(w => (w.Text, w.ActorName, w.Country, w.Gold)).OrderByDescending(g => g.Count()).ThenBy(g => g.Key.Text, StringComparer.Ordinal).Take(top))
        {
            builder.AppendLine(string.Create(CultureInfo.InvariantCulture, $"    {group.Count(),3}x {group.Key.Text} -> {group.Key.ActorName} [{group.Key.Country}], gold: {group.Key.Gold}"));
        }

        AppendMisses(builder, "most frequent missed names (gold PER/ORG without a system entity):", _missedNames, top);
        AppendMisses(builder, "most frequent missed actor links (gold actor without a link to its country):", _missedLinks, top);
        return builder.ToString();
    }

    private static void AppendMisses(StringBuilder builder, string title, IReadOnlyList<GoldMention> misses, int top)
    {
        builder.AppendLine("  " + title);
        foreach (var group in misses.GroupBy(m => (m.Text, m.Type, m.Country)).OrderByDescending(g => g.Count()).ThenBy(g => g.Key.Text, StringComparer.Ordinal).Take(top))
        {
            builder.AppendLine(string.Create(CultureInfo.InvariantCulture, $"    {group.Count(),3}x {group.Key.Text} ({group.Key.Type}, {group.Key.Country ?? "-"})"));
        }
    }

    private bool SameCountry(string gold, string system) =>
        string.Equals(_equivalents.GetValueOrDefault(gold, gold), _equivalents.GetValueOrDefault(system, system), StringComparison.Ordinal);

    private static int Overlap(GoldMention gold, SystemMention system) =>
        Math.Min(gold.End, system.End) - Math.Max(gold.Start, system.Start);

    private static double Ratio(int numerator, int denominator) => denominator == 0 ? 0 : numerator / (double)denominator;
}
