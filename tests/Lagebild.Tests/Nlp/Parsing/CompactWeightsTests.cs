using Lagebild.Nlp.Parsing;

namespace Lagebild.Tests.Nlp.Parsing;

public sealed class CompactWeightsTests
{
    /// <summary>The stored format: class count, feature count, keys, row lengths, classes, half-precision weights.</summary>
    private static byte[] Model(ushort[] classes, int classCount = 3)
    {
        using var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream))
        {
            writer.Write(classCount);
            writer.Write(2);
            writer.Write(5UL);
            writer.Write(9UL);
            writer.Write((ushort)2);
            writer.Write((ushort)1);
            foreach (var c in classes)
            {
                writer.Write(c);
            }

            writer.Write((Half)1.5f);
            writer.Write((Half)(-2f));
            writer.Write((Half)0.25f);
        }

        return stream.ToArray();
    }

    private static CompactWeights Read(byte[] bytes)
    {
        using var reader = new BinaryReader(new MemoryStream(bytes));
        return CompactWeights.Read(reader);
    }

    [Fact]
    public void ScoresAddTheWeightsOfKnownFeaturesOnly()
    {
        var weights = Read(Model([0, 2, 1]));
        var scores = new float[3];

        weights.Score([5UL, 9UL, 7UL], scores);

        Assert.Equal([1.5f, 0.25f, -2f], scores);
        Assert.Equal(2, weights.FeatureCount);
        Assert.Equal(3, weights.WeightCount);
    }

    [Fact]
    public void ALinearModelScoresTheSameAsItsCompactCopy()
    {
        var model = new Lagebild.Nlp.Morphology.LinearModel(
            3, [5UL, 0x1234_5678_0000_0009UL], [0, 2, 3], [0, 2, 1], [1.5f, 0.25f, -2f]);
        var expected = new float[3];
        var actual = new float[3];
        ReadOnlySpan<ulong> features = [0x1234_5678_0000_0009UL, 5UL, 0x1234_5679_0000_0009UL, 7UL];

        model.Score(features, expected);
        CompactWeights.From(model).Score(features, actual);

        Assert.Equal(expected, actual);
        Assert.Equal([1.5f, -2f, 0.25f], actual);
    }

    [Fact]
    public void AKeyDifferingOnlyInItsUpperHalfIsAnotherFeature()
    {
        var weights = Read(Model([0, 2, 1]));
        var scores = new float[3];

        weights.Score([5UL | (1UL << 40), 9UL | (1UL << 63)], scores);

        Assert.Equal([0f, 0f, 0f], scores);
    }

    [Fact]
    public void MoreClassesThanASlotCanCountAreRejected()
    {
        Assert.Throws<InvalidDataException>(() => Read(Model([0, 2, 1], classCount: CompactWeights.MaxClasses + 1)));
    }

    [Fact]
    public void AClassOutOfRangeIsRejected()
    {
        Assert.Throws<InvalidDataException>(() => Read(Model([0, 3, 1])));
    }

    [Theory]
    [InlineData(0, 16)]
    [InlineData(12, 16)]
    [InlineData(13, 32)]
    [InlineData(1_279_967, 1 << 21)]
    public void TheTableStaysBetweenThreeEighthsAndThreeQuartersFull(int keys, int capacity)
    {
        Assert.Equal(capacity, CompactWeights.Capacity(keys));
    }
}
