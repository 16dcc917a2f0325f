namespace Lagebild.Nlp.Morphology;

/// <summary>
/// Word knowledge from outside the treebank, stored inside the tagger model: per lowercased word, how common it is
/// in lowercase and in capitalised spelling (word frequency lists such as SCOWL's), the parts of speech a dictionary
/// such as WordNet gives it, those its base form has when it looks inflected ("cats", "ran", "bigger"), and its most
/// frequent part of speech there. Unknown and rare words are most of the tagger's errors; this tells it, e.g., that
/// "Grim" is a common lowercase adjective rather than a name. Immutable once built.
/// </summary>
public sealed class WordLexicon
{
    // Packed value: bits 0-3 lowercase frequency class, 4-7 capitalised frequency class, 8-11 dictionary parts of
    // speech (noun, verb, adjective, adverb), 12-14 parts of speech of an inflection's base form (noun, verb,
    // adjective), 15-17 the most frequent dictionary part of speech (1-4 as above, 0 unknown), 18-24 the tag set a
    // tagged word list gives the word (numbered 1... in ordinal order of the tag strings, 0 none).
    public const int MaxFrequencyClass = 15;

    public const int MaxTagSets = 127;

    public const int Noun = 1;
    public const int Verb = 2;
    public const int Adjective = 4;
    public const int Adverb = 8;

    // An open-addressing table of 32-bit fingerprints of the words' 64-bit hashes: no strings in memory (the model
    // stores the table itself). A power of two at most ~60% full keeps linear probes short; as the slot gives other
    // bits of the hash, an absent word falsely matches about once in four billion probes.
    private readonly uint[] _fingerprints;
    private readonly int[] _values;
    private readonly int _mask;

    private WordLexicon(uint[] fingerprints, int[] values, int count)
    {
        _fingerprints = fingerprints;
        _values = values;
        _mask = fingerprints.Length - 1;
        Count = count;
    }

    private static WordLexicon FromEntries(IReadOnlyList<KeyValuePair<string, int>> entries)
    {
        var size = 16;
        while (size * 3 < entries.Count * 5)
        {
            size *= 2;
        }

        var fingerprints = new uint[size];
        var values = new int[size];
        foreach (var (word, value) in entries)
        {
            var hash = FeatureHash.Of(0, word.AsSpan());
            var slot = (int)hash & (size - 1);
            var fingerprint = Fingerprint(hash);
            while (fingerprints[slot] != 0 && fingerprints[slot] != fingerprint)
            {
                slot = (slot + 1) & (size - 1);
            }

            fingerprints[slot] = fingerprint;
            values[slot] = value;
        }

        return new WordLexicon(fingerprints, values, fingerprints.Count(f => f != 0));
    }

    public static WordLexicon Empty { get; } = new(new uint[1], new int[1], 0);

    public int Count { get; }

    /// <summary>The packed value of a lowercased word, 0 when the lexicon does not know it.</summary>
    public int Lookup(ReadOnlySpan<char> lower)
    {
        if (Count == 0)
        {
            return 0;
        }

        var hash = FeatureHash.Of(0, lower);
        var slot = (int)hash & _mask;
        var fingerprint = Fingerprint(hash);
        while (_fingerprints[slot] != 0)
        {
            if (_fingerprints[slot] == fingerprint)
            {
                return _values[slot];
            }

            slot = (slot + 1) & _mask;
        }

        return 0;
    }

    public static int LowercaseClass(int value) => value & 0xF;

    public static int CapitalisedClass(int value) => (value >> 4) & 0xF;

    /// <summary>Dictionary parts of speech of the word itself, as <see cref="Noun"/> | <see cref="Verb"/> | ....</summary>
    public static int PartsOfSpeech(int value) => (value >> 8) & 0xF;

    /// <summary>Parts of speech (noun, verb, adjective bits) whose base form the word is an inflection of.</summary>
    public static int InflectionOf(int value) => (value >> 12) & 0x7;

    /// <summary>The most frequent dictionary part of speech: 0 unknown, 1 noun, 2 verb, 3 adjective, 4 adverb.</summary>
    public static int Dominant(int value) => (value >> 15) & 0x7;

    /// <summary>The tag set of a tagged word list (<see cref="Builder.AddTaggedWords"/>), numbered from 1; 0 none.</summary>
    public static int TagSet(int value) => (value >> 18) & 0x7F;

