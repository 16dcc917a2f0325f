using System.Globalization;

namespace Lagebild.Ingest.Feeds;

/// <summary>
/// Parses the dates feeds carry: RFC 822/1123 with numeric or named zones ("Tue, 10 Jun 2003 04:00:00 GMT"),
/// ISO 8601 / RFC 3339 ("2003-06-10T04:00:00+02:00"), and the broken variants seen in the wild: missing
/// weekday or seconds, two-digit years, German/French/Spanish/Italian month names, "+02:00" in RFC dates,
/// "GMT+0100", numeric "10.06.2003 04:00". A date without a zone is taken as UTC.
/// </summary>
public static class FeedDate
{
    private static readonly string[] IsoFormats =
    [
        "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK",
        "yyyy-MM-dd'T'HH:mm:ssK",
        "yyyy-MM-dd'T'HH:mmK",
        "yyyy-MM-dd' 'HH:mm:ss.FFFFFFFK",
        "yyyy-MM-dd' 'HH:mm:ssK",
        "yyyy-MM-dd' 'HH:mmK",
        "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF",
        "yyyy-MM-dd'T'HH:mm:ss",
        "yyyy-MM-dd'T'HH:mm",
        "yyyy-MM-dd' 'HH:mm:ss.FFFFFFF",
        "yyyy-MM-dd' 'HH:mm:ss",
        "yyyy-MM-dd' 'HH:mm",
        "yyyy-MM-dd",
        "yyyyMMdd'T'HHmmssK",
        "yyyyMMdd'T'HHmmss",
    ];

    // Month names by prefix, longest match wins ("juil" before "jul" is irrelevant, "juin" before "jui").
    private static readonly (string Prefix, int Month)[] MonthPrefixes =
    [
        ("janv", 1), ("jan", 1), ("jän", 1), ("ene", 1), ("gen", 1),
        ("feb", 2), ("fév", 2), ("fev", 2),
        ("mar", 3), ("mär", 3), ("mrz", 3),
        ("apr", 4), ("avr", 4), ("abr", 4),
        ("may", 5), ("mai", 5), ("mag", 5),
        ("juin", 6), ("jun", 6), ("giu", 6),
        ("juil", 7), ("jul", 7), ("lug", 7),
        ("aug", 8), ("aoû", 8), ("aou", 8), ("ago", 8),
        ("sep", 9), ("set", 9),
        ("oct", 10), ("okt", 10), ("ott", 10), ("out", 10),
        ("nov", 11),
        ("dec", 12), ("dez", 12), ("déc", 12), ("dic", 12),
    ];

    private static readonly Dictionary<string, int> ZoneMinutes = new(StringComparer.OrdinalIgnoreCase)
    {
        ["GMT"] = 0, ["UT"] = 0, ["UTC"] = 0, ["Z"] = 0, ["WET"] = 0,
        ["BST"] = 60, ["WEST"] = 60, ["CET"] = 60, ["MEZ"] = 60, ["CEST"] = 120, ["MESZ"] = 120,
        ["EET"] = 120, ["EEST"] = 180, ["MSK"] = 180,
        ["EST"] = -300, ["EDT"] = -240, ["CST"] = -360, ["CDT"] = -300,
        ["MST"] = -420, ["MDT"] = -360, ["PST"] = -480, ["PDT"] = -420,
        ["AKST"] = -540, ["AKDT"] = -480, ["HST"] = -600,
        // IST: in news feeds overwhelmingly India Standard Time.
        ["IST"] = 330, ["HKT"] = 480, ["SGT"] = 480, ["JST"] = 540, ["KST"] = 540,
        ["AEST"] = 600, ["AEDT"] = 660, ["ACST"] = 570, ["AWST"] = 480, ["NZST"] = 720, ["NZDT"] = 780,
    };

