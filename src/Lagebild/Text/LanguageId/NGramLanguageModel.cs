using System.Buffers.Binary;
using System.IO.Compression;
using System.Runtime.CompilerServices;
using System.Text;

namespace Lagebild.Text.LanguageId;

/// <summary>
/// Multinomial naive Bayes over hashed character n-grams: for every kept n-gram, the log-probability gain over
/// "unseen" in each language that used it. Immutable after loading; scoring allocates nothing on the heap.
/// </summary>
/// <remarks>
/// File format (gzip-compressed, little-endian): magic "LBLANGID", format version, method, order, decision
/// thresholds, language codes, per-language-and-order unseen log-probabilities, per-language expected coverage,
/// then the n-grams sorted by key, each as a varint key delta, a language count and (language index,
/// gain × 2048 as uint16) pairs.
/// In memory, one open-addressing table packs key, first entry and entry count into a single 64-bit slot, and each
/// entry packs language and quantised gain into 32 bits: a lookup touches two cache lines, which is what bounds speed.
/// </remarks>
public sealed class NGramLanguageModel
{
    private const string Magic = "LBLANGID";
    private const int FormatVersion = 1;
    private const float GainScale = 2048f;
    private const float InverseGainScale = 1f / GainScale;

    /// <summary>Shortest n-gram that counts towards coverage (unigrams say nothing about whether text is language).</summary>
    internal const int CoverageMinOrder = 2;

    private readonly float[] _unseen;

    // Slot: key (high 32 bits) | payload (bits 8..31) | entry count (low 8 bits); 0 = empty (count is never 0).
    // The payload is the entry itself when the n-gram belongs to one language (most long n-grams do), which saves a
    // second memory access; otherwise it is the index of the first entry.
    private readonly ulong[] _slots;
    private readonly int _slotMask;

    // Entry: language (bits 16..23) | quantised gain (low 16 bits), grouped by n-gram in key order.
    private readonly uint[] _entries;
    private readonly uint[] _keys;
    private readonly byte[] _entryCounts;

    internal NGramLanguageModel(
        LanguageModelSettings settings,
        string[] languages,
        float[] unseen,
        float[] expectedCoverage,
        uint[] keys,
        byte[] entryCounts,
        uint[] entries)
    {
        if (entries.Length >= 1 << 24)
        {
            throw new InvalidDataException("Language model has too many entries for its slot layout.");
        }

        Settings = settings;
        Languages = languages;
        _unseen = unseen;
        ExpectedCoverage = expectedCoverage;
        _keys = keys;
        _entryCounts = entryCounts;
        _entries = entries;

        var capacity = 16;
        while (capacity < keys.Length * 2)
        {
            capacity <<= 1;
        }

        _slotMask = capacity - 1;
        _slots = new ulong[capacity];
        var start = 0;
        for (var i = 0; i < keys.Length; i++)
        {
            var slot = (int)keys[i] & _slotMask;
            while (_slots[slot] != 0)
            {
                slot = (slot + 1) & _slotMask;
            }

            var payload = entryCounts[i] == 1 ? entries[start] : (uint)start;
            _slots[slot] = ((ulong)keys[i] << 32) | (payload << 8) | entryCounts[i];
            start += entryCounts[i];
        }
    }

    public LanguageModelSettings Settings { get; }

    /// <summary>ISO 639-1 codes, in the model's index order.</summary>
    public IReadOnlyList<string> Languages { get; }

    public int MaxOrder => Settings.MaxOrder;

    /// <summary>Number of distinct n-grams the model keeps.</summary>
    public int NGramCount => _keys.Length;

    /// <summary>Per language (model order), the share of its n-grams of order ≥ 2 a new text typically has in the model.</summary>
    internal float[] ExpectedCoverage { get; }

    internal static uint PackEntry(byte language, ushort quantizedGain) => ((uint)language << 16) | quantizedGain;

