using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SharpStack.Identity.Common;
using SharpStack.Identity.Storage;
using SharpStack.Identity.Storage.Entities;
using SharpStack.Identity.Users;

namespace SharpStack.Identity.Tests.Api;

/// <summary>Users, projects and role assignments written straight into the database, for tests of APIs that only
/// refer to them (their own APIs live elsewhere).</summary>
public static class SeededUsers
{
    public sealed record Member(string UserId, string Name, string Password, string ProjectId, string ProjectName);

    /// <summary>A new user in the default domain with the member role on a new project.</summary>
    public static async Task<Member> CreateMemberAsync(IdentityServer server, string role = "member")
    {
        using var scope = server.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<IdentityDb>();
        var passwords = scope.ServiceProvider.GetRequiredService<UserPasswords>();
        var suffix = Ids.New()[..8];
        var project = new ProjectRow { Id = Ids.New(), Name = "p-" + suffix, DomainId = "default", ParentId = "default" };
        var user = new UserRow { Id = Ids.New(), Name = "u-" + suffix, DomainId = "default", CreatedAt = DateTime.UtcNow };
        db.Projects.Add(project);
        db.Users.Add(user);
        await db.SaveChangesAsync();
        await passwords.SetAsync(db, user, "pw-" + suffix, selfService: false, CancellationToken.None);
        var roleId = await db.Roles.Where(r => r.Name == role).Select(r => r.Id).FirstAsync();
        db.Assignments.Add(new AssignmentRow { Type = AssignmentType.UserProject, ActorId = user.Id, TargetId = project.Id, RoleId = roleId });
        await db.SaveChangesAsync();
        await scope.ServiceProvider.GetRequiredService<IdentityRevision>().BumpAsync(db);
        return new Member(user.Id, user.Name, "pw-" + suffix, project.Id, project.Name);
    }

    /// <summary>A project (or a domain when <paramref name="isDomain"/>), optionally under a parent.</summary>
    public static async Task<string> CreateProjectAsync(IdentityServer server, string? parentId = "default", bool isDomain = false)
    {
        using var scope = server.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<IdentityDb>();
        var id = Ids.New();
        db.Projects.Add(isDomain
            ? new ProjectRow { Id = id, Name = "d-" + id[..8], DomainId = ProjectRow.RootDomainId, IsDomain = true }
            : new ProjectRow { Id = id, Name = "p-" + id[..8], DomainId = "default", ParentId = parentId });
        await db.SaveChangesAsync();
        await scope.ServiceProvider.GetRequiredService<IdentityRevision>().BumpAsync(db);
        return id;
    }

    public static async Task<string> AdminUserIdAsync(IdentityServer server)
    {
        using var scope = server.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<IdentityDb>();
        return await db.Users.Where(u => u.Name == "admin").Select(u => u.Id).FirstAsync();
    }

    public static async Task<string> AdminProjectIdAsync(IdentityServer server)
    {
        using var scope = server.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<IdentityDb>();
        return await db.Projects.Where(p => p.Name == "admin" && !p.IsDomain).Select(p => p.Id).FirstAsync();
    }
}
