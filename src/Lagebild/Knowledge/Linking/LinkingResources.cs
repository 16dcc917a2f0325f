using System.Collections.Concurrent;
using Lagebild.Knowledge;
using Lagebild.Knowledge.Dictionaries;

namespace Lagebild.Knowledge.Linking;

/// <summary>
/// What the linking and coreference stages share: the knowledge base (loaded once, on first use, thread-safe) and
/// the per-language word lists. One instance per engine.
/// </summary>
public sealed class LinkingResources
{
    private readonly DataDirectory _data;
    private readonly Lazy<KnowledgeBase> _knowledge;
    private readonly ConcurrentDictionary<string, Lazy<LinkingLexicon?>> _lexicons = new(StringComparer.Ordinal);
    private readonly List<DictionaryIssue> _loadIssues = [];
    private readonly Lazy<string> _fingerprint;

    /// <summary>Loads the shipped knowledge base from <paramref name="data"/> when a stage first needs it.</summary>
    public LinkingResources(DataDirectory data)
        : this(data, (IReadOnlyList<string>)[])
    {
    }

    /// <summary>The shipped knowledge base plus the user's dictionary folders, applied after it, loaded on first use.</summary>
    public LinkingResources(DataDirectory data, IReadOnlyList<string> userDictionaries)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(userDictionaries);
        _data = data;
        _knowledge = new Lazy<KnowledgeBase>(() => KnowledgeBaseLoader.Load(data, userDictionaries, _loadIssues), LazyThreadSafetyMode.ExecutionAndPublication);
        var directories = KnowledgeBaseLoader.ShippedDirectories(data).Concat(userDictionaries).ToList();
        _fingerprint = new Lazy<string>(() => FingerprintOf(data, directories), LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>Uses an already loaded knowledge base (tests, callers with their own dictionaries).</summary>
    public LinkingResources(DataDirectory data, KnowledgeBase knowledge)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(knowledge);
        _data = data;
        _knowledge = new Lazy<KnowledgeBase>(knowledge);
        // No files behind it: the fingerprint is that of its contents' sizes, enough to tell test setups apart.
        _fingerprint = new Lazy<string>(() => Hash(System.Text.Encoding.UTF8.GetBytes(
            $"{knowledge.Countries.Count} {knowledge.Actors.Count} {knowledge.Agents.Count} {knowledge.GivenNames.Count}")));
    }

    /// <summary>
    /// A short hash of the knowledge set the stages use: the shipped knowledge files, the caller's dictionaries (names
    /// and contents, in load order), the transliteration rules and the per-language linking word lists. The stages put
    /// it in their versioned names, so a stored analysis made with other dictionaries is stale (re-analysed on ingest).
    /// Computed once, on first use, without loading the knowledge base.
    /// </summary>
    public string Fingerprint => _fingerprint.Value;

    private static string FingerprintOf(DataDirectory data, IReadOnlyList<string> directories)
    {
        using var hash = System.Security.Cryptography.IncrementalHash.CreateHash(System.Security.Cryptography.HashAlgorithmName.SHA256);
        var ignoredIssues = new List<DictionaryIssue>();
        var files = new List<string>();
        foreach (var directory in directories)
        {
            hash.AppendData(System.Text.Encoding.UTF8.GetBytes("dir\0"));
            if (Directory.Exists(directory))
            {
                files.AddRange(KnowledgeBaseFiles.FilesInLoadOrder(directory, ignoredIssues));
            }
        }

        files.Add(data.Resolve("de", "transliteration.tsv"));
        if (Directory.Exists(data.Root))
        {
            files.AddRange(Directory.EnumerateDirectories(data.Root).Order(StringComparer.Ordinal)
                .Select(language => Path.Combine(language, LinkingLexicon.FileName)));
        }

        foreach (var file in files.Where(File.Exists))
        {
            hash.AppendData(System.Text.Encoding.UTF8.GetBytes(Path.GetFileName(file) + "\0"));
            hash.AppendData(File.ReadAllBytes(file));
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset())[..12];
    }

    private static string Hash(byte[] bytes) => Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes))[..12];

    public KnowledgeBase Knowledge => _knowledge.Value;

    /// <summary>Problems found while loading the dictionaries (empty for a valid data directory and valid user files).</summary>
    public IReadOnlyList<DictionaryIssue> LoadIssues
    {
        get
        {
            _ = _knowledge.Value;
            return _loadIssues;
        }
    }

    /// <summary>The word lists of a language, or null when data/&lt;lang&gt;/actor-linking.json does not exist.</summary>
    public LinkingLexicon? LexiconFor(string language)
    {
        ArgumentNullException.ThrowIfNull(language);
        return _lexicons.GetOrAdd(language, code => new Lazy<LinkingLexicon?>(() => LinkingLexicon.Load(_data, code))).Value;
    }
}
