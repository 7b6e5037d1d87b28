using SharpStack.Core.Configuration;
using SharpStack.Core.Hosting;
using SharpStack.Identity.Configuration;
using SharpStack.Identity.Fernet;

namespace SharpStack.Identity.Setup;

/// <summary>The two key repositories Identity uses.</summary>
public enum KeyRepositoryKind
{
    /// <summary>Fernet keys that encrypt tokens ([fernet_tokens] key_repository).</summary>
    Fernet,

    /// <summary>Fernet keys that encrypt stored credentials ([credential] key_repository).</summary>
    Credential,
}

/// <summary>Creates and rotates key repositories (keystone-manage fernet_setup/_rotate, credential_setup/_rotate).</summary>
public static class KeySetup
{
    public static string PathOf(SharpStackConfig config, string dataDir, KeyRepositoryKind kind) => kind switch
    {
        KeyRepositoryKind.Fernet => config.Get(IdentityOptions.KeyRepository) ?? Path.Combine(dataDir, "fernet-keys"),
        _ => config.Get(IdentityOptions.CredentialKeyRepository) ?? Path.Combine(dataDir, "credential-keys"),
    };

    public static FernetKeyRepository Open(SharpStackConfig config, string dataDir, KeyRepositoryKind kind) => kind switch
    {
        KeyRepositoryKind.Fernet => new FernetKeyRepository(PathOf(config, dataDir, kind), config.Get(IdentityOptions.MaxActiveKeys)),
        _ => FernetKeyRepository.ForCredentials(PathOf(config, dataDir, kind)),
    };

    public static string Setup(ServiceContext context, KeyRepositoryKind kind)
    {
        var repo = Open(context.Config, context.DataDir, kind);
        return repo.Setup()
            ? $"Created the {Name(kind)} key repository {repo.Path}."
            : $"The {Name(kind)} key repository {repo.Path} already has keys; nothing to do.";
    }

    /// <summary>Rotates Fernet token keys. (Credential keys rotate through <see cref="CredentialKeyRotation"/>, which re-encrypts stored credentials first.)</summary>
    public static string RotateFernet(ServiceContext context)
    {
        var repo = Open(context.Config, context.DataDir, KeyRepositoryKind.Fernet);
        if (!repo.IsInitialized)
            throw new ConfigException($"the Fernet key repository {repo.Path} has no keys: run `sharpstack manage fernet setup` first");
        repo.Rotate();
        return $"Rotated the Fernet keys in {repo.Path}: {string.Join(", ", repo.ListKeyFiles().Keys)} (0 is staged, {repo.ListKeyFiles().Keys.Max()} is primary).";
    }

    /// <summary>Refuses to run without keys, with the command that fixes it.</summary>
    public static FernetKeyRepository RequireInitialized(SharpStackConfig config, string dataDir, KeyRepositoryKind kind)
    {
        var repo = Open(config, dataDir, kind);
        if (!repo.IsInitialized || repo.LoadKeys().Count == 0)
        {
            var (option, command) = kind == KeyRepositoryKind.Fernet
                ? ("[fernet_tokens] key_repository", "fernet")
                : ("[credential] key_repository", "credential");
            throw new ConfigException(
                $"{option}: {repo.Path} holds no {Name(kind)} keys. Run `sharpstack manage {command} setup` " +
                "(or copy the key repository from another Identity host, so that all hosts share it).");
        }
        return repo;
    }

    private static string Name(KeyRepositoryKind kind) => kind == KeyRepositoryKind.Fernet ? "Fernet token" : "credential";
}
