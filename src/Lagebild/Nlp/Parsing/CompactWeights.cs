using System.Runtime.InteropServices;
using Lagebild.Nlp.Morphology;

namespace Lagebild.Nlp.Parsing;

/// <summary>
/// The parser's read-only weights, laid out for scoring speed: one open-addressing table whose slot holds the
/// feature key with the start and length of its weights, and the (class, weight) pairs of a feature stored side by
/// side, so scoring one feature touches two cache lines instead of four. Same file format as <see cref="LinearModel"/>.
/// </summary>
internal sealed class CompactWeights
{
    private readonly Slot[] _slots;
    private readonly Weight[] _weights;
    private readonly int _mask;

    private CompactWeights(int classCount, Slot[] slots, Weight[] weights)
    {
        ClassCount = classCount;
        _slots = slots;
        _mask = slots.Length - 1;
        _weights = weights;
        FeatureCount = slots.Count(slot => slot.Key != 0);
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
        Span<long> found = features.Length <= 256 ? stackalloc long[features.Length] : new long[features.Length];
        var slots = _slots;
        var count = 0;
        foreach (var key in features)
        {
            var slot = (int)key & _mask;
            while (true)
            {
                ref readonly var entry = ref slots[slot];
                if (entry.Key == key)
                {
                    found[count++] = ((long)entry.Start << 32) | (uint)entry.Count;
                    break;
                }

                if (entry.Key == 0)
                {
                    break;
                }

                slot = (slot + 1) & _mask;
            }
        }

        var weights = _weights;
        foreach (var row in found[..count])
        {
            foreach (var weight in weights.AsSpan((int)(row >> 32), (int)(uint)row))
            {
                scores[weight.Class] += weight.Value;
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

    /// <summary>Writes the <see cref="LinearModel"/> format: keys, row lengths, classes, half-precision weights, rows in order.</summary>
    public void Write(BinaryWriter writer)
    {
        var rows = _slots.Where(slot => slot.Key != 0).OrderBy(slot => slot.Start).ToArray();
        writer.Write(ClassCount);
        writer.Write(rows.Length);
        foreach (var row in rows)
        {
            writer.Write(row.Key);
        }

        foreach (var row in rows)
        {
            writer.Write((ushort)row.Count);
        }

        foreach (var row in rows)
        {
            for (var i = row.Start; i < row.Start + row.Count; i++)
            {
                writer.Write((ushort)_weights[i].Class);
            }
        }

        foreach (var row in rows)
        {
            for (var i = row.Start; i < row.Start + row.Count; i++)
            {
                writer.Write((Half)_weights[i].Value);
            }
        }
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
        // Bulk reads keep loading well under a second for millions of weights; classes and weights stream through a
        // small buffer straight into their final array, so loading allocates little besides the model itself.
        var keys = ReadArray<ulong>(reader, featureCount);
        var slots = new Slot[Capacity(featureCount)];
        var mask = slots.Length - 1;
        var lengths = ReadArray<ushort>(reader, featureCount);
        var start = 0;
        for (var row = 0; row < featureCount; row++)
        {
            var slot = (int)keys[row] & mask;
            while (slots[slot].Key != 0)
            {
                slot = (slot + 1) & mask;
            }

            slots[slot] = new Slot(keys[row], start, lengths[row]);
            start += lengths[row];
        }

        var weights = new Weight[start];
        var buffer = new ushort[1 << 14];
        for (var offset = 0; offset < start; offset += buffer.Length)
        {
            var chunk = buffer.AsSpan(0, Math.Min(buffer.Length, start - offset));
            reader.BaseStream.ReadExactly(MemoryMarshal.AsBytes(chunk));
            for (var i = 0; i < chunk.Length; i++)
            {
                if (chunk[i] >= classCount)
                {
                    throw new InvalidDataException("Model weight names a class out of range.");
                }

                weights[offset + i] = new Weight(chunk[i], default);
            }
        }

        for (var offset = 0; offset < start; offset += buffer.Length)
        {
            var chunk = buffer.AsSpan(0, Math.Min(buffer.Length, start - offset));
            reader.BaseStream.ReadExactly(MemoryMarshal.AsBytes(chunk));
            for (var i = 0; i < chunk.Length; i++)
            {
                weights[offset + i] = weights[offset + i] with { Value = (float)BitConverter.UInt16BitsToHalf(chunk[i]) };
            }
        }

        return new CompactWeights(classCount, slots, weights);
    }

    private static T[] ReadArray<T>(BinaryReader reader, int count)
        where T : unmanaged
    {
        var result = new T[count];
        var bytes = MemoryMarshal.AsBytes(result.AsSpan());
        reader.BaseStream.ReadExactly(bytes);
        return result;
    }

    [StructLayout(LayoutKind.Sequential, Pack = 4)]
    private readonly record struct Slot(ulong Key, int Start, int Count);

    private readonly record struct Weight(int Class, float Value);
}
