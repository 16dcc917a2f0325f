using System.Globalization;
using Lagebild.Ingest;

namespace Lagebild.Cli.Commands;

/// <summary>
/// Tallies the files a command left alone (images, archives, empty or binary files in a directory) by reason, so
/// that the summary can count them and --verbose can name each one.
/// </summary>
internal sealed class SkippedInputs(bool verbose, Action<string> report)
{
    private readonly SortedDictionary<string, int> _byReason = new(StringComparer.Ordinal);

    public int Count { get; private set; }

    /// <summary>Counts a skipped item; with --verbose, names it at once.</summary>
    public void Add(IngestResult item)
    {
        ArgumentNullException.ThrowIfNull(item);
        Add(item.Origin, item.SkipReason ?? "skipped");
    }

    /// <summary>Counts a skipped input named by its origin; with --verbose, names it at once.</summary>
    public void Add(string origin, string reason)
    {
        ArgumentNullException.ThrowIfNull(origin);
        ArgumentNullException.ThrowIfNull(reason);
        Count++;
        _byReason[reason] = _byReason.GetValueOrDefault(reason) + 1;
        if (verbose)
        {
            report($"skipped {origin}: {reason}");
        }
    }

    /// <summary>"3 (not a text format 2, empty 1)", or "0".</summary>
    public string Describe() => Count == 0
        ? "0"
        : string.Create(CultureInfo.InvariantCulture, $"{Count} ({string.Join(", ", _byReason.Select(pair => $"{pair.Key} {pair.Value}"))})");
}
