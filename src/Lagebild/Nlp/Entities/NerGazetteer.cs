using System.Numerics;
using System.Text.Json;
using Lagebild.Knowledge;
using Lagebild.Nlp.Clusters;

namespace Lagebild.Nlp.Entities;

/// <summary>Classes of gazetteer entries, combinable as a bit mask.</summary>
[Flags]
public enum GazetteerClass : byte
{
    None = 0,
    Person = 1,
    Organisation = 2,
    Location = 4,
    /// <summary>Country adjectives and demonyms ("German", "chinesische").</summary>
    Adjective = 8,
    /// <summary>A first token of a person's name ("Angela").</summary>
    GivenName = 16,
    /// <summary>A last token of a person's name ("Merkel").</summary>
    FamilyName = 32,
    /// <summary>A word that ends company names ("Inc", "Ltd", "GmbH").</summary>
    OrganisationSuffix = 64,
    /// <summary>A word that heads organisation names ("University", "Bank", "Council").</summary>
    OrganisationHead = 128,
}

/// <summary>
/// Known names as token sequences, matched case-insensitively by longest match. Used only as features of the
/// tagger (the model decides). Only hashes of the names are kept; they are stored inside the model file, so a model
/// always sees the gazetteer it was trained with and ships no name list.
/// </summary>
public sealed class NerGazetteer
{
    /// <summary>Longer names are not matched.</summary>
    public const int MaxNameTokens = 8;

    private readonly HashedByteMap _phrases;
    private readonly HashedByteMap _prefixes;
    private readonly HashedByteMap _nameParts;
    private readonly HashedByteMap _frequencyClasses;

    // Word clusters: hashes of normalised words (sorted) and their packed paths (see PackCluster).
    private ulong[] _clusterKeys = [];
    private uint[] _clusterPaths = [];

    public NerGazetteer()
        : this(new HashedByteMap(), new HashedByteMap(), new HashedByteMap(), new HashedByteMap())
    {
    }

    private NerGazetteer(HashedByteMap phrases, HashedByteMap prefixes, HashedByteMap nameParts, HashedByteMap frequencyClasses)
    {
        _phrases = phrases;
        _prefixes = prefixes;
        _nameParts = nameParts;
        _frequencyClasses = frequencyClasses;
    }

    /// <summary>Words with a cluster (see <see cref="SetClusters"/>); 0: the model has no cluster features.</summary>
    public int ClusterCount => _clusterKeys.Length;

    /// <summary>
    /// Hierarchical word clusters become features (path prefixes of several lengths). Only hashes of the words and
    /// their paths are kept and stored in the model.
    /// </summary>
    public void SetClusters(WordClusters clusters)
    {
        ArgumentNullException.ThrowIfNull(clusters);
        var table = new SortedDictionary<ulong, uint>();
        foreach (var entry in clusters.Entries)
        {
            table.TryAdd(ClusterKey(entry.Word), PackCluster(entry.Path, entry.Depth));
        }

        _clusterKeys = [.. table.Keys];
        _clusterPaths = [.. table.Values];
    }

    /// <summary>A word's cluster path, packed: the depth in the top byte, the path bits (first split lowest) below; 0: none.</summary>
    internal uint Cluster(ReadOnlySpan<char> token)
    {
        var index = Array.BinarySearch(_clusterKeys, ClusterKey(token));
        return index >= 0 ? _clusterPaths[index] : 0;
    }

    internal static uint PackCluster(ulong path, int depth) => ((uint)depth << 24) | (uint)(path & 0xFFFFFF);

    // Hash of the normalised word (WordClusters.Normalize: lower case, digits as 0), computed without allocating.
    private static ulong ClusterKey(ReadOnlySpan<char> token)
    {
        var hash = 14695981039346656037UL;
        foreach (var c in token)
        {
            hash ^= WordClusters.NormalizeChar(c);
            hash *= 1099511628211UL;
        }

        return NerHash.Combine(2, NerHash.Mix(hash));
    }

    /// <summary>Distinct names and name parts added (only hashes are kept and stored).</summary>
    public int Count => _phrases.Count + _nameParts.Count;

