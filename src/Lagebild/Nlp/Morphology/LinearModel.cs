using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Lagebild.Nlp.Morphology;

/// <summary>
/// A trained sparse linear classifier: for each feature key the classes it votes for and with what weight.
/// Immutable after loading, so safe to share between threads.
/// </summary>
internal sealed class LinearModel
{
    private readonly ulong[] _slots;
    private readonly int[] _slotRows;
    private readonly int _mask;
    private readonly int[] _rowStart;
    private readonly ushort[] _classes;
    private readonly float[] _weights;

    // Rows that vote for many classes (bias, previous-label features) are also kept dense, so scoring them is one
    // vectorised add instead of a scatter; -1 marks a sparse row.
    private readonly int[] _denseOffset;
    private readonly float[] _dense;

    public LinearModel(int classCount, ulong[] keys, int[] rowStart, ushort[] classes, float[] weights)
    {
        ClassCount = classCount;
        if (rowStart.Length != keys.Length + 1 || classes.Length != weights.Length || rowStart[^1] != classes.Length
            || classes.Any(c => c >= classCount))
        {
            throw new InvalidDataException("Inconsistent linear model.");
        }

        _rowStart = rowStart;
        _classes = classes;
        _weights = weights;
        var capacity = Parsing.CompactWeights.Capacity(keys.Length);
        _slots = new ulong[capacity];
        _slotRows = new int[capacity];
        _mask = capacity - 1;
        for (var row = 0; row < keys.Length; row++)
        {
            var slot = (int)keys[row] & _mask;
            while (_slots[slot] != 0)
            {
                slot = (slot + 1) & _mask;
            }

            _slots[slot] = keys[row];
            _slotRows[slot] = row;
        }

        FeatureCount = keys.Length;
        _denseOffset = new int[keys.Length];
        var denseRows = new List<int>();
        for (var row = 0; row < keys.Length; row++)
        {
            var width = rowStart[row + 1] - rowStart[row];
            _denseOffset[row] = -1;
            if (width >= 16 && width * 3 >= classCount)
            {
                _denseOffset[row] = denseRows.Count * classCount;
                denseRows.Add(row);
            }
        }

        _dense = new float[denseRows.Count * classCount];
        foreach (var row in denseRows)
        {
            for (var i = rowStart[row]; i < rowStart[row + 1]; i++)
            {
                _dense[_denseOffset[row] + classes[i]] = weights[i];
            }
        }
    }

    public int ClassCount { get; }

    public int FeatureCount { get; }

    public int WeightCount => _weights.Length;

    /// <summary>Adds the votes of every known feature to <paramref name="scores"/> (length ClassCount, cleared by the caller).</summary>
    public void Score(ReadOnlySpan<ulong> features, Span<float> scores)
    {
        if (scores.Length < ClassCount)
        {
            throw new ArgumentException("Score buffer shorter than the class count.", nameof(scores));
        }

        ref var classes = ref MemoryMarshal.GetArrayDataReference(_classes);
        ref var weights = ref MemoryMarshal.GetArrayDataReference(_weights);
        ref var target = ref MemoryMarshal.GetReference(scores);
        foreach (var key in features)
        {
            var row = Find(key);
            if (row < 0)
            {
                continue;
            }

            var dense = _denseOffset[row];
            if (dense >= 0)
            {
                AddDense(_dense.AsSpan(dense, ClassCount), scores);
                continue;
            }

            var end = _rowStart[row + 1];
            for (var i = _rowStart[row]; i < end; i++)
            {
                // Class ids were range-checked when the model was built or read.
                Unsafe.Add(ref target, Unsafe.Add(ref classes, i)) += Unsafe.Add(ref weights, i);
            }
        }
    }

    private int Find(ulong key)
    {
        var slot = (int)key & _mask;
        while (true)
        {
            var stored = _slots[slot];
            if (stored == key)
            {
                return _slotRows[slot];
            }

            if (stored == 0)
            {
                return -1;
            }

            slot = (slot + 1) & _mask;
        }
    }

    private static void AddDense(ReadOnlySpan<float> row, Span<float> scores)
    {
        var i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var width = Vector<float>.Count;
            for (; i + width <= row.Length; i += width)
            {
                (new Vector<float>(scores[i..]) + new Vector<float>(row[i..])).CopyTo(scores[i..]);
            }
        }

