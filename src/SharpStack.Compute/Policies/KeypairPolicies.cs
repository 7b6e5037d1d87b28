using SharpStack.Core.Policy;

namespace SharpStack.Compute.Policies;

/// <summary>Keypair rules (nova.policies.keypairs): a user manages their own keypairs, an admin anyone's.</summary>
public static class KeypairPolicies
{
    public const string Index = "os_compute_api:os-keypairs:index";
    public const string Create = "os_compute_api:os-keypairs:create";
    public const string Delete = "os_compute_api:os-keypairs:delete";
    public const string Show = "os_compute_api:os-keypairs:show";

    private const string AdminOrUser = "(" + Base.Admin + ") or user_id:%(user_id)s";

    public static IReadOnlyList<RuleDefault> Rules { get; } =
    [
        Base.Rule(Index, AdminOrUser, "List all keypairs", "GET", "/os-keypairs"),
        Base.Rule(Create, AdminOrUser, "Create a keypair", "POST", "/os-keypairs"),
        Base.Rule(Delete, AdminOrUser, "Delete a keypair", "DELETE", "/os-keypairs/{keypair_name}"),
        Base.Rule(Show, AdminOrUser, "Show details of a keypair", "GET", "/os-keypairs/{keypair_name}"),
    ];
}
