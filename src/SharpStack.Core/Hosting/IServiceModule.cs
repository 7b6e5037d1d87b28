using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using SharpStack.Core.Configuration;
using SharpStack.Core.Errors;

namespace SharpStack.Core.Hosting;

/// <summary>A service the host can run (identity, image, …): its options, registrations, routes and start-up work.</summary>
public interface IServiceModule
{
    /// <summary>The name used on the command line and in logs ("identity").</summary>
    string Name { get; }

    /// <summary>The option groups this service owns (validated in every process, so one file serves all hosts).</summary>
    IEnumerable<OptionGroup> OptionGroups { get; }

    /// <summary>The option holding the port this service listens on.</summary>
    Option<int> PortOption { get; }

    /// <summary>How this service writes error bodies.</summary>
    IErrorWriter ErrorWriter { get; }

    /// <summary>Headers that repeat the request id besides x-openstack-request-id.</summary>
    IReadOnlyList<string> ExtraRequestIdHeaders => [];

    /// <summary>The WWW-Authenticate value sent with 401 answers (Keystone uri="…"), or null.</summary>
    string? WwwAuthenticate(ServiceContext context) => null;

    /// <summary>The catalog entry and service user the all-in-one set-up creates for this service (null for Identity itself).</summary>
    CatalogRegistration? Catalog(ServiceContext context) => null;

    void ConfigureServices(IServiceCollection services, ServiceContext context);

    /// <summary>Adds middleware after the shared pipeline (e.g. token authentication) and maps the routes.</summary>
    void Configure(WebApplication app, ServiceContext context);

    /// <summary>Brings the service's database to the newest schema (also `manage db sync`).</summary>
    Task MigrateAsync(IServiceProvider services, CancellationToken cancellationToken);

    /// <summary>How many migrations the service's database still needs (for `manage status`).</summary>
    Task<int> PendingMigrationCountAsync(IServiceProvider services, CancellationToken cancellationToken);

    /// <summary>Start-up work before the port opens: migrations, then checks that refuse a broken setup (e.g. missing keys).</summary>
    Task InitializeAsync(IServiceProvider services, CancellationToken cancellationToken);
}
