using Microsoft.Extensions.DependencyInjection;
using SharpStack.Compute.Storage;
using SharpStack.Tests.Shared;

namespace SharpStack.Compute.Tests.Api;

/// <summary>Identity and Compute on loopback ports, set up as `sharpstack up` does (the nova service user, the catalog);
/// SHARPSTACK_TEST_COMPUTE_DATABASE runs the compute API database on PostgreSQL.</summary>
public sealed class ComputeCloud() : ServiceCloud(new ComputeModule(), "SHARPSTACK_TEST_COMPUTE_DATABASE", "SHARPSTACK_API_DATABASE__CONNECTION")
{
    public Uri ComputeUri => ServiceUri;

    /// <summary>A client of the Compute API under /v2.1/.</summary>
    public override HttpClient Client(string? token = null) => NewClient(new Uri(ServiceUri, "v2.1/"), token);

    /// <summary>Direct access to the compute API database, for checks the API cannot show.</summary>
    public ComputeApiDb OpenDb() => ServiceProvider.CreateScope().ServiceProvider.GetRequiredService<ComputeApiDb>();
}
