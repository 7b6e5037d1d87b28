using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using SharpStack.Core.Configuration;
using SharpStack.Core.Errors;
using SharpStack.Core.Storage;
using SharpStack.Identity.Common;
using SharpStack.Identity.Configuration;
using SharpStack.Identity.Storage;
using SharpStack.Identity.Storage.Entities;

namespace SharpStack.Identity.Resources;

/// <summary>Domain-specific configuration (Keystone's DomainConfigManager): whitelisted identity/ldap options per
/// domain; sensitive ones (ldap password) are stored but never returned; partial updates and deletes only touch
/// what exists. Errors are Keystone's: 403 "Invalid domain specific configuration: …", 404 "Could not find …".</summary>
public sealed class DomainConfigManager(IdentityDb db, IdentityRevision revision, SharpStackConfig config)
{
    private static readonly string[] SecurityComplianceReadable = ["password_regex", "password_regex_description"];

    public async Task<JsonObject> GetAsync(string domainId, string? group, string? option, CancellationToken ct)
    {
        CheckGroupAndOption(group, option);
        var rows = await RowsAsync(domainId, group, option, sensitive: false, ct);
        if (rows.Count > 0) return ToConfig(rows, option);
        throw NotFound(domainId, option is not null ? $"option {option} in group {group}" : group is not null ? $"group {group}" : "any options");
    }

    /// <summary>PUT: replaces the whole configuration; true when there was none before (201).</summary>
    public async Task<(JsonObject Config, bool Created)> CreateAsync(string domainId, JsonNode? request, CancellationToken ct)
    {
        var groups = CheckConfig(request);
        var created = !await db.DomainConfigs.AnyAsync(c => c.DomainId == domainId, ct);
        await Transactions.RunAsync(db, async c =>
        {
            await db.DomainConfigs.Where(x => x.DomainId == domainId).ExecuteDeleteAsync(c);
            foreach (var row in ToRows(domainId, groups)) db.DomainConfigs.Add(row);
        }, ct);
        db.ChangeTracker.Clear();
        await revision.BumpAsync(db, ct);
        return (ToConfig(await RowsAsync(domainId, null, null, sensitive: false, ct), null), created);
    }

    /// <summary>PATCH: merges options into the configuration; a named group or option must already exist and be
    /// the only thing in the request.</summary>
    public async Task<JsonObject> UpdateAsync(string domainId, JsonNode? request, string? group, string? option, CancellationToken ct)
    {
        var update = group is not null && option is not null ? new JsonObject { [group] = request?.DeepClone() } : request;
        var groups = CheckConfig(update);
        CheckGroupAndOption(group, option);
        if (group is not null)
        {
            if (groups.Count != 1 || (option is not null && groups[0].Options.Count != 1))
                throw Invalid(option is not null
                    ? $"Trying to update option {option} in group {group}, so that, and only that, option must be specified  in the config"
                    : $"Trying to update group {group}, so that, and only that, group must be specified in the config");
            if (groups[0].Group != group)
                throw Invalid($"request to update group {group}, but config provided contains group {groups[0].Group} instead");
            if (option is not null && groups[0].Options[0].Key != option)
                throw Invalid($"Trying to update option {option} in group {group}, but config provided contains option {groups[0].Options[0].Key} instead");
            if (!await db.DomainConfigs.AnyAsync(c => c.DomainId == domainId && c.Group == group && (option == null || c.Option == option), ct))
                throw NotFound(domainId, option is not null ? $"option {option} in group {group}" : $"group {group}");
        }
        var existing = await db.DomainConfigs.AsTracking().Where(c => c.DomainId == domainId).ToListAsync(ct);
        foreach (var row in ToRows(domainId, groups))
        {
            if (existing.FirstOrDefault(e => e.Group == row.Group && e.Option == row.Option) is { } current)
                current.Value = row.Value;
            else
                db.DomainConfigs.Add(row);
        }
        await db.CommitAsync(revision, "domain config", ct);
        return await GetAsync(domainId, null, null, ct);
    }

    public async Task DeleteAsync(string domainId, string? group, string? option, CancellationToken ct)
    {
        CheckGroupAndOption(group, option);
        if (group is not null)
        {
            var rows = await RowsAsync(domainId, group, null, sensitive: null, ct);
            // Upstream tests the stored values for truth, so an option holding 0, "" or null counts as absent.
            if (rows.Count == 0)
                throw NotFound(domainId, $"group {group}");
            if (option is not null && !rows.Any(r => r.Option == option && Truthy(Parse(r.Value))))
                throw NotFound(domainId, $"option {option} in group {group}");
        }
        await db.DomainConfigs.Where(c => c.DomainId == domainId && (group == null || c.Group == group) && (option == null || c.Option == option))
            .ExecuteDeleteAsync(ct);
        await revision.BumpAsync(db, ct);
    }

