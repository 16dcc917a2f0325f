using Lagebild.Knowledge.Linking;
using Lagebild.Pipeline;
using Lagebild.Text.Segmentation;

namespace Lagebild;

/// <summary>What stage factories are given: the data directory and the resources several stages share.</summary>
public sealed record StageResources(DataDirectory Data, SegmentationProfiles Segmentation, LinkingResources Linking);

/// <summary>A stage of the engine's registry: the short name users give (--skip-stages), what it does, and how to build it.</summary>
public sealed record StageRegistration(string Name, string Description, Func<StageResources, IStage> Create);

/// <summary>A named choice of registered stages (null: all of them), in registry order whatever order is listed.</summary>
public sealed record StageProfile(string Name, string Description, IReadOnlyList<string>? Stages)
{
    public const string Full = "full";
}

/// <summary>Chooses stages from a registry by profile and skip list, and checks that the choice can run.</summary>
internal static class StageSelection
{
    public static bool TryChoose(
        IReadOnlyList<StageRegistration> registry,
        IReadOnlyList<StageProfile> profiles,
        string? profileName,
        IReadOnlyList<string> skip,
        out List<StageRegistration> chosen,
        out string? error)
    {
        chosen = [];
        error = null;
        var known = registry.Select(r => r.Name).ToList();
        var profile = profiles.FirstOrDefault(p => string.Equals(p.Name, profileName ?? StageProfile.Full, StringComparison.Ordinal));
        if (profile is null)
        {
            error = $"unknown profile '{profileName}'; profiles: {string.Join(", ", profiles.Select(p => p.Name))}.";
            return false;
        }

        foreach (var name in (profile.Stages ?? []).Concat(skip))
        {
            if (!known.Contains(name, StringComparer.Ordinal))
            {
                error = $"unknown stage '{name}'; stages: {string.Join(", ", known)}.";
                return false;
            }
        }

        chosen = registry
            .Where(r => profile.Stages is null || profile.Stages.Contains(r.Name, StringComparer.Ordinal))
            .Where(r => !skip.Contains(r.Name, StringComparer.Ordinal))
            .ToList();
        return true;
    }

    /// <summary>
    /// Every layer a chosen stage reads must be written by an earlier chosen stage. The message names the stage, the
    /// layer, and the left-out stage that writes it (left-out stages are only built to find that name).
    /// </summary>
    public static bool TryCheck(
        IReadOnlyList<StageRegistration> registry,
        IReadOnlyList<StageRegistration> chosen,
        IReadOnlyList<IStage> stages,
        StageResources resources,
        out string? error)
    {
        error = null;
        var available = new HashSet<LayerKey> { Layers.Article };
        for (var i = 0; i < stages.Count; i++)
        {
            foreach (var read in stages[i].Reads)
            {
                if (!available.Contains(read))
                {
                    var writer = registry
                        .Where(r => !chosen.Contains(r))
                        .FirstOrDefault(r => r.Create(resources).Writes.Contains(read));
                    var because = writer is null
                        ? "no stage before it writes that layer"
                        : $"it is written by stage '{writer.Name}', which was left out";
                    error = $"stage '{chosen[i].Name}' needs layer '{read.Name}', but {because}.";
                    return false;
                }
            }

            available.UnionWith(stages[i].Writes);
        }

        return true;
    }
}
