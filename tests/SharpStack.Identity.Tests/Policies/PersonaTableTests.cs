using SharpStack.Core.Policy;
using SharpStack.Identity.Policies;

namespace SharpStack.Identity.Tests.Policies;

/// <summary>
/// Who may do what under Keystone's Zed defaults (enforce_scope = false, enforce_new_defaults = false),
/// for a few representative rules with targets shaped like keystone's RBAC enforcer builds them.
/// <para>
/// The expected values were not written by hand: they are oslo.policy 4.0.0's verdicts with
/// keystone 22.0.2's rules, printed by <c>Upstream/generate_keystone_expectations.py --print-tables</c>.
/// <see cref="Table_rows_are_the_upstream_verdicts"/> re-checks the rows against the generated file.
/// </para>
/// Personas (see the generator): everyone but the system personas lives in domain d1; project
/// personas are scoped to project p1 (d1); "owner" is a plain member (u_owner) who owns the target;
/// admin personas also hold the implied member and reader roles.
/// </summary>
public sealed class PersonaTableTests
{
    private static readonly string[] Personas =
        ["project_admin", "project_member", "project_reader", "system_admin", "system_reader", "domain_admin", "domain_reader", "owner"];

    private static readonly Lazy<PolicyEnforcer> ZedDefaults = new(() => KeystoneFixture.Enforcer(false, false));

    /// <summary>The targets of the table rows (identical to the generator's).</summary>
    internal static readonly Dictionary<(string Rule, string Case), Dictionary<string, object?>> Targets = new()
    {
        [(IdentityPolicyNames.GetUser, "self")] = new() { ["user_id"] = "u_owner", ["target.user.id"] = "u_owner", ["target.user.domain_id"] = "d1" },
        [(IdentityPolicyNames.GetUser, "user_in_d1")] = new() { ["user_id"] = "u_alice", ["target.user.id"] = "u_alice", ["target.user.domain_id"] = "d1" },
        [(IdentityPolicyNames.GetUser, "user_in_d2")] = new() { ["user_id"] = "u_bob", ["target.user.id"] = "u_bob", ["target.user.domain_id"] = "d2" },
        [(IdentityPolicyNames.ListUsers, "no_domain_filter")] = [],
        [(IdentityPolicyNames.ListUsers, "domain_d1")] = new() { ["target.domain_id"] = "d1" },
        [(IdentityPolicyNames.CreateProject, "in_d1")] = new() { ["target.project.domain_id"] = "d1", ["target.project.name"] = "new" },
        [(IdentityPolicyNames.GetProject, "p1_in_d1")] = new() { ["project_id"] = "p1", ["target.project.id"] = "p1", ["target.project.domain_id"] = "d1" },
        [(IdentityPolicyNames.GetProject, "p2_in_d2")] = new() { ["project_id"] = "p2", ["target.project.id"] = "p2", ["target.project.domain_id"] = "d2" },
        [(IdentityPolicyNames.ListRoleAssignments, "no_filter")] = [],
        [(IdentityPolicyNames.ListRoleAssignments, "domain_d1")] = new() { ["target.domain_id"] = "d1" },
        [(IdentityPolicyNames.ValidateToken, "owner_token")] = new() { ["target.token.user_id"] = "u_owner", ["target.token.user.domain.id"] = "d1" },
        [(IdentityPolicyNames.ValidateToken, "someone_elses")] = new() { ["target.token.user_id"] = "u_bob", ["target.token.user.domain.id"] = "d2" },
        [(IdentityPolicyNames.CreateGrant, "user_d1_on_p1")] = Grant("u_alice", "d1", "p1", "d1"),
        [(IdentityPolicyNames.CreateGrant, "user_d2_on_p2")] = Grant("u_bob", "d2", "p2", "d2"),
        [(IdentityPolicyNames.CreateGrant, "group_d1_on_domain_d1")] = new()
        {
            ["role_id"] = "r_member", ["group_id"] = "g1", ["domain_id"] = "d1",
            ["target.role.id"] = "r_member", ["target.role.name"] = "member", ["target.role.domain_id"] = null,
            ["target.group.id"] = "g1", ["target.group.domain_id"] = "d1", ["target.domain.id"] = "d1",
        },
        [(IdentityPolicyNames.CheckGrant, "user_d1_on_p1")] = Grant("u_alice", "d1", "p1", "d1"),
        [(IdentityPolicyNames.CheckGrant, "user_d2_on_p2")] = Grant("u_bob", "d2", "p2", "d2"),
        [(IdentityPolicyNames.GetApplicationCredential, "owners")] = new() { ["user_id"] = "u_owner", ["application_credential_id"] = "ac1" },
        [(IdentityPolicyNames.GetApplicationCredential, "someone_elses")] = new() { ["user_id"] = "u_bob", ["application_credential_id"] = "ac2" },
    };

    private static Dictionary<string, object?> Grant(string user, string userDomain, string project, string projectDomain) => new()
    {
        ["role_id"] = "r_member", ["user_id"] = user, ["project_id"] = project,
        ["target.role.id"] = "r_member", ["target.role.name"] = "member", ["target.role.domain_id"] = null,
        ["target.user.id"] = user, ["target.user.domain_id"] = userDomain,
        ["target.project.id"] = project, ["target.project.domain_id"] = projectDomain,
    };