    /// <summary>The dictionary part of the value: own parts of speech, inflection bases and the most frequent one.</summary>
    public static int DictionaryPart(int value) => (value >> 8) & 0x3FF;

    internal static int Pack(int lowercaseClass, int capitalisedClass, int partsOfSpeech, int inflectionOf, int dominant, int tagSet = 0) =>
        Math.Clamp(lowercaseClass, 0, MaxFrequencyClass) | (Math.Clamp(capitalisedClass, 0, MaxFrequencyClass) << 4)
        | ((partsOfSpeech & 0xF) << 8) | ((inflectionOf & 0x7) << 12) | ((dominant & 0x7) << 15) | ((tagSet & 0x7F) << 18);

    private static uint Fingerprint(ulong hash) => (uint)(hash >> 32) | 1u;

    internal void Write(BinaryWriter writer)
    {
        writer.Write(Count);
        writer.Write(_fingerprints.Length);
        foreach (var fingerprint in _fingerprints)
        {
            writer.Write(fingerprint);
        }

        foreach (var value in _values)
        {
            writer.Write(value);
        }
    }

    internal static WordLexicon Read(BinaryReader reader)
    {
        var count = reader.ReadInt32();
        var size = reader.ReadInt32();
        if (count < 0 || size < 1 || (size & (size - 1)) != 0 || count >= size)
        {
            throw new InvalidDataException("Bad word lexicon table.");
        }

        var fingerprints = new uint[size];
        var values = new int[size];
        for (var i = 0; i < size; i++)
        {
            fingerprints[i] = reader.ReadUInt32();
        }

        for (var i = 0; i < size; i++)
        {
            values[i] = reader.ReadInt32();
        }

        if (fingerprints.Count(f => f != 0) != count)
        {
            throw new InvalidDataException("Inconsistent word lexicon table.");
        }

        return count == 0 ? Empty : new WordLexicon(fingerprints, values, count);
    }

    /// <summary>Collects word lists and a WordNet dictionary into a <see cref="WordLexicon"/>.</summary>
    public sealed class Builder
    {
        private readonly Dictionary<string, int> _lowercase = new(StringComparer.Ordinal);
        private readonly Dictionary<string, int> _capitalised = new(StringComparer.Ordinal);
        private readonly Dictionary<string, int> _partsOfSpeech = new(StringComparer.Ordinal);
        private readonly Dictionary<string, int[]> _taggedSenses = new(StringComparer.Ordinal);
        private readonly Dictionary<string, string> _tagSets = new(StringComparer.Ordinal);

        // Per part of speech (noun, verb, adjective), irregular inflection → base forms (WordNet's *.exc files).
        private readonly Dictionary<string, List<string>>[] _exceptions = [new(StringComparer.Ordinal), new(StringComparer.Ordinal), new(StringComparer.Ordinal)];

        /// <summary>
        /// Adds one frequency class (1 most common) from word lists, one word per line: lowercase words get the
        /// lowercase class, capitalised ones the capitalised class; a word keeps its most common class. Words with
        /// an apostrophe ("cat's") are skipped: tokenisation splits them.
        /// </summary>
        public void AddWordClass(IEnumerable<string> words, int frequencyClass)
        {
            ArgumentNullException.ThrowIfNull(words);
            ArgumentOutOfRangeException.ThrowIfLessThan(frequencyClass, 1);
            ArgumentOutOfRangeException.ThrowIfGreaterThan(frequencyClass, MaxFrequencyClass);
            foreach (var line in words)
            {
                var word = line.Trim();
                if (word.Length == 0 || word.Contains('\'', StringComparison.Ordinal) || word.Contains(' ', StringComparison.Ordinal))
                {
                    continue;
                }

                var lower = word.ToLowerInvariant();
                var target = string.Equals(word, lower, StringComparison.Ordinal) ? _lowercase : _capitalised;
                if (!target.TryGetValue(lower, out var known) || known > frequencyClass)
                {
                    target[lower] = frequencyClass;
                }
            }
        }

