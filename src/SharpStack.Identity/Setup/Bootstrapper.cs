using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SharpStack.Core.Configuration;
using SharpStack.Core.Storage;
using SharpStack.Identity.Common;
using SharpStack.Identity.Configuration;
using SharpStack.Identity.Storage;
using SharpStack.Identity.Storage.Entities;
using SharpStack.Identity.Users;

namespace SharpStack.Identity.Setup;

/// <summary>keystone-manage bootstrap: the default domain, the admin project, the admin user, the reader/member/admin
/// roles (admin implies member implies reader), the admin's project and system grants, and the identity endpoints.
/// Idempotent: what exists is kept, so running it twice creates nothing twice.</summary>
public static class Bootstrapper
{
    public static async Task<IReadOnlyList<string>> RunAsync(IServiceProvider services, BootstrapRequest request, CancellationToken ct)
    {
        using var scope = services.CreateScope();
        var sp = scope.ServiceProvider;
        var db = sp.GetRequiredService<IdentityDb>();
        var config = sp.GetRequiredService<SharpStackConfig>();
        var passwords = sp.GetRequiredService<UserPasswords>();
        var domainId = config.Get(IdentityOptions.DefaultDomainId);
        db.ChangeTracker.QueryTrackingBehavior = QueryTrackingBehavior.TrackAll;
        var log = await Transactions.RunAsync(db, c => CreateAsync(db, passwords, request, domainId, c), ct);
        await sp.GetRequiredService<IdentityRevision>().BumpAsync(db, ct);
        return log;
    }

    private static async Task<List<string>> CreateAsync(IdentityDb db, UserPasswords passwords, BootstrapRequest request, string domainId, CancellationToken ct)
    {
        var log = new List<string>();

        if (!await db.Projects.AnyAsync(p => p.Id == domainId, ct))
        {
            db.Projects.Add(new ProjectRow
            {
                Id = domainId, Name = "Default", DomainId = ProjectRow.RootDomainId, IsDomain = true, Enabled = true,
                Description = "The default domain",
            });
            log.Add($"Created domain {domainId}");
        }

        var project = await db.Projects.FirstOrDefaultAsync(p => p.DomainId == domainId && p.Name == request.ProjectName && !p.IsDomain, ct);
        if (project is null)
        {
            project = new ProjectRow
            {
                Id = Ids.New(), Name = request.ProjectName, DomainId = domainId, ParentId = domainId, Enabled = true,
                Description = "Bootstrap project for initializing the cloud.",
            };
            db.Projects.Add(project);
            log.Add($"Created project {request.ProjectName}");
        }

        var reader = await EnsureRoleAsync(db, "reader", request.ImmutableRoles, log, ct);
        var member = await EnsureRoleAsync(db, "member", request.ImmutableRoles, log, ct);
        var admin = await EnsureRoleAsync(db, request.RoleName, request.ImmutableRoles, log, ct);
        await EnsureImpliedAsync(db, member, reader, log, ct);
        await EnsureImpliedAsync(db, admin, member, log, ct);
        await db.SaveChangesAsync(ct);

        var user = await db.Users.FirstOrDefaultAsync(u => u.DomainId == domainId && u.Name == request.Username, ct);
        if (user is null)
        {
            user = new UserRow { Id = Ids.New(), Name = request.Username, DomainId = domainId, Enabled = true, CreatedAt = DateTime.UtcNow };
            db.Users.Add(user);
            await db.SaveChangesAsync(ct);
            await passwords.SetAsync(db, user, request.Password, selfService: false, ct);
            log.Add($"Created user {request.Username}");
        }
        else if (request.ResetPassword)
        {
            if (!passwords.Matches(await passwords.CurrentHashAsync(db, user.Id, ct), request.Password))
            {
                await passwords.SetAsync(db, user, request.Password, selfService: false, ct);
                log.Add($"Reset password for user {request.Username}.");
            }
            if (!user.Enabled)
            {
                user.Enabled = true;
                log.Add($"Enabled user {request.Username}.");
            }
        }

        if (!await db.Assignments.AnyAsync(a => a.Type == AssignmentType.UserProject && a.ActorId == user.Id && a.TargetId == project.Id && a.RoleId == admin.Id && !a.Inherited, ct))
        {
            db.Assignments.Add(new AssignmentRow { Type = AssignmentType.UserProject, ActorId = user.Id, TargetId = project.Id, RoleId = admin.Id });
            log.Add($"Granted role {request.RoleName} on project {request.ProjectName} to user {request.Username}.");
        }
        if (!await db.SystemAssignments.AnyAsync(a => a.ActorId == user.Id && a.RoleId == admin.Id, ct))
        {
            db.SystemAssignments.Add(new SystemAssignmentRow { Type = AssignmentType.UserSystem, ActorId = user.Id, RoleId = admin.Id });
            log.Add($"Granted role {request.RoleName} on the system to user {request.Username}.");
        }

        if (request.RegionId is { } regionId && !await db.Regions.AnyAsync(r => r.Id == regionId, ct))
        {
            db.Regions.Add(new RegionRow { Id = regionId, Description = "" });
            log.Add($"Created region {regionId}");
        }
        if (request.AdminUrl is not null || request.PublicUrl is not null || request.InternalUrl is not null)
            await EnsureIdentityEndpointsAsync(db, request, log, ct);

        return log;
    }

