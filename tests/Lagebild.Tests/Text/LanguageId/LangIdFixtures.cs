using System.Text.Json;
using Lagebild.Text.LanguageId;

namespace Lagebild.Tests.Text.LanguageId;

/// <summary>The shipped model (loaded once for all tests) and the committed PUD fixtures.</summary>
internal static class LangIdFixtures
{
    private static readonly Lazy<LanguageIdentifier> Shipped = new(() => LanguageIdentifier.Load(DataDirectory.Default()));

    public static LanguageIdentifier Identifier => Shipped.Value;

    /// <summary>Held-out PUD sentences (lines 800+ of every language; never trained on): language, line, text.</summary>
    public static IReadOnlyList<LabeledText> HeldOut() => ReadTsv("heldout-pud.tsv", CorpusSplit.Test);

    /// <summary>PUD training lines 0–149 of German and English.</summary>
    public static IReadOnlyList<LabeledText> TinyTraining() => ReadTsv("train-pud-de-en.tsv", CorpusSplit.Train);

    /// <summary>The recorded minimum accuracies next to the model: language (or "overall") → minimum.</summary>
    public static IReadOnlyDictionary<string, double> QualityGate()
    {
        var path = DataDirectory.Default().Resolve("models", "langid", "quality-gate.json");
        using var json = JsonDocument.Parse(File.ReadAllText(path));
        return json.RootElement.GetProperty("minAccuracy").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetDouble(), StringComparer.Ordinal);
    }

    private static List<LabeledText> ReadTsv(string name, CorpusSplit split)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Fixtures", "langid", name);
        return File.ReadLines(path)
            .Where(line => line.Length > 0)
            .Select(line => line.Split('\t', 3))
            .Select(parts => new LabeledText(parts[0], parts[2], "pud", split))
            .ToList();
    }
}
