using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using SharpStack.Core.Errors;
using SharpStack.Core.Http;
using SharpStack.Image.Api.Http;
using SharpStack.Image.Images;
using SharpStack.Image.Members;
using SharpStack.Image.Policies;
using SharpStack.Image.Storage.Entities;

namespace SharpStack.Image.Api;

/// <summary>/v2/images/{id}/members: thin HTTP over <see cref="MemberManager"/>, in Glance's order of checks (body,
/// image lookup, visibility and ownership, policy, member lookup, quota and duplicates).</summary>
public static class MembersApi
{
    public static void Map(RouteGroupBuilder v2)
    {
        v2.MapPost("/images/{image_id}/members", async (string image_id, HttpContext context, ImageAuthorizer authz, MemberManager members) =>
        {
            var body = await ReadBodyAsync(context);
            var memberId = MemberOf(body);
            var caller = ImageCaller.From(context, authz);
            var image = await members.FindImageAsync(caller, image_id, context.RequestAborted);
            if (MemberManager.Refusal(caller, image, MemberAction.Create, Legacy(authz)) is not null)
                throw ApiException.Forbidden($"Not allowed to create members for image {image_id}.");
            Enforce(authz, caller, image, ImagePolicyNames.AddMember);
            var member = await members.AddAsync(caller, image, memberId, context.RequestAborted);
            return new JsonBodyResult(MemberView.Render(member));
        });
        v2.MapGetHead("/images/{image_id}/members", async (string image_id, HttpContext context, ImageAuthorizer authz, MemberManager members) =>
        {
            var caller = ImageCaller.From(context, authz);
            var image = await members.FindImageAsync(caller, image_id, context.RequestAborted);
            if (MemberManager.Refusal(caller, image, MemberAction.List, Legacy(authz)) is { } reason)
                throw ApiException.Forbidden($"Not allowed to list members for image {image.Id}: {reason}");
            Enforce(authz, caller, image, ImagePolicyNames.GetMembers);
            var target = ImageTarget.For(image, MemberManager.TargetMember(caller, image));
            IEnumerable<ImageMemberRow> rows = await members.ListAsync(caller, image, context.RequestAborted);
            if (!authz.Allows(caller.Auth, ImagePolicyNames.GetMember, target)) rows = [];
            return new JsonBodyResult(MemberView.Collection(rows));
        });
        v2.MapGetHead("/images/{image_id}/members/{member_id}", async (string image_id, string member_id, HttpContext context, ImageAuthorizer authz, MemberManager members) =>
        {
            var caller = ImageCaller.From(context, authz);
            var image = await members.FindImageAsync(caller, image_id, context.RequestAborted);
            try
            {
                if (MemberManager.Refusal(caller, image, MemberAction.Show, Legacy(authz)) is { } reason)
                    throw ApiException.Forbidden(reason);
                Enforce(authz, caller, image, ImagePolicyNames.GetMember);
            }
            catch (ApiException e) when (e.Status == 403)
            {
                // Glance answers 404 rather than reveal the image's members.
                throw ApiException.NotFound(e.Message);
            }
            return new JsonBodyResult(MemberView.Render(await members.GetAsync(caller, image, member_id, context.RequestAborted)));
        });
        v2.MapPut("/images/{image_id}/members/{member_id}", async (string image_id, string member_id, HttpContext context, ImageAuthorizer authz, MemberManager members) =>
        {
            var body = await ReadBodyAsync(context);
            if (body is not JsonObject o) throw ApiException.BadRequest("Expected a status in the form: {\"status\": \"status\"}");
            if (!o.TryGetPropertyValue("status", out var status)) throw ApiException.BadRequest("Status not specified");
            var caller = ImageCaller.From(context, authz);
            var image = await members.FindImageAsync(caller, image_id, context.RequestAborted);
            if (MemberManager.Refusal(caller, image, MemberAction.Update, Legacy(authz)) is not null)
                throw ApiException.Forbidden($"Not allowed to update members for image {image_id}.");
            Enforce(authz, caller, image, ImagePolicyNames.GetMember);
            var member = await members.GetAsync(caller, image, member_id, context.RequestAborted);
            Enforce(authz, caller, image, ImagePolicyNames.ModifyMember);
            var text = status is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
            return new JsonBodyResult(MemberView.Render(await members.SetStatusAsync(member, text, context.RequestAborted)));
        });
        v2.MapDelete("/images/{image_id}/members/{member_id}", async (string image_id, string member_id, HttpContext context, ImageAuthorizer authz, MemberManager members) =>
        {
            var caller = ImageCaller.From(context, authz);
            var image = await members.FindImageAsync(caller, image_id, context.RequestAborted);
            if (MemberManager.Refusal(caller, image, MemberAction.Delete, Legacy(authz)) is not null)
                throw ApiException.Forbidden($"Not allowed to delete members for image {image_id}.");
            Enforce(authz, caller, image, ImagePolicyNames.GetMember);
            var member = await members.GetAsync(caller, image, member_id, context.RequestAborted);
            Enforce(authz, caller, image, ImagePolicyNames.DeleteMember);
            await members.RemoveAsync(member, context.RequestAborted);
            return Results.NoContent();
        });
    }

