using SharpStack.Core.Policy;

namespace SharpStack.Placement.Policies;

/// <summary>Placement's (Zed) default rules: system-scoped admin writes and reader reads, project readers for their
/// own usages; until enforce_new_defaults each base rule also accepts its old default, role:admin.</summary>
public static class PlacementPolicies
{
    public const string AdminApi = "admin_api";
    public const string SystemAdminApi = "system_admin_api";
    public const string SystemReaderApi = "system_reader_api";
    public const string ProjectReaderApi = "project_reader_api";
    public const string SystemOrProjectReader = "system_or_project_reader";

    private static DeprecatedRule Old(string name) =>
        new(name, "role:admin") { Reason = "Placement now supports system scope and the reader role.", Since = "W" };

    private static RuleDefault Base(string name, string check, string description, bool deprecated = true) =>
        new(name, check) { Description = description, DeprecatedRule = deprecated ? Old(name) : null };

    private static RuleDefault Rule(string name, string check, string method, string path, string description, bool project = false) =>
        new(name, $"rule:{check}")
        {
            Description = description,
            ScopeTypes = project ? [PolicyScopes.System, PolicyScopes.Project] : [PolicyScopes.System],
            Operations = [new(method, path)],
        };

    public static IReadOnlyList<RuleDefault> All { get; } =
    [
        new(AdminApi, "role:admin") { Description = "Default rule for most placement APIs.", ScopeTypes = [PolicyScopes.System] },
        Base(SystemAdminApi, "role:admin and system_scope:all", "Default rule for System Admin APIs."),
        Base(SystemReaderApi, "role:reader and system_scope:all", "Default rule for System level read only APIs."),
        Base(ProjectReaderApi, "role:reader and project_id:%(project_id)s", "Default rule for Project level read only APIs."),
        Base(SystemOrProjectReader, $"rule:{SystemReaderApi} or rule:{ProjectReaderApi}", "Default rule for System+Project read only APIs."),
        Rule(PolicyNames.ProvidersList, SystemReaderApi, "GET", "/resource_providers", "List resource providers."),
        Rule(PolicyNames.ProvidersCreate, SystemAdminApi, "POST", "/resource_providers", "Create resource provider."),
        Rule(PolicyNames.ProvidersShow, SystemReaderApi, "GET", "/resource_providers/{uuid}", "Show resource provider."),
        Rule(PolicyNames.ProvidersUpdate, SystemAdminApi, "PUT", "/resource_providers/{uuid}", "Update resource provider."),
        Rule(PolicyNames.ProvidersDelete, SystemAdminApi, "DELETE", "/resource_providers/{uuid}", "Delete resource provider."),
        Rule(PolicyNames.ClassesList, SystemReaderApi, "GET", "/resource_classes", "List resource classes."),
        Rule(PolicyNames.ClassesCreate, SystemAdminApi, "POST", "/resource_classes", "Create resource class."),
        Rule(PolicyNames.ClassesShow, SystemReaderApi, "GET", "/resource_classes/{name}", "Show resource class."),
        Rule(PolicyNames.ClassesUpdate, SystemAdminApi, "PUT", "/resource_classes/{name}", "Update resource class."),
        Rule(PolicyNames.ClassesDelete, SystemAdminApi, "DELETE", "/resource_classes/{name}", "Delete resource class."),
        Rule(PolicyNames.InventoriesList, SystemReaderApi, "GET", "/resource_providers/{uuid}/inventories", "List resource provider inventories."),
        Rule(PolicyNames.InventoriesCreate, SystemAdminApi, "POST", "/resource_providers/{uuid}/inventories", "Create one resource provider inventory."),
        Rule(PolicyNames.InventoriesShow, SystemReaderApi, "GET", "/resource_providers/{uuid}/inventories/{resource_class}", "Show resource provider inventory."),
        Rule(PolicyNames.InventoriesUpdate, SystemAdminApi, "PUT", "/resource_providers/{uuid}/inventories", "Update resource provider inventory."),
        Rule(PolicyNames.InventoriesDelete, SystemAdminApi, "DELETE", "/resource_providers/{uuid}/inventories", "Delete resource provider inventory."),
        Rule(PolicyNames.AggregatesList, SystemReaderApi, "GET", "/resource_providers/{uuid}/aggregates", "List resource provider aggregates."),
        Rule(PolicyNames.AggregatesUpdate, SystemAdminApi, "PUT", "/resource_providers/{uuid}/aggregates", "Update resource provider aggregates."),
        Rule(PolicyNames.ProviderUsages, SystemReaderApi, "GET", "/resource_providers/{uuid}/usages", "List resource provider usages."),
        Rule(PolicyNames.TotalUsages, SystemOrProjectReader, "GET", "/usages", "List total resource usages for a given project.", project: true),
        Rule(PolicyNames.TraitsList, SystemReaderApi, "GET", "/traits", "List traits."),
        Rule(PolicyNames.TraitsShow, SystemReaderApi, "GET", "/traits/{name}", "Show trait."),
        Rule(PolicyNames.TraitsUpdate, SystemAdminApi, "PUT", "/traits/{name}", "Update trait."),
        Rule(PolicyNames.TraitsDelete, SystemAdminApi, "DELETE", "/traits/{name}", "Delete trait."),
        Rule(PolicyNames.ProviderTraitsList, SystemReaderApi, "GET", "/resource_providers/{uuid}/traits", "List resource provider traits."),
        Rule(PolicyNames.ProviderTraitsUpdate, SystemAdminApi, "PUT", "/resource_providers/{uuid}/traits", "Update resource provider traits."),
        Rule(PolicyNames.ProviderTraitsDelete, SystemAdminApi, "DELETE", "/resource_providers/{uuid}/traits", "Delete resource provider traits."),
        Rule(PolicyNames.AllocationsManage, SystemAdminApi, "POST", "/allocations", "Manage allocations."),
        Rule(PolicyNames.AllocationsList, SystemReaderApi, "GET", "/allocations/{consumer_uuid}", "List allocations."),
        Rule(PolicyNames.AllocationsUpdate, SystemAdminApi, "PUT", "/allocations/{consumer_uuid}", "Update allocations."),
        Rule(PolicyNames.AllocationsDelete, SystemAdminApi, "DELETE", "/allocations/{consumer_uuid}", "Delete allocations."),
        Rule(PolicyNames.ProviderAllocationsList, SystemReaderApi, "GET", "/resource_providers/{uuid}/allocations", "List resource provider allocations."),
        Rule(PolicyNames.CandidatesList, SystemReaderApi, "GET", "/allocation_candidates", "List allocation candidates."),
        Rule(PolicyNames.Reshape, SystemAdminApi, "POST", "/reshaper", "Reshape Inventory and Allocations."),
    ];

