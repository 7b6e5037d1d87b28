namespace SharpStack.Core.Hosting;

/// <summary>Which service a web application is, for logs and the service-specific headers it adds.</summary>
/// <param name="Name">The service name ("identity").</param>
/// <param name="ExtraRequestIdHeaders">Headers that repeat the request id (Nova's x-compute-request-id).</param>
/// <param name="WwwAuthenticate">The WWW-Authenticate value sent with every 401 (Keystone uri="…").</param>
public sealed record ServiceIdentity(string Name, IReadOnlyList<string> ExtraRequestIdHeaders, string? WwwAuthenticate = null);
