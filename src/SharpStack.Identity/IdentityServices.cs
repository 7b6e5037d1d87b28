using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SharpStack.Core.Auth;
using SharpStack.Core.Configuration;
using SharpStack.Core.Hosting;
using SharpStack.Core.Policy;
using SharpStack.Identity.Api;
using SharpStack.Identity.Api.Http;
using SharpStack.Identity.ApplicationCredentials;
using SharpStack.Identity.Assignments;
using SharpStack.Identity.Catalog;
using SharpStack.Identity.Common;
using SharpStack.Identity.Credentials;
using SharpStack.Identity.Federation;
using SharpStack.Identity.Fernet;
using SharpStack.Identity.Limits;
using SharpStack.Identity.OAuth1;
using SharpStack.Identity.Policies;
using SharpStack.Identity.PolicyBlobs;
using SharpStack.Identity.Resources;
using SharpStack.Identity.Revocation;
using SharpStack.Identity.Setup;
using SharpStack.Identity.Tokens;
using SharpStack.Identity.Tokens.Authentication;
using SharpStack.Identity.Trusts;
using SharpStack.Identity.Users;

namespace SharpStack.Identity;

/// <summary>The identity service's registrations, one line per area, and its start-up checks.</summary>
public static class IdentityServices
{
    public static void Add(IServiceCollection services, ServiceContext context)
    {
        // Policy
        services.AddSingleton(sp => CreateEnforcer(context.Config, sp.GetRequiredService<ILoggerFactory>()));
        services.AddSingleton<IdentityAuthorizer>();

        // Tokens and authentication
        services.AddSingleton<TokenProvider>();
        services.AddSingleton<RevocationList>();
        services.AddSingleton<TokenValidator>();
        services.AddSingleton<TokenDataCache>();
        services.AddSingleton<IdentityReadCache>();
        services.AddSingleton<ITokenAuthenticator>(sp => sp.GetRequiredService<TokenValidator>());
        services.AddSingleton<VerifiedSecrets>();
        services.AddScoped<TokenDataLoader>();
        services.AddScoped<Authenticator>();
        services.AddScoped<ScopeResolver>();
        services.AddScoped<AuthLookup>();
        services.AddScoped<IAuthMethod, PasswordMethod>();
        services.AddScoped<IAuthMethod, TokenMethod>();
        services.AddScoped<IAuthMethod, ApplicationCredentialMethod>();
        services.AddScoped<Revoker>();

        // Users, assignments, catalog
        services.AddSingleton<UserPasswords>();
        services.AddSingleton<PasswordRules>();
        services.AddScoped<PasswordAuthentication>();
        services.AddScoped<PasswordSelfService>();
        services.AddScoped<UserManager>();
        services.AddScoped<GroupManager>();
        services.AddScoped<EffectiveRoles>();
        services.AddScoped<AccessibleTargets>();
        services.AddScoped<RoleManager>();
        services.AddScoped<ImpliedRoleManager>();
        services.AddScoped<GrantManager>();
        services.AddScoped<ProjectTreeWalker>();
        services.AddScoped<RoleAssignmentNamer>();
        services.AddScoped<RoleAssignmentLister>();
        services.AddScoped<GrantPolicyTargets>();
        services.AddScoped<CatalogBuilder>();
        services.AddScoped<RegionManager>();
        services.AddScoped<ServiceManager>();
        services.AddScoped<EndpointManager>();
        services.AddScoped<EndpointGroupManager>();
        services.AddScoped<ProjectEndpointManager>();

        // Policy blobs, credentials, unified limits
        services.AddScoped<PolicyManager>();
        services.AddScoped<EndpointPolicyManager>();
        services.AddSingleton(sp =>
        {
            var context = sp.GetRequiredService<ServiceContext>();
            return new CredentialEncryptor(KeySetup.Open(context.Config, context.DataDir, KeyRepositoryKind.Credential));
        });
        services.AddScoped<CredentialManager>();
        services.AddScoped<RegisteredLimitManager>();
        services.AddScoped<LimitManager>();

        // Delegation: application credentials, trusts, OAuth1, federation
        services.AddHttpContextAccessor();
        services.AddScoped<DelegatedRoles>();
        services.AddScoped<DelegationGuards>();
        services.AddScoped<ApplicationCredentialManager>();
        services.AddScoped<TrustManager>();
        services.AddScoped<ConsumerManager>();
        services.AddScoped<OAuthTokenManager>();
        services.AddScoped<IAuthMethod, OAuth1Method>();
        services.AddScoped<IdentityProviderManager>();
        services.AddScoped<MappingManager>();
        services.AddScoped<ServiceProviderManager>();

        // Projects and domains
        services.AddScoped<ProjectManager>();
        services.AddScoped<ProjectHierarchy>();
        services.AddScoped<ProjectDeleter>();
        services.AddScoped<ProjectCleanup>();
        services.AddScoped<DomainContents>();
        services.AddScoped<DomainManager>();
        services.AddScoped<ProjectTagManager>();
        services.AddScoped<ProjectTagFilter>();
        services.AddScoped<ProjectLimits>();
        services.AddScoped<DomainConfigManager>();
    }

    /// <summary>Refuses to start without keys (they must be shared by every Identity host, so none are made here).</summary>
    public static Task InitializeAsync(IServiceProvider services, CancellationToken ct)
    {
        var context = services.GetRequiredService<ServiceContext>();
        KeySetup.RequireInitialized(context.Config, context.DataDir, KeyRepositoryKind.Fernet);
        KeySetup.RequireInitialized(context.Config, context.DataDir, KeyRepositoryKind.Credential);
        services.GetRequiredService<PolicyEnforcer>();
        return Task.CompletedTask;
    }

    private static PolicyEnforcer CreateEnforcer(SharpStackConfig config, ILoggerFactory logs) =>
        PolicySetup.CreateEnforcer(config, logs.CreateLogger("SharpStack.Identity.Policy"), e => KeystonePolicies.RegisterAll(e));
}