    /// <summary>Creates a project in the default domain if missing (the all-in-one cloud's "service" project).</summary>
    public static async Task EnsureProjectAsync(IServiceProvider services, string name, string description, CancellationToken ct)
    {
        using var scope = services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<IdentityDb>();
        var domainId = scope.ServiceProvider.GetRequiredService<SharpStackConfig>().Get(IdentityOptions.DefaultDomainId);
        if (await db.Projects.AnyAsync(p => p.DomainId == domainId && p.Name == name, ct)) return;
        db.Projects.Add(new ProjectRow { Id = Ids.New(), Name = name, DomainId = domainId, ParentId = domainId, Enabled = true, Description = description });
        await db.SaveChangesAsync(ct);
        await scope.ServiceProvider.GetRequiredService<IdentityRevision>().BumpAsync(db, ct);
    }

    private static async Task<RoleRow> EnsureRoleAsync(IdentityDb db, string name, bool immutable, List<string> log, CancellationToken ct)
    {
        var role = db.Roles.Local.FirstOrDefault(r => r.Name == name && r.DomainId == RoleRow.GlobalDomain)
            ?? await db.Roles.FirstOrDefaultAsync(r => r.Name == name && r.DomainId == RoleRow.GlobalDomain, ct);
        if (role is not null) return role;
        role = new RoleRow { Id = Ids.New(), Name = name, Options = immutable ? new JsonObject { ["immutable"] = true }.ToJsonString() : null };
        db.Roles.Add(role);
        log.Add($"Created role {name}");
        return role;
    }

    private static async Task EnsureImpliedAsync(IdentityDb db, RoleRow prior, RoleRow implied, List<string> log, CancellationToken ct)
    {
        if (db.ImpliedRoles.Local.Any(i => i.PriorRoleId == prior.Id && i.ImpliedRoleId == implied.Id)
            || await db.ImpliedRoles.AnyAsync(i => i.PriorRoleId == prior.Id && i.ImpliedRoleId == implied.Id, ct))
            return;
        db.ImpliedRoles.Add(new ImpliedRoleRow { PriorRoleId = prior.Id, ImpliedRoleId = implied.Id });
        log.Add($"Created implied role where {prior.Name} implies {implied.Name}");
    }

    private static async Task EnsureIdentityEndpointsAsync(IdentityDb db, BootstrapRequest request, List<string> log, CancellationToken ct)
    {
        var service = await db.Services.FirstOrDefaultAsync(s => s.Type == "identity", ct);
        if (service is null)
        {
            service = new ServiceRow { Id = Ids.New(), Type = "identity", Enabled = true, Extra = new JsonObject { ["name"] = request.ServiceName }.ToJsonString() };
            db.Services.Add(service);
            log.Add($"Created service {request.ServiceName}");
        }
        var existing = await db.Endpoints.Where(e => e.ServiceId == service.Id).ToListAsync(ct);
        foreach (var (iface, url) in new[] { ("admin", request.AdminUrl), ("public", request.PublicUrl), ("internal", request.InternalUrl) })
        {
            if (url is null) continue;
            var endpoint = existing.FirstOrDefault(e => e.Interface == iface && e.RegionId == request.RegionId);
            if (endpoint is null)
            {
                db.Endpoints.Add(new EndpointRow { Id = Ids.New(), Interface = iface, ServiceId = service.Id, Url = url, RegionId = request.RegionId, Enabled = true });
                log.Add($"Created {iface} endpoint {url}");
            }
            else if (endpoint.Url != url)
            {
                endpoint.Url = url;
                log.Add($"Updated {iface} endpoint to {url}");
            }
        }
    }
}
