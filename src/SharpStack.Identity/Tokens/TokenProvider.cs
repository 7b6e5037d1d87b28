using SharpStack.Core.Configuration;
using SharpStack.Core.Hosting;
using SharpStack.Identity.Configuration;
using SharpStack.Identity.Fernet;
using SharpStack.Identity.Setup;
using SharpStack.Identity.Tokens.Formats;

namespace SharpStack.Identity.Tokens;

/// <summary>Mints and opens Fernet tokens with the key repository, re-reading the keys every few seconds so a
/// rotation done by `manage fernet rotate` (or on another host sharing the keys) is picked up without a restart.</summary>
public sealed class TokenProvider : IDisposable
{
    private static readonly TimeSpan KeyReloadInterval = TimeSpan.FromSeconds(5);

    private readonly FernetKeyRepository _keys;
    private readonly TokenFormatter _formatter;
    private readonly TimeProvider _time;
    private readonly TimeSpan _lifetime;
    private readonly ITimer _reload;

    public TokenProvider(ServiceContext context, TimeProvider time)
    {
        var config = context.Config;
        _time = time;
        _keys = KeySetup.Open(config, context.DataDir, KeyRepositoryKind.Fernet);
        _formatter = new TokenFormatter(_keys, new TokenFormatterOptions
        {
            AuthMethods = new AuthMethodMap(config.Get(IdentityOptions.Methods)),
            DefaultDomainId = config.Get(IdentityOptions.DefaultDomainId),
        }, time);
        _lifetime = TimeSpan.FromSeconds(config.Get(IdentityOptions.Expiration));
        AllowExpiredWindow = TimeSpan.FromSeconds(config.Get(IdentityOptions.AllowExpiredWindow));
        _reload = time.CreateTimer(_ => ReloadKeys(), null, KeyReloadInterval, KeyReloadInterval);
    }

    /// <summary>How long after expiry ?allow_expired=true may still validate a token.</summary>
    public TimeSpan AllowExpiredWindow { get; }

    /// <summary>The expiry of a token issued now: [token] expiration seconds ahead, whole seconds as Keystone reports it.</summary>
    public DateTimeOffset NewExpiry()
    {
        var t = _time.GetUtcNow() + _lifetime;
        return new DateTimeOffset(t.Ticks - t.Ticks % TimeSpan.TicksPerSecond, TimeSpan.Zero);
    }

    public string Issue(TokenPayload payload, out DateTimeOffset issuedAt) => _formatter.Create(payload, out issuedAt);

    /// <summary>Opens a token; with a window, a token expired less than that long ago still reads as valid.</summary>
    public TokenValidationResult Open(string token, TimeSpan expiredWindow = default) =>
        _formatter.Validate(token, _time.GetUtcNow(), expiredWindow);

    private void ReloadKeys()
    {
        try
        {
            _keys.Reload();
        }
        catch (Exception)
        {
            // A repository briefly unreadable (mid-rotation copy) keeps the current keys; the next tick retries.
        }
    }

    public void Dispose() => _reload.Dispose();
}
