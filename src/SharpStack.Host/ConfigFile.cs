using System.Collections;
using SharpStack.Core.Configuration;

namespace SharpStack.Host;

/// <summary>Finds and loads the configuration: --config-file, else SHARPSTACK_CONFIG_FILE, else
/// &lt;data-dir&gt;/sharpstack.conf, else /etc/sharpstack/sharpstack.conf; none at all means defaults.</summary>
public static class ConfigFile
{
    public static string? Locate(string? fromCommandLine, string dataDir)
    {
        if (fromCommandLine is not null)
        {
            if (!File.Exists(fromCommandLine))
                throw new ConfigException($"{fromCommandLine}: the configuration file given with --config-file does not exist");
            return Path.GetFullPath(fromCommandLine);
        }
        var env = Environment.GetEnvironmentVariable("SHARPSTACK_CONFIG_FILE");
        if (!string.IsNullOrEmpty(env))
        {
            if (!File.Exists(env))
                throw new ConfigException($"{env}: the configuration file named by SHARPSTACK_CONFIG_FILE does not exist");
            return Path.GetFullPath(env);
        }
        foreach (var candidate in new[] { Path.Combine(dataDir, "sharpstack.conf"), "/etc/sharpstack/sharpstack.conf" })
            if (File.Exists(candidate)) return candidate;
        return null;
    }

    public static SharpStackConfig Load(string? path)
    {
        var env = new Dictionary<string, string>();
        foreach (DictionaryEntry e in Environment.GetEnvironmentVariables())
            env[(string)e.Key] = (string?)e.Value ?? "";
        return ConfigLoader.Load(Services.Schema(), path, env);
    }
}