    /// <summary>Glance's legacy ownership checks apply until the new policy defaults are enforced
    /// (enforce_secure_rbac must equal [oslo_policy] enforce_new_defaults upstream).</summary>
    private static bool Legacy(ImageAuthorizer authz) => !authz.Enforcer.Options.EnforceNewDefaults;

    /// <summary>Glance's MemberAPIPolicy: a caller that may not see the image gets a bare 404, otherwise the rule's 403.</summary>
    private static void Enforce(ImageAuthorizer authz, ImageCaller caller, ImageRow image, string rule)
    {
        var target = ImageTarget.For(image, MemberManager.TargetMember(caller, image));
        if (!authz.Allows(caller.Auth, ImagePolicyNames.GetImage, target)) throw ApiException.NotFound("The resource could not be found.");
        if (!authz.Allows(caller.Auth, rule, target)) throw ApiException.Forbidden($"You are not authorized to complete {rule} action.");
    }

    /// <summary>The body as Glance's JSON deserializer accepts it: an object or a list.</summary>
    private static async Task<JsonNode> ReadBodyAsync(HttpContext context)
    {
        var parsed = await JsonRequestBody.ReadAsync(context, () => ApiException.BadRequest("Malformed JSON in request body."));
        if (parsed.Empty) throw ApiException.BadRequest("Body expected in request.");
        return parsed.Value is JsonObject or JsonArray ? parsed.Value : throw ApiException.BadRequest("Unexpected body type. Expected list/dict.");
    }

    /// <summary>The project named by {"member": …}, with Glance's refusals.</summary>
    private static string MemberOf(JsonNode body)
    {
        const string form = "Expected a member in the form: {\"member\": \"image_id\"}";
        if (body is not JsonObject o) throw ApiException.BadRequest(form);
        if (!o.TryGetPropertyValue("member", out var value)) throw ApiException.BadRequest("Member to be added not specified");
        if (IsFalsy(value)) throw ApiException.BadRequest("Member can't be empty");
        // Glance stores whatever truthy value it gets (and fails on lists or objects); a project id is a string.
        var member = value is JsonValue v && v.TryGetValue<string>(out var s) ? s
            : value is JsonValue number && number.GetValueKind() == System.Text.Json.JsonValueKind.Number ? number.ToJsonString()
            : throw ApiException.BadRequest(form);
        return member.Length <= 255 ? member : throw ApiException.BadRequest("Member can't be longer than 255 characters");
    }

    /// <summary>Python's falsiness of a JSON value: null, false, 0, "", [] and {}.</summary>
    private static bool IsFalsy(JsonNode? value) => value switch
    {
        null => true,
        JsonArray a => a.Count == 0,
        JsonObject o => o.Count == 0,
        JsonValue v when v.GetValueKind() == System.Text.Json.JsonValueKind.False => true,
        JsonValue v when v.GetValueKind() == System.Text.Json.JsonValueKind.String => v.GetValue<string>().Length == 0,
        JsonValue v when v.GetValueKind() == System.Text.Json.JsonValueKind.Number => v.GetValue<double>() == 0,
        _ => false,
    };
}
