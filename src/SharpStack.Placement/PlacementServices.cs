using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SharpStack.Core.Hosting;
using SharpStack.Core.Policy;
using SharpStack.Placement.Api.Http;
using SharpStack.Placement.Policies;
using SharpStack.Placement.Providers;

namespace SharpStack.Placement;

/// <summary>The placement service's registrations, grouped by subsystem.</summary>
public static class PlacementServices
{
    public static void Add(IServiceCollection services, ServiceContext context)
    {
        services.AddSingleton(sp => PolicySetup.CreateEnforcer(context.Config,
            sp.GetRequiredService<ILoggerFactory>().CreateLogger("SharpStack.Placement.Policy"), PlacementPolicies.RegisterAll));
        services.AddSingleton<PlacementAuthorizer>();
        services.AddScoped<ProviderStore>();
        services.AddScoped<ProviderManager>();
        services.AddScoped<ProviderLister>();
        services.AddScoped<ProviderQuery>();
        services.AddScoped<ResourceClasses.ResourceClassCatalog>();
        Inventories.InventoryServices.Add(services);
        ResourceClasses.ResourceClassServices.Add(services);
        Traits.TraitServices.Add(services);
        Aggregates.AggregateServices.Add(services);
        Allocations.AllocationServices.Add(services);
        Usages.UsageServices.Add(services);
        Candidates.CandidateServices.Add(services);
        Reshaper.ReshaperServices.Add(services);
    }
}
