using Microsoft.AspNetCore.Http;

namespace SharpStack.Core.Http;

/// <summary>The per-request id ("req-&lt;uuid&gt;") every response carries in x-openstack-request-id.</summary>
public static class RequestIds
{
    public const string Header = "x-openstack-request-id";
    private const string ItemKey = "sharpstack.request_id";

    public static string New() => "req-" + Guid.NewGuid().ToString("D");

    public static string Get(HttpContext context) =>
        context.Items.TryGetValue(ItemKey, out var v) && v is string s ? s : Set(context, New());

    internal static string Set(HttpContext context, string id)
    {
        context.Items[ItemKey] = id;
        return id;
    }
}