        /// <summary>
        /// Adds a WordNet 3.0 database directory: index.noun/verb/adj/adv (lemmas, parts of speech, tagged sense
        /// counts) and noun/verb/adj.exc (irregular inflections). Multi-word lemmas are skipped.
        /// </summary>
        public void AddWordNet(string directory)
        {
            ArgumentNullException.ThrowIfNull(directory);
            string[] names = ["noun", "verb", "adj", "adv"];
            for (var p = 0; p < names.Length; p++)
            {
                AddWordNetIndex(File.ReadLines(Path.Combine(directory, "index." + names[p])), p);
                if (p < 3)
                {
                    AddWordNetExceptions(File.ReadLines(Path.Combine(directory, names[p] + ".exc")), p);
                }
            }
        }

        /// <summary>Adds the lines of one WordNet index file; <paramref name="part"/> 0 noun, 1 verb, 2 adjective, 3 adverb.</summary>
        public void AddWordNetIndex(IEnumerable<string> lines, int part)
        {
            ArgumentNullException.ThrowIfNull(lines);
            foreach (var line in lines)
            {
                // Licence lines start with spaces; entries are "lemma pos synset_cnt p_cnt [ptr...] sense_cnt tagsense_cnt offsets...".
                if (line.Length == 0 || line[0] == ' ')
                {
                    continue;
                }

                var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (fields.Length < 4 || fields[0].Contains('_', StringComparison.Ordinal)
                    || !int.TryParse(fields[3], System.Globalization.CultureInfo.InvariantCulture, out var pointerCount)
                    || fields.Length < 6 + pointerCount
                    || !int.TryParse(fields[5 + pointerCount], System.Globalization.CultureInfo.InvariantCulture, out var tagged))
                {
                    continue;
                }

                var lemma = fields[0].ToLowerInvariant();
                _partsOfSpeech[lemma] = _partsOfSpeech.GetValueOrDefault(lemma) | (1 << part);
                if (!_taggedSenses.TryGetValue(lemma, out var counts))
                {
                    _taggedSenses[lemma] = counts = new int[4];
                }

                counts[part] += tagged;
            }
        }

        /// <summary>Adds the lines of one WordNet exception file ("inflection base [base...]"); <paramref name="part"/> 0 noun, 1 verb, 2 adjective.</summary>
        public void AddWordNetExceptions(IEnumerable<string> lines, int part)
        {
            ArgumentNullException.ThrowIfNull(lines);
            foreach (var line in lines)
            {
                var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (fields.Length < 2 || fields[0].Contains('_', StringComparison.Ordinal))
                {
                    continue;
                }

                var form = fields[0].ToLowerInvariant();
                if (!_exceptions[part].TryGetValue(form, out var bases))
                {
                    _exceptions[part][form] = bases = [];
                }

                bases.AddRange(fields.Skip(1).Select(b => b.ToLowerInvariant()));
            }
        }

        /// <summary>
        /// Adds a tagged word list, one "word TAB tags" per line (e.g. "paris\tCity", "bank\tSingular"); the tags
        /// are taken as one opaque set. A word listed twice keeps its first tags. At most <see cref="MaxTagSets"/>
        /// different tag sets.
        /// </summary>
        public void AddTaggedWords(IEnumerable<string> lines)
        {
            ArgumentNullException.ThrowIfNull(lines);
            foreach (var line in lines)
            {
                var tab = line.IndexOf('\t', StringComparison.Ordinal);
                if (tab <= 0 || tab == line.Length - 1 || line.AsSpan(0, tab).Contains(' '))
                {
                    continue;
                }

                _tagSets.TryAdd(line[..tab].ToLowerInvariant(), line[(tab + 1)..].Trim());
            }

            if (_tagSets.Values.Distinct(StringComparer.Ordinal).Count() > MaxTagSets)
            {
                throw new InvalidDataException($"A tagged word list may have at most {MaxTagSets} different tag sets.");
            }
        }

        public WordLexicon Build()
        {
            var tagSetIds = _tagSets.Values.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)
                .Select((tags, i) => (tags, i)).ToDictionary(p => p.tags, p => p.i + 1, StringComparer.Ordinal);
            var words = new SortedSet<string>(StringComparer.Ordinal);
            words.UnionWith(_lowercase.Keys);
            words.UnionWith(_capitalised.Keys);
            words.UnionWith(_partsOfSpeech.Keys);
            words.UnionWith(_tagSets.Keys);
            foreach (var exceptions in _exceptions)
            {
                words.UnionWith(exceptions.Keys);
            }

