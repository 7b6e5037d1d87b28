using SharpStack.Core.Policy;

namespace SharpStack.Image.Policies;

/// <summary>Every Glance default rule, and the one place that registers them with an enforcer.</summary>
public static class GlancePolicies
{
    public static IReadOnlyList<RuleDefault> All { get; } = [.. Base.Rules, .. Images.Rules, .. Metadefs.Rules];

    public static void RegisterAll(PolicyEnforcer enforcer) => enforcer.Register(All);
}
