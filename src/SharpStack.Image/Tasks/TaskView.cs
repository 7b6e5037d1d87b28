using System.Globalization;
using System.Text.Json.Nodes;
using SharpStack.Image.Images;
using SharpStack.Image.Storage.Entities;

namespace SharpStack.Image.Tasks;

/// <summary>Renders tasks as Glance's task API and the image tasks API show them.</summary>
public static class TaskView
{
    public const string ApiImageImport = "api_image_import";

    /// <summary>GET /v2/tasks/{id}: the full task.</summary>
    public static JsonObject Full(TaskRow t)
    {
        var o = new JsonObject
        {
            ["id"] = t.Id,
            ["input"] = Parse(t.Input),
            ["type"] = t.Type,
            ["status"] = t.Status,
            ["owner"] = t.Owner,
            ["message"] = t.Message,
            ["result"] = Parse(t.Result),
            ["created_at"] = ImageView.Timestamp(t.CreatedAt),
            ["updated_at"] = ImageView.Timestamp(t.UpdatedAt),
            ["self"] = "/v2/tasks/" + t.Id,
            ["schema"] = "/v2/schemas/task",
        };
        if (t.ImageId is not null) o["image_id"] = t.ImageId;
        if (t.RequestId is not null) o["request_id"] = t.RequestId;
        if (t.UserId is not null) o["user_id"] = t.UserId;
        if (t.ExpiresAt is { } e) o["expires_at"] = ImageView.Timestamp(e);
        return o;
    }

    /// <summary>GET /v2/tasks: the stub of each task.</summary>
    public static JsonObject Stub(TaskRow t)
    {
        var o = new JsonObject
        {
            ["id"] = t.Id,
            ["type"] = t.Type,
            ["status"] = t.Status,
            ["owner"] = t.Owner,
            ["created_at"] = ImageView.Timestamp(t.CreatedAt),
            ["updated_at"] = ImageView.Timestamp(t.UpdatedAt),
            ["self"] = "/v2/tasks/" + t.Id,
            ["schema"] = "/v2/schemas/task",
        };
        if (t.ExpiresAt is { } e) o["expires_at"] = ImageView.Timestamp(e);
        return o;
    }

    /// <summary>GET /v2/images/{id}/tasks: the database row as upstream's default serializer writes it
    /// (microsecond timestamps without a zone, deleted flags).</summary>
    public static JsonObject Row(TaskRow t) => new()
    {
        ["id"] = t.Id,
        ["type"] = t.Type,
        ["status"] = t.Status,
        ["owner"] = t.Owner,
        ["expires_at"] = Raw(t.ExpiresAt),
        ["created_at"] = Raw(t.CreatedAt),
        ["updated_at"] = Raw(t.UpdatedAt),
        ["deleted_at"] = null,
        ["deleted"] = false,
        ["image_id"] = t.ImageId,
        ["request_id"] = t.RequestId,
        ["user_id"] = t.UserId,
        ["input"] = Parse(t.Input),
        ["result"] = Parse(t.Result),
        ["message"] = t.Message,
    };

    /// <summary>The stores a task imports to (its input's backend list; null entries mean the single store).</summary>
    public static List<string> Backends(TaskRow t) =>
        Parse(t.Input)?["backend"] is JsonArray a
            ? [.. a.Select(n => n is JsonValue v && v.TryGetValue<string>(out var s) ? s : null).Where(s => s is not null).Select(s => s!)]
            : [];

    /// <summary>The import method a task runs (its input's import_req.method.name).</summary>
    public static string? Method(TaskRow t) =>
        Parse(t.Input)?["import_req"]?["method"]?["name"] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    private static JsonNode? Parse(string? json) => json is null ? null : JsonNode.Parse(json);

    private static string? Raw(DateTime? t) =>
        t?.ToUniversalTime().ToString("yyyy-MM-ddTHH:mm:ss.ffffff", CultureInfo.InvariantCulture);
}
