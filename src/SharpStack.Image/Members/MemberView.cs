using System.Text.Json.Nodes;
using SharpStack.Image.Images;
using SharpStack.Image.Storage.Entities;

namespace SharpStack.Image.Members;

/// <summary>An image member as Glance v2 shows it.</summary>
public static class MemberView
{
    public static JsonObject Render(ImageMemberRow m) => new()
    {
        ["member_id"] = m.Member,
        ["image_id"] = m.ImageId,
        ["status"] = m.Status,
        ["created_at"] = ImageView.Timestamp(m.CreatedAt),
        ["updated_at"] = ImageView.Timestamp(m.UpdatedAt),
        ["schema"] = "/v2/schemas/member",
    };

    public static JsonObject Collection(IEnumerable<ImageMemberRow> members) => new()
    {
        ["members"] = new JsonArray(members.Select(m => (JsonNode)Render(m)).ToArray()),
        ["schema"] = "/v2/schemas/members",
    };
}
