using Lagebild.Documents;
using Lagebild.Knowledge;

namespace Lagebild.Knowledge.Linking;

/// <summary>How a mention refers to its actor.</summary>
public enum MentionKind
{
    /// <summary>A name of the actor, a country name or an inflected form of one ("Lukaschenkos", "Chinas").</summary>
    Name,

    /// <summary>A capital or seat of power standing for its country or government ("Peking", "Kremls").</summary>
    Metonym,

    /// <summary>A country adjective or name with an agent noun ("chinesische Staatsmedien", "US-Außenminister").</summary>
    Description,

    /// <summary>A country, capital or seat governed by a locative preposition: a place, not an actor ("in Peking").</summary>
    Place,

    /// <summary>Part of a full name mentioned in the same article ("Xi" after "Xi Jinping").</summary>
    Partial,

    /// <summary>A personal or possessive pronoun ("er", "sein", "his").</summary>
    Pronoun,

    /// <summary>A plural reference to coordinated actors ("beide", "both").</summary>
    Plural,
}

/// <summary>
/// A mention found by <see cref="ActorLinkingStage"/>: its span, the token range it covers (end exclusive), its type
/// and kind, and the actor it denotes on the article's date (null for places and unknown references).
/// <see cref="RoleGender"/> is the gender of the role noun of a person description ("m", "f", "x"), else null.
/// <see cref="Confidence"/> (0–1) and <see cref="Evidence"/> say how sure the link is and why; both are unset
/// without an actor.
/// </summary>
public sealed record ActorMention(
    Span Span,
    string Text,
    int FirstToken,
    int EndToken,
    EntityType Type,
    MentionKind Kind,
    ActorResolution? Actor,
    string? RoleGender = null,
    double? Confidence = null,
    string? Evidence = null)
{
    /// <summary>A description whose head noun denotes a person holding a role ("der chinesische Staatschef").</summary>
    public bool IsPersonDescription => Kind == MentionKind.Description && RoleGender is not null;
}

/// <summary>
/// One coreference chain: the mentions (indexes into <see cref="CoreferenceLayer.Entities"/>) of one actor, or of one
/// name the knowledge base does not know (then <see cref="Actor"/> is null and <see cref="Name"/> is that name).
/// </summary>
public sealed record CoreferenceChain(int Id, ActorResolution? Actor, IReadOnlyList<int> Mentions, string? Name = null);

/// <summary>
/// An entity as the JSON contract lists it: a mention with its resolved actor and chain. A plural reference has no
/// actor and chain but names the chains of the actors it refers to in <see cref="Members"/>. A name the knowledge base
/// does not know has no actor but may have a chain. <see cref="Confidence"/> and <see cref="Evidence"/> come with an actor.
/// </summary>
public sealed record LinkedEntity(
    Span Span,
    string Text,
    EntityType Type,
    MentionKind Kind,
    ActorResolution? Actor,
    int? Chain,
    IReadOnlyList<int> Members,
    double? Confidence = null,
    string? Evidence = null);

/// <summary>The coreference layer: entities in text order and the chains over them.</summary>
public sealed record CoreferenceLayer(IReadOnlyList<LinkedEntity> Entities, IReadOnlyList<CoreferenceChain> Chains);
