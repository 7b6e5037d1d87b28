using SharpStack.Core.Errors;
using SharpStack.Core.Policy;
using SharpStack.Image.Api.Http;
using SharpStack.Image.Images;
using SharpStack.Image.Storage.Entities;

namespace SharpStack.Image.Metadefs;

/// <summary>Who may see and change metadata definitions: Glance's DB visibility rule (admin, ownerless, public or
/// owned namespaces) and its MetadefAPIPolicy checks against a namespace's owner and visibility.</summary>
public sealed class MetadefAccess(ImageAuthorizer authz)
{
    /// <summary>Glance's _is_namespace_visible.</summary>
    public static bool Visible(ImageCaller caller, MetadefNamespaceRow ns) =>
        caller.IsAdmin || ns.Owner is null || ns.Visibility == "public" || (caller.ProjectId is not null && caller.ProjectId == ns.Owner);

    /// <summary>The policy target: the namespace's owner and visibility, or the caller's project without one.</summary>
    public static PolicyTarget Target(ImageCaller caller, MetadefNamespaceRow? ns) =>
        ns is null
            ? new PolicyTarget().Set("project_id", caller.ProjectId)
            : new PolicyTarget().Set("project_id", ns.Owner).Set("visibility", ns.Visibility ?? "private");

    public bool Check(ImageCaller caller, string rule, MetadefNamespaceRow? ns = null) =>
        authz.Allows(caller.Auth, rule, Target(caller, ns));

    /// <summary>MetadefAPIPolicy._enforce: a refusal is a bare 404 when the caller may not even read the namespace,
    /// the rule's 403 otherwise.</summary>
    public void Enforce(ImageCaller caller, string rule, MetadefNamespaceRow? ns = null)
    {
        if (Check(caller, rule, ns)) return;
        if (rule == Policies.Metadefs.GetNamespace || !Check(caller, Policies.Metadefs.GetNamespace, ns))
            throw ApiException.NotFound("The resource could not be found.");
        throw ApiException.Forbidden($"You are not authorized to complete {rule} action.");
    }

    /// <summary>Glance's domain delete checks: nothing in a protected namespace may be deleted.</summary>
    public static void RefuseIfProtected(MetadefNamespaceRow ns, string what)
    {
        if (ns.Protected == true) throw ApiException.Forbidden($"Metadata definition {what} is protected and cannot be deleted.");
    }
}
