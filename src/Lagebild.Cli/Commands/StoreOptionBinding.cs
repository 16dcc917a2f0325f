using System.CommandLine;
using System.Globalization;
using Lagebild.Store;

namespace Lagebild.Cli.Commands;

/// <summary>
/// Options shared by the commands that use the store: --db, and the filters of query and export
/// (--text, --actor, --from, --to, --limit).
/// </summary>
internal sealed class StoreOptionBinding
{
    private const string DateOnlyFormat = "yyyy-MM-dd";

    public StoreOptionBinding(int? defaultLimit)
    {
        Limit = new Option<int?>("--limit")
        {
            Description = defaultLimit is null ? "At most this many rows (default: all)." : "At most this many rows (0 for all).",
            DefaultValueFactory = _ => defaultLimit,
        };
    }

    public static Option<string> CreateDatabaseOption() => new("--db")
    {
        Description = "The store: a file path for the embedded SQLite store (PostgreSQL URLs are not supported yet).",
        DefaultValueFactory = _ => StoreFactory.DefaultLocation,
    };

    public Option<string> Database { get; } = CreateDatabaseOption();

    public Option<string?> Text { get; } = new("--text")
    {
        Description = "Full-text query over title and text: words, \"phrases\", AND, OR, NOT, (groups), prefix*, title:word or text:word.",
    };

    public Option<string?> Actor { get; } = new("--actor")
    {
        Description = "CAMEO actor code or prefix (CHN matches CHN, CHNGOV, ...).",
    };

    public Option<string?> From { get; } = new("--from")
    {
        Description = "Articles published on or after this date (ISO 8601; a bare date is taken in UTC).",
    };

    public Option<string?> To { get; } = new("--to")
    {
        Description = "Articles published on or before this date (a bare date includes the whole day, UTC).",
    };

    public Option<int?> Limit { get; }

    public void AddTo(Command command)
    {
        ArgumentNullException.ThrowIfNull(command);
        command.Options.Add(Database);
        command.Options.Add(Text);
        command.Options.Add(Actor);
        command.Options.Add(From);
        command.Options.Add(To);
        command.Options.Add(Limit);
    }

    /// <summary>Reads the filter options; a malformed value is a usage error with a message naming it.</summary>
    public bool TryBind(ParseResult result, out StoreFilter filter, out string? error)
    {
        ArgumentNullException.ThrowIfNull(result);
        filter = StoreFilter.All;
        error = null;
        var text = result.GetValue(Text);
        if (text is not null && text.Trim().Length == 0)
        {
            error = "--text is empty.";
            return false;
        }

        var actor = result.GetValue(Actor)?.Trim();
        if (actor is not null && (actor.Length == 0 || !actor.All(char.IsAsciiLetterOrDigit)))
        {
            error = $"--actor '{actor}' is not a CAMEO actor code (letters and digits, e.g. CHN or CHNGOV).";
            return false;
        }

        DateTimeOffset? from = null;
        if (result.GetValue(From) is { } fromText)
        {
            if (!TryParseDate(fromText, out var start, out _))
            {
                error = $"--from '{fromText}' is not an ISO 8601 date.";
                return false;
            }

            from = start;
        }

        DateTimeOffset? before = null;
        if (result.GetValue(To) is { } toText)
        {
            if (!TryParseDate(toText, out var end, out var dateOnly))
            {
                error = $"--to '{toText}' is not an ISO 8601 date.";
                return false;
            }

            // Inclusive for the user; the store takes an exclusive bound (published times have whole seconds).
            before = dateOnly ? end.AddDays(1) : end.AddSeconds(1);
        }

        var limit = result.GetValue(Limit);
        if (limit < 0)
        {
            error = $"--limit {limit} is negative.";
            return false;
        }

        filter = new StoreFilter
        {
            Text = text,
            Actor = actor?.ToUpperInvariant(),
            PublishedFrom = from,
            PublishedBefore = before,
            Limit = limit is 0 ? null : limit,
        };
        return true;
    }

    private static bool TryParseDate(string text, out DateTimeOffset value, out bool dateOnly)
    {
        dateOnly = DateTime.TryParseExact(text, DateOnlyFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var day);
        if (dateOnly)
        {
            value = new DateTimeOffset(day, TimeSpan.Zero);
            return true;
        }

        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out value);
    }
}
