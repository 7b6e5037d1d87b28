using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using SharpStack.Core.Errors;
using SharpStack.Core.Http;
using SharpStack.Core.Validation;
using SharpStack.Placement.Api.Http;
using SharpStack.Placement.Policies;
using SharpStack.Placement.ResourceClasses;

namespace SharpStack.Placement.Api;

/// <summary>/resource_classes and /resource_classes/{name} (1.2+): thin HTTP over <see cref="ResourceClassManager"/>.
/// Upstream gates the microversion before the Accept/Content-Type checks on these routes.</summary>
public static class ResourceClassesApi
{
    private const int Introduced = 2;

    public static void Map(WebApplication app)
    {
        app.MapGet("/resource_classes", async (HttpContext context, PlacementAuthorizer authz, ResourceClassManager classes) =>
        {
            PlacementVersion.Require(context, Introduced);
            PlacementRequest.RequireJsonAccept(context);
            authz.Enforce(context, PolicyNames.ClassesList);
            var rows = await classes.ListAsync(context.RequestAborted);
            PlacementRequest.LastModified(context, rows.Count == 0 ? null : rows.Max(r => r.UpdatedAt));
            return new JsonBodyResult(new JsonObject { ["resource_classes"] = new JsonArray([.. rows.Select(r => ResourceClassView.Render(context, r))]) });
        });
        app.MapPost("/resource_classes", async (HttpContext context, PlacementAuthorizer authz, ResourceClassManager classes) =>
        {
            PlacementVersion.Require(context, Introduced);
            PlacementRequest.RequireJsonContentType(context);
            authz.Enforce(context, PolicyNames.ClassesCreate);
            var body = await PlacementRequest.ReadJsonAsync(context, ResourceClassSchemas.Name);
            var row = await classes.CreateAsync(body["name"]!.GetValue<string>(), context.RequestAborted);
            context.Response.Headers.Location = PlacementRequest.Absolute(context, $"/resource_classes/{row.Name}");
            return Results.StatusCode(201);
        });
        app.MapGet("/resource_classes/{name}", async (string name, HttpContext context, PlacementAuthorizer authz, ResourceClassManager classes) =>
        {
            PlacementVersion.Require(context, Introduced);
            PlacementRequest.RequireJsonAccept(context);
            authz.Enforce(context, PolicyNames.ClassesShow);
            var row = await classes.GetAsync(name, context.RequestAborted);
            PlacementRequest.LastModified(context, row.UpdatedAt);
            return new JsonBodyResult(ResourceClassView.Render(context, row));
        });
        app.MapPut("/resource_classes/{name}", async (string name, HttpContext context, PlacementAuthorizer authz, ResourceClassManager classes) =>
        {
            PlacementVersion.Require(context, Introduced);
            return PlacementVersion.AtLeast(context, 7)
                ? await EnsureAsync(name, context, authz, classes)
                : await RenameAsync(name, context, authz, classes);
        });
        app.MapDelete("/resource_classes/{name}", async (string name, HttpContext context, PlacementAuthorizer authz, ResourceClassManager classes) =>
        {
            PlacementVersion.Require(context, Introduced);
            authz.Enforce(context, PolicyNames.ClassesDelete);
            await classes.DeleteAsync(name, context.RequestAborted);
            return Results.NoContent();
        });
    }

    /// <summary>1.2–1.6: the body names the class's new name (200 with the renamed class, no Last-Modified).</summary>
    private static async Task<IResult> RenameAsync(string name, HttpContext context, PlacementAuthorizer authz, ResourceClassManager classes)
    {
        PlacementRequest.RequireJsonContentType(context);
        authz.Enforce(context, PolicyNames.ClassesUpdate);
        var body = await PlacementRequest.ReadJsonAsync(context, ResourceClassSchemas.Name);
        var row = await classes.RenameAsync(name, body["name"]!.GetValue<string>(), context.RequestAborted);
        return new JsonBodyResult(ResourceClassView.Render(context, row));
    }

    /// <summary>1.7+: create-or-verify, body and Content-Type ignored; the path name must pass the same schema as a
    /// POST body (upstream validates {"name": name}), so standard names are 400 too.</summary>
    private static async Task<IResult> EnsureAsync(string name, HttpContext context, PlacementAuthorizer authz, ResourceClassManager classes)
    {
        authz.Enforce(context, PolicyNames.ClassesUpdate);
        if (ResourceClassSchemas.Name.Validate(new JsonObject { ["name"] = name }) is { } error)
            throw ApiException.BadRequest("JSON does not validate: " + error.VerboseMessage);
        var (row, created) = await classes.EnsureAsync(name, context.RequestAborted);
        context.Response.Headers.Location = PlacementRequest.Absolute(context, $"/resource_classes/{row.Name}");
        return created ? Results.StatusCode(201) : Results.NoContent();
    }
}

/// <summary>Upstream's resource class schema (placement/schemas/resource_class.py), for POST and PUT alike.</summary>
internal static class ResourceClassSchemas
{
    public static readonly JsonSchema Name = JsonSchema.Parse(
        """{"type": "object", "properties": {"name": {"type": "string", "pattern": "^CUSTOM_[A-Z0-9_]+$", "maxLength": 255}}, "required": ["name"], "additionalProperties": false}""",
        JsonSchemaOptions.Placement);
}
