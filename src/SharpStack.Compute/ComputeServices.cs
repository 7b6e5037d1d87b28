using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SharpStack.Compute.Api.Http;
using SharpStack.Compute.Flavors;
using SharpStack.Compute.Policies;
using SharpStack.Core.Hosting;
using SharpStack.Core.Policy;

namespace SharpStack.Compute;

/// <summary>The compute service's registrations, grouped by subsystem.</summary>
public static class ComputeServices
{
    public static void Add(IServiceCollection services, ServiceContext context)
    {
        services.AddSingleton(sp => PolicySetup.CreateEnforcer(context.Config,
            sp.GetRequiredService<ILoggerFactory>().CreateLogger("SharpStack.Compute.Policy"), ComputePolicies.RegisterAll));
        services.AddSingleton<ComputeAuthorizer>();
        services.AddScoped<FlavorStore>();
        services.AddScoped<FlavorLister>();
        services.AddScoped<FlavorManager>();
    }
}
