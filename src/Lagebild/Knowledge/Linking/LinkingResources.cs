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
    private readonly Lazy<Dictionary<string, string>> _givenNames;

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
        DictionaryFingerprint = Fingerprint(userDictionaries);
        _knowledge = new Lazy<KnowledgeBase>(() => KnowledgeBaseLoader.Load(data, userDictionaries, _loadIssues), LazyThreadSafetyMode.ExecutionAndPublication);
        _givenNames = new Lazy<Dictionary<string, string>>(() => LoadGivenNames(data), LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>Uses an already loaded knowledge base (tests, callers with their own dictionaries).</summary>
    public LinkingResources(DataDirectory data, KnowledgeBase knowledge)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(knowledge);
        _data = data;
        _knowledge = new Lazy<KnowledgeBase>(knowledge);
        _givenNames = new Lazy<Dictionary<string, string>>(() => LoadGivenNames(data), LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>"m" or "f" for a given name listed in data/shared/knowledge/given-names.tsv ("Angela" → f), else null.</summary>
    public string? GenderOfGivenName(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return _givenNames.Value.GetValueOrDefault(NameKey.Of(name));
    }

    private static Dictionary<string, string> LoadGivenNames(DataDirectory data)
    {
        var genders = new Dictionary<string, string>(StringComparer.Ordinal);
        var path = data.Resolve("shared", "knowledge", GivenNamesFile);
        if (!File.Exists(path))
        {
            return genders;
        }

        foreach (var line in File.ReadLines(path))
        {
            var fields = line.Split('\t');
            if (line.StartsWith('#') || fields.Length != 2 || fields[1] is not ("m" or "f"))
            {
                continue; // comments and the header
            }

            genders[NameKey.Of(fields[0])] = fields[1];
        }

        return genders;
    }

    public const string GivenNamesFile = "given-names.tsv";

    public KnowledgeBase Knowledge => _knowledge.Value;

    /// <summary>
    /// Eight hex digits over the names and contents of the user's dictionary files, empty without any: part of the
    /// linking stage's version, so that a store re-analyses its articles when the dictionaries change.
    /// </summary>
    public string DictionaryFingerprint { get; } = "";

    private static string Fingerprint(IReadOnlyList<string> directories)
    {
        var files = directories
            .SelectMany(d => Directory.Exists(d) ? Directory.EnumerateFiles(d, "*", SearchOption.AllDirectories).Select(f => (Root: d, File: f)) : [(Root: d, File: d)])
            .Where(entry => File.Exists(entry.File))
            .OrderBy(entry => Path.GetRelativePath(entry.Root, entry.File), StringComparer.Ordinal)
            .ToList();
        if (files.Count == 0)
        {
            return "";
        }

        using var hash = System.Security.Cryptography.IncrementalHash.CreateHash(System.Security.Cryptography.HashAlgorithmName.SHA256);
        foreach (var (root, file) in files)
        {
            hash.AppendData(System.Text.Encoding.UTF8.GetBytes(Path.GetRelativePath(root, file) + "\n"));
            hash.AppendData(File.ReadAllBytes(file));
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset())[..8];
    }

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