        for (; i < row.Length; i++)
        {
            scores[i] += row[i];
        }
    }

    /// <summary>A copy without the weights smaller than <paramref name="minimumWeight"/> in magnitude (and rows left empty).</summary>
    public LinearModel Pruned(float minimumWeight)
    {
        var keys = new List<ulong>();
        var rowStart = new List<int> { 0 };
        var classes = new List<ushort>();
        var weights = new List<float>();
        var rowKeys = new ulong[FeatureCount];
        for (var slot = 0; slot < _slots.Length; slot++)
        {
            if (_slots[slot] != 0)
            {
                rowKeys[_slotRows[slot]] = _slots[slot];
            }
        }

        for (var row = 0; row < FeatureCount; row++)
        {
            var before = classes.Count;
            for (var i = _rowStart[row]; i < _rowStart[row + 1]; i++)
            {
                if (Math.Abs(_weights[i]) >= minimumWeight)
                {
                    classes.Add(_classes[i]);
                    weights.Add(_weights[i]);
                }
            }

            if (classes.Count > before)
            {
                keys.Add(rowKeys[row]);
                rowStart.Add(classes.Count);
            }
        }

        return new LinearModel(ClassCount, [.. keys], [.. rowStart], [.. classes], [.. weights]);
    }

    public void Write(BinaryWriter writer)
    {
        writer.Write(ClassCount);
        writer.Write(FeatureCount);
        // Keys in row order, recovered from the table.
        var keys = new ulong[FeatureCount];
        for (var slot = 0; slot < _slots.Length; slot++)
        {
            if (_slots[slot] != 0)
            {
                keys[_slotRows[slot]] = _slots[slot];
            }
        }

        foreach (var key in keys)
        {
            writer.Write(key);
        }

        for (var row = 0; row < FeatureCount; row++)
        {
            writer.Write((ushort)(_rowStart[row + 1] - _rowStart[row]));
        }

        foreach (var c in _classes)
        {
            writer.Write(c);
        }

        // Half precision is plenty for averaged perceptron weights and halves the file.
        foreach (var w in _weights)
        {
            writer.Write((Half)w);
        }
    }

    public static LinearModel Read(BinaryReader reader)
    {
        var classCount = reader.ReadInt32();
        var featureCount = reader.ReadInt32();
        var keys = new ulong[featureCount];
        for (var i = 0; i < featureCount; i++)
        {
            keys[i] = reader.ReadUInt64();
        }

        var rowStart = new int[featureCount + 1];
        for (var row = 0; row < featureCount; row++)
        {
            rowStart[row + 1] = rowStart[row] + reader.ReadUInt16();
        }

        var total = rowStart[featureCount];
        var classes = new ushort[total];
        for (var i = 0; i < total; i++)
        {
            classes[i] = reader.ReadUInt16();
            if (classes[i] >= classCount)
            {
                throw new InvalidDataException("Model weight names a class out of range.");
            }
        }

        var weights = new float[total];
        for (var i = 0; i < total; i++)
        {
            weights[i] = (float)reader.ReadHalf();
        }

        return new LinearModel(classCount, keys, rowStart, classes, weights);
    }
}

/// <summary>
/// Averaged perceptron training for <see cref="LinearModel"/>: sparse per-feature weight lists with lazy averaging.
/// </summary>
internal sealed class PerceptronTrainer
{
    private readonly Dictionary<ulong, int> _index = [];
    private readonly List<FeatureWeights> _rows = [];
    private int _time;

    public PerceptronTrainer(int classCount)
    {
        ClassCount = classCount;
    }

    public int ClassCount { get; private set; }

    /// <summary>Lets the label set grow while training (labels first seen late in the data).</summary>
    public void EnsureClassCount(int classCount) => ClassCount = Math.Max(ClassCount, classCount);

    public void Score(ReadOnlySpan<ulong> features, Span<float> scores)
    {
        foreach (var key in features)
        {
            if (_index.TryGetValue(key, out var row))
            {
                _rows[row].AddTo(scores);
            }
        }
    }

    /// <summary>Counts one decision; call once per training example whether or not it was wrong.</summary>
    public void Tick() => _time++;

    public void Update(ReadOnlySpan<ulong> features, int gold, int guess)
    {
        if (gold == guess)
        {
            return;
        }

        foreach (var key in features)
        {
            if (!_index.TryGetValue(key, out var row))
            {
                row = _rows.Count;
                _index[key] = row;
                _rows.Add(new FeatureWeights());
            }

            var weights = _rows[row];
            weights.Add(gold, 1f, _time);
            if (guess >= 0)
            {
                weights.Add(guess, -1f, _time);
            }
        }
    }

    /// <summary>Averages the weights and drops those too small to matter, giving the compact model.</summary>
    public LinearModel Build(float minimumWeight)
    {
        var keys = new List<ulong>();
        var rowStart = new List<int> { 0 };
        var classes = new List<ushort>();
        var weights = new List<float>();
        var ordered = _index.OrderBy(pair => pair.Value);
        foreach (var (key, row) in ordered)
        {
            var before = classes.Count;
            _rows[row].Averaged(_time, minimumWeight, classes, weights);
            if (classes.Count > before)
            {
                keys.Add(key);
                rowStart.Add(classes.Count);
            }
        }

        return new LinearModel(ClassCount, [.. keys], [.. rowStart], [.. classes], [.. weights]);
    }

    private sealed class FeatureWeights
    {
        private int[] _classes = new int[2];
        private float[] _weights = new float[2];
        private double[] _totals = new double[2];
        private int[] _stamps = new int[2];
        private int _count;

        public void AddTo(Span<float> scores)
        {
            for (var i = 0; i < _count; i++)
            {
                scores[_classes[i]] += _weights[i];
            }
        }

        public void Add(int cls, float delta, int time)
        {
            var at = Array.IndexOf(_classes, cls, 0, _count);
            if (at < 0)
            {
                if (_count == _classes.Length)
                {
                    var size = _count * 2;
                    Array.Resize(ref _classes, size);
                    Array.Resize(ref _weights, size);
                    Array.Resize(ref _totals, size);
                    Array.Resize(ref _stamps, size);
                }

                at = _count++;
                _classes[at] = cls;
                _weights[at] = 0;
                _totals[at] = 0;
                _stamps[at] = time;
            }

            _totals[at] += (double)(time - _stamps[at]) * _weights[at];
            _stamps[at] = time;
            _weights[at] += delta;
        }

        public void Averaged(int time, float minimumWeight, List<ushort> classes, List<float> weights)
        {
            for (var i = 0; i < _count; i++)
            {
                var total = _totals[i] + ((double)(time - _stamps[i]) * _weights[i]);
                var average = (float)(total / Math.Max(1, time));
                if (Math.Abs(average) >= minimumWeight)
                {
                    classes.Add((ushort)_classes[i]);
                    weights.Add(average);
                }
            }
        }
    }
}
