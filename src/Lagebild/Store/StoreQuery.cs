using System.Collections;
using System.Globalization;

namespace Lagebild.Store;

/// <summary>What a query or export lists: one row per article, or per extracted item.</summary>
public enum RecordKind
{
    Articles,
    Events,
    Entities,
    Quotes,
}

/// <summary>
/// Which articles (and their items) a query or export selects. Every filter is optional; all given ones must hold.
/// </summary>
public sealed record StoreFilter
{
    public static StoreFilter All { get; } = new();

    /// <summary>
    /// Text query over title and text in <see cref="TextQuery"/> syntax ("Xi AND Lukaschenko", "title:Wahl",
    /// "\"tiefe Besorgnis\"", "Bundes*"); each backend translates it.
    /// </summary>
    public string? Text { get; init; }

    /// <summary>
    /// CAMEO actor code or prefix ("CHN" matches CHN, CHNGOV, ...): articles with such an entity or event side;
    /// events with such a source or target; entities with such an actor; quotes with such a speaker.
    /// </summary>
    public string? Actor { get; init; }

    /// <summary>Articles published at or after this instant (articles without a date are left out).</summary>
    public DateTimeOffset? PublishedFrom { get; init; }

    /// <summary>Articles published before this instant (exclusive).</summary>
    public DateTimeOffset? PublishedBefore { get; init; }

    /// <summary>Maximum number of rows; null for all.</summary>
    public int? Limit { get; init; }

    internal static string FormatUtc(DateTimeOffset value) =>
        value.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}

/// <summary>
/// Rows read lazily from the store: column names and, per row, values that are string, long, double or null.
/// Enumerate once; the store runs one query at a time.
/// </summary>
public sealed class StoreRows : IEnumerable<object?[]>
{
    private readonly IEnumerable<object?[]> _rows;

    internal StoreRows(IReadOnlyList<string> columns, IEnumerable<object?[]> rows)
    {
        Columns = columns;
        _rows = rows;
    }

    public IReadOnlyList<string> Columns { get; }

    /// <summary>The same rows with only the named columns, in the order named (unknown names are left out).</summary>
    public StoreRows Select(IEnumerable<string> names)
    {
        ArgumentNullException.ThrowIfNull(names);
        var indexes = names
            .Select(name => Columns.ToList().FindIndex(column => string.Equals(column, name, StringComparison.Ordinal)))
            .Where(index => index >= 0)
            .ToArray();
        return new StoreRows(
            indexes.Select(index => Columns[index]).ToArray(),
            _rows.Select(row => indexes.Select(index => row[index]).ToArray()));
    }

    public IEnumerator<object?[]> GetEnumerator() => _rows.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
