namespace Lagebild.Knowledge;

/// <summary>A country (or territory) with its CAMEO and ISO codes and the names it goes by.</summary>
public sealed record Country
{
    /// <summary>CAMEO country code (usually ISO 3166 alpha-3; a few historical CAMEO codes differ).</summary>
    public required string Code { get; init; }
    public string? Iso2 { get; init; }
    public string? Iso3 { get; init; }
    public required string NameEn { get; init; }
    public string? NameDe { get; init; }
    /// <summary>Names by language ("en", "de", "*" for any language).</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Names { get; init; } = new Dictionary<string, IReadOnlyList<string>>();
    /// <summary>Adjective/demonym stems by language ("chinesisch", "Chinese"); German stems are inflected when matched.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Adjectives { get; init; } = new Dictionary<string, IReadOnlyList<string>>();
    /// <summary>Capitals and seats of power that stand for the country or its government, with the role code they add (empty: the country itself).</summary>
    public IReadOnlyList<Metonym> Metonyms { get; init; } = [];
}

/// <summary>"Peking" → the country; "Kreml" → its government (role GOV).</summary>
public sealed record Metonym(string Name, string Language, string Role);

public enum ActorKind
{
    Person,
    Organisation,
    Group,
}

/// <summary>A named actor: a person, an international organisation, an armed group, a ministry or outlet.</summary>
public sealed record Actor
{
    public required string Id { get; init; }
    public required ActorKind Kind { get; init; }
    /// <summary>Canonical English name.</summary>
    public required string Name { get; init; }
    /// <summary>Names by language ("*" for names used in any language, "de" for German-only spellings).</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Names { get; init; } = new Dictionary<string, IReadOnlyList<string>>();
    /// <summary>The codes the actor held, with their periods; default roles (no dates) apply when no period covers a date.</summary>
    public IReadOnlyList<RolePeriod> Roles { get; init; } = [];
    /// <summary>Where the record came from (file and line), for "why" in lookups.</summary>
    public string? Provenance { get; init; }
    /// <summary>A person's grammatical gender for pronouns, "m" or "f", when the record gives it; else null.</summary>
    public string? Gender { get; init; }

    /// <summary>
    /// The code valid on <paramref name="date"/>: the covering dated role, else the default, else (for a person) the
    /// country's elite outside office, else null.
    /// </summary>
    public RolePeriod? RoleOn(DateOnly? date) =>
        RoleHeldOn(date) ?? (date is { } day && Kind == ActorKind.Person ? OutOfOffice(day) : null);

    /// <summary>The covering dated role, else the default, else null (for no date: the latest period).</summary>
    public RolePeriod? RoleHeldOn(DateOnly? date)
    {
        if (date is { } day)
        {
            RolePeriod? best = null;
            foreach (var role in Roles)
            {
                if (!role.IsDefault && role.Covers(day) && (best is null || (role.From ?? DateOnly.MinValue) > (best.From ?? DateOnly.MinValue)))
                {
                    best = role;
                }
            }

            if (best is not null)
            {
                return best;
            }
        }

        foreach (var role in Roles)
        {
            if (role.IsDefault)
            {
                return role;
            }
        }

        // Without a date, the latest period is the most useful guess; it is reported as such by lookups.
        return date is null ? Roles.Where(r => !r.IsDefault).MaxBy(r => r.From ?? DateOnly.MinValue) : null;
    }

    /// <summary>
    /// A person on a date none of their periods covers is still of their country: CAMEO codes former (and future)
    /// office holders as its elite (ELI), as the Phoenix dictionaries do for the years before an office. The country is
    /// that of the nearest period: the last one that ended before the date, else the first one after it.
    /// </summary>
    private RolePeriod? OutOfOffice(DateOnly day)
    {
        var dated = Roles.Where(r => !r.IsDefault && r.Code.Length >= 3).ToList();
        var before = dated.Where(r => r.To is { } to && to < day).MaxBy(r => r.To);
        if (before is not null)
        {
            return new RolePeriod(before.Code[..3] + FormerOfficeRole, before.To!.Value.AddDays(1), null);
        }

        var after = dated.Where(r => r.From is { } from && from > day).MinBy(r => r.From);
        return after is null ? null : new RolePeriod(after.Code[..3] + FormerOfficeRole, null, after.From!.Value.AddDays(-1));
    }

    /// <summary>The CAMEO role of a country's elite outside office.</summary>
    public const string FormerOfficeRole = "ELI";
}

/// <summary>A generic role noun ("Außenminister", "troops") and the CAMEO role code it adds to a country.</summary>
public sealed record Agent(string Phrase, string Language, string Code, string? Provenance);

/// <summary>A given name and the gender it signals ("Annalena" → f); ambiguous names are not listed.</summary>
public sealed record GivenName(string Name, string Gender);
