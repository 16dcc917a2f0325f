using Lagebild.Documents;
using Lagebild.Knowledge.Linking;
using Lagebild.Nlp.Entities;
using Lagebild.Nlp.Morphology;
using Lagebild.Nlp.Parsing;

namespace Lagebild.Pipeline;

/// <summary>Every layer the engine knows. A new stage adds its key here so the contract stays in one place.</summary>
public static class Layers
{
    /// <summary>The article itself (text and metadata); present before the first stage runs.</summary>
    public static readonly LayerKey<Article> Article = new("article");

    public static readonly LayerKey<LanguageGuess> Language = new("language");

    public static readonly LayerKey<IReadOnlyList<Sentence>> Sentences = new("sentences");

    public static readonly LayerKey<IReadOnlyList<Token>> Tokens = new("tokens");

    /// <summary>Part of speech, UD features and lemma per token, indexed like <see cref="Tokens"/>.</summary>
    public static readonly LayerKey<MorphologyLayer> Morphology = new("morphology");

    /// <summary>Syntactic head and UD relation per token, indexed like <see cref="Tokens"/>; each sentence is a tree.</summary>
    public static readonly LayerKey<DependencyLayer> Dependencies = new("dependencies");

    /// <summary>Named entities (PER, ORG, LOC, MISC) with their character spans and token ranges, in text order.</summary>
    public static readonly LayerKey<IReadOnlyList<Entity>> Entities = new("entities");

    /// <summary>Mentions of known actors, countries, capitals and seats (places without actor), in text order.</summary>
    public static readonly LayerKey<IReadOnlyList<ActorMention>> ActorMentions = new("actor-mentions");

    /// <summary>The entities of the JSON contract with their chains: linked mentions, partial names, descriptions, pronouns.</summary>
    public static readonly LayerKey<CoreferenceLayer> Coreference = new("coreference");
}
