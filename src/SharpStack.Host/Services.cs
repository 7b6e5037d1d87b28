using SharpStack.Core.Configuration;
using SharpStack.Core.Hosting;
using SharpStack.Identity;
using SharpStack.Image;

namespace SharpStack.Host;

/// <summary>Every service this program can run, in start order.</summary>
public static class Services
{
    public static readonly IReadOnlyList<IServiceModule> All =
        [new IdentityModule(), new ImageModule(), new SharpStack.Placement.PlacementModule(), new SharpStack.Compute.ComputeModule()];

    /// <summary>What `sharpstack up` runs. Compute joins once it can boot servers: until then its partial API (flavors)
    /// runs only through `sharpstack serve compute`, so that clients and Tempest do not find a compute endpoint that
    /// cannot create servers.</summary>
    public static IReadOnlyList<IServiceModule> AllInOne => All.Where(s => s.Name != "compute").ToList();

    public static IServiceModule? Find(string name) => All.FirstOrDefault(s => s.Name == name);

    /// <summary>The schema of every option of every service: one file is checked whole, whatever runs here.</summary>
    public static ConfigSchema Schema() => new(CoreOptions.Groups.Concat(All.SelectMany(s => s.OptionGroups)));
}
