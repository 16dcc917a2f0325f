namespace Lagebild.Nlp.Entities;

/// <summary>
/// A compact map from 64-bit hashes to small values (open addressing, linear probing): about half the memory of a
/// Dictionary for the hundreds of thousands of gazetteer hashes a model carries. Value 0 means absent.
/// </summary>
internal sealed class HashedByteMap
{
    private const double MaxLoad = 0.7;

    // Key 0 marks an empty slot; a real key 0 is stored as this stand-in (hashes are mixed, so a clash is negligible).
    private const ulong ZeroKey = 0x9E3779B97F4A7C15UL;

    private ulong[] _keys;
    private byte[] _values;

    public HashedByteMap(int capacity = 0)
    {
        var size = 16;
        while (size * MaxLoad < capacity)
        {
            size *= 2;
        }

        _keys = new ulong[size];
        _values = new byte[size];
    }

    public int Count { get; private set; }

    /// <summary>The value stored for <paramref name="key"/>, or 0.</summary>
    public byte Get(ulong key)
    {
        key = key == 0 ? ZeroKey : key;
        var mask = _keys.Length - 1;
        for (var slot = (int)key & mask; ; slot = (slot + 1) & mask)
        {
            var stored = _keys[slot];
            if (stored == key)
            {
                return _values[slot];
            }

            if (stored == 0)
            {
                return 0;
            }
        }
    }

    /// <summary>Combines <paramref name="value"/> into the key's value (bitwise or), adding the key if needed.</summary>
    public void Or(ulong key, byte value) => Update(key, value, overwrite: true);

    /// <summary>Adds the key with <paramref name="value"/> unless it is present; true when added.</summary>
    public bool TryAdd(ulong key, byte value) => Update(key, value, overwrite: false);

    /// <summary>The entries ordered by key (a deterministic file layout).</summary>
    public IEnumerable<(ulong Key, byte Value)> Ordered()
    {
        var entries = new List<(ulong, byte)>(Count);
        for (var slot = 0; slot < _keys.Length; slot++)
        {
            if (_keys[slot] != 0)
            {
                entries.Add((_keys[slot], _values[slot]));
            }
        }

        entries.Sort((a, b) => a.Item1.CompareTo(b.Item1));
        return entries;
    }

    private bool Update(ulong key, byte value, bool overwrite)
    {
        ArgumentOutOfRangeException.ThrowIfZero(value);
        key = key == 0 ? ZeroKey : key;
        if ((Count + 1) > _keys.Length * MaxLoad)
        {
            Grow();
        }

        var mask = _keys.Length - 1;
        for (var slot = (int)key & mask; ; slot = (slot + 1) & mask)
        {
            var stored = _keys[slot];
            if (stored == key)
            {
                if (overwrite)
                {
                    _values[slot] |= value;
                }

                return false;
            }

            if (stored == 0)
            {
                _keys[slot] = key;
                _values[slot] = value;
                Count++;
                return true;
            }
        }
    }

    private void Grow()
    {
        var keys = _keys;
        var values = _values;
        _keys = new ulong[keys.Length * 2];
        _values = new byte[keys.Length * 2];
        Count = 0;
        for (var slot = 0; slot < keys.Length; slot++)
        {
            if (keys[slot] != 0)
            {
                Update(keys[slot], values[slot], overwrite: false);
            }
        }
    }
}
