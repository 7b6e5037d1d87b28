using System.Security.Cryptography;

namespace SharpStack.Core.Auth.Remote;

/// <summary>The passwords of the all-in-one cloud's service users (glance, nova, …), one file each under
/// service-users/ in the data directory, readable by the owner only. Made on first start and reused after.</summary>
public static class LocalServiceUsers
{
    public const string Folder = "service-users";

    /// <summary>The credentials of a service user in the service project of the Default domain, creating its password if new.</summary>
    public static ServiceCredentials Ensure(string dataDir, string username)
    {
        var dir = Path.Combine(dataDir, Folder);
        var file = Path.Combine(dir, username);
        if (File.Exists(file))
        {
            var kept = File.ReadAllText(file).Trim();
            if (kept.Length > 0) return Credentials(username, kept);
        }
        Directory.CreateDirectory(dir);
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(dir, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var password = Convert.ToHexString(RandomNumberGenerator.GetBytes(20)).ToLowerInvariant();
        var temp = file + ".tmp";
        File.WriteAllText(temp, password + "\n");
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(temp, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        File.Move(temp, file, overwrite: true);
        return Credentials(username, password);
    }

    private static ServiceCredentials Credentials(string username, string password) =>
        new(username, password, "Default", "service", "Default");
}