    //                                                                project   project  project  system  system  domain  domain  owner
    //                                                                admin     member   reader   admin   reader  admin   reader
    [Theory]
    [InlineData("identity:get_user", "self", true, false, false, true, true, true, true, true)]
    [InlineData("identity:get_user", "user_in_d1", true, false, false, true, true, true, true, false)]
    [InlineData("identity:get_user", "user_in_d2", true, false, false, true, true, true, false, false)]
    [InlineData("identity:list_users", "no_domain_filter", true, false, false, true, true, true, false, false)]
    [InlineData("identity:list_users", "domain_d1", true, false, false, true, true, true, true, false)]
    [InlineData("identity:create_project", "in_d1", true, false, false, true, false, true, false, false)]
    [InlineData("identity:get_project", "p1_in_d1", true, true, true, true, true, true, true, true)]
    [InlineData("identity:get_project", "p2_in_d2", true, false, false, true, true, true, false, false)]
    [InlineData("identity:list_role_assignments", "no_filter", true, false, false, true, true, true, false, false)]
    [InlineData("identity:list_role_assignments", "domain_d1", true, false, false, true, true, true, true, false)]
    [InlineData("identity:validate_token", "owner_token", true, false, false, true, true, true, false, true)]
    [InlineData("identity:validate_token", "someone_elses", true, false, false, true, true, true, false, false)]
    [InlineData("identity:create_grant", "user_d1_on_p1", true, false, false, true, false, true, false, false)]
    [InlineData("identity:create_grant", "user_d2_on_p2", true, false, false, true, false, true, false, false)]
    [InlineData("identity:create_grant", "group_d1_on_domain_d1", true, false, false, true, false, true, false, false)]
    [InlineData("identity:check_grant", "user_d1_on_p1", true, false, false, true, true, true, true, false)]
    [InlineData("identity:check_grant", "user_d2_on_p2", true, false, false, true, true, true, false, false)]
    [InlineData("identity:get_application_credential", "owners", true, false, false, true, true, true, false, true)]
    [InlineData("identity:get_application_credential", "someone_elses", true, false, false, true, true, true, false, false)]
    public void Zed_defaults(
        string rule, string target,
        bool projectAdmin, bool projectMember, bool projectReader, bool systemAdmin, bool systemReader,
        bool domainAdmin, bool domainReader, bool owner)
    {
        bool[] expected = [projectAdmin, projectMember, projectReader, systemAdmin, systemReader, domainAdmin, domainReader, owner];
        var actual = Personas
            .Select(p => ZedDefaults.Value.Authorize(rule, KeystoneFixture.Persona(p), Targets[(rule, target)]).IsAllowed)
            .ToArray();
        Assert.Equal(expected, actual);
    }

    [Fact]
    public void Table_rows_are_the_upstream_verdicts()
    {
        var rows = typeof(PersonaTableTests).GetMethod(nameof(Zed_defaults))!
            .GetCustomAttributes(typeof(InlineDataAttribute), false)
            .Cast<InlineDataAttribute>()
            .Select(a => a.GetData(null!).Single())
            .ToDictionary(d => ((string)d[0], (string)d[1]), d => d.Skip(2).Cast<bool>().ToArray());

        var tables = KeystoneFixture.Root.GetProperty("tables").EnumerateArray().ToList();
        Assert.Equal(tables.Count, rows.Count);
        foreach (var t in tables)
        {
            var key = (t.GetProperty("rule").GetString()!, t.GetProperty("case").GetString()!);
            var upstream = Personas.Select(p => t.GetProperty("expected").GetProperty(p).GetString() == "1").ToArray();
            Assert.Equal(upstream, rows[key]);

            var upstreamTarget = (Dictionary<string, object?>)KeystoneFixture.ToClr(t.GetProperty("target"))!;
            Assert.Equal(upstreamTarget.OrderBy(kv => kv.Key), Targets[key].OrderBy(kv => kv.Key));
        }
    }

    [Fact]
    public void Secure_rbac_settings_keep_admins_and_refuse_wrong_scopes()
    {
        // With enforce_new_defaults the deprecated "rule:admin_required" alternative goes away, but the
        // new create_grant default still starts with rule:admin_required, so a domain admin (role admin)
        // keeps passing; the domain-confinement alternatives only matter for custom admin_required rules.
        var enforcer = KeystoneFixture.Enforcer(enforceScope: true, enforceNewDefaults: true);
        var domainAdmin = KeystoneFixture.Persona("domain_admin");
        var result = enforcer.Authorize(IdentityPolicyNames.CreateGrant, domainAdmin, Targets[(IdentityPolicyNames.CreateGrant, "user_d1_on_p1")]);
        Assert.True(result.IsAllowed);

        var projectMember = KeystoneFixture.Persona("project_member");
        Assert.Equal(PolicyDecision.Denied, enforcer.Authorize(IdentityPolicyNames.CreateGrant, projectMember, Targets[(IdentityPolicyNames.CreateGrant, "user_d1_on_p1")]).Decision);

        // A domain-scoped token on a system/project-only rule is refused for its scope.
        var listDomains = enforcer.Authorize(IdentityPolicyNames.ListDomains, domainAdmin, PolicyTarget.Empty);
        Assert.Equal(PolicyDecision.ScopeMismatch, listDomains.Decision);
    }
}
