using Lagebild.Nlp.Entities;

namespace Lagebild.Tests.Nlp.Entities;

public sealed class HashedByteMapTests
{
    [Fact]
    public void StoresCombinesAndListsValuesAcrossGrowth()
    {
        var map = new HashedByteMap();
        for (var i = 1; i <= 1000; i++)
        {
            Assert.True(map.TryAdd(NerHash.Mix((ulong)i), (byte)(1 + (i % 7))));
        }

        Assert.False(map.TryAdd(NerHash.Mix(5), 99));
        map.Or(NerHash.Mix(5), 64);
        map.Or(0, 2);
        Assert.Equal(1001, map.Count);
        Assert.Equal((byte)((1 + (5 % 7)) | 64), map.Get(NerHash.Mix(5)));
        Assert.Equal(2, map.Get(0));
        Assert.Equal(0, map.Get(NerHash.Mix(5000)));
        var ordered = map.Ordered().Select(e => e.Key).ToList();
        Assert.Equal(1001, ordered.Count);
        Assert.Equal(ordered.Order(), ordered);
        Assert.Throws<ArgumentOutOfRangeException>(() => map.Or(7, 0));
    }
}
