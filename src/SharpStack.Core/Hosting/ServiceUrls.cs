using SharpStack.Core.Configuration;

namespace SharpStack.Core.Hosting;

/// <summary>Where clients reach a service: its public_endpoint option, else http://my_ip:port.</summary>
public static class ServiceUrls
{
    public static string PublicBase(ServiceContext context, Option<Uri?> publicEndpoint, Option<int> port)
    {
        var configured = context.Config.Get(publicEndpoint);
        if (configured is not null) return configured.ToString().TrimEnd('/');
        var ip = context.Config.Get(CoreOptions.MyIp);
        var host = ip.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? $"[{ip}]" : ip.ToString();
        return $"http://{host}:{context.Config.Get(port)}";
    }
}
