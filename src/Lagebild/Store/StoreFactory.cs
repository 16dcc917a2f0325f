using System.Text.RegularExpressions;

namespace Lagebild.Store;

/// <summary>How to open a store.</summary>
public sealed record StoreOpenOptions
{
    public static StoreOpenOptions Default { get; } = new();

    /// <summary>Create the store when it does not exist (ingest); query and export want an existing store.</summary>
    public bool CreateIfMissing { get; init; } = true;

    /// <summary>The clock for ingested_at and first_seen (the store records when it stored; stages never read a clock).</summary>
    public TimeProvider Clock { get; init; } = TimeProvider.System;

    /// <summary>Also keep the tokens layer (about as large as the text again; the contract leaves tokens out).</summary>
    public bool StoreTokens { get; init; }
}

/// <summary>One store backend: which locations it serves and how it opens them.</summary>
public interface IStoreProvider
{
    /// <summary>What users call this backend in messages ("SQLite").</summary>
    string Name { get; }

    /// <summary>
    /// The URL schemes this backend serves ("postgres"); the backend with none serves plain file paths.
    /// </summary>
    IReadOnlyList<string> Schemes { get; }

    /// <exception cref="StoreException">The store cannot be opened; the message says why in plain words.</exception>
    IArticleStore Open(string location, StoreOpenOptions options);
}

/// <summary>
/// Opens a store from the user's <c>--db</c> value: a file path for the embedded store, a URL
/// (<c>postgres://host/db</c>) for a server store. Front ends hold one factory with the backends they ship and
/// see nothing but <see cref="IArticleStore"/> and <see cref="StoreException"/>.
/// </summary>
public sealed partial class StoreFactory
{
    /// <summary>The store used when no <c>--db</c> is given: a file in the working directory.</summary>
    public const string DefaultLocation = "lagebild.db";

    private readonly IReadOnlyList<IStoreProvider> _providers;

    public StoreFactory(IReadOnlyList<IStoreProvider> providers)
    {
        ArgumentNullException.ThrowIfNull(providers);
        if (providers.Count(provider => provider.Schemes.Count == 0) > 1)
        {
            throw new ArgumentException("At most one backend may serve plain file paths.", nameof(providers));
        }

        _providers = providers;
    }

    /// <summary>Opens the store at <paramref name="location"/>.</summary>
    /// <exception cref="StoreException">No backend serves the location, or it cannot be opened.</exception>
    public IArticleStore Open(string location, StoreOpenOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(location);
        options ??= StoreOpenOptions.Default;
        if (location.Trim().Length == 0)
        {
            throw new StoreException("the store location (--db) is empty.");
        }

        var scheme = SchemeOf(location);
        var provider = _providers.FirstOrDefault(candidate => scheme is null
            ? candidate.Schemes.Count == 0
            : candidate.Schemes.Contains(scheme, StringComparer.OrdinalIgnoreCase));
        if (provider is null)
        {
            throw new StoreException(scheme switch
            {
                null => "this lagebild has no store for file paths.",
                "postgres" or "postgresql" => $"PostgreSQL stores ('{scheme}://...') are not supported yet; give a file path for the embedded SQLite store.",
                _ => $"'{scheme}://' stores are not supported; give a file path for the embedded store.",
            });
        }

        return provider.Open(location, options);
    }

    /// <summary>The lower-case scheme of a URL ("postgres"), or null for a file path (C:\ is a path, not a scheme).</summary>
    public static string? SchemeOf(string location)
    {
        ArgumentNullException.ThrowIfNull(location);
        var match = UrlScheme().Match(location);
        return match.Success ? match.Groups[1].Value.ToLowerInvariant() : null;
    }

    [GeneratedRegex("^([A-Za-z][A-Za-z0-9+.-]+)://", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex UrlScheme();
}
