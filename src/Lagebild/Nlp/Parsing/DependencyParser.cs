using System.Text;
using System.Globalization;
using Lagebild.Nlp.Conllu;
using Lagebild.Nlp.Morphology;

namespace Lagebild.Nlp.Parsing;

/// <summary>One word's syntactic head (1-based word number, 0 for the root) and UD relation.</summary>
public readonly record struct DependencyArc(int Head, string Relation);

/// <summary>
/// A greedy arc-hybrid dependency parser scored by an averaged perceptron (data/models/&lt;lang&gt;/parser.bin).
/// Input is one sentence's words with their morphology; output is a labelled tree: exactly one word under the
/// root, no cycles. Immutable after loading, so safe to share between threads.
/// </summary>
public sealed class DependencyParser
{
    public const string ModelFileName = "parser.bin";
    private const string Magic = "LAGEBILD-PARSER";
    private const int FormatVersion = 1;

    private readonly string[] _labels;
    private readonly CompactWeights _weights;
    private readonly int _rootLabel;

    // The full-precision model a trainer built, kept for Save: the scoring table keeps only half of each key.
    private readonly LinearModel? _trained;

    internal DependencyParser(string language, string[] labels, LinearModel model)
        : this(language, labels, CompactWeights.From(model))
    {
        _trained = model;
    }

    private DependencyParser(string language, string[] labels, CompactWeights weights)
    {
        Language = language;
        _labels = labels;
        _weights = weights;
        _rootLabel = Math.Max(0, Array.IndexOf(labels, "root"));
    }

    public string Language { get; }

    public IReadOnlyList<string> Labels => _labels;

    /// <summary>A one-line summary of the model's size, for logs.</summary>
    public string Describe() => $"{Language}: {_labels.Length} relations, {_weights.FeatureCount} features, {_weights.WeightCount} weights";

    /// <summary>Loads the language's model, or returns null when data/models/&lt;lang&gt;/ has none.</summary>
    public static DependencyParser? Load(DataDirectory data, string language, string? modelPath = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(language);
        if (modelPath is null && (language.Length == 0 || !language.All(char.IsAsciiLetterLower)))
        {
            return null;
        }

        modelPath ??= data.Resolve("models", language, ModelFileName);
        return File.Exists(modelPath) ? Load(modelPath) : null;
    }

    /// <summary>Parses one sentence: one arc per word, in word order.</summary>
    public DependencyArc[] Parse(IReadOnlyList<string> forms, IReadOnlyList<MorphAnalysis> morphology)
    {
        ArgumentNullException.ThrowIfNull(forms);
        ArgumentNullException.ThrowIfNull(morphology);
        if (forms.Count != morphology.Count)
        {
            throw new ArgumentException("One analysis per word is required.", nameof(morphology));
        }

        if (forms.Count == 0)
        {
            return [];
        }

        var sentence = new ParserSentence(forms, morphology);
        var state = new ParserState(sentence.Count);
        Run(sentence, state, new FeatureBuffer());
        var arcs = new DependencyArc[sentence.Count];
        for (var i = 0; i < arcs.Length; i++)
        {
            arcs[i] = new DependencyArc(state.Heads[i + 1], _labels[state.Labels[i + 1]]);
        }

        return arcs;
    }

    /// <summary>Fills HEAD and DEPREL of a CoNLL-U sentence from its forms and its UPOS/XPOS/FEATS/LEMMA columns.</summary>
    public void Annotate(ConlluSentence sentence)
    {
        ArgumentNullException.ThrowIfNull(sentence);
        var arcs = Parse(sentence.Forms(), ParserEvaluation.GoldMorphology(sentence));
        for (var i = 0; i < arcs.Length; i++)
        {
            sentence.Words[i].Head = arcs[i].Head.ToString(CultureInfo.InvariantCulture);
            sentence.Words[i].Deprel = arcs[i].Relation;
        }
    }

    internal void Run(ParserSentence sentence, ParserState state, FeatureBuffer buffer)
    {
        Span<float> scores = stackalloc float[_weights.ClassCount];
        while (!state.IsTerminal)
        {
            ParserFeatures.Extract(state, sentence, buffer);
            scores.Clear();
            _weights.Score(buffer.Keys, scores);
            var (move, label) = BestLegal(state, scores, _labels.Length);
            if (move == ParserState.Right && state.StackSize == 2)
            {
                // The one attachment to the root always carries the root relation.
                label = _rootLabel;
            }

            state.Apply(move, label);
        }
    }

    /// <summary>Class 0 is SHIFT; 1 + 2l is LEFT with label l; 2 + 2l is RIGHT with label l.</summary>
    internal static int ClassOf(int move, int label) => move == ParserState.Shift ? 0 : move == ParserState.Left ? 1 + (2 * label) : 2 + (2 * label);

    internal static (int Move, int Label) BestLegal(ParserState state, ReadOnlySpan<float> scores, int labelCount)
    {
        var bestMove = -1;
        var bestLabel = 0;
        var best = float.NegativeInfinity;
        if (state.CanShift)
        {
            bestMove = ParserState.Shift;
            best = scores[0];
        }

        var canLeft = state.CanLeft;
        var canRight = state.CanRight;
        for (var label = 0; label < labelCount; label++)
        {
            if (canLeft && (bestMove < 0 || scores[1 + (2 * label)] > best))
            {
                best = scores[1 + (2 * label)];
                bestMove = ParserState.Left;
                bestLabel = label;
            }

            if (canRight && (bestMove < 0 || scores[2 + (2 * label)] > best))
            {
                best = scores[2 + (2 * label)];
                bestMove = ParserState.Right;
                bestLabel = label;
            }
        }

        return (bestMove, bestLabel);
    }

    /// <summary>Writes a parser a trainer built; a parser loaded from a file is already saved.</summary>
    public void Save(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (_trained is null)
        {
            throw new InvalidOperationException("Only a newly trained parser can be saved; a loaded one keeps key fingerprints only.");
        }

        using var stream = File.Create(path);
        using var writer = new BinaryWriter(stream, Encoding.UTF8);
        writer.Write(Magic);
        writer.Write(FormatVersion);
        writer.Write(Language);
        writer.Write(_labels.Length);
        foreach (var label in _labels)
        {
            writer.Write(label);
        }

        _trained.Write(writer);
    }

    public static DependencyParser Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        using var stream = new BufferedStream(File.OpenRead(path), 1 << 16);
        using var reader = new BinaryReader(stream, Encoding.UTF8);
        if (!string.Equals(reader.ReadString(), Magic, StringComparison.Ordinal) || reader.ReadInt32() != FormatVersion)
        {
            throw new InvalidDataException($"'{path}' is not a Lagebild parser model of format {FormatVersion}.");
        }

        var language = reader.ReadString();
        var labels = new string[reader.ReadInt32()];
        for (var i = 0; i < labels.Length; i++)
        {
            labels[i] = reader.ReadString();
        }

        var model = CompactWeights.Read(reader);
        if (model.ClassCount != 1 + (2 * labels.Length) || labels.Length == 0)
        {
            throw new InvalidDataException($"'{path}': class count does not match the relation labels.");
        }

        return new DependencyParser(language, labels, model);
    }
}
