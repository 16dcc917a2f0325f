namespace Lagebild.Documents;

/// <summary>
/// The entity types of the JSON contract (docs/analysis.schema.json). The recogniser marks the first four (the
/// CoNLL classes, whose order its label numbering relies on); actor linking adds <see cref="Geopolitical"/> for
/// countries and the governments standing for them.
/// </summary>
public enum EntityType
{
    Person,
    Organisation,
    Location,
    Miscellaneous,
    Geopolitical,
}

public static class EntityTypes
{
    /// <summary>The contract's code of a type: PER, ORG, LOC, MISC, GPE.</summary>
    public static string Code(EntityType type) => type switch
    {
        EntityType.Person => "PER",
        EntityType.Organisation => "ORG",
        EntityType.Location => "LOC",
        EntityType.Geopolitical => "GPE",
        _ => "MISC",
    };
}
