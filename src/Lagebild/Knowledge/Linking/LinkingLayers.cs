using System.Globalization;
using System.Text.Json;
using Lagebild.Documents;
using Lagebild.Pipeline;

namespace Lagebild.Knowledge.Linking;

/// <summary>
/// The layers of <see cref="ActorLinkingStage"/> and <see cref="CoreferenceStage"/> and the contract's "entities"
/// they fill: the chained entities of coreference, or the bare linked mentions when only linking ran.
/// </summary>
public static class LinkingLayers
{
    /// <summary>Mentions of known actors, countries, capitals and seats (places without actor), in text order.</summary>
    public static readonly LayerKey<IReadOnlyList<ActorMention>> ActorMentions = new("actor-mentions", new EntitiesOutput());

    /// <summary>The entities of the JSON contract with their chains: linked mentions, partial names, descriptions, pronouns.</summary>
    public static readonly LayerKey<CoreferenceLayer> Coreference = new("coreference", new EntitiesOutput());

    /// <summary>The entities of the coreference layer, or the bare linked mentions (without chains) when only linking ran.</summary>
    public static IReadOnlyList<LinkedEntity> EntitiesOf(AnalysisContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.TryGet(Coreference, out var coreference))
        {
            return coreference.Entities;
        }

        return context.TryGet(ActorMentions, out var mentions)
            ? mentions.Select(m => new LinkedEntity(m.Span, m.Text, m.Type, m.Kind, m.Actor, null, [], m.Confidence, m.Evidence)).ToList()
            : [];
    }

    /// <summary>The contract's name of a mention kind ("name", "metonym", ...).</summary>
    public static string KindName(MentionKind kind) => kind.ToString().ToLowerInvariant();

    /// <summary>The same for both layers: <see cref="EntitiesOf"/> picks coreference when it ran.</summary>
    private sealed class EntitiesOutput : LayerOutput
    {
        public override string Section => "entities";

        public override void WriteSection(Utf8JsonWriter writer, AnalysisContext context, OutputOptions options)
        {
            writer.WriteStartArray();
            foreach (var entity in EntitiesOf(context))
            {
                writer.WriteStartObject();
                writer.WriteNumber("start", entity.Span.Start);
                writer.WriteNumber("end", entity.Span.End);
                writer.WriteString("text", entity.Text);
                writer.WriteString("type", EntityTypes.Code(entity.Type));
                if (entity.Actor is { } actor)
                {
                    writer.WriteStartObject("actor");
                    writer.WriteString("id", actor.Id);
                    writer.WriteString("name", actor.Name);
                    WriteNullable(writer, "code", actor.Code);
                    WriteNullable(writer, "country", actor.Country);
                    WriteNullable(writer, "role", actor.Role);
                    writer.WriteEndObject();
                }
                else
                {
                    writer.WriteNull("actor");
                }

                if (entity.Chain is { } chain)
                {
                    writer.WriteNumber("chain", chain);
                }
                else
                {
                    writer.WriteNull("chain");
                }

                writer.WriteString("kind", KindName(entity.Kind));
                if (entity.Confidence is { } confidence)
                {
                    writer.WriteNumber("confidence", Math.Round(confidence, 2));
                }
                else
                {
                    writer.WriteNull("confidence");
                }

                WriteNullable(writer, "evidence", entity.Evidence);
                if (entity.Members.Count > 0)
                {
                    writer.WriteStartArray("members");
                    foreach (var member in entity.Members)
                    {
                        writer.WriteNumberValue(member);
                    }

                    writer.WriteEndArray();
                }

                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        }

        /// <summary>
        /// One line per chain (code, actor, mention count, distinct surface forms) and why it links (confidence, reason of
        /// the first link), then names without actor, places and plural references.
        /// </summary>
        public override void Report(ReportParts report, AnalysisContext context)
        {
            var entities = EntitiesOf(context);
            if (entities.Count == 0)
            {
                report.AddSection("entities", null);
                return;
            }

            var chained = entities.Where(e => e.Chain is not null).GroupBy(e => e.Chain!.Value).OrderBy(g => g.Key).ToList();
            var lines = new List<string>();
            foreach (var chain in chained)
            {
                var linked = chain.FirstOrDefault(e => e.Actor is not null);
                var forms = chain.Select(e => Whitespace.Collapse(e.Text)).Distinct(StringComparer.Ordinal).ToList();
                var shown = string.Join(", ", forms.Take(6)) + (forms.Count > 6 ? ", …" : "");
                var code = linked?.Actor!.Code ?? "-";
                var name = linked?.Actor!.Name ?? "(not in the knowledge base)";
                lines.Add(string.Create(CultureInfo.InvariantCulture,
                    $"#{chain.Key} {code,-10} {name} ({EntityTypes.Code(chain.First().Type)}, {chain.Count()}×): {shown}"));
                if (linked is { Confidence: { } confidence })
                {
                    lines.Add(string.Create(CultureInfo.InvariantCulture, $"   why: {confidence:0.00} {linked.Evidence}"));
                }
            }

            var unchained = entities.Where(e => e.Chain is null && e.Kind != MentionKind.Place && e.Members.Count == 0)
                .Select(e => $"{Whitespace.Collapse(e.Text)} ({EntityTypes.Code(e.Type)})").Distinct(StringComparer.Ordinal).ToList();
            if (unchained.Count > 0)
            {
                lines.Add($"names without actor: {string.Join(", ", unchained)}");
            }

            var places = entities.Where(e => e.Kind == MentionKind.Place).Select(e => Whitespace.Collapse(e.Text)).Distinct(StringComparer.Ordinal).ToList();
            if (places.Count > 0)
            {
                lines.Add($"places: {string.Join(", ", places)}");
            }

            foreach (var plural in entities.Where(e => e.Members.Count > 0))
            {
                lines.Add(string.Create(CultureInfo.InvariantCulture,
                    $"\"{Whitespace.Collapse(plural.Text)}\" at {plural.Span.Start}: {string.Join(" + ", plural.Members.Select(m => "#" + m.ToString(CultureInfo.InvariantCulture)))}"));
            }

            report.AddSection("entities", $"{ReportParts.Count(entities.Count, "mention")}, {ReportParts.Count(chained.Count, "actor")}", lines);
        }

        private static void WriteNullable(Utf8JsonWriter writer, string name, string? value)
        {
            if (value is null)
            {
                writer.WriteNull(name);
            }
            else
            {
                writer.WriteString(name, value);
            }
        }
    }
}
