using System.Globalization;

namespace Lagebild.Knowledge;

/// <summary>
/// A CAMEO code an actor holds, optionally limited to an inclusive date range. An open end means "since" or
/// "until"; no dates at all means the default code when no dated role applies.
/// </summary>
public sealed record RolePeriod(string Code, DateOnly? From, DateOnly? To)
{
    public bool IsDefault => From is null && To is null;

    public bool Covers(DateOnly date) => (From is null || date >= From) && (To is null || date <= To);

    public bool Overlaps(RolePeriod other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (IsDefault || other.IsDefault)
        {
            return false;
        }

        var startsBeforeOtherEnds = From is null || other.To is null || From <= other.To;
        var otherStartsBeforeThisEnds = other.From is null || To is null || other.From <= To;
        return startsBeforeOtherEnds && otherStartsBeforeThisEnds;
    }

    /// <summary>Our file form: CODE, CODE@2012-11-15.., CODE@..2000-05-07, CODE@1999-08-09..2000-05-07.</summary>
    public override string ToString() =>
        IsDefault ? Code : $"{Code}@{Format(From)}..{Format(To)}";

    public static bool TryParse(string value, out RolePeriod period, out string? error)
    {
        ArgumentNullException.ThrowIfNull(value);
        period = new RolePeriod("", null, null);
        error = null;
        var at = value.IndexOf('@', StringComparison.Ordinal);
        var code = (at < 0 ? value : value[..at]).Trim();
        if (code.Length == 0)
        {
            error = $"role '{value}' has no code";
            return false;
        }

        if (at < 0)
        {
            period = new RolePeriod(code, null, null);
            return true;
        }

        var range = value[(at + 1)..];
        var dots = range.IndexOf("..", StringComparison.Ordinal);
        if (dots < 0)
        {
            error = $"role '{value}' has a date range without '..'";
            return false;
        }

        if (!TryParseDate(range[..dots], out var from) || !TryParseDate(range[(dots + 2)..], out var to))
        {
            error = $"role '{value}' has a date that is not yyyy-MM-dd";
            return false;
        }

        if (from is not null && to is not null && from > to)
        {
            error = $"role '{value}' ends before it starts";
            return false;
        }

        period = new RolePeriod(code, from, to);
        return true;
    }

    private static bool TryParseDate(string text, out DateOnly? date)
    {
        date = null;
        if (text.Length == 0)
        {
            return true;
        }

        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
        {
            date = parsed;
            return true;
        }

        return false;
    }

    private static string Format(DateOnly? date) =>
        date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "";
}