    /// <summary>
    /// Adds each language's log-likelihood of the text's known n-grams to <paramref name="scores"/>, and counts per
    /// language the n-grams of order ≥ 2 it has seen (<paramref name="seen"/>). Returns the letter count and the
    /// number of n-grams of order ≥ 2 in the text.
    /// </summary>
    internal (int Letters, int CoverageNGrams) Score(ReadOnlySpan<char> text, Span<double> scores, Span<int> seen)
    {
        var languageCount = Languages.Count;
        Span<int> knownPerOrder = stackalloc int[CharNGramHasher.MaxSupportedOrder + 1];
        knownPerOrder.Clear();
        Span<float> gains = languageCount <= 64 ? stackalloc float[languageCount] : new float[languageCount];
        gains.Clear();
        var sink = new ScoringSink(this, gains, seen, knownPerOrder);
        var letters = CharNGramHasher.Visit(text, MaxOrder, ref sink);
        for (var language = 0; language < languageCount; language++)
        {
            scores[language] += gains[language];
        }

        for (var order = 1; order <= MaxOrder; order++)
        {
            var known = knownPerOrder[order];
            if (known == 0)
            {
                continue;
            }

            for (var language = 0; language < languageCount; language++)
            {
                scores[language] += known * _unseen[(language * MaxOrder) + order - 1];
            }
        }

        return (letters, sink.CoverageNGrams);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private ulong Find(uint key)
    {
        var slot = (int)key & _slotMask;
        while (true)
        {
            var value = _slots[slot];
            if (value == 0 || (uint)(value >> 32) == key)
            {
                return value;
            }

            slot = (slot + 1) & _slotMask;
        }
    }

    private ref struct ScoringSink(NGramLanguageModel model, Span<float> gains, Span<int> seen, Span<int> knownPerOrder) : INGramSink
    {
        private readonly Span<float> _gains = gains;
        private readonly Span<int> _seen = seen;
        private readonly Span<int> _knownPerOrder = knownPerOrder;

        public int CoverageNGrams { get; private set; }

        public void Add(uint key, int order)
        {
            if (order >= CoverageMinOrder)
            {
                CoverageNGrams++;
            }

            var slot = model.Find(key);
            if (slot == 0)
            {
                return;
            }

            _knownPerOrder[order]++;
            var count = (int)(slot & 0xFF);
            var payload = (uint)slot >> 8;
            if (count == 1)
            {
                AddEntry(payload, order);
                return;
            }

            foreach (var entry in model._entries.AsSpan((int)payload, count))
            {
                AddEntry(entry, order);
            }
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private readonly void AddEntry(uint entry, int order)
        {
            var language = (int)(entry >> 16);
            _gains[language] += (entry & 0xFFFF) * InverseGainScale;
            if (order >= CoverageMinOrder)
            {
                _seen[language]++;
            }
        }
    }

    public static NGramLanguageModel Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        using var file = File.OpenRead(path);
        return Read(file);
    }

    public static NGramLanguageModel Read(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        byte[] bytes;
        using (var gzip = new GZipStream(stream, CompressionMode.Decompress, leaveOpen: true))
        using (var buffer = new MemoryStream())
        {
            gzip.CopyTo(buffer);
            bytes = buffer.ToArray();
        }

        var reader = new ByteReader(bytes);
        if (!reader.ReadBytes(Magic.Length).SequenceEqual(Encoding.ASCII.GetBytes(Magic)))
        {
            throw new InvalidDataException("Not a Lagebild language-identification model (bad magic).");
        }

        var version = reader.ReadInt32();
        if (version != FormatVersion)
        {
            throw new InvalidDataException($"Language model format version {version} is not supported (expected {FormatVersion}).");
        }

        var settings = new LanguageModelSettings
        {
            Method = reader.ReadString(),
            MaxOrder = reader.ReadInt32(),
            MinLetters = reader.ReadInt32(),
            MinConfidence = reader.ReadSingle(),
            MinCoverage = reader.ReadSingle(),
        };
        if (settings.MaxOrder is < 1 or > CharNGramHasher.MaxSupportedOrder)
        {
            throw new InvalidDataException($"Language model order {settings.MaxOrder} is out of range.");
        }

        var languageCount = reader.ReadInt32();
        var languages = new string[languageCount];
        for (var i = 0; i < languageCount; i++)
        {
            languages[i] = reader.ReadString();
        }

        var unseen = new float[languageCount * settings.MaxOrder];
        for (var i = 0; i < unseen.Length; i++)
        {
            unseen[i] = reader.ReadSingle();
        }

        var expectedCoverage = new float[languageCount];
        for (var i = 0; i < languageCount; i++)
        {
            expectedCoverage[i] = reader.ReadSingle();
        }

        var keyCount = reader.ReadInt32();
        var entryCount = reader.ReadInt32();
        var keys = new uint[keyCount];
        var entryCounts = new byte[keyCount];
        var entries = new uint[entryCount];
        uint key = 0;
        var e = 0;
        for (var i = 0; i < keyCount; i++)
        {
            key += reader.ReadVarUInt32();
            keys[i] = key;
            var count = reader.ReadByte();
            if (count == 0 || e + count > entryCount)
            {
                throw new InvalidDataException("Language model entry table is corrupt.");
            }

            entryCounts[i] = count;
            for (var j = 0; j < count; j++)
            {
                var language = reader.ReadByte();
                if (language >= languageCount)
                {
                    throw new InvalidDataException("Language model names a language it does not list.");
                }

                entries[e++] = PackEntry(language, reader.ReadUInt16());
            }
        }

        if (e != entryCount)
        {
            throw new InvalidDataException("Language model entry count does not match its header.");
        }

        return new NGramLanguageModel(settings, languages, unseen, expectedCoverage, keys, entryCounts, entries);
    }

    public void Save(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        using var file = File.Create(path);
        Write(file);
    }

    public void Write(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var gzip = new GZipStream(stream, CompressionLevel.Optimal, leaveOpen: true);
        using var writer = new BinaryWriter(gzip, Encoding.UTF8, leaveOpen: true);
        writer.Write(Encoding.ASCII.GetBytes(Magic));
        writer.Write(FormatVersion);
        writer.Write(Settings.Method);
        writer.Write(Settings.MaxOrder);
        writer.Write(Settings.MinLetters);
        writer.Write(Settings.MinConfidence);
        writer.Write(Settings.MinCoverage);
        writer.Write(Languages.Count);
        foreach (var language in Languages)
        {
            writer.Write(language);
        }

        foreach (var value in _unseen)
        {
            writer.Write(value);
        }

        foreach (var value in ExpectedCoverage)
        {
            writer.Write(value);
        }

        writer.Write(_keys.Length);
        writer.Write(_entries.Length);
        uint previous = 0;
        var e = 0;
        for (var i = 0; i < _keys.Length; i++)
        {
            writer.Write7BitEncodedInt((int)(_keys[i] - previous));
            previous = _keys[i];
            writer.Write(_entryCounts[i]);
            for (var j = 0; j < _entryCounts[i]; j++)
            {
                var entry = _entries[e++];
                writer.Write((byte)(entry >> 16));
                writer.Write((ushort)(entry & 0xFFFF));
            }
        }
    }

    internal static ushort QuantizeGain(double gain) => (ushort)Math.Clamp(Math.Round(gain * GainScale), 0, ushort.MaxValue);

    /// <summary>Reads what <see cref="BinaryWriter"/> wrote, straight from a byte array (loading is on the start-up path).</summary>
    private ref struct ByteReader(byte[] bytes)
    {
        private readonly ReadOnlySpan<byte> _bytes = bytes;
        private int _position;

        public ReadOnlySpan<byte> ReadBytes(int count)
        {
            var slice = _bytes.Slice(_position, count);
            _position += count;
            return slice;
        }

        public byte ReadByte() => _bytes[_position++];

        public ushort ReadUInt16() => BinaryPrimitives.ReadUInt16LittleEndian(ReadBytes(2));

        public int ReadInt32() => BinaryPrimitives.ReadInt32LittleEndian(ReadBytes(4));

        public float ReadSingle() => BinaryPrimitives.ReadSingleLittleEndian(ReadBytes(4));

        public uint ReadVarUInt32()
        {
            uint value = 0;
            for (var shift = 0; shift < 35; shift += 7)
            {
                var b = ReadByte();
                value |= (uint)(b & 0x7F) << shift;
                if (b < 0x80)
                {
                    return value;
                }
            }

            throw new InvalidDataException("Malformed variable-length integer in language model.");
        }

        public string ReadString()
        {
            var length = (int)ReadVarUInt32();
            return Encoding.UTF8.GetString(ReadBytes(length));
        }
    }
}

/// <summary>How a model was built and the thresholds under which it answers "und".</summary>
public sealed record LanguageModelSettings
{
    public string Method { get; init; } = "ngram.v1";

    public int MaxOrder { get; init; } = 5;

    /// <summary>Texts with fewer letters than this are "und": there is nothing to decide on.</summary>
    public int MinLetters { get; init; } = 3;

    /// <summary>Minimum posterior of the best language.</summary>
    public float MinConfidence { get; init; } = 0.5f;

    /// <summary>
    /// Minimum share of the text's n-grams (order ≥ 2) that the best language has seen in training, relative to the
    /// share a typical held-out text of that language has.
    /// </summary>
    public float MinCoverage { get; init; } = 0.55f;
}
