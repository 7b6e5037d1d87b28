using SharpStack.Core.Policy;

namespace SharpStack.Compute.Policies;

/// <summary>Flavor rules (nova.policies.flavor_manage, flavor_access, flavor_extra_specs): admins manage flavors and
/// their access; project readers may read extra specs.</summary>
public static class FlavorPolicies
{
    public const string Create = "os_compute_api:os-flavor-manage:create";
    public const string Update = "os_compute_api:os-flavor-manage:update";
    public const string Delete = "os_compute_api:os-flavor-manage:delete";
    public const string Access = "os_compute_api:os-flavor-access";
    public const string AddTenantAccess = "os_compute_api:os-flavor-access:add_tenant_access";
    public const string RemoveTenantAccess = "os_compute_api:os-flavor-access:remove_tenant_access";
    public const string ExtraSpecsIndex = "os_compute_api:os-flavor-extra-specs:index";
    public const string ExtraSpecsShow = "os_compute_api:os-flavor-extra-specs:show";
    public const string ExtraSpecsCreate = "os_compute_api:os-flavor-extra-specs:create";
    public const string ExtraSpecsUpdate = "os_compute_api:os-flavor-extra-specs:update";
    public const string ExtraSpecsDelete = "os_compute_api:os-flavor-extra-specs:delete";

    private static readonly DeprecatedRule OldAccess = new(Access, "rule:admin_or_owner")
    {
        Reason = Base.DeprecatedAdminOrOwner.Reason, Since = "21.0.0",
    };

    public static IReadOnlyList<RuleDefault> Rules { get; } =
    [
        Base.Rule(Create, Base.Admin, "Create a flavor", "POST", "/flavors"),
        Base.Rule(Update, Base.Admin, "Update a flavor", "PUT", "/flavors/{flavor_id}"),
        Base.Rule(Delete, Base.Admin, "Delete a flavor", "DELETE", "/flavors/{flavor_id}"),
        Base.Rule(AddTenantAccess, Base.Admin, "Add flavor access to a tenant", "POST", "/flavors/{flavor_id}/action (addTenantAccess)"),
        Base.Rule(RemoveTenantAccess, Base.Admin, "Remove flavor access from a tenant", "POST", "/flavors/{flavor_id}/action (removeTenantAccess)"),
        Base.Rule(Access, Base.Admin,
            "List flavor access information. Also controls whether all flavors (public and private) are listed when is_public is not given.",
            "GET", "/flavors/{flavor_id}/os-flavor-access", OldAccess),
        Base.Rule(ExtraSpecsShow, Base.ProjectReaderOrAdmin, "Show an extra spec for a flavor", "GET", "/flavors/{flavor_id}/os-extra_specs/{flavor_extra_spec_key}"),
        Base.Rule(ExtraSpecsCreate, Base.Admin, "Create extra specs for a flavor", "POST", "/flavors/{flavor_id}/os-extra_specs/"),
        Base.Rule(ExtraSpecsUpdate, Base.Admin, "Update an extra spec for a flavor", "PUT", "/flavors/{flavor_id}/os-extra_specs/{flavor_extra_spec_key}"),
        Base.Rule(ExtraSpecsDelete, Base.Admin, "Delete an extra spec for a flavor", "DELETE", "/flavors/{flavor_id}/os-extra_specs/{flavor_extra_spec_key}"),
        Base.Rule(ExtraSpecsIndex, Base.ProjectReaderOrAdmin, "List extra specs for a flavor", "GET", "/flavors/{flavor_id}/os-extra_specs/"),
    ];
}
