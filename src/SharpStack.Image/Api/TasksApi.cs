using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using SharpStack.Core.Configuration;
using SharpStack.Core.Errors;
using SharpStack.Core.Http;
using SharpStack.Image.Api.Http;
using SharpStack.Image.Configuration;
using SharpStack.Image.Images;
using SharpStack.Image.Import;
using SharpStack.Image.Policies;
using SharpStack.Image.Storage;
using SharpStack.Image.Storage.Entities;
using SharpStack.Image.Tasks;

namespace SharpStack.Image.Api;

/// <summary>The (deprecated, admin-only by default) task API and the image tasks list of API 2.12.</summary>
public static class TasksApi
{
    private static readonly string[] SortKeys = ["id", "type", "status", "owner", "created_at", "updated_at", "expires_at"];

    public static void Map(RouteGroupBuilder v2)
    {
        v2.MapGet("/tasks", async (HttpContext context, ImageAuthorizer authz, ImageDb db, SharpStackConfig config) =>
        {
            authz.Enforce(context, ImagePolicyNames.TasksApiAccess);
            authz.Enforce(context, ImagePolicyNames.GetTasks);
            var caller = ImageCaller.From(context, authz);
            var q = context.Request.Query;
            var limit = Limit(q["limit"].ToString(), config);
            var sortKey = q["sort_key"].ToString() is { Length: > 0 } k ? k : "created_at";
            if (!SortKeys.Contains(sortKey)) throw ApiException.BadRequest($"Invalid sort key: {sortKey}.");
            var sortDir = q["sort_dir"].ToString() is { Length: > 0 } d ? d : "desc";
            if (sortDir is not ("asc" or "desc")) throw ApiException.BadRequest($"Invalid sort direction: {sortDir}");
            IQueryable<TaskRow> tasks = db.Tasks;
            if (!caller.IsAdmin) tasks = tasks.Where(t => t.Owner == caller.ProjectId);
            if (q["status"].ToString() is { Length: > 0 } status)
            {
                if (!TaskStatuses.All.Contains(status)) throw ApiException.BadRequest($"Invalid status value: {status}");
                tasks = tasks.Where(t => t.Status == status);
            }
            if (q["type"].ToString() is { Length: > 0 } type)
            {
                if (type != "import") throw ApiException.BadRequest($"Invalid type value: {type}");
                tasks = tasks.Where(t => t.Type == type);
            }
            var all = await tasks.ToListAsync(context.RequestAborted);
            var ordered = Order(all, sortKey, sortDir == "asc").ToList();
            if (q["marker"].ToString() is { Length: > 0 } marker)
            {
                if (!Guid.TryParse(marker, out _)) throw ApiException.BadRequest("Invalid marker format");
                var at = ordered.FindIndex(t => t.Id == marker);
                if (at < 0) throw ApiException.BadRequest($"Task with identifier {marker} not found");
                ordered = ordered[(at + 1)..];
            }
            var page = ordered.Take(limit).ToList();
            var list = new JsonArray();
            foreach (var t in page) list.Add(TaskView.Stub(t));
            var query = string.Join("&", q.Where(p => p.Key != "marker").SelectMany(p => p.Value.Select(v => $"{Uri.EscapeDataString(p.Key)}={Uri.EscapeDataString(v ?? "")}")));
            var o = new JsonObject
            {
                ["tasks"] = list,
                ["first"] = "/v2/tasks" + (query.Length > 0 ? "?" + query : ""),
                ["schema"] = "/v2/schemas/tasks",
            };
            if (page.Count == limit && page.Count > 0)
                o["next"] = "/v2/tasks?" + (query.Length > 0 ? query + "&" : "") + "marker=" + page[^1].Id;
            return new JsonBodyResult(o);
        });
        v2.MapGet("/tasks/{id}", async (string id, HttpContext context, ImageAuthorizer authz, ImageDb db) =>
        {
            authz.Enforce(context, ImagePolicyNames.TasksApiAccess);
            var caller = ImageCaller.From(context, authz);
            var task = await db.Tasks.FirstOrDefaultAsync(t => t.Id == id, context.RequestAborted);
            if (task is null || (!caller.IsAdmin && task.Owner != caller.ProjectId)) throw ApiException.NotFound($"Could not find task {id}");
            authz.Enforce(context, ImagePolicyNames.GetTask);
            return new JsonBodyResult(TaskView.Full(task));
        });
        v2.MapDelete("/tasks/{id}", (HttpContext context) =>
        {
            throw new ApiException(405, "This operation is currently not permitted on Glance Tasks. They are auto deleted after reaching the time based on their expires_at property.")
            {
                Headers = new Dictionary<string, string> { ["Allow"] = "GET" },
            };
        });
        v2.MapGet("/images/{id}/tasks", async (string id, HttpContext context, ImageAuthorizer authz, ImageLookup lookup, ImageDb db, TimeProvider time) =>
        {
            var caller = ImageCaller.From(context, authz);
            Storage.Entities.ImageRow image;
            try
            {
                image = await lookup.GetVisibleAsync(caller, id, context.RequestAborted);
            }
            catch (ApiException e) when (e.Status == 404)
            {
                throw ApiException.NotFound("The resource could not be found.");
            }
            authz.Enforce(context, ImagePolicyNames.GetImage, ImageTarget.For(image));
            var now = time.GetUtcNow().UtcDateTime;
            var rows = await db.Tasks.Where(t => t.ImageId == id && (t.ExpiresAt == null || t.ExpiresAt > now))
                .OrderByDescending(t => t.CreatedAt).ToListAsync(context.RequestAborted);
            var list = new JsonArray();
            foreach (var t in rows.Where(t => caller.IsAdmin || t.Owner == caller.ProjectId)) list.Add(TaskView.Row(t));
            return new JsonBodyResult(new JsonObject { ["tasks"] = list });
        });
    }

    private static int Limit(string raw, SharpStackConfig config)
    {
        var max = config.Get(ImageOptions.ApiLimitMax);
        if (raw.Length == 0) return Math.Min(config.Get(ImageOptions.LimitParamDefault), max);
        if (!int.TryParse(raw, out var limit)) throw ApiException.BadRequest("limit param must be an integer");
        if (limit < 0) throw ApiException.BadRequest("limit param must be positive");
        return Math.Min(limit, max);
    }

    private static IEnumerable<TaskRow> Order(List<TaskRow> tasks, string key, bool asc)
    {
        Func<TaskRow, IComparable?> by = key switch
        {
            "id" => t => t.Id,
            "type" => t => t.Type,
            "status" => t => t.Status,
            "owner" => t => t.Owner,
            "updated_at" => t => t.UpdatedAt,
            "expires_at" => t => t.ExpiresAt,
            _ => t => t.CreatedAt,
        };
        var first = asc ? tasks.OrderBy(by) : tasks.OrderByDescending(by);
        return asc ? first.ThenBy(t => t.Id, StringComparer.Ordinal) : first.ThenByDescending(t => t.Id, StringComparer.Ordinal);
    }
}
