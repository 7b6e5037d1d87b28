namespace SharpStack.Core.Hosting;

/// <summary>How the all-in-one set-up registers a service: its catalog entry (one URL for the public, internal and
/// admin interfaces) and the service user it authenticates as, as the upstream install guides create them.</summary>
/// <param name="Type">The catalog type ("image").</param>
/// <param name="Name">The catalog name ("glance").</param>
/// <param name="Description">The service's description in the catalog.</param>
/// <param name="Url">The endpoint URL ("http://10.0.0.1:9292").</param>
/// <param name="ServiceUser">The service user's name ("glance"), given the admin role on the service project.</param>
public sealed record CatalogRegistration(string Type, string Name, string Description, string Url, string ServiceUser);
