using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SharpStack.Core.Auth.Remote;
using SharpStack.Core.Configuration;
using SharpStack.Core.Hosting;
using SharpStack.Core.Storage;
using SharpStack.Identity.Common;
using SharpStack.Identity.Configuration;
using SharpStack.Identity.Storage;
using SharpStack.Identity.Storage.Entities;
using SharpStack.Identity.Users;

namespace SharpStack.Identity.Setup;

/// <summary>What the install guides do by hand for each service (openstack user create glance; role add --project
/// service --user glance admin; role add --system all --user glance reader; service create; endpoint create
/// public/internal/admin), idempotently.</summary>
public static class ServiceRegistrar
{
    public static async Task EnsureAsync(IServiceProvider services, CatalogRegistration registration, ServiceCredentials credentials, string regionId, CancellationToken ct)
    {
        using var scope = services.CreateScope();
        var sp = scope.ServiceProvider;
        var db = sp.GetRequiredService<IdentityDb>();
        var passwords = sp.GetRequiredService<UserPasswords>();
        var domainId = sp.GetRequiredService<SharpStackConfig>().Get(IdentityOptions.DefaultDomainId);
        db.ChangeTracker.QueryTrackingBehavior = QueryTrackingBehavior.TrackAll;
        await Transactions.RunAsync(db, async c =>
        {
            db.ChangeTracker.Clear();
            await EnsureUserAsync(db, passwords, registration, credentials, domainId, c);
            await EnsureEndpointsAsync(db, registration, regionId, c);
            await db.SaveChangesAsync(c);
            return true;
        }, ct);
        await sp.GetRequiredService<IdentityRevision>().BumpAsync(db, ct);
    }

    private static async Task EnsureUserAsync(IdentityDb db, UserPasswords passwords, CatalogRegistration registration, ServiceCredentials credentials, string domainId, CancellationToken ct)
    {
        var project = await db.Projects.FirstAsync(p => p.DomainId == domainId && p.Name == credentials.ProjectName && !p.IsDomain, ct);
        var admin = await db.Roles.FirstAsync(r => r.Name == "admin" && r.DomainId == RoleRow.GlobalDomain, ct);
        var user = await db.Users.FirstOrDefaultAsync(u => u.DomainId == domainId && u.Name == registration.ServiceUser, ct);
        if (user is null)
        {
            user = new UserRow { Id = Ids.New(), Name = registration.ServiceUser, DomainId = domainId, Enabled = true, CreatedAt = DateTime.UtcNow };
            db.Users.Add(user);
            await db.SaveChangesAsync(ct);
            await passwords.SetAsync(db, user, credentials.Password, selfService: false, ct);
        }
        else if (!passwords.Matches(await passwords.CurrentHashAsync(db, user.Id, ct), credentials.Password))
        {
            await passwords.SetAsync(db, user, credentials.Password, selfService: false, ct);
        }
        if (!await db.Assignments.AnyAsync(a => a.Type == AssignmentType.UserProject && a.ActorId == user.Id && a.TargetId == project.Id && a.RoleId == admin.Id && !a.Inherited, ct))
            db.Assignments.Add(new AssignmentRow { Type = AssignmentType.UserProject, ActorId = user.Id, TargetId = project.Id, RoleId = admin.Id });
        // The guides' step for unified limits (role add --user glance --system all reader): services read every
        // project's limits with a system-scoped token.
        var reader = await db.Roles.FirstOrDefaultAsync(r => r.Name == "reader" && r.DomainId == RoleRow.GlobalDomain, ct);
        if (reader is not null && !await db.SystemAssignments.AnyAsync(a => a.ActorId == user.Id && a.RoleId == reader.Id, ct))
            db.SystemAssignments.Add(new SystemAssignmentRow { Type = AssignmentType.UserSystem, ActorId = user.Id, RoleId = reader.Id });
    }

    private static async Task EnsureEndpointsAsync(IdentityDb db, CatalogRegistration registration, string regionId, CancellationToken ct)
    {
        var service = await db.Services.FirstOrDefaultAsync(s => s.Type == registration.Type, ct);
        if (service is null)
        {
            service = new ServiceRow
            {
                Id = Ids.New(), Type = registration.Type, Enabled = true,
                Extra = new JsonObject { ["name"] = registration.Name, ["description"] = registration.Description }.ToJsonString(),
            };
            db.Services.Add(service);
        }
        var existing = await db.Endpoints.Where(e => e.ServiceId == service.Id).ToListAsync(ct);
        foreach (var iface in new[] { "public", "internal", "admin" })
        {
            var endpoint = existing.FirstOrDefault(e => e.Interface == iface && e.RegionId == regionId);
            if (endpoint is null)
                db.Endpoints.Add(new EndpointRow { Id = Ids.New(), Interface = iface, ServiceId = service.Id, Url = registration.Url, RegionId = regionId, Enabled = true });
            else if (endpoint.Url != registration.Url)
                endpoint.Url = registration.Url;
        }
    }
}
