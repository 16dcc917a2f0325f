using Lagebild.Nlp;
using Lagebild.Nlp.Parsing;

namespace Lagebild.Tests.Nlp;

public sealed class ModelFingerprintTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "lagebild-fingerprint-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    private void WriteModel(string language, string file, byte[] bytes)
    {
        var directory = Path.Combine(_root, "models", language);
        Directory.CreateDirectory(directory);
        File.WriteAllBytes(Path.Combine(directory, file), bytes);
    }

    [Fact]
    public void WithoutModelsTheFingerprintSaysSo()
    {
        Assert.Equal("none", ModelFingerprint.Of(new DataDirectory(_root), "parser.bin"));
        WriteModel("de", "tagger.bin", [1, 2, 3]);
        Assert.Equal("none", ModelFingerprint.Of(new DataDirectory(_root), "parser.bin"));
    }

    [Fact]
    public void AChangedModelChangesTheFingerprintAndTheStageName()
    {
        var data = new DataDirectory(_root);
        WriteModel("de", "parser.bin", [1, 2, 3]);
        WriteModel("en", "parser.bin", [4, 5]);
        var before = ModelFingerprint.Of(data, "parser.bin");
        var stageBefore = new DependencyParsingStage(data).Name;

        Assert.Equal(before, ModelFingerprint.Of(data, "parser.bin"));
        Assert.Equal("nlp.parser.v1-m" + before, stageBefore);

        WriteModel("en", "parser.bin", [4, 6]);
        var after = ModelFingerprint.Of(data, "parser.bin");

        Assert.NotEqual(before, after);
        Assert.Matches("^[0-9a-f]{12}$", after);
        Assert.Equal("nlp.parser.v1-m" + after, new DependencyParsingStage(data).Name);
    }

    [Fact]
    public void TheSameBytesUnderAnotherLanguageAreAnotherModelSet()
    {
        WriteModel("de", "ner.bin", [7, 7]);
        var german = ModelFingerprint.Of(new DataDirectory(_root), "ner.bin");
        Directory.Move(Path.Combine(_root, "models", "de"), Path.Combine(_root, "models", "fr"));

        Assert.NotEqual(german, ModelFingerprint.Of(new DataDirectory(_root), "ner.bin"));
    }
}
