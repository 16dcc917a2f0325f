using Lagebild.Documents;

namespace Lagebild.Ingest.Decoding;

/// <summary>
/// Exact composition of two offset maps. <see cref="OffsetMap.Then"/> maps only the outer anchors, which loses the
/// inner map's anchors that fall between them (a repaired character inside a copied paragraph); this walks every
/// offset instead, which is linear in the text and only needed when the inner map is not the identity.
/// </summary>
public static class OffsetMapComposition
{
    public static bool IsIdentity(OffsetMap map)
    {
        ArgumentNullException.ThrowIfNull(map);
        return ReferenceEquals(map, OffsetMap.Identity) || (map.AnchorCount == 1 && map.ToRaw(0) == 0);
    }

    /// <summary>A map from the outer text (of <paramref name="textLength"/> code units) through <paramref name="outer"/> and then <paramref name="inner"/>.</summary>
    public static OffsetMap Compose(OffsetMap outer, int textLength, OffsetMap inner)
    {
        ArgumentNullException.ThrowIfNull(outer);
        ArgumentNullException.ThrowIfNull(inner);
        if (IsIdentity(inner))
        {
            return outer;
        }

        if (IsIdentity(outer))
        {
            return inner;
        }

        var textOffsets = new List<int>();
        var rawOffsets = new List<int>();
        var previousRaw = int.MinValue;
        // One past the end too, so that an exclusive span end maps consistently.
        for (var offset = 0; offset <= textLength; offset++)
        {
            var raw = inner.ToRaw(outer.ToRaw(offset));
            if (offset == 0 || raw != previousRaw + 1)
            {
                textOffsets.Add(offset);
                rawOffsets.Add(raw);
            }

            previousRaw = raw;
        }

        return new OffsetMap([.. textOffsets], [.. rawOffsets]);
    }
}