    /// <summary>The password rules of the default domain, the only security compliance options anyone may read.</summary>
    public JsonObject SecurityCompliance(string domainId, string? option)
    {
        if (domainId != config.Get(IdentityOptions.DefaultDomainId))
            throw Invalid("Reading security compliance information for any domain other than the default domain is not allowed or supported.");
        if (option is not null && !SecurityComplianceReadable.Contains(option))
            throw Invalid("Reading security compliance values other than password_regex and password_regex_description is not allowed.");
        JsonNode? Value(string name) => name == "password_regex"
            ? config.Get(IdentityOptions.PasswordRegex)
            : config.Get(IdentityOptions.PasswordRegexDescription);
        if (option is not null) return new JsonObject { [option] = Value(option) };
        var group = new JsonObject();
        foreach (var name in SecurityComplianceReadable) group[name] = Value(name);
        return new JsonObject { ["security_compliance"] = group };
    }

    /// <summary>GET /v3/domains/config[/{group}[/{option}]]/default.</summary>
    public JsonObject Defaults(string? group, string? option)
    {
        CheckGroupAndOption(group, option);
        if (option is not null)
        {
            if (!DomainConfigOptions.Whitelisted[group!].Contains(option))
                throw Invalid($"Reading the default for option {option} in group {group} is not supported");
            return new JsonObject { [option] = DomainConfigOptions.Default(config, group!, option) };
        }
        var result = new JsonObject();
        foreach (var (name, options) in DomainConfigOptions.Whitelisted)
        {
            if (group is not null && name != group) continue;
            var values = new JsonObject();
            foreach (var o in options) values[o] = DomainConfigOptions.Default(config, name, o);
            result[name] = values;
        }
        return result;
    }

    private async Task<List<DomainConfigRow>> RowsAsync(string domainId, string? group, string? option, bool? sensitive, CancellationToken ct) =>
        await db.DomainConfigs
            .Where(c => c.DomainId == domainId && (group == null || c.Group == group) && (option == null || c.Option == option)
                && (sensitive == null || c.Sensitive == sensitive))
            .OrderBy(c => c.Group).ThenBy(c => c.Option)
            .ToListAsync(ct);

    private static JsonObject ToConfig(List<DomainConfigRow> rows, string? option)
    {
        if (rows.Count == 0) return [];
        if (option is not null) return new JsonObject { [rows[0].Option] = Parse(rows[0].Value) };
        var result = new JsonObject();
        foreach (var row in rows)
        {
            if (result[row.Group] is not JsonObject group) result[row.Group] = group = [];
            group[row.Option] = Parse(row.Value);
        }
        return result;
    }

    private static IEnumerable<DomainConfigRow> ToRows(string domainId, List<(string Group, List<KeyValuePair<string, JsonNode?>> Options)> groups) =>
        from g in groups
        from o in g.Options
        select new DomainConfigRow
        {
            DomainId = domainId, Group = g.Group, Option = o.Key,
            Value = o.Value?.ToJsonString() ?? "null", Sensitive = DomainConfigOptions.IsSensitive(g.Group, o.Key),
        };

    /// <summary>Keystone's _assert_valid_config, including the Python errors non-object configs end in.</summary>
    private static List<(string Group, List<KeyValuePair<string, JsonNode?>> Options)> CheckConfig(JsonNode? request)
    {
        if (!Truthy(request)) throw Invalid("No options specified");
        if (request is not JsonObject config)
        {
            throw ApiException.BadRequest(request switch
            {
                JsonArray => "list indices must be integers or slices, not str",
                JsonValue v when v.GetValueKind() == JsonValueKind.String => "string indices must be integers, not 'str'",
                JsonValue v when v.GetValueKind() == JsonValueKind.True => "'bool' object is not iterable",
                JsonValue v when ResourceOptions.IsInteger(v) => "'int' object is not iterable",
                _ => "'float' object is not iterable",
            });
        }
        var groups = new List<(string, List<KeyValuePair<string, JsonNode?>>)>();
        foreach (var (group, value) in config)
        {
            if (value is not JsonObject options || options.Count == 0)
                throw Invalid($"The value of group {group} specified in the config should be a dictionary of options");
            foreach (var (option, _) in options) CheckGroupAndOption(group, option);
            groups.Add((group, options.ToList()));
        }
        return groups;
    }

    private static void CheckGroupAndOption(string? group, string? option)
    {
        if (group is null) return;
        if (!DomainConfigOptions.IsGroup(group))
            throw Invalid($"Group {group} is not supported for domain specific configurations");
        if (option is not null && !DomainConfigOptions.IsOption(group, option))
            throw Invalid($"Option {option} in group {group} is not supported for domain specific configurations");
    }

    private static JsonNode? Parse(string json) => JsonNode.Parse(json);

    /// <summary>Python truthiness of a JSON value.</summary>
    private static bool Truthy(JsonNode? node) => node switch
    {
        null => false,
        JsonObject o => o.Count > 0,
        JsonArray a => a.Count > 0,
        JsonValue v => v.GetValueKind() switch
        {
            JsonValueKind.False or JsonValueKind.Null => false,
            JsonValueKind.String => v.GetValue<string>().Length > 0,
            JsonValueKind.Number => v.GetValue<double>() != 0,
            _ => true,
        },
        _ => true,
    };

    private static ApiException Invalid(string reason) => ApiException.Forbidden($"Invalid domain specific configuration: {reason}.");

    private static ApiException NotFound(string domainId, string what) =>
        ApiException.NotFound($"Could not find {what} in domain configuration for domain {domainId}.");
}
