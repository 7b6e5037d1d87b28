using System.Text;
using SharpStack.Core.Policy;
using SharpStack.Identity.Policies;

namespace SharpStack.Identity.Tests.Policies;

public sealed class TokenCredentialsTests
{
    /// <summary>The generator's personas, rebuilt with the helper.</summary>
    private static PolicyCredentials Build(string persona)
    {
        string[] admin = ["admin", "member", "reader"];
        return persona switch
        {
            "project_admin" => TokenCredentials.ForProject("u_padmin", "d1", "p1", "d1", admin),
            "project_member" => TokenCredentials.ForProject("u_member", "d1", "p1", "d1", ["member", "reader"]),
            "project_reader" => TokenCredentials.ForProject("u_reader", "d1", "p1", "d1", ["reader"]),
            "system_admin" => TokenCredentials.ForSystem("u_sysadmin", "default", admin),
            "system_reader" => TokenCredentials.ForSystem("u_sysreader", "default", ["reader"]),
            "domain_admin" => TokenCredentials.ForDomain("u_dadmin", "d1", "d1", admin),
            "domain_reader" => TokenCredentials.ForDomain("u_dreader", "d1", "d1", ["reader"]),
            "owner" => TokenCredentials.ForProject("u_owner", "d1", "p1", "d1", ["member", "reader"]),
            "other_domain_admin" => TokenCredentials.ForDomain("u_d2admin", "d2", "d2", admin),
            "service" => TokenCredentials.ForProject("u_service", "default", "p_service", "default", ["service"]),
            _ => throw new ArgumentOutOfRangeException(nameof(persona)),
        };
    }

    [Fact]
    public void Helper_built_credentials_get_the_same_verdicts_as_keystones_own()
    {
        var diffs = new StringBuilder();
        foreach (var config in KeystoneFixture.Root.GetProperty("configs").EnumerateArray().Where(c => !c.TryGetProperty("policy_file", out _)))
        {
            var enforcer = KeystoneFixture.Enforcer(config.GetProperty("enforce_scope").GetBoolean(), config.GetProperty("enforce_new_defaults").GetBoolean());
            foreach (var rule in config.GetProperty("results").EnumerateObject())
            {
                var expected = rule.Value.GetString()!;
                var i = 0;
                foreach (var persona in KeystoneFixture.PersonaOrder)
                {
                    var creds = Build(persona);
                    foreach (var scenario in KeystoneFixture.ScenarioOrder)
                    {
                        var actual = KeystoneFixture.Verdict(enforcer.Authorize(rule.Name, creds, KeystoneFixture.Scenario(scenario)));
                        if (actual != expected[i])
                        {
                            diffs.AppendLine($"{config.GetProperty("name").GetString()} {rule.Name} {persona}/{scenario}: oslo={expected[i]} ours={actual}");
                        }
                        i++;
                    }
                }
            }
        }
        Assert.True(diffs.Length == 0, diffs.ToString());
    }

    [Fact]
    public void Scope_and_token_shape()
    {
        var domain = TokenCredentials.ForDomain("u", "d1", "d1", ["admin"]);
        Assert.Equal(PolicyScopes.Domain, domain.TokenScope);
        Assert.False(domain.IsAdminProject);
        var token = Assert.IsType<Dictionary<string, object?>>(domain.Extra["token"]);
        Assert.Equal("d1", ((Dictionary<string, object?>)token["domain"]!)["id"]);

        Assert.Equal(PolicyScopes.System, TokenCredentials.ForSystem("u", "default", ["reader"]).TokenScope);
        Assert.Equal(PolicyScopes.Project, TokenCredentials.ForProject("u", "d", "p", "d", []).TokenScope);
    }

    [Fact]
    public void Authorizing_a_keystone_rule_does_not_allocate()
    {
        var enforcer = KeystoneFixture.Enforcer(enforceScope: false, enforceNewDefaults: false);
        var creds = TokenCredentials.ForDomain("u_dreader", "d1", "d1", ["reader"]);
        var target = new Dictionary<string, object?> { ["user_id"] = "u_x", ["target.user.id"] = "u_x", ["target.user.domain_id"] = "d1" };
        for (var i = 0; i < 2000; i++)
        {
            Assert.True(enforcer.Authorize(IdentityPolicyNames.GetUser, creds, target).IsAllowed);
            Assert.False(enforcer.Authorize(IdentityPolicyNames.ListUsers, creds, target).IsAllowed);
        }
        var before = GC.GetAllocatedBytesForCurrentThread();
        var allowed = 0;
        for (var i = 0; i < 10_000; i++)
        {
            if (enforcer.Authorize(IdentityPolicyNames.GetUser, creds, target).IsAllowed) allowed++;
            if (enforcer.Authorize(IdentityPolicyNames.ListUsers, creds, target).IsAllowed) allowed++;
        }
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(10_000, allowed);
        Assert.Equal(0, allocated);
    }
}
