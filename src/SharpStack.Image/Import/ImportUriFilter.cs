using System.Net;
using System.Net.Sockets;
using SharpStack.Core.Configuration;
using SharpStack.Image.Configuration;

namespace SharpStack.Image.Import;

/// <summary>Which URLs web-download may fetch ([import_filtering_opts], Glance's get_validated_address): the
/// scheme, host and explicit port must pass the allowed lists (or, when an allowed list is empty, avoid the
/// disallowed one); the host must resolve, and to an address that is neither loopback nor link-local (cloud
/// metadata) unless the host is explicitly allowed. Answers the address to connect to, so DNS cannot change the
/// destination between the check and the download.</summary>
public sealed class ImportUriFilter(SharpStackConfig config)
{
    private readonly IReadOnlyList<string> _allowedSchemes = config.Get(ImageOptions.AllowedSchemes);
    private readonly IReadOnlyList<string> _disallowedSchemes = config.Get(ImageOptions.DisallowedSchemes);
    private readonly IReadOnlyList<string> _allowedHosts = config.Get(ImageOptions.AllowedHosts);
    private readonly IReadOnlyList<string> _disallowedHosts = config.Get(ImageOptions.DisallowedHosts);
    private readonly IReadOnlyList<string> _allowedPorts = config.Get(ImageOptions.AllowedPorts);
    private readonly IReadOnlyList<string> _disallowedPorts = config.Get(ImageOptions.DisallowedPorts);

    /// <summary>The address to fetch <paramref name="uri"/> from, or null when filtering refuses it.</summary>
    public async Task<IPAddress?> ResolveAsync(string? uri, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(uri) || !Uri.TryCreate(uri, UriKind.Absolute, out var parsed)) return null;
        var scheme = parsed.Scheme.ToLowerInvariant();
        var disallowedSchemes = _allowedSchemes.Count > 0 ? [] : _disallowedSchemes;
        if ((_allowedSchemes.Count > 0 && !_allowedSchemes.Contains(scheme)) || disallowedSchemes.Contains(scheme)) return null;

        var host = parsed.IdnHost.Trim('[', ']').TrimEnd('.').ToLowerInvariant();
        var disallowedHosts = _allowedHosts.Count > 0 ? [] : _disallowedHosts;
        if (host.Length == 0 || (_allowedHosts.Count > 0 && !_allowedHosts.Contains(host)) || disallowedHosts.Contains(host)) return null;

        var disallowedPorts = _allowedPorts.Count > 0 ? [] : _disallowedPorts;
        if (!parsed.IsDefaultPort || HasExplicitPort(uri))
        {
            var port = parsed.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
            if ((_allowedPorts.Count > 0 && !_allowedPorts.Contains(port)) || disallowedPorts.Contains(port)) return null;
        }

        IPAddress[] addresses;
        if (IPAddress.TryParse(host, out var literal)) addresses = [literal];
        else
        {
            try
            {
                addresses = await Dns.GetHostAddressesAsync(host, ct);
            }
            catch (SocketException)
            {
                return null;
            }
        }
        var explicitlyAllowed = _allowedHosts.Contains(host);
        foreach (var address in addresses)
        {
            if (explicitlyAllowed) return address;
            var check = address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
            if (IPAddress.IsLoopback(check) || IsLinkLocal(check)) continue;
            if (disallowedHosts.Contains(check.ToString())) continue;
            return address;
        }
        return null;
    }

    private static bool HasExplicitPort(string uri)
    {
        var rest = uri[(uri.IndexOf("://", StringComparison.Ordinal) + 3)..];
        var authority = rest.Split('/', '?', '#')[0];
        var at = authority.LastIndexOf('@');
        if (at >= 0) authority = authority[(at + 1)..];
        var close = authority.LastIndexOf(']');
        return authority.IndexOf(':', close + 1) >= 0;
    }

    private static bool IsLinkLocal(IPAddress address) => address.AddressFamily == AddressFamily.InterNetwork
        ? address.GetAddressBytes() is [169, 254, ..]
        : address.IsIPv6LinkLocal;
}
