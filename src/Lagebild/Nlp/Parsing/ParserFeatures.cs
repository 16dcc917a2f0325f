using System.Runtime.CompilerServices;
using Lagebild.Nlp.Morphology;

namespace Lagebild.Nlp.Parsing;

/// <summary>
/// Feature templates of a parser configuration, after the rich non-local set of Zhang and Nivre (2011) adapted to
/// arc-hybrid: words, lemmas and tags of the top three stack and buffer positions, their pairs and triples,
/// distance, valency, the nearest children with their labels, the label sets, and grammatical case.
/// </summary>
internal static class ParserFeatures
{
    public static void Extract(ParserState state, ParserSentence sentence, FeatureBuffer buffer)
    {
        buffer.Clear();
        var s0 = state.StackAt(0);
        var s1 = state.StackAt(1);
        var s2 = state.StackAt(2);
        var b0 = state.BufferAt(0);
        var b1 = state.BufferAt(1);
        var b2 = state.BufferAt(2);

        var s0w = Value(sentence.Word, s0);
        var s0p = Value(sentence.Upos, s0);
        var s0t = Value(sentence.Tag, s0);
        var s0l = Value(sentence.Lemma, s0);
        var s0c = Value(sentence.Case, s0);
        var s1w = Value(sentence.Word, s1);
        var s1t = Value(sentence.Tag, s1);
        var s1l = Value(sentence.Lemma, s1);
        var s1c = Value(sentence.Case, s1);
        var s2t = Value(sentence.Tag, s2);
        var b0w = Value(sentence.Word, b0);
        var b0p = Value(sentence.Upos, b0);
        var b0t = Value(sentence.Tag, b0);
        var b0l = Value(sentence.Lemma, b0);
        var b0c = Value(sentence.Case, b0);
        var b1w = Value(sentence.Word, b1);
        var b1t = Value(sentence.Tag, b1);
        var b2w = Value(sentence.Word, b2);
        var b2t = Value(sentence.Tag, b2);

        // Unigrams.
        Add(buffer, 1, s0w);
        Add(buffer, 2, s0p);
        Add(buffer, 3, s0t);
        Add(buffer, 4, s0w, s0t);
        Add(buffer, 5, s0l);
        Add(buffer, 6, s1w);
        Add(buffer, 7, s1t);
        Add(buffer, 8, s1w, s1t);
        Add(buffer, 9, b0w);
        Add(buffer, 10, b0p);
        Add(buffer, 11, b0t);
        Add(buffer, 12, b0w, b0t);
        Add(buffer, 13, b0l);
        Add(buffer, 14, b1w);
        Add(buffer, 15, b1t);
        Add(buffer, 16, b1w, b1t);
        Add(buffer, 17, b2w);
        Add(buffer, 18, b2t);
        Add(buffer, 19, s2t);
        Add(buffer, 20, s1l);

        // Pairs.
        Add(buffer, 21, s0w, s0t, b0w, b0t);
        Add(buffer, 22, s0w, s0t, b0w);
        Add(buffer, 23, s0w, b0w, b0t);
        Add(buffer, 24, s0w, s0t, b0t);
        Add(buffer, 25, s0t, b0w, b0t);
        Add(buffer, 26, s0w, b0w);
        Add(buffer, 27, s0t, b0t);
        Add(buffer, 28, b0t, b1t);
        Add(buffer, 29, s1w, s1t, s0w, s0t);
        Add(buffer, 30, s1t, s0t);
        Add(buffer, 31, s1w, s0w);
        Add(buffer, 32, s1t, s0w);
        Add(buffer, 33, s1w, s0t);
        Add(buffer, 34, s0l, b0l);
        Add(buffer, 35, s1l, s0l);
        Add(buffer, 36, s0p, b0p);
        Add(buffer, 37, s1t, b0t);

        // Triples.
        Add(buffer, 40, b0t, b1t, b2t);
        Add(buffer, 41, s0t, b0t, b1t);
        Add(buffer, 42, s1t, s0t, b0t);
        Add(buffer, 43, s2t, s1t, s0t);
        Add(buffer, 44, s1t, s0t, b1t);

        // Distances (s0-b0 decides LEFT, s1-s0 decides RIGHT).
        var d0 = s0 > 0 && b0 > 0 ? Distance(b0 - s0) : 0UL;
        var d1 = s1 >= 0 && s0 > 0 ? Distance(s0 - s1) : 0UL;
        Add(buffer, 50, s0w, d0);
        Add(buffer, 51, s0t, d0);
        Add(buffer, 52, b0w, d0);
        Add(buffer, 53, b0t, d0);
        Add(buffer, 54, s0t, b0t, d0);
        Add(buffer, 55, s0w, b0w, d0);
        Add(buffer, 56, s1t, s0t, d1);
        Add(buffer, 57, s1w, s0w, d1);
        Add(buffer, 58, s1w, s0t, d1);
        Add(buffer, 59, s1t, s0w, d1);

        // Valency.
        var s0vl = s0 >= 0 ? (ulong)state.LeftCount[s0] : 99UL;
        var s0vr = s0 >= 0 ? (ulong)state.RightCount[s0] : 99UL;
        var s1vr = s1 >= 0 ? (ulong)state.RightCount[s1] : 99UL;
        var s1vl = s1 >= 0 ? (ulong)state.LeftCount[s1] : 99UL;
        var b0vl = b0 >= 0 ? (ulong)state.LeftCount[b0] : 99UL;
        Add(buffer, 60, s0w, s0vr);
        Add(buffer, 61, s0t, s0vr);
        Add(buffer, 62, s0w, s0vl);
        Add(buffer, 63, s0t, s0vl);
        Add(buffer, 64, s1w, s1vr);
        Add(buffer, 65, s1t, s1vr);
        Add(buffer, 66, b0w, b0vl);
        Add(buffer, 67, b0t, b0vl);
        Add(buffer, 68, s1t, s1vl);

        // Nearest children and their labels.
        var s0l1 = Child(state.LeftChild1, s0);
        var s0l2 = Child(state.LeftChild2, s0);
        var s0r1 = Child(state.RightChild1, s0);
        var s0r2 = Child(state.RightChild2, s0);
        var s1r1 = Child(state.RightChild1, s1);
        var s1l1 = Child(state.LeftChild1, s1);
        var b0l1 = Child(state.LeftChild1, b0);
        var b0l2 = Child(state.LeftChild2, b0);
        var s0l1t = Value(sentence.Tag, s0l1);
        var s0r1t = Value(sentence.Tag, s0r1);
        var b0l1t = Value(sentence.Tag, b0l1);
        var s1r1t = Value(sentence.Tag, s1r1);
        var s0l1d = Label(state, s0l1);
        var s0r1d = Label(state, s0r1);
        var b0l1d = Label(state, b0l1);
        var s1r1d = Label(state, s1r1);
        Add(buffer, 70, Value(sentence.Word, s0l1));
        Add(buffer, 71, s0l1t);
        Add(buffer, 72, s0l1d);
        Add(buffer, 73, Value(sentence.Word, s0r1));
        Add(buffer, 74, s0r1t);
        Add(buffer, 75, s0r1d);
        Add(buffer, 76, Value(sentence.Word, b0l1));
        Add(buffer, 77, b0l1t);
        Add(buffer, 78, b0l1d);
        Add(buffer, 79, s1r1t);
        Add(buffer, 80, s1r1d);
        Add(buffer, 81, Value(sentence.Tag, s0l2), Label(state, s0l2));
        Add(buffer, 82, Value(sentence.Tag, s0r2), Label(state, s0r2));
        Add(buffer, 83, Value(sentence.Tag, b0l2), Label(state, b0l2));
        Add(buffer, 84, s0t, s0l1t, b0t);
        Add(buffer, 85, s0t, s0r1t, b0t);
        Add(buffer, 86, s0t, b0t, b0l1t);
        Add(buffer, 87, s1t, s0t, s0l1t);
        Add(buffer, 88, s1t, s1r1t, s0t);
        Add(buffer, 89, s0t, s0l1t, Value(sentence.Tag, s0l2));
        Add(buffer, 90, s0t, s0r1t, Value(sentence.Tag, s0r2));
        Add(buffer, 91, b0t, b0l1t, Value(sentence.Tag, b0l2));
        Add(buffer, 92, s1t, Value(sentence.Tag, s1l1), s0t);
        Add(buffer, 93, s0t, s0l1d, s0r1d);
        Add(buffer, 94, s1t, s1r1d, s0t);

        // Label sets.
        Add(buffer, 100, s0w, s0 >= 0 ? state.LeftLabelSet[s0] : 1UL);
        Add(buffer, 101, s0t, s0 >= 0 ? state.LeftLabelSet[s0] : 1UL);
        Add(buffer, 102, s0t, s0 >= 0 ? state.RightLabelSet[s0] : 1UL);
        Add(buffer, 103, b0t, b0 >= 0 ? state.LeftLabelSet[b0] : 1UL);
        Add(buffer, 104, s1t, s1 >= 0 ? state.RightLabelSet[s1] : 1UL);

        // Morphology: case agreement and government.
        Add(buffer, 110, s0c, s0t);
        Add(buffer, 111, b0c, b0t);
        Add(buffer, 112, s0c, b0c, s0p, b0p);
        Add(buffer, 113, s1c, s0c, Value(sentence.Upos, s1), s0p);
        Add(buffer, 114, Value(sentence.Feats, s0), s0p);
        Add(buffer, 115, Value(sentence.Feats, b0), b0p);
        Add(buffer, 116, s0c, b0l);
        Add(buffer, 117, s1l, s0c);
        Add(buffer, 118, s0l, b0c);
    }