    /// <summary>Words with a frequency class (see <see cref="AddWordFrequencies"/>).</summary>
    public int FrequencyCount => _frequencyClasses.Count;

    /// <summary>
    /// Adds a word-frequency list ("word count" per line, most frequent first): each word gets a class by its rank
    /// (1: about the top hundred, each further class reaching about four times as far down, up to 6), a cue that a
    /// capitalised word is a common one.
    /// </summary>
    public void AddWordFrequencies(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var rank = 0;
        foreach (var line in File.ReadLines(path))
        {
            var cut = line.IndexOf(' ', StringComparison.Ordinal);
            var word = (cut < 0 ? line : line[..cut]).Trim();
            if (word.Length == 0 || word[0] == '#')
            {
                continue;
            }

            var frequencyClass = (byte)Math.Min(6, 1 + (Math.Max(0, BitOperations.Log2((uint)(rank / 32) + 1)) / 2));
            _frequencyClasses.TryAdd(FrequencyKey(NerHash.OfLower(word)), frequencyClass);
            rank++;
        }
    }

    /// <summary>
    /// Adds a plain word list (one word per line, first column) as frequency class <paramref name="frequencyClass"/>
    /// (1 for the most common words); words listed before keep their class.
    /// </summary>
    public void AddWordClass(string path, byte frequencyClass)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentOutOfRangeException.ThrowIfZero(frequencyClass);
        foreach (var line in File.ReadLines(path))
        {
            var cut = line.IndexOfAny([' ', '\t']);
            var word = (cut < 0 ? line : line[..cut]).Trim();
            if (word.Length > 0 && word[0] != '#')
            {
                _frequencyClasses.TryAdd(FrequencyKey(NerHash.OfLower(word)), frequencyClass);
            }
        }
    }

    /// <summary>The frequency class of a word given by its lower-case hash; 0 when it is not listed.</summary>
    internal byte FrequencyClass(ulong lowerHash) => _frequencyClasses.Get(FrequencyKey(lowerHash));

    private static ulong FrequencyKey(ulong lowerHash) => NerHash.Combine(1, lowerHash);

    public void Add(string name, GazetteerClass classes)
    {
        ArgumentNullException.ThrowIfNull(name);
        var tokens = NameTokens(name);
        if (tokens.Length == 0 || tokens.Length > MaxNameTokens)
        {
            return;
        }

        if ((classes & GazetteerClass.Person) != 0 && tokens.Length > 1)
        {
            Index([tokens[0]], GazetteerClass.GivenName);
            Index([tokens[^1]], GazetteerClass.FamilyName);
        }

        Index(tokens, classes);

        // Text tokenised the UD way splits hyphens ("Coca - Cola"): index that form as well.
        if (name.Contains('-', StringComparison.Ordinal) && name.Length > 2)
        {
            var split = NameTokens(name.Replace("-", " - ", StringComparison.Ordinal));
            if (split.Length <= MaxNameTokens && split.Length > tokens.Length)
            {
                Index(split, classes & ~WordClasses);
            }
        }
    }

    /// <summary>Shortest listed compound head and shortest rest before it ("Bundes|ministerium").</summary>
    public const int MinCompoundPart = 3;

    /// <summary>Cue bit of a token that ends with a listed compound head (see <see cref="AddCompoundHeads"/>).</summary>
    internal const ulong CompoundHeadCue = 256;

    // Marks a gazetteer with compound heads, so tokens are only searched when there are any (older models have none).
    private static readonly ulong CompoundMarker = CompoundKey(0);

    /// <summary>Whether compound heads were added (tokens are then searched for them).</summary>
    public bool HasCompoundHeads => _nameParts.Get(CompoundMarker) != 0;

    /// <summary>
    /// Adds the words of a list file (one per line, first column; '#' lines skipped) as compound heads: a token that
    /// ends with one after at least <see cref="MinCompoundPart"/> other letters ("Bundesministerium",
    /// "SPD-Landesverband") gets a cue of its own. For languages that write names of organisations as compounds.
    /// </summary>
    /// <returns>The number of heads read.</returns>
    public int AddCompoundHeads(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var count = 0;
        foreach (var line in File.ReadLines(path))
        {
            var cut = line.IndexOfAny([' ', '\t']);
            var word = (cut < 0 ? line : line[..cut]).Trim();
            if (word.Length >= MinCompoundPart && word[0] != '#')
            {
                AddCompoundHead(word);
                count++;
            }
        }

        return count;
    }

    /// <summary>Adds one compound head (see <see cref="AddCompoundHeads"/>).</summary>
    public void AddCompoundHead(string head)
    {
        ArgumentNullException.ThrowIfNull(head);
        ArgumentOutOfRangeException.ThrowIfLessThan(head.Length, MinCompoundPart);
        _nameParts.TryAdd(CompoundMarker, 1);
        _nameParts.TryAdd(CompoundKey(NerHash.OfLower(head)), 1);
    }

    /// <summary>Whether <paramref name="token"/> ends with a compound head after at least <see cref="MinCompoundPart"/> other characters.</summary>
    internal bool EndsWithCompoundHead(ReadOnlySpan<char> token)
    {
        for (var start = MinCompoundPart; start <= token.Length - MinCompoundPart; start++)
        {
            if (_nameParts.Get(CompoundKey(NerHash.OfLower(token[start..]))) != 0)
            {
                return true;
            }
        }

        return false;
    }

    private static ulong CompoundKey(ulong lowerHash) => NerHash.Combine(3, lowerHash);

    /// <summary>
    /// Adds every line of a list file (one name per line; '#' lines and blank lines skipped), or, for a .json file, the
    /// "name" of every object in its top-level array (GeoNames-style place lists).
    /// </summary>
    public void AddList(string path, GazetteerClass classes)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (path.EndsWith(".json", StringComparison.OrdinalIgnoreCase))
        {
            using var stream = File.OpenRead(path);
            using var document = JsonDocument.Parse(stream);
            foreach (var item in document.RootElement.EnumerateArray())
            {
                if (item.ValueKind == JsonValueKind.Object && item.TryGetProperty("name", out var name) && name.ValueKind == JsonValueKind.String)
                {
                    Add(name.GetString()!, classes);
                }
            }

            return;
        }

        foreach (var line in File.ReadLines(path))
        {
            if (line.Length > 0 && line[0] != '#' && !string.IsNullOrWhiteSpace(line))
            {
                Add(line, classes);
            }
        }
    }

    /// <summary>
    /// Adds the instance nouns of a WordNet 3.0 noun data file (data.noun): synsets with an instance hypernym ("@i")
    /// from the lexicographer files noun.person (persons), noun.location (places) and noun.group (organisations).
    /// Only capitalised lemmas are taken ("Albert_Einstein", "Paris", "United_Nations"); underscores become spaces.
    /// </summary>
    /// <returns>The number of lemmas read per class (person, organisation, location).</returns>
    public (int Persons, int Organisations, int Locations) AddWordNetInstances(string dataNounPath)
    {
        ArgumentNullException.ThrowIfNull(dataNounPath);
        int persons = 0, organisations = 0, locations = 0;
        foreach (var line in File.ReadLines(dataNounPath))
        {
            // The licence header lines start with spaces; a synset line: offset lex_filenum ss_type w_cnt (word lex_id)... p_cnt (ptr offset pos st)...
            if (line.Length == 0 || line[0] == ' ')
            {
                continue;
            }

            var fields = line.Split(' ');
            if (fields.Length < 5 || !int.TryParse(fields[1], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var lexicographerFile)
                || !int.TryParse(fields[3], System.Globalization.NumberStyles.HexNumber, System.Globalization.CultureInfo.InvariantCulture, out var wordCount))
            {
                continue;
            }

            var classes = lexicographerFile switch
            {
                WordNetPersons => GazetteerClass.Person,
                WordNetGroups => GazetteerClass.Organisation,
                WordNetLocations => GazetteerClass.Location,
                _ => GazetteerClass.None,
            };
            var pointerAt = 4 + (2 * wordCount);
            if (classes == GazetteerClass.None || fields.Length <= pointerAt
                || !int.TryParse(fields[pointerAt], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var pointerCount))
            {
                continue;
            }

            var instance = false;
            for (var p = 0; p < pointerCount && pointerAt + 1 + (4 * p) < fields.Length; p++)
            {
                instance |= string.Equals(fields[pointerAt + 1 + (4 * p)], "@i", StringComparison.Ordinal);
            }

            if (!instance)
            {
                continue;
            }

            for (var w = 0; w < wordCount; w++)
            {
                var lemma = fields[4 + (2 * w)];
                if (lemma.Length == 0 || !char.IsUpper(lemma[0]))
                {
                    continue;
                }

                Add(lemma.Replace('_', ' '), classes);
                persons += classes == GazetteerClass.Person ? 1 : 0;
                organisations += classes == GazetteerClass.Organisation ? 1 : 0;
                locations += classes == GazetteerClass.Location ? 1 : 0;
            }
        }

        return (persons, organisations, locations);
    }

    // WordNet's lexicographer file numbers (lexnames): noun.group, noun.location, noun.person.
    private const int WordNetGroups = 14;
    private const int WordNetLocations = 15;
    private const int WordNetPersons = 18;

    internal void Write(BinaryWriter writer)
    {
        WriteTable(writer, _phrases);
        WriteTable(writer, _nameParts);
        writer.Write(_prefixes.Count);
        foreach (var (prefix, _) in _prefixes.Ordered())
        {
            writer.Write(prefix);
        }

        WriteTable(writer, _frequencyClasses);
        writer.Write(_clusterKeys.Length);
        for (var i = 0; i < _clusterKeys.Length; i++)
        {
            writer.Write(_clusterKeys[i]);
            writer.Write(_clusterPaths[i]);
        }

        static void WriteTable(BinaryWriter writer, HashedByteMap table)
        {
            writer.Write(table.Count);
            foreach (var (hash, value) in table.Ordered())
            {
                writer.Write(hash);
                writer.Write(value);
            }
        }
    }

    /// <param name="withClusters">Whether the stored gazetteer has a cluster table (model files from version 9 on).</param>
    internal static NerGazetteer Read(BinaryReader reader, bool withClusters)
    {
        var phrases = ReadTable(reader);
        var nameParts = ReadTable(reader);
        var count = reader.ReadInt32();
        var prefixes = new HashedByteMap(count);
        for (var i = 0; i < count; i++)
        {
            prefixes.TryAdd(reader.ReadUInt64(), 1);
        }

        var gazetteer = new NerGazetteer(phrases, prefixes, nameParts, ReadTable(reader));
        if (withClusters)
        {
            var clusters = reader.ReadInt32();
            gazetteer._clusterKeys = new ulong[clusters];
            gazetteer._clusterPaths = new uint[clusters];
            for (var i = 0; i < clusters; i++)
            {
                gazetteer._clusterKeys[i] = reader.ReadUInt64();
                gazetteer._clusterPaths[i] = reader.ReadUInt32();
            }
        }

        return gazetteer;

        static HashedByteMap ReadTable(BinaryReader reader)
        {
            var count = reader.ReadInt32();
            var table = new HashedByteMap(count);
            for (var i = 0; i < count; i++)
            {
                var hash = reader.ReadUInt64();
                table.Or(hash, reader.ReadByte());
            }

            return table;
        }
    }

    /// <summary>Classes of single words (kept per token, not matched as phrases).</summary>
    private const GazetteerClass WordClasses = GazetteerClass.GivenName | GazetteerClass.FamilyName | GazetteerClass.OrganisationSuffix | GazetteerClass.OrganisationHead;

    private void Index(string[] tokens, GazetteerClass classes)
    {
        const GazetteerClass parts = WordClasses;
        var hash = 0UL;
        for (var i = 0; i < tokens.Length; i++)
        {
            hash = NerHash.Combine(hash, NerHash.OfLower(tokens[i]));
            if (i < tokens.Length - 1)
            {
                _prefixes.TryAdd(hash, 1);
            }
        }

        if ((classes & ~parts) != 0)
        {
            _phrases.Or(hash, (byte)(classes & ~parts));
        }

        if (tokens.Length == 1 && (classes & parts) != 0)
        {
            _nameParts.Or(hash, (byte)(classes & parts));
        }
    }

    private static string[] NameTokens(string name)
    {
        // Names are split like the tokenizer splits text: at spaces, with a final period or comma apart.
        var parts = name.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var tokens = new List<string>(parts.Length + 1);
        foreach (var part in parts)
        {
            var lower = part.ToLowerInvariant();
            if (lower.Length > 1 && lower[^1] == ',')
            {
                tokens.Add(lower[..^1]);
                tokens.Add(",");
            }
            else
            {
                tokens.Add(lower);
            }
        }

        return [.. tokens];
    }

    /// <summary>
    /// Per token: the classes of the longest name covering it (low 6 bits; bit 6 set when the token begins the
    /// name) and the name-part classes of the token itself.
    /// </summary>
    internal void Match(ReadOnlySpan<ulong> lowerHashes, Span<byte> phraseCodes, Span<byte> partCodes)
    {
        phraseCodes.Clear();
        for (var i = 0; i < lowerHashes.Length; i++)
        {
            partCodes[i] = _nameParts.Get(NerHash.Combine(0, lowerHashes[i]));
        }

        var start = 0;
        while (start < lowerHashes.Length)
        {
            var hash = 0UL;
            var bestLength = 0;
            var bestClasses = GazetteerClass.None;
            for (var end = start; end < lowerHashes.Length && end - start < MaxNameTokens; end++)
            {
                hash = NerHash.Combine(hash, lowerHashes[end]);
                var classes = (GazetteerClass)_phrases.Get(hash);
                if (classes != GazetteerClass.None)
                {
                    bestLength = end - start + 1;
                    bestClasses = classes;
                }

                if (_prefixes.Get(hash) == 0)
                {
                    break;
                }
            }

            if (bestLength == 0)
            {
                start++;
                continue;
            }

            phraseCodes[start] = (byte)((byte)bestClasses | 64);
            for (var i = start + 1; i < start + bestLength; i++)
            {
                phraseCodes[i] = (byte)bestClasses;
            }

            start += bestLength;
        }
    }

    /// <summary>Names of the knowledge base usable as features for <paramref name="language"/>.</summary>
    public static NerGazetteer FromKnowledge(KnowledgeBase knowledge, string language)
    {
        ArgumentNullException.ThrowIfNull(knowledge);
        ArgumentNullException.ThrowIfNull(language);
        var gazetteer = new NerGazetteer();
        foreach (var country in knowledge.Countries)
        {
            gazetteer.Add(country.NameEn, GazetteerClass.Location);
            if (country.NameDe is { } german)
            {
                gazetteer.Add(german, GazetteerClass.Location);
            }

            foreach (var name in NamesFor(country.Names, language))
            {
                gazetteer.Add(name, GazetteerClass.Location);
            }

            foreach (var metonym in country.Metonyms)
            {
                if (metonym.Language is "*" || string.Equals(metonym.Language, language, StringComparison.Ordinal))
                {
                    gazetteer.Add(metonym.Name, GazetteerClass.Location);
                }
            }

            foreach (var adjective in NamesFor(country.Adjectives, language))
            {
                gazetteer.Add(adjective, GazetteerClass.Adjective);
                if (string.Equals(language, "de", StringComparison.Ordinal))
                {
                    foreach (var ending in (string[])["e", "en", "er", "es", "em"])
                    {
                        gazetteer.Add(adjective + ending, GazetteerClass.Adjective);
                    }
                }
            }
        }

        foreach (var actor in knowledge.Actors)
        {
            // The imported dictionaries file many office holders as organisations; an actor with dated roles is a person.
            var isPerson = actor.Kind == ActorKind.Person || (actor.Kind == ActorKind.Organisation && actor.Roles.Any(r => !r.IsDefault));
            var classes = isPerson ? GazetteerClass.Person : GazetteerClass.Organisation;
            gazetteer.Add(actor.Name, classes);
            foreach (var name in NamesFor(actor.Names, language))
            {
                gazetteer.Add(name, classes);
            }
        }

        return gazetteer;
    }

    private static IEnumerable<string> NamesFor(IReadOnlyDictionary<string, IReadOnlyList<string>> names, string language)
    {
        foreach (var (key, list) in names)
        {
            if (key is "*" || string.Equals(key, language, StringComparison.Ordinal))
            {
                foreach (var name in list)
                {
                    yield return name;
                }
            }
        }
    }
}
