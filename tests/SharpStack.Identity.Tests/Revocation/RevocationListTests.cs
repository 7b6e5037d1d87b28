using Microsoft.Extensions.DependencyInjection;
using SharpStack.Identity.Assignments;
using SharpStack.Identity.Revocation;
using SharpStack.Identity.Storage;
using SharpStack.Identity.Tests.Api;
using SharpStack.Identity.Tokens;
using SharpStack.Identity.Tokens.Formats;

namespace SharpStack.Identity.Tests.Revocation;

/// <summary>Keystone's revocation rule: every field an event sets must match the token, and the token must have
/// been issued no later than the event's issued_before.</summary>
public sealed class RevocationListTests(IdentityServer server) : IClassFixture<IdentityServer>
{
    private static TokenData Token(string user, string? project, string audit, string? chain = null, DateTimeOffset? issued = null) => new()
    {
        Payload = new TokenPayload
        {
            UserId = user,
            Methods = ["password"],
            ProjectId = project,
            ExpiresAt = DateTimeOffset.UtcNow.AddHours(1),
            IssuedAt = issued ?? DateTimeOffset.UtcNow.AddMinutes(-1),
            AuditIds = chain is null ? [audit] : [audit, chain],
        },
        User = new TokenUser(user, "u", "default", "Default", null),
        AuthenticatedUserId = user,
        Project = project is null ? null : new TokenProject(project, "p", "default", "Default", false),
        Roles = [new RoleRef("r1", "member")],
    };

    private async Task<bool> RevokedAsync(TokenData token)
    {
        var list = server.Services.GetRequiredService<RevocationList>();
        return await list.IsRevokedAsync(token, CancellationToken.None);
    }

    private async Task WithRevoker(Func<Revoker, Task> act)
    {
        using var scope = server.Services.CreateScope();
        await act(scope.ServiceProvider.GetRequiredService<Revoker>());
    }

    [Fact]
    public async Task User_event_revokes_that_users_earlier_tokens_only()
    {
        var user = Guid.NewGuid().ToString("N");
        var before = Token(user, "p1", "a1");
        var other = Token(Guid.NewGuid().ToString("N"), "p1", "a2");
        await WithRevoker(r => r.RevokeUserAsync(user));
        Assert.True(await RevokedAsync(before));
        Assert.False(await RevokedAsync(other));
        var later = Token(user, "p1", "a3", issued: DateTimeOffset.UtcNow.AddSeconds(2));
        Assert.False(await RevokedAsync(later));
    }

    [Fact]
    public async Task Audit_id_and_chain_events()
    {
        var user = Guid.NewGuid().ToString("N");
        var audit = Guid.NewGuid().ToString("N")[..22];
        var chain = Guid.NewGuid().ToString("N")[..22];
        await WithRevoker(r => r.RevokeAuditIdAsync(audit));
        Assert.True(await RevokedAsync(Token(user, null, audit)));
        Assert.False(await RevokedAsync(Token(user, null, "other-audit")));
        await WithRevoker(r => r.RevokeAuditChainAsync(chain, null, null));
        Assert.True(await RevokedAsync(Token(user, "p", "fresh-audit", chain)));
    }

    [Fact]
    public async Task Project_event_matches_tokens_scoped_to_it()
    {
        var project = Guid.NewGuid().ToString("N");
        await WithRevoker(r => r.RevokeProjectAsync(project));
        Assert.True(await RevokedAsync(Token("u1", project, "x1")));
        Assert.False(await RevokedAsync(Token("u1", "elsewhere", "x2")));
    }

    [Fact]
    public async Task Ten_thousand_events_still_check_by_index()
    {
        using (var scope = server.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<IdentityDb>();
            var now = DateTime.UtcNow;
            for (var i = 0; i < 10_000; i++)
                db.RevocationEvents.Add(new() { AuditId = "bulk" + i, IssuedBefore = now, RevokedAt = now });
            await db.SaveChangesAsync();
            await scope.ServiceProvider.GetRequiredService<SharpStack.Identity.Common.IdentityRevision>().BumpAsync(db);
        }
        Assert.True(await RevokedAsync(Token("u", null, "bulk9999")));
        var clean = Token("u", null, "not-bulk");
        for (var i = 0; i < 100; i++) Assert.False(await RevokedAsync(clean));
    }
}