    private static ulong Value(ulong[] values, int position) => position >= 0 ? values[position] : ParserSentence.NoneValue;

    private static int Child(int[] children, int position) => position >= 0 ? children[position] : -1;

    private static ulong Label(ParserState state, int position) => position >= 0 ? (ulong)(state.Labels[position] + 2) : 0UL;

    private static ulong Distance(int distance) => distance switch
    {
        <= 4 => (ulong)distance,
        <= 6 => 5UL,
        <= 10 => 6UL,
        _ => 7UL,
    };

    private static void Add(FeatureBuffer buffer, int template, ulong a) => buffer.Add(Finish(Mix(Start(template), a)));

    private static void Add(FeatureBuffer buffer, int template, ulong a, ulong b) => buffer.Add(Finish(Mix(Mix(Start(template), a), b)));

    private static void Add(FeatureBuffer buffer, int template, ulong a, ulong b, ulong c) =>
        buffer.Add(Finish(Mix(Mix(Mix(Start(template), a), b), c)));

    private static void Add(FeatureBuffer buffer, int template, ulong a, ulong b, ulong c, ulong d) =>
        buffer.Add(Finish(Mix(Mix(Mix(Mix(Start(template), a), b), c), d)));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Start(int template) => 0x243F_6A88_85A3_08D3UL * (ulong)(template + 1);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Mix(ulong hash, ulong value)
    {
        hash ^= value + 0x9E37_79B9_7F4A_7C15UL + (hash << 6) + (hash >> 2);
        return hash * 0xBF58_476D_1CE4_E5B9UL;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Finish(ulong hash)
    {
        hash ^= hash >> 31;
        hash *= 0x94D0_49BB_1331_11EBUL;
        hash ^= hash >> 29;
        return hash == 0 ? 1 : hash;
    }
}
