using System.CommandLine;

namespace SharpStack.Host.Commands;

/// <summary>Options every command that touches the cloud's state accepts.</summary>
public static class CommonOptions
{
    public static Option<string?> DataDir() => new("--data-dir")
    {
        Description = "Where databases, keys and admin-openrc live (default: /var/lib/sharpstack as root, else ~/.local/share/sharpstack).",
    };

    public static Option<string?> ConfigFile() => new("--config-file")
    {
        Description = "The configuration file (default: <data-dir>/sharpstack.conf, else /etc/sharpstack/sharpstack.conf, else built-in defaults).",
    };
}
