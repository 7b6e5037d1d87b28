namespace SharpStack.Host;

/// <summary>Where the cloud keeps its state: /var/lib/sharpstack as root, else ~/.local/share/sharpstack.</summary>
public static class DataDirectory
{
    public static string Resolve(string? fromCommandLine)
    {
        var dir = fromCommandLine
            ?? Environment.GetEnvironmentVariable("SHARPSTACK_DATA_DIR")
            ?? (Environment.UserName == "root" || IsRoot()
                ? "/var/lib/sharpstack"
                : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".local", "share", "sharpstack"));
        return Path.GetFullPath(dir);
    }

    /// <summary>Creates the directory readable by its owner only (it holds keys and the admin password).</summary>
    public static void Ensure(string dir)
    {
        try
        {
            Directory.CreateDirectory(dir);
            if (!OperatingSystem.IsWindows())
                File.SetUnixFileMode(dir, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new Commands.StartupException(
                $"cannot use the data directory {dir}: {e.Message} Choose another with --data-dir or SHARPSTACK_DATA_DIR.");
        }
    }

    private static bool IsRoot() => !OperatingSystem.IsWindows() && Environment.GetEnvironmentVariable("EUID") == "0";
}
