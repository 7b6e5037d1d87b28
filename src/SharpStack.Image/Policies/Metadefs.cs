using SharpStack.Core.Policy;

namespace SharpStack.Image.Policies;

/// <summary>Glance (Zed) default rules for the metadata definitions catalog (glance/policies/metadef.py): reads open
/// to readers of the owning project or of public namespaces, every change admin-only.</summary>
public static class Metadefs
{
    public const string Default = "metadef_default";
    public const string AdminRule = "metadef_admin";
    public const string GetNamespace = "get_metadef_namespace";
    public const string GetNamespaces = "get_metadef_namespaces";
    public const string ModifyNamespace = "modify_metadef_namespace";
    public const string AddNamespace = "add_metadef_namespace";
    public const string DeleteNamespace = "delete_metadef_namespace";
    public const string GetObject = "get_metadef_object";
    public const string GetObjects = "get_metadef_objects";
    public const string ModifyObject = "modify_metadef_object";
    public const string AddObject = "add_metadef_object";
    public const string DeleteObject = "delete_metadef_object";
    public const string ListResourceTypes = "list_metadef_resource_types";
    public const string GetResourceType = "get_metadef_resource_type";
    public const string AddResourceTypeAssociation = "add_metadef_resource_type_association";
    public const string RemoveResourceTypeAssociation = "remove_metadef_resource_type_association";
    public const string GetProperty = "get_metadef_property";
    public const string GetProperties = "get_metadef_properties";
    public const string ModifyProperty = "modify_metadef_property";
    public const string AddProperty = "add_metadef_property";
    public const string RemoveProperty = "remove_metadef_property";
    public const string GetTag = "get_metadef_tag";
    public const string GetTags = "get_metadef_tags";
    public const string ModifyTag = "modify_metadef_tag";
    public const string AddTag = "add_metadef_tag";
    public const string AddTags = "add_metadef_tags";
    public const string DeleteTag = "delete_metadef_tag";
    public const string DeleteTags = "delete_metadef_tags";

    private const string ReaderGetNamespace = "role:admin or (role:reader and (project_id:%(project_id)s or \"public\":%(visibility)s))";
    private const string Ns = "/v2/metadefs/namespaces/{namespace_name}";

    private static RuleDefault Read(string name, string check, string description, string method, string path) =>
        new(name, check)
        {
            Description = description,
            ScopeTypes = [PolicyScopes.Project],
            Operations = [new(method, path)],
            DeprecatedRule = new DeprecatedRule(name, "rule:" + Default)
            {
                Reason = "The metadata API now supports project scope and default roles.",
                Since = "X",
            },
        };

    private static RuleDefault Write(string name, string description, string method, string path) =>
        new(name, "rule:" + AdminRule) { Description = description, ScopeTypes = [PolicyScopes.Project], Operations = [new(method, path)] };

    public static IReadOnlyList<RuleDefault> Rules { get; } =
    [
        new(Default, ""),
        new(AdminRule, "role:admin"),
        Read(GetNamespace, ReaderGetNamespace, "Get a specific namespace.", "GET", Ns),
        Read(GetNamespaces, Base.AdminOrProjectReader, "List namespace.", "GET", "/v2/metadefs/namespaces"),
        Write(ModifyNamespace, "Modify an existing namespace.", "PUT", Ns),
        Write(AddNamespace, "Create a namespace.", "POST", "/v2/metadefs/namespaces"),
        Write(DeleteNamespace, "Delete a namespace.", "DELETE", Ns),
        Read(GetObject, ReaderGetNamespace, "Get a specific object from a namespace.", "GET", Ns + "/objects/{object_name}"),
        Read(GetObjects, ReaderGetNamespace, "Get objects from a namespace.", "GET", Ns + "/objects"),
        Write(ModifyObject, "Update an object within a namespace.", "PUT", Ns + "/objects/{object_name}"),
        Write(AddObject, "Create an object within a namespace.", "POST", Ns + "/objects"),
        Write(DeleteObject, "Delete an object within a namespace.", "DELETE", Ns + "/objects/{object_name}"),
        Read(ListResourceTypes, ReaderGetNamespace, "List meta definition resource types.", "GET", "/v2/metadefs/resource_types"),
        Read(GetResourceType, ReaderGetNamespace, "Get meta definition resource types associations.", "GET", Ns + "/resource_types"),
        Write(AddResourceTypeAssociation, "Create meta definition resource types association.", "POST", Ns + "/resource_types"),
        Write(RemoveResourceTypeAssociation, "Delete meta definition resource types association.", "POST", Ns + "/resource_types/{name}"),
        Read(GetProperty, ReaderGetNamespace, "Get a specific meta definition property.", "GET", Ns + "/properties/{property_name}"),
        Read(GetProperties, ReaderGetNamespace, "List meta definition properties.", "GET", Ns + "/properties"),
        Write(ModifyProperty, "Update meta definition property.", "GET", Ns + "/properties/{property_name}"),
        Write(AddProperty, "Create meta definition property.", "POST", Ns + "/properties"),
        Write(RemoveProperty, "Delete meta definition property.", "DELETE", Ns + "/properties/{property_name}"),
        Read(GetTag, ReaderGetNamespace, "Get tag definition.", "GET", Ns + "/tags/{tag_name}"),
        Read(GetTags, ReaderGetNamespace, "List tag definitions.", "GET", Ns + "/tags"),
        Write(ModifyTag, "Update tag definition.", "PUT", Ns + "/tags/{tag_name}"),
        Write(AddTag, "Add tag definition.", "POST", Ns + "/tags/{tag_name}"),
        Write(AddTags, "Create tag definitions.", "POST", Ns + "/tags"),
        Write(DeleteTag, "Delete tag definition.", "DELETE", Ns + "/tags/{tag_name}"),
        Write(DeleteTags, "Delete tag definitions.", "DELETE", Ns + "/tags"),
    ];
}
