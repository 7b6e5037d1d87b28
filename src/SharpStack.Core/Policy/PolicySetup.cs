using Microsoft.Extensions.Logging;
using SharpStack.Core.Configuration;
using SharpStack.Core.Hosting;

namespace SharpStack.Core.Policy;

/// <summary>Builds a service's policy enforcer from [oslo_policy]: its defaults in code, then the optional policy file.</summary>
public static class PolicySetup
{
    public static PolicyEnforcer CreateEnforcer(SharpStackConfig config, ILogger logger, Action<PolicyEnforcer> registerDefaults)
    {
        var enforcer = new PolicyEnforcer(new PolicyOptions
        {
            EnforceScope = config.Get(CoreOptions.EnforceScope),
            EnforceNewDefaults = config.Get(CoreOptions.EnforceNewDefaults),
            PolicyFile = config.Get(CoreOptions.PolicyFile),
        }, logger);
        registerDefaults(enforcer);
        try
        {
            enforcer.Load();
        }
        catch (PolicyFileException e)
        {
            throw new ConfigException("[oslo_policy] policy_file: " + e.Message);
        }
        return enforcer;
    }
}
