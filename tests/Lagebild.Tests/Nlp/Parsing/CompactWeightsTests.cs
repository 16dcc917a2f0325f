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
    public void WritingAndReadingAgainKeepsTheScores()
    {
        using var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true))
        {
            Read(Model([0, 2, 1])).Write(writer);
        }

        var scores = new float[3];
        Read(stream.ToArray()).Score([9UL, 5UL], scores);

        Assert.Equal([1.5f, 0.25f, -2f], scores);
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