    public static void RegisterAll(PolicyEnforcer enforcer) => enforcer.Register(All);
}

/// <summary>The names of Placement's API rules.</summary>
public static class PolicyNames
{
    public const string ProvidersList = "placement:resource_providers:list";
    public const string ProvidersCreate = "placement:resource_providers:create";
    public const string ProvidersShow = "placement:resource_providers:show";
    public const string ProvidersUpdate = "placement:resource_providers:update";
    public const string ProvidersDelete = "placement:resource_providers:delete";
    public const string ClassesList = "placement:resource_classes:list";
    public const string ClassesCreate = "placement:resource_classes:create";
    public const string ClassesShow = "placement:resource_classes:show";
    public const string ClassesUpdate = "placement:resource_classes:update";
    public const string ClassesDelete = "placement:resource_classes:delete";
    public const string InventoriesList = "placement:resource_providers:inventories:list";
    public const string InventoriesCreate = "placement:resource_providers:inventories:create";
    public const string InventoriesShow = "placement:resource_providers:inventories:show";
    public const string InventoriesUpdate = "placement:resource_providers:inventories:update";
    public const string InventoriesDelete = "placement:resource_providers:inventories:delete";
    public const string AggregatesList = "placement:resource_providers:aggregates:list";
    public const string AggregatesUpdate = "placement:resource_providers:aggregates:update";
    public const string ProviderUsages = "placement:resource_providers:usages";
    public const string TotalUsages = "placement:usages";
    public const string TraitsList = "placement:traits:list";
    public const string TraitsShow = "placement:traits:show";
    public const string TraitsUpdate = "placement:traits:update";
    public const string TraitsDelete = "placement:traits:delete";
    public const string ProviderTraitsList = "placement:resource_providers:traits:list";
    public const string ProviderTraitsUpdate = "placement:resource_providers:traits:update";
    public const string ProviderTraitsDelete = "placement:resource_providers:traits:delete";
    public const string AllocationsManage = "placement:allocations:manage";
    public const string AllocationsList = "placement:allocations:list";
    public const string AllocationsUpdate = "placement:allocations:update";
    public const string AllocationsDelete = "placement:allocations:delete";
    public const string ProviderAllocationsList = "placement:resource_providers:allocations:list";
    public const string CandidatesList = "placement:allocation_candidates:list";
    public const string Reshape = "placement:reshaper:reshape";
}
