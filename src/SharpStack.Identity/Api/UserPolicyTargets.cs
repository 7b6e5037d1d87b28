using System.Text.Json;
using System.Text.Json.Nodes;
using SharpStack.Core.Policy;
using SharpStack.Identity.Storage.Entities;
using SharpStack.Identity.Users;

namespace SharpStack.Identity.Api;

/// <summary>Policy targets of the user and group APIs as keystone/api/users.py and groups.py build them: the path
/// ids (Flask's view args) plus target.user / target.group holding the whole entity when it exists.</summary>
public static class UserPolicyTargets
{
    public static PolicyTarget Create() => new();

    public static PolicyTarget WithUser(this PolicyTarget target, UserView? user) =>
        user is null ? target : target.Set("target.user", Element(UserJson.Data(user)));

    public static PolicyTarget WithGroup(this PolicyTarget target, GroupRow? group) =>
        group is null ? target : target.Set("target.group", Element(UserJson.GroupData(group)));

    /// <summary>target.{name} = the request body's entity, as create calls pass it.</summary>
    public static PolicyTarget WithRequest(this PolicyTarget target, string name, JsonNode? entity) =>
        target.Set("target." + name, Element(entity));

    private static object? Element(JsonNode? node) =>
        node is null ? null : JsonSerializer.SerializeToElement(node);
}
