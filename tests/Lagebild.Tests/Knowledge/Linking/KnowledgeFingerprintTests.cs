using Lagebild.Pipeline;
using Lagebild.Store;

namespace Lagebild.Tests.Knowledge.Linking;

/// <summary>The knowledge set is part of the pipeline signature, so re-ingesting with other dictionaries re-analyses.</summary>
public sealed class KnowledgeFingerprintTests
{
    private static string SignatureWith(IReadOnlyList<string> dictionaries)
    {
        return PipelineSignature.Of(Engine.Create(dictionaries: dictionaries).Pipeline);
    }

    [Fact]
    public void OtherDictionariesGiveAnotherSignatureAndTheSameOnesTheSame()
    {
        var directory = Directory.CreateTempSubdirectory("lagebild-kb-fingerprint-");
        try
        {
            File.WriteAllText(Path.Combine(directory.FullName, "mine.actors.txt"), "XI_JINPING_\n+XI_DADA_\n\t[CHNMIL]\n");
            var shipped = SignatureWith([]);
            var withMine = SignatureWith([directory.FullName]);
            Assert.Equal(shipped, SignatureWith([]));
            Assert.Equal(withMine, SignatureWith([directory.FullName]));
            Assert.NotEqual(shipped, withMine);
            Assert.Contains("knowledge.actors.v3-kb", shipped, StringComparison.Ordinal);

            // Editing a dictionary in place changes the signature too.
            File.AppendAllText(Path.Combine(directory.FullName, "mine.actors.txt"), "XI_DODO_\n\t[CHNGOV]\n");
            Assert.NotEqual(withMine, SignatureWith([directory.FullName]));
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Fact]
    public void StageVersionKeepsTheStageNameApart()
    {
        var context = Engine.Create().Pipeline.Run(new Lagebild.Documents.Article("Xi Jinping traf Lukaschenko.", new Lagebild.Documents.ArticleMetadata(), "fingerprint"), new AnalysisOptions { ForcedLanguage = "de" });
        Assert.StartsWith("v3-kb", context.StageVersions["knowledge.actors"], StringComparison.Ordinal);
        Assert.StartsWith("v3-kb", context.StageVersions["knowledge.coref"], StringComparison.Ordinal);
    }
}
