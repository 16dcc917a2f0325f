using Lagebild.Documents;

namespace Lagebild.Nlp.Entities;

/// <summary>A named entity: its character span in the article, its class and the tokens it covers.</summary>
public sealed record Entity(Span Span, EntityType Type, int FirstToken, int TokenCount);

/// <summary>A mention over the tokens of one sentence (no character offsets), as the tagger returns it.</summary>
public readonly record struct TokenMention(int Start, int Length, EntityType Type)
{
    public int End => Start + Length;
}

/// <summary>
/// The BIO label set: 0 is O, then B- and I- for each of <see cref="Types"/> (B = 1 + 2·type, I = 2 + 2·type).
/// </summary>
public static class NerLabels
{
    public const int Count = 9;

    public const byte Outside = 0;

    private static readonly string[] Names = ["O", "B-PER", "I-PER", "B-ORG", "I-ORG", "B-LOC", "I-LOC", "B-MISC", "I-MISC"];

    public static string Name(int label) => Names[label];

    /// <summary>The types the recogniser marks, in label order (<see cref="EntityType.Geopolitical"/> is linking's).</summary>
    public static IReadOnlyList<EntityType> Types { get; } =
        [EntityType.Person, EntityType.Organisation, EntityType.Location, EntityType.Miscellaneous];

    public static string Code(EntityType type) => EntityTypes.Code(type);

    public static byte Begin(EntityType type) => (byte)(1 + (2 * (int)type));

    public static byte Inside(EntityType type) => (byte)(2 + (2 * (int)type));

    public static bool IsBegin(int label) => label != Outside && label % 2 == 1;

    public static bool IsInside(int label) => label != Outside && label % 2 == 0;

    public static EntityType TypeOf(int label) => (EntityType)((label - 1) / 2);

    /// <summary>An I- label may only continue a mention of the same type.</summary>
    public static bool IsAllowedAfter(int previous, int label) =>
        !IsInside(label) || (previous != Outside && TypeOf(previous) == TypeOf(label));

    /// <summary>Mentions of a label sequence, conlleval-style: an I- that does not continue its type starts a mention.</summary>
    public static List<TokenMention> Mentions(ReadOnlySpan<byte> labels)
    {
        var mentions = new List<TokenMention>();
        var i = 0;
        while (i < labels.Length)
        {
            if (labels[i] == Outside)
            {
                i++;
                continue;
            }

            var type = TypeOf(labels[i]);
            var end = i + 1;
            while (end < labels.Length && labels[end] == Inside(type))
            {
                end++;
            }

            mentions.Add(new TokenMention(i, end - i, type));
            i = end;
        }

        return mentions;
    }
}
