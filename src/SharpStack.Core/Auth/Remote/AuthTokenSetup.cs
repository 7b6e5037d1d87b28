using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SharpStack.Core.Configuration;

namespace SharpStack.Core.Auth.Remote;

/// <summary>Registers remote token validation for a service from [keystone_authtoken], refusing incomplete settings.</summary>
public static class AuthTokenSetup
{
    /// <summary>keystonemiddleware's WWW-Authenticate value for 401 answers: Keystone uri="…" from
    /// www_authenticate_uri, else auth_url, else the local Identity (all-in-one); null when none is known.</summary>
    public static string? WwwAuthenticate(SharpStackConfig config, Uri? localIdentity) =>
        (config.Get(AuthTokenOptions.WwwAuthenticateUri) ?? config.Get(AuthTokenOptions.AuthUrl) ?? localIdentity) is { } uri
            ? $"Keystone uri=\"{uri.ToString().TrimEnd('/')}\""
            : null;

    /// <param name="localIdentity">The Identity URL to use when auth_url is unset (all-in-one), or null to require auth_url.</param>
    /// <param name="localCredentials">The service user to use when username is unset (all-in-one), or null to require it.</param>
    public static void AddRemoteTokenValidation(this IServiceCollection services, SharpStackConfig config, Uri? localIdentity, ServiceCredentials? localCredentials)
    {
        var url = config.Get(AuthTokenOptions.AuthUrl) ?? localIdentity
            ?? throw new ConfigException("[keystone_authtoken] auth_url is not set: this service needs the Identity URL to validate tokens (e.g. http://controller:5000)");
        ServiceCredentials credentials;
        if (config.Get(AuthTokenOptions.Username) is { } user)
        {
            var password = config.Get(AuthTokenOptions.Password)
                ?? throw new ConfigException("[keystone_authtoken] password is not set for username " + user);
            credentials = new ServiceCredentials(user, password, config.Get(AuthTokenOptions.UserDomainName),
                config.Get(AuthTokenOptions.ProjectName), config.Get(AuthTokenOptions.ProjectDomainName));
        }
        else
        {
            credentials = localCredentials
                ?? throw new ConfigException("[keystone_authtoken] username is not set: this service needs a service user to validate tokens");
        }
        services.AddHttpClient("identity");
        services.AddSingleton(credentials);
        services.AddSingleton(sp => new IdentityClient(sp.GetRequiredService<IHttpClientFactory>().CreateClient("identity"), url));
        services.AddSingleton(sp => new RemoteTokenValidator(
            sp.GetRequiredService<IdentityClient>(),
            credentials,
            TimeSpan.FromSeconds(config.Get(AuthTokenOptions.TokenCacheTime)),
            TimeSpan.FromSeconds(config.Get(AuthTokenOptions.RevocationPollInterval)),
            sp.GetService<TimeProvider>() ?? TimeProvider.System,
            sp.GetRequiredService<ILogger<RemoteTokenValidator>>()));
        services.AddSingleton<ITokenAuthenticator>(sp => sp.GetRequiredService<RemoteTokenValidator>());
    }
}
