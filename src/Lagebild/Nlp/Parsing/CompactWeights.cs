using System.Runtime.InteropServices;
using Lagebild.Nlp.Morphology;

namespace Lagebild.Nlp.Parsing;

/// <summary>
/// The parser's read-only weights, laid out for scoring speed and memory: one open-addressing table of 8-byte slots,
/// each the upper half of a feature key (the lower half chose the slot) with the start and length of its weights, and
/// the (class, weight) pairs of a feature stored side by side in 4 bytes each, the weight in half precision as stored
/// in the file. Scoring one feature touches two cache lines. Same file format as <see cref="LinearModel"/>.
/// </summary>
/// <remarks>
/// Keeping 32 bits of a 64-bit key means an unseen feature matches a stored one with odds of 2^-32 per probe, about
/// one spurious vote in billions of lookups; the table and weights take half the memory full keys and floats need.
/// A loaded model therefore cannot be written again: write the <see cref="LinearModel"/> it was trained as.
/// </remarks>
internal sealed class CompactWeights
{
    /// <summary>Most classes a model may have: a slot keeps a feature's class count in 8 bits.</summary>
    public const int MaxClasses = 255;

    /// <summary>Most weights a model may have: a slot keeps the start of a feature's weights in 24 bits.</summary>
    public const int MaxWeights = 1 << 24;

    // Every half-precision bit pattern decoded once: a table load is cheaper than converting each weight in software.
    private static readonly float[] HalfValues = DecodeAllHalves();

    private readonly Slot[] _slots;
    private readonly Weight[] _weights;
    private readonly int _mask;

    private CompactWeights(int classCount, int featureCount, Slot[] slots, Weight[] weights)
    {
        ClassCount = classCount;
        FeatureCount = featureCount;
        _slots = slots;
        _mask = slots.Length - 1;
        _weights = weights;
    }

    /// <summary>
    /// Table size for <paramref name="keys"/> features: a power of two kept between 3/8 and 3/4 full. Lookups of
    /// unseen features (most of them) stay within a probe or two, and the table is half the size a 1/2 bound needs.
    /// </summary>
    internal static int Capacity(int keys)
    {
        var capacity = 16;
        while (capacity < (long)keys * 4 / 3)
        {
            capacity <<= 1;
        }

        return capacity;
    }

    public int ClassCount { get; }

    public int FeatureCount { get; }

    public int WeightCount => _weights.Length;

    public void Score(ReadOnlySpan<ulong> features, Span<float> scores)
    {
        // Two passes: first find every feature's weights (independent table loads the processor can overlap), then
        // add them up. Scoring is bound by memory latency, so overlapping the loads is what makes it fast.
        Span<uint> found = features.Length <= 256 ? stackalloc uint[features.Length] : new uint[features.Length];
        var slots = _slots;
        var count = 0;
        foreach (var key in features)
        {
            var fingerprint = (uint)(key >> 32);
            var slot = (int)key & _mask;
            while (true)
            {
                ref readonly var entry = ref slots[slot];
                if (entry.Location == 0)
                {
                    break;
                }

                if (entry.Fingerprint == fingerprint)
                {
                    found[count++] = entry.Location;
                    break;
                }

                slot = (slot + 1) & _mask;
            }
        }

        var weights = _weights;
        var halves = HalfValues;
        foreach (var location in found[..count])
        {
            foreach (var weight in weights.AsSpan((int)(location >> 8), (int)(location & 0xFF)))
            {
                scores[weight.Class] += halves[weight.HalfBits];
            }
        }
    }

    public static CompactWeights From(LinearModel model)
    {
        using var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true))
        {
            model.Write(writer);
        }

        stream.Position = 0;
        using var reader = new BinaryReader(stream);
        return Read(reader);
    }

    /// <summary>Reads what <see cref="LinearModel.Write"/> wrote.</summary>
    public static CompactWeights Read(BinaryReader reader)
    {
        if (!BitConverter.IsLittleEndian)
        {
            throw new PlatformNotSupportedException("Parser models are stored little-endian.");
        }

        var classCount = reader.ReadInt32();
        var featureCount = reader.ReadInt32();
        if (classCount is < 1 or > MaxClasses)
        {
            throw new InvalidDataException($"A parser model has 1 to {MaxClasses} classes, not {classCount}.");
        }

        if (featureCount < 0)
        {
            throw new InvalidDataException("Parser model feature count is negative.");
        }

        // Bulk reads keep loading well under a second for millions of weights; classes and weights stream through a
        // small buffer straight into their final array, so loading allocates little besides the model itself.
        var keys = ReadArray<ulong>(reader, featureCount);
        var slots = new Slot[Capacity(featureCount)];
        var mask = slots.Length - 1;
        var lengths = ReadArray<ushort>(reader, featureCount);
        var start = 0L;
        var stored = 0;
        for (var row = 0; row < featureCount; row++)
        {
            var length = lengths[row];
            if (length > classCount)
            {
                throw new InvalidDataException("A parser model feature has more weights than classes.");
            }

            if (start + length > MaxWeights)
            {
                throw new InvalidDataException($"A parser model has more than {MaxWeights} weights.");
            }

            if (length > 0)
            {
                var slot = (int)keys[row] & mask;
                while (slots[slot].Location != 0)
                {
                    slot = (slot + 1) & mask;
                }

                slots[slot] = new Slot((uint)(keys[row] >> 32), ((uint)start << 8) | length);
                stored++;
            }

            start += length;
        }

        var weights = new Weight[start];
        var buffer = new ushort[1 << 14];
        for (var offset = 0; offset < weights.Length; offset += buffer.Length)
        {
            var chunk = buffer.AsSpan(0, Math.Min(buffer.Length, weights.Length - offset));
            reader.BaseStream.ReadExactly(MemoryMarshal.AsBytes(chunk));
            for (var i = 0; i < chunk.Length; i++)
            {
                if (chunk[i] >= classCount)
                {
                    throw new InvalidDataException("Model weight names a class out of range.");
                }

                weights[offset + i] = new Weight(chunk[i], 0);
            }
        }

        for (var offset = 0; offset < weights.Length; offset += buffer.Length)
        {
            var chunk = buffer.AsSpan(0, Math.Min(buffer.Length, weights.Length - offset));
            reader.BaseStream.ReadExactly(MemoryMarshal.AsBytes(chunk));
            for (var i = 0; i < chunk.Length; i++)
            {
                weights[offset + i] = weights[offset + i] with { HalfBits = chunk[i] };
            }
        }

        return new CompactWeights(classCount, stored, slots, weights);
    }

    private static float[] DecodeAllHalves()
    {
        var values = new float[ushort.MaxValue + 1];
        for (var bits = 0; bits <= ushort.MaxValue; bits++)
        {
            values[bits] = (float)BitConverter.UInt16BitsToHalf((ushort)bits);
        }

        return values;
    }

    private static T[] ReadArray<T>(BinaryReader reader, int count)
        where T : unmanaged
    {
        var result = new T[count];
        var bytes = MemoryMarshal.AsBytes(result.AsSpan());
        reader.BaseStream.ReadExactly(bytes);
        return result;
    }

    /// <summary>A feature's key half and where its weights are: start &lt;&lt; 8 | count; 0 marks an empty slot.</summary>
    private readonly record struct Slot(uint Fingerprint, uint Location);

    private readonly record struct Weight(ushort Class, ushort HalfBits);
}
