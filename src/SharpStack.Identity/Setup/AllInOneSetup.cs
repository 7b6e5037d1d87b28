using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using SharpStack.Core.Hosting;

namespace SharpStack.Identity.Setup;

/// <summary>What `sharpstack up` does on top of serving: keys, bootstrap, the service project, and admin-openrc.</summary>
public static class AllInOneSetup
{
    /// <summary>The admin credentials as printed and written to admin-openrc.</summary>
    public sealed record AdminCredentials(string Password, bool Generated, string OpenRcPath);

    public const string OpenRcFile = "admin-openrc";
    public const string Region = "RegionOne";

    /// <summary>Creates the Fernet and credential key repositories if they have no keys (before Identity starts).</summary>
    public static void PrepareKeys(ServiceContext context)
    {
        KeySetup.Setup(context, KeyRepositoryKind.Fernet);
        KeySetup.Setup(context, KeyRepositoryKind.Credential);
    }

    /// <summary>Bootstraps (idempotently) and writes admin-openrc. The password is the one given, else the one kept
    /// in admin-openrc from an earlier start, else a new random one.</summary>
    public static async Task<AdminCredentials> RunAsync(IServiceProvider services, ServiceContext context, string? password, CancellationToken ct)
    {
        var openrc = Path.Combine(context.DataDir, OpenRcFile);
        var kept = ReadPassword(openrc);
        var generated = password is null && kept is null;
        var effective = password ?? kept ?? NewPassword();
        var url = IdentityModule.PublicBase(context) + "/v3/";
        await Bootstrapper.RunAsync(services, new BootstrapRequest
        {
            Password = effective,
            RegionId = Region,
            AdminUrl = url,
            PublicUrl = url,
            InternalUrl = url,
            ResetPassword = password is not null || kept is null,
        }, ct);
        await Bootstrapper.EnsureProjectAsync(services, "service", "Project of the services' own users.", ct);
        WriteOpenRc(openrc, effective, IdentityModule.AuthUrl(context));
        return new AdminCredentials(effective, generated, openrc);
    }

    public static string EndpointOf(IServiceModule module, ServiceContext context) => module switch
    {
        IdentityModule => IdentityModule.AuthUrl(context),
        _ => module.Catalog(context)?.Url ?? $"port {context.Config.Get(module.PortOption)}",
    };

    private static string NewPassword() =>
        Convert.ToBase64String(RandomNumberGenerator.GetBytes(18)).Replace('+', 'x').Replace('/', 'y');

    private static string? ReadPassword(string openrc)
    {
        if (!File.Exists(openrc)) return null;
        foreach (var line in File.ReadAllLines(openrc))
        {
            const string prefix = "export OS_PASSWORD=";
            if (!line.StartsWith(prefix, StringComparison.Ordinal)) continue;
            var value = line[prefix.Length..].Trim();
            return value.Length >= 2 && value[0] == '\'' && value[^1] == '\'' ? value[1..^1].Replace("'\\''", "'") : value;
        }
        return null;
    }

    private static void WriteOpenRc(string path, string password, string authUrl)
    {
        var quoted = "'" + password.Replace("'", "'\\''") + "'";
        var text = new StringBuilder()
            .AppendLine("# SharpStack admin credentials (written by `sharpstack up`). Use: . " + path)
            .AppendLine("export OS_USERNAME=admin")
            .AppendLine("export OS_PASSWORD=" + quoted)
            .AppendLine("export OS_PROJECT_NAME=admin")
            .AppendLine("export OS_USER_DOMAIN_NAME=Default")
            .AppendLine("export OS_PROJECT_DOMAIN_NAME=Default")
            .AppendLine("export OS_AUTH_URL=" + authUrl)
            .AppendLine("export OS_IDENTITY_API_VERSION=3")
            .AppendLine("export OS_REGION_NAME=" + Region)
            .AppendLine("export OS_INTERFACE=public")
            .ToString();
        var temp = path + ".tmp";
        File.WriteAllText(temp, text);
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(temp, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        File.Move(temp, path, overwrite: true);
    }
}