    /// <summary>Parses <paramref name="text"/>; false when no plausible date is found.</summary>
    public static bool TryParse(string? text, out DateTimeOffset date)
    {
        date = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var trimmed = text.Trim();
        if (trimmed.Length > 100)
        {
            return false;
        }

        return (TryParseIso(trimmed, out date) || TryParseLoose(trimmed, out date)) && date.Year is >= 1900 and <= 2200;
    }

    private static bool TryParseIso(string text, out DateTimeOffset date)
    {
        date = default;
        if (text.Length < 8 || !char.IsAsciiDigit(text[0]) || !char.IsAsciiDigit(text[3]))
        {
            return false;
        }

        var normalized = text;
        if (normalized.EndsWith(" UTC", StringComparison.OrdinalIgnoreCase) || normalized.EndsWith(" GMT", StringComparison.OrdinalIgnoreCase))
        {
            normalized = normalized[..^4] + "Z";
        }

        // "+0200" → "+02:00", which the K specifier accepts.
        if (normalized.Length > 5 && normalized[^5] is '+' or '-' && normalized.AsSpan(normalized.Length - 4).IndexOfAnyExceptInRange('0', '9') < 0)
        {
            normalized = normalized[..^2] + ":" + normalized[^2..];
        }

        normalized = normalized.Replace(" +", "+", StringComparison.Ordinal).Replace(" Z", "Z", StringComparison.Ordinal);
        return DateTimeOffset.TryParseExact(normalized, IsoFormats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out date);
    }

    /// <summary>Token-based reading of RFC 822 and its broken relatives.</summary>
    private static bool TryParseLoose(string text, out DateTimeOffset date)
    {
        date = default;
        int? day = null, month = null, year = null, zone = null;
        int hour = 0, minute = 0, second = 0;
        var tokens = text.Split([' ', ',', '\t'], StringSplitOptions.RemoveEmptyEntries);
        foreach (var rawToken in tokens)
        {
            var token = rawToken.TrimEnd('.');
            if (token.Contains(':', StringComparison.Ordinal) && char.IsAsciiDigit(token[0]))
            {
                if (!TryParseTime(token, out hour, out minute, out second, out var attachedZone))
                {
                    return false;
                }

                zone ??= attachedZone;
                continue;
            }

            if (token[0] is '+' or '-' && token.Length > 1 && char.IsAsciiDigit(token[1]))
            {
                if (TryParseOffset(token, out var offset))
                {
                    zone = offset;
                    continue;
                }

                return false;
            }

            if (char.IsAsciiDigit(token[0]))
            {
                if (token.IndexOfAny(['.', '/', '-']) > 0 && TryParseNumericDate(token, out var d, out var m, out var y))
                {
                    (day, month, year) = (d, m, y);
                    continue;
                }

                if (token.AsSpan().IndexOfAnyExceptInRange('0', '9') >= 0 || token.Length > 4)
                {
                    return false;
                }

                var number = int.Parse(token, NumberStyles.None, CultureInfo.InvariantCulture);
                if (token.Length == 4 || (day is not null && month is not null && year is null))
                {
                    year = token.Length <= 2 ? number + (number < 50 ? 2000 : 1900) : number;
                }
                else if (day is null)
                {
                    day = number;
                }
                else
                {
                    return false;
                }

                continue;
            }

            if (ZoneMinutes.TryGetValue(token, out var named))
            {
                zone = named;
                continue;
            }

            if ((token.StartsWith("GMT", StringComparison.OrdinalIgnoreCase) || token.StartsWith("UTC", StringComparison.OrdinalIgnoreCase))
                && token.Length > 3 && TryParseOffset(token[3..], out var gmtOffset))
            {
                zone = gmtOffset;
                continue;
            }

            // The last month name wins: a leading weekday can look like one (Spanish "Mar" = martes).
            if (MonthOf(token) is { } namedMonth)
            {
                month = namedMonth;
            }

            // Anything else (weekday names, "um", "Uhr") is ignored.
        }

        if (day is null || month is null || year is null || day < 1 || month < 1 || month > 12 || year < 1
            || day > DateTime.DaysInMonth(year.Value, month.Value) || hour > 23 || minute > 59 || second > 60)
        {
            return false;
        }

        var local = new DateTime(year.Value, month.Value, day.Value, hour, minute, Math.Min(second, 59), DateTimeKind.Unspecified);
        date = new DateTimeOffset(local, TimeSpan.FromMinutes(zone ?? 0));
        return true;
    }

