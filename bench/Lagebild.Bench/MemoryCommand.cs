using System.Diagnostics;
using System.Globalization;
using System.Runtime.CompilerServices;
using Lagebild.Documents;

namespace Lagebild.Bench;

/// <summary>
/// `memory`: how much the engine keeps resident once both languages are loaded, step by step. It creates the engine,
/// then analyses one short German and one short English text (which loads each language's models and the knowledge
/// base on first use) and after each step prints the time the step took, the live managed heap after a full
/// collection, and the process's resident set. The resident set after both languages is the figure behind the
/// "both languages together" memory target; the step times are the model load times (first article, cold).
/// </summary>
internal static class MemoryCommand
{
    public const string Name = "memory";

    // Short texts, so that the step time is the models' load time rather than analysis.
    private const string GermanText = "Der chinesische Präsident Xi Jinping hat am Mittwoch in Peking Alexander Lukaschenko empfangen.";
    private const string EnglishText = "Chinese President Xi Jinping received Alexander Lukashenko in Beijing on Wednesday.";

    public static int Run(TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var published = new DateTimeOffset(2023, 3, 1, 0, 0, 0, TimeSpan.Zero);
        Report(output, "runtime", 0);
        // Each model alone first (all kept until the step ends, then dropped), so that its heap share shows.
        LoadEachModel(output);
        var watch = Stopwatch.StartNew();
        var engine = Engine.Create();
        Report(output, "engine created", watch.Elapsed.TotalSeconds);

        foreach (var (language, text) in new[] { ("de", GermanText), ("en", EnglishText) })
        {
            watch.Restart();
            var article = new Article(text, new ArticleMetadata { Language = language, Published = published }, $"memory:{language}");
            var context = engine.Pipeline.Run(article);
            GC.KeepAlive(context);
            Report(output, $"first {language} article", watch.Elapsed.TotalSeconds);
        }

        watch.Restart();
        var again = engine.Pipeline.Run(new Article(EnglishText, new ArticleMetadata { Language = "en", Published = published }, "memory:en2"));
        GC.KeepAlive(again);
        Report(output, "second en article", watch.Elapsed.TotalSeconds);
        GC.KeepAlive(engine);
        return 0;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void LoadEachModel(TextWriter output)
    {
        var watch = Stopwatch.StartNew();
        var data = DataDirectory.Default();
        var models = new List<object?>();
        foreach (var language in new[] { "de", "en" })
        {
            watch.Restart();
            models.Add(Nlp.Morphology.MorphologyAnalyzer.Load(data, language));
            Report(output, $"{language} tagger", watch.Elapsed.TotalSeconds);
            watch.Restart();
            models.Add(Nlp.Parsing.DependencyParser.Load(data, language));
            Report(output, $"{language} parser", watch.Elapsed.TotalSeconds);
            watch.Restart();
            models.Add(Nlp.Entities.EntityRecognizer.Load(data, language));
            Report(output, $"{language} ner", watch.Elapsed.TotalSeconds);
        }

        GC.KeepAlive(models);
    }

    private static void Report(TextWriter output, string step, double seconds)
    {
        var heap = GC.GetTotalMemory(forceFullCollection: true);
        using var process = Process.GetCurrentProcess();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{step,-20} {seconds,7:0.000} s   managed heap {heap / 1048576.0,7:0.0} MB   resident {process.WorkingSet64 / 1048576.0,7:0.0} MB   peak {process.PeakWorkingSet64 / 1048576.0,7:0.0} MB"));
    }
}
