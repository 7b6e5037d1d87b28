using SharpStack.Core.Configuration;
using SharpStack.Core.Logging;

namespace SharpStack.Core.Hosting;

/// <summary>What every service in a process shares: the configuration, the data directory, the log sink.</summary>
public sealed class ServiceContext(SharpStackConfig config, string dataDir, LogSink logSink)
{
    public SharpStackConfig Config { get; } = config;

    /// <summary>Where databases, keys and generated files live (/var/lib/sharpstack as root).</summary>
    public string DataDir { get; } = dataDir;

    public LogSink LogSink { get; } = logSink;

    /// <summary>Services running in this process, by name; lets a service skip HTTP to a neighbour only where that is explicit.</summary>
    /// <summary>The Identity URL of the all-in-one cloud (`sharpstack up`), whose service users are made on start;
    /// null when services must be told [keystone_authtoken] auth_url and their user.</summary>
    public Uri? LocalIdentityUrl { get; set; }

    public ISet<string> LocalServices { get; } = new HashSet<string>();
}