    private static bool TryParseTime(string token, out int hour, out int minute, out int second, out int? zone)
    {
        hour = minute = second = 0;
        zone = null;
        var timePart = token;
        var zoneAt = token.IndexOfAny(['+', '-', 'Z', 'z']);
        if (zoneAt > 0)
        {
            timePart = token[..zoneAt];
            var zoneText = token[zoneAt..];
            if (zoneText is "Z" or "z")
            {
                zone = 0;
            }
            else if (TryParseOffset(zoneText, out var offset))
            {
                zone = offset;
            }
            else
            {
                return false;
            }
        }

        var parts = timePart.Split(':');
        if (parts.Length is < 2 or > 3)
        {
            return false;
        }

        var secondText = parts.Length == 3 ? parts[2].Split('.')[0] : "0";
        return int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out hour)
            && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out minute)
            && int.TryParse(secondText, NumberStyles.None, CultureInfo.InvariantCulture, out second);
    }

    /// <summary>"+0200", "+02:00", "-5", "+1" → minutes east of UTC.</summary>
    private static bool TryParseOffset(string token, out int minutes)
    {
        minutes = 0;
        if (token.Length < 2 || token[0] is not ('+' or '-'))
        {
            return false;
        }

        var sign = token[0] == '-' ? -1 : 1;
        var digits = token[1..].Replace(":", "", StringComparison.Ordinal);
        if (digits.Length is 0 or > 4 || digits.AsSpan().IndexOfAnyExceptInRange('0', '9') >= 0)
        {
            return false;
        }

        int hours, mins = 0;
        if (digits.Length <= 2)
        {
            hours = int.Parse(digits, NumberStyles.None, CultureInfo.InvariantCulture);
        }
        else
        {
            hours = int.Parse(digits[..^2], NumberStyles.None, CultureInfo.InvariantCulture);
            mins = int.Parse(digits[^2..], NumberStyles.None, CultureInfo.InvariantCulture);
        }

        if (hours > 14 || mins > 59)
        {
            return false;
        }

        minutes = sign * (hours * 60 + mins);
        return true;
    }

    /// <summary>"10.06.2003", "2003/06/10", "06/10/2003" (month first when the middle part cannot be a month).</summary>
    private static bool TryParseNumericDate(string token, out int day, out int month, out int year)
    {
        day = month = year = 0;
        var parts = token.Split(['.', '/', '-']);
        if (parts.Length != 3 || parts.Any(p => p.Length == 0 || p.Length > 4 || p.AsSpan().IndexOfAnyExceptInRange('0', '9') >= 0))
        {
            return false;
        }

        var numbers = parts.Select(p => int.Parse(p, NumberStyles.None, CultureInfo.InvariantCulture)).ToArray();
        if (parts[0].Length == 4)
        {
            (year, month, day) = (numbers[0], numbers[1], numbers[2]);
        }
        else
        {
            year = parts[2].Length <= 2 ? numbers[2] + (numbers[2] < 50 ? 2000 : 1900) : numbers[2];
            // Day first (European) unless the middle part cannot be a month (US order).
            (day, month) = numbers[1] > 12 ? (numbers[1], numbers[0]) : (numbers[0], numbers[1]);
        }

        return month is >= 1 and <= 12 && day >= 1;
    }

    private static int? MonthOf(string token)
    {
        var lower = token.ToLowerInvariant();
        var best = 0;
        int? month = null;
        foreach (var (prefix, value) in MonthPrefixes)
        {
            if (prefix.Length > best && lower.StartsWith(prefix, StringComparison.Ordinal))
            {
                best = prefix.Length;
                month = value;
            }
        }

        return month is not null && lower.Length <= 10 ? month : null;
    }
}