            var entries = new List<KeyValuePair<string, int>>(words.Count);
            foreach (var word in words)
            {
                var value = Pack(
                    _lowercase.GetValueOrDefault(word),
                    _capitalised.GetValueOrDefault(word),
                    _partsOfSpeech.GetValueOrDefault(word),
                    InflectionBases(word),
                    DominantPart(word),
                    _tagSets.TryGetValue(word, out var tags) ? tagSetIds[tags] : 0);
                if (value != 0)
                {
                    entries.Add(new(word, value));
                }
            }

            return entries.Count == 0 ? Empty : FromEntries(entries);
        }

        private int DominantPart(string word)
        {
            if (!_taggedSenses.TryGetValue(word, out var counts))
            {
                return 0;
            }

            var best = -1;
            for (var p = 0; p < counts.Length; p++)
            {
                if (counts[p] > 0 && (best < 0 || counts[p] > counts[best]))
                {
                    best = p;
                }
            }

            // Words without tagged senses fall back to the only part of speech they have, if just one.
            if (best < 0)
            {
                var parts = _partsOfSpeech.GetValueOrDefault(word);
                return System.Numerics.BitOperations.PopCount((uint)parts) == 1 ? System.Numerics.BitOperations.TrailingZeroCount(parts) + 1 : 0;
            }

            return best + 1;
        }

        // WordNet's detachment rules (as in its morphy): per part of speech, inflectional ending → base ending.
        private static readonly (string Ending, string Base)[][] Detachments =
        [
            [("s", ""), ("ses", "s"), ("xes", "x"), ("zes", "z"), ("ches", "ch"), ("shes", "sh"), ("men", "man"), ("ies", "y")],
            [("s", ""), ("ies", "y"), ("es", "e"), ("es", ""), ("ed", "e"), ("ed", ""), ("ing", "e"), ("ing", "")],
            [("er", ""), ("est", ""), ("er", "e"), ("est", "e")],
        ];

        /// <summary>Bits of the parts of speech (noun, verb, adjective) under which the word is an inflection of another dictionary word.</summary>
        private int InflectionBases(string word)
        {
            var bits = 0;
            for (var part = 0; part < 3; part++)
            {
                var found = _exceptions[part].TryGetValue(word, out var bases) && bases.Any(b => !string.Equals(b, word, StringComparison.Ordinal));
                foreach (var (ending, replacement) in Detachments[part])
                {
                    if (found)
                    {
                        break;
                    }

                    if (word.Length > ending.Length + 1 && word.EndsWith(ending, StringComparison.Ordinal))
                    {
                        var stem = string.Concat(word.AsSpan(0, word.Length - ending.Length), replacement);
                        found = ((_partsOfSpeech.GetValueOrDefault(stem) >> part) & 1) == 1;
                    }
                }

                // A doubled consonant before -ed/-ing/-er/-est ("stopped", "bigger") is undone as well.
                if (!found && part > 0)
                {
                    found = DoubledConsonantBase(word, part);
                }

                bits |= found ? 1 << part : 0;
            }

            return bits;
        }

        private bool DoubledConsonantBase(string word, int part)
        {
            string[] endings = part == 1 ? ["ed", "ing"] : ["er", "est"];
            foreach (var ending in endings)
            {
                var stemLength = word.Length - ending.Length;
                if (stemLength >= 3 && word.EndsWith(ending, StringComparison.Ordinal) && word[stemLength - 1] == word[stemLength - 2])
                {
                    var stem = word[..(stemLength - 1)];
                    if (((_partsOfSpeech.GetValueOrDefault(stem) >> part) & 1) == 1)
                    {
                        return true;
                    }
                }
            }

            return false;
        }
    }

    /// <summary>A short description for logs: entry count and how many carry each kind of knowledge.</summary>
    public string Describe()
    {
        int frequency = 0, dictionary = 0;
        for (var i = 0; i < _values.Length; i++)
        {
            if (_fingerprints[i] != 0)
            {
                frequency += (_values[i] & 0xFF) != 0 ? 1 : 0;
                dictionary += DictionaryPart(_values[i]) != 0 ? 1 : 0;
            }
        }

        return string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{Count} words ({frequency} with frequency classes, {dictionary} with dictionary parts of speech)");
    }
}
