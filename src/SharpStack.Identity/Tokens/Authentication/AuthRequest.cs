using System.Text.Json.Nodes;
using SharpStack.Core.Errors;
using SharpStack.Identity.Api.Http;

namespace SharpStack.Identity.Tokens.Authentication;

/// <summary>The requested scope of a token.</summary>
public abstract record ScopeRequest
{
    /// <summary>No scope given: the user's default project if usable, else unscoped.</summary>
    public sealed record Default : ScopeRequest;

    /// <summary>"scope": "unscoped" (or {"unscoped": {}}): explicitly unscoped, even with a default project.</summary>
    public sealed record Unscoped : ScopeRequest;

    public sealed record Project(string? Id, string? Name, JsonObject? DomainSpec) : ScopeRequest;

    public sealed record Domain(string? Id, string? Name) : ScopeRequest;

    public sealed record System : ScopeRequest;

    public sealed record Trust(string Id) : ScopeRequest;
}

/// <summary>A parsed POST /v3/auth/tokens body: the identity methods with their data, and the scope.
/// Shape errors give Keystone's 400 texts.</summary>
public sealed record AuthRequest(IReadOnlyList<string> Methods, JsonObject Identity, ScopeRequest Scope, bool HasExplicitScope)
{
    public JsonObject MethodData(string method) => Identity[method] as JsonObject ?? [];

    public static AuthRequest Parse(JsonObject body)
    {
        if (body["auth"] is not JsonObject auth)
            throw KeystoneRequest.Expecting("auth", "request body");
        if (auth["identity"] is not JsonObject identity)
            throw auth.ContainsKey("identity")
                ? ApiException.BadRequest("Invalid input for field 'identity': the value is not of type 'object'")
                : ApiException.BadRequest("'identity' is a required property");
        if (identity["methods"] is not JsonArray methodsNode)
            throw identity.ContainsKey("methods")
                ? ApiException.BadRequest("Invalid input for field 'identity/methods': the value is not of type 'array'")
                : ApiException.BadRequest("'methods' is a required property");
        var methods = new List<string>();
        foreach (var m in methodsNode)
        {
            if (m is not JsonValue v || !v.TryGetValue<string>(out var name))
                throw ApiException.BadRequest("Invalid input for field 'identity/methods': items must be strings");
            if (!methods.Contains(name)) methods.Add(name);
        }
        if (methods.Count == 0)
            throw KeystoneRequest.Expecting("methods", "identity");
        foreach (var name in methods)
            if (identity[name] is not JsonObject)
                throw KeystoneRequest.Expecting(name, "identity");
        CheckPasswordUser(identity);

        var (scope, explicitScope) = ParseScope(auth);
        return new AuthRequest(methods, identity, scope, explicitScope);
    }

    private static void CheckPasswordUser(JsonObject identity)
    {
        if (identity["password"] is not JsonObject password || password["user"] is not { } userNode) return;
        if (userNode is not JsonObject user)
            throw ApiException.BadRequest("Invalid input for field 'password/user': the value is not of type 'object'");
        if (!user.ContainsKey("id") && !user.ContainsKey("name"))
            throw ApiException.BadRequest("Invalid input for field identity/password/user: id or name must be present.");
        foreach (var key in new[] { "id", "name", "password" })
            if (user[key] is { } n && (n is not JsonValue v || !v.TryGetValue<string>(out _)))
                throw ApiException.BadRequest($"Invalid input for field 'identity/password/user/{key}': {n.ToJsonString()} is not of type 'string'");
        if (user["domain"] is JsonObject domain && !domain.ContainsKey("id") && !domain.ContainsKey("name"))
            throw ApiException.BadRequest("Invalid input for field identity/password/user/domain: id or name must be present.");
    }

    private static (ScopeRequest, bool) ParseScope(JsonObject auth)
    {
        if (!auth.TryGetPropertyValue("scope", out var node) || node is null)
            return (new ScopeRequest.Default(), false);
        if (node is JsonValue v && v.TryGetValue<string>(out var text))
        {
            return text == "unscoped"
                ? (new ScopeRequest.Unscoped(), true)
                : throw KeystoneRequest.Expecting("system, project, domain, OS-TRUST:trust or unscoped", "scope");
        }
        if (node is not JsonObject scope)
            throw ApiException.BadRequest("Invalid input for field 'scope': the value is not of type 'object', 'string'");
        var kinds = new[] { "project", "domain", "unscoped", "system", "OS-TRUST:trust" }.Count(scope.ContainsKey);
        if (kinds != 1)
            throw KeystoneRequest.Expecting("system, project, domain, OS-TRUST:trust or unscoped", "scope");
        if (scope.ContainsKey("unscoped")) return (new ScopeRequest.Unscoped(), true);
        if (scope.ContainsKey("system"))
        {
            if (scope["system"] is not JsonObject system)
                throw ApiException.BadRequest("Invalid input for field 'scope/system': the value is not of type 'object'");
            if (system["all"] is { } all && (all is not JsonValue av || !av.TryGetValue<bool>(out _)))
                throw ApiException.BadRequest($"Invalid input for field 'scope/system/all': {all.ToJsonString()} is not of type 'boolean'");
            return (new ScopeRequest.System(), true);
        }
        if (scope["project"] is { } projectNode)
        {
            if (projectNode is not JsonObject project)
                throw ApiException.BadRequest("Invalid input for field 'scope/project': the value is not of type 'object'");
            var id = StringField(project, "id", "scope/project");
            var name = StringField(project, "name", "scope/project");
            if (id is null && name is null)
                throw ApiException.BadRequest("Invalid input for field scope/project: id or name must be present.");
            var domain = project["domain"] as JsonObject;
            if (domain is not null && !domain.ContainsKey("id") && !domain.ContainsKey("name"))
                throw ApiException.BadRequest("Invalid input for field scope/project/domain: id or name must be present.");
            return (new ScopeRequest.Project(id, name, domain), true);
        }
        if (scope["domain"] is { } domainNode)
        {
            if (domainNode is not JsonObject domain)
                throw ApiException.BadRequest("Invalid input for field 'scope/domain': the value is not of type 'object'");
            var id = StringField(domain, "id", "scope/domain");
            var name = StringField(domain, "name", "scope/domain");
            if (id is null && name is null)
                throw ApiException.BadRequest("Invalid input for field scope/domain: id or name must be present.");
            return (new ScopeRequest.Domain(id, name), true);
        }
        var trust = scope["OS-TRUST:trust"] as JsonObject;
        var trustId = trust is null ? null : StringField(trust, "id", "scope/OS-TRUST:trust");
        if (trustId is null) throw KeystoneRequest.Expecting("trust_id", "trust");
        return (new ScopeRequest.Trust(trustId), true);
    }

    private static string? StringField(JsonObject o, string key, string path)
    {
        if (o[key] is not { } n) return null;
        return n is JsonValue v && v.TryGetValue<string>(out var s)
            ? s
            : throw ApiException.BadRequest($"Invalid input for field '{path}/{key}': {n.ToJsonString()} is not of type 'string'");
    }
}
