using Microsoft.AspNetCore.Http;
using SharpStack.Identity.Api.Http;

namespace SharpStack.Identity.Users;

/// <summary>The exact filters of a user listing that Keystone applies in its database query: domain_id, name,
/// enabled (the stored flag), password_expires_at, and the federated attributes. Inexact filters
/// (name__contains, …) are applied to the rendered users with <see cref="ListFilter"/>.</summary>
public sealed class UserListQuery
{
    private static readonly string[] FederatedAttributes = ["idp_id", "protocol_id", "unique_id"];

    public List<string> DomainIds { get; } = [];
    public List<string> Names { get; } = [];
    public List<bool> Enabled { get; } = [];
    public List<PasswordExpiryFilter> PasswordExpiry { get; } = [];

    /// <summary>A federated attribute was asked for: Keystone then lists only federated (shadow) users.</summary>
    public bool FederatedOnly { get; set; }

    /// <summary>Only members of this group.</summary>
    public string? GroupId { get; init; }

    /// <param name="federated">Whether idp_id, protocol_id and unique_id are supported filters (GET /v3/users).</param>
    public static UserListQuery FromQuery(IQueryCollection query, bool federated, string? groupId = null)
    {
        var q = new UserListQuery { GroupId = groupId };
        foreach (var (key, values) in query)
        {
            foreach (var value in values)
            {
                if (value is null) continue;
                switch (key)
                {
                    case "domain_id": q.DomainIds.Add(value); break;
                    case "name": q.Names.Add(value); break;
                    case "enabled": q.Enabled.Add(ListFilter.AsBoolean(value)); break;
                    case "password_expires_at": q.PasswordExpiry.Add(PasswordExpiryFilter.Parse(value)); break;
                    default:
                        if (federated && FederatedAttributes.Contains(key)) q.FederatedOnly = true;
                        break;
                }
            }
        }
        return q;
    }
}
