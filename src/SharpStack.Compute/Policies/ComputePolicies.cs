using SharpStack.Core.Policy;

namespace SharpStack.Compute.Policies;

/// <summary>Every default rule of the compute service, registered with its policy enforcer.</summary>
public static class ComputePolicies
{
    public static IEnumerable<RuleDefault> All => Base.Rules.Concat(FlavorPolicies.Rules).Concat(KeypairPolicies.Rules);

    public static void RegisterAll(PolicyEnforcer enforcer) => enforcer.Register(All);
}
