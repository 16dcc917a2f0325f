using Lagebild.Documents;
using Lagebild.Pipeline;
using Lagebild.Text;
using Microsoft.Data.Sqlite;

namespace Lagebild.Tests.Store;

/// <summary>A directory under the temp folder, removed with everything in it when disposed.</summary>
internal sealed class TempDirectory : IDisposable
{
    public TempDirectory()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "lagebild-tests-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(Path, recursive: true);
    }
}

/// <summary>A clock that stands still unless moved.</summary>
internal sealed class FixedClock(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;

    public override DateTimeOffset GetUtcNow() => Now;
}

/// <summary>Small pipelines with chosen stage versions, so store tests do not depend on the real stages.</summary>
internal static class TestPipelines
{
    private sealed class DeclaredLanguageStage(string name) : IStage
    {
        public string Name => name;

        public IReadOnlyList<LayerKey> Reads { get; } = [Layers.Article];

        public IReadOnlyList<LayerKey> Writes { get; } = [TextLayers.Language];

        public void Run(AnalysisContext context) =>
            TextLayers.SetLanguage(context, new LanguageGuess(context.Article.Metadata.Language ?? "de", 0.5, "test"));
    }

    /// <summary>Cuts after every full stop.</summary>
    private sealed class FullStopSentenceStage(string name) : IStage
    {
        public string Name => name;

        public IReadOnlyList<LayerKey> Reads { get; } = [Layers.Article];

        public IReadOnlyList<LayerKey> Writes { get; } = [TextLayers.Sentences];

        public void Run(AnalysisContext context)
        {
            var sentences = new List<Sentence>();
            var start = 0;
            var text = context.Text;
            for (var i = 0; i < text.Length; i++)
            {
                if (text[i] == '.')
                {
                    sentences.Add(new Sentence(Span.FromBounds(start, i + 1)));
                    start = i + 1;
                    while (start < text.Length && text[start] == ' ')
                    {
                        start++;
                    }
                }
            }

            if (start < text.Length)
            {
                sentences.Add(new Sentence(Span.FromBounds(start, text.Length)));
            }

            context.Set(TextLayers.Sentences, sentences);
        }
    }

    /// <summary>Runs first and writes nothing: lets a test count analyses or make one fail.</summary>
    private sealed class ProbeStage(Action<AnalysisContext> probe) : IStage
    {
        public string Name => "test.probe.v1";

        public IReadOnlyList<LayerKey> Reads { get; } = [Layers.Article];

        public IReadOnlyList<LayerKey> Writes { get; } = [];

        public void Run(AnalysisContext context) => probe(context);
    }

    public static AnalysisPipeline Create(int sentenceVersion = 1) =>
        new([new DeclaredLanguageStage("test.language.v1"), new FullStopSentenceStage($"test.sentences.v{sentenceVersion}")]);

    public static AnalysisPipeline CreateWithProbe(Action<AnalysisContext> probe, int sentenceVersion = 1) =>
        new([new ProbeStage(probe), new DeclaredLanguageStage("test.language.v1"), new FullStopSentenceStage($"test.sentences.v{sentenceVersion}")]);

    public static Article Article(string text, string? url = null, string? title = null, DateTimeOffset? published = null, string origin = "test") =>
        new(text, new ArticleMetadata { Url = url, Title = title, Published = published, Source = "Test", Language = "de" }, origin);
}
