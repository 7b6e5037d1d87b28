using Microsoft.Extensions.Logging;
using SharpStack.Identity.Fernet;

namespace SharpStack.Identity.Tokens.Formats;

/// <summary>
/// Creates and validates Keystone-compatible Fernet tokens: MessagePack payload, Fernet-encrypted
/// with the primary key, URL-safe base64 with the padding stripped. Thread-safe.
/// </summary>
public sealed partial class TokenFormatter
{
    private const int StackLimit = 512;

    private readonly Func<FernetCipher> _cipher;
    private readonly TimeProvider _time;
    private readonly ILogger? _logger;

    /// <summary>Uses the repository's current keys; call <see cref="FernetKeyRepository.Reload"/> to pick up rotations.</summary>
    public TokenFormatter(FernetKeyRepository keys, TokenFormatterOptions? options = null,
        TimeProvider? timeProvider = null, ILogger<TokenFormatter>? logger = null)
        : this(() => keys.Current, options, timeProvider, logger)
    {
        ArgumentNullException.ThrowIfNull(keys);
    }

    /// <summary>Uses a fixed key set.</summary>
    public TokenFormatter(FernetCipher cipher, TokenFormatterOptions? options = null,
        TimeProvider? timeProvider = null, ILogger<TokenFormatter>? logger = null)
        : this(() => cipher, options, timeProvider, logger)
    {
        ArgumentNullException.ThrowIfNull(cipher);
    }

    private TokenFormatter(Func<FernetCipher> cipher, TokenFormatterOptions? options, TimeProvider? timeProvider, ILogger? logger)
    {
        _cipher = cipher;
        Options = options ?? new TokenFormatterOptions();
        _time = timeProvider ?? TimeProvider.System;
        _logger = logger;
    }

    public TokenFormatterOptions Options { get; }

    /// <summary>The payload version Keystone's fernet provider would choose for these fields.</summary>
    public static TokenPayloadVersion SelectVersion(TokenPayload payload)
    {
        ArgumentNullException.ThrowIfNull(payload);
        if (payload.AccessTokenId is not null)
            return TokenPayloadVersion.OAuthScoped;
        if (payload.TrustId is not null)
            return TokenPayloadVersion.TrustScoped;
        if (payload.IdpId is not null)
        {
            if (payload.ProjectId is not null)
                return TokenPayloadVersion.FederatedProjectScoped;
            return payload.DomainId is not null ? TokenPayloadVersion.FederatedDomainScoped : TokenPayloadVersion.FederatedUnscoped;
        }
        if (payload.AppCredId is not null)
            return TokenPayloadVersion.ApplicationCredentialScoped;
        if (payload.ProjectId is not null)
            return TokenPayloadVersion.ProjectScoped;
        if (payload.DomainId is not null)
            return TokenPayloadVersion.DomainScoped;
        return payload.System is not null ? TokenPayloadVersion.SystemScoped : TokenPayloadVersion.Unscoped;
    }

    /// <summary>Issues a token; <see cref="TokenPayload.IssuedAt"/> (default: now) becomes the Fernet timestamp.</summary>
    /// <exception cref="ArgumentException">A field cannot be packed (e.g. malformed audit id, non-UUID trust id).</exception>
    public string Create(TokenPayload payload) => Create(payload, out _);

    /// <inheritdoc cref="Create(TokenPayload)"/>
    /// <param name="issuedAt">The issue time as it will decode: whole seconds, as Keystone reports it.</param>
    public string Create(TokenPayload payload, out DateTimeOffset issuedAt)
    {
        ArgumentNullException.ThrowIfNull(payload);
        ArgumentNullException.ThrowIfNull(payload.UserId);
        ArgumentNullException.ThrowIfNull(payload.Methods);
        ArgumentNullException.ThrowIfNull(payload.AuditIds);
        var version = SelectVersion(payload);
        byte[] packed = PayloadCodec.Pack(version, payload, Options);
        var when = payload.IssuedAt == default ? _time.GetUtcNow() : payload.IssuedAt;
        issuedAt = DateTimeOffset.FromUnixTimeSeconds(when.ToUnixTimeSeconds());
        string token = _cipher().Encrypt(packed, issuedAt, padded: false);
        if (token.Length > Options.MaxTokenSize && _logger is not null)
            LogOversizedToken(_logger, token.Length, Options.MaxTokenSize);
        return token;
    }

    /// <summary>Validates signature, payload and expiry against the current time.</summary>
    public TokenValidationResult Validate(string token) => Validate(token, _time.GetUtcNow());

    /// <summary>
    /// Validates against <paramref name="now"/>. Like Keystone, a token is valid while now is before
    /// its expiry truncated to the second, extended by <paramref name="expiredWindow"/> (allow_expired).
    /// </summary>
    public TokenValidationResult Validate(string token, DateTimeOffset now, TimeSpan expiredWindow = default)
    {
        var result = ValidateIgnoringExpiry(token);
        if (result.Payload is null)
            return result;
        var expiry = result.Payload.ExpiresAt;
        var cutoff = expiry.AddTicks(-(expiry.UtcTicks % TimeSpan.TicksPerSecond)) + expiredWindow;
        return now < cutoff ? result : result with { Status = TokenValidationStatus.Expired, Error = "Token has expired." };
    }

    /// <summary>Checks signature and payload only; the caller judges expiry. Never throws for bad input.</summary>
    public TokenValidationResult ValidateIgnoringExpiry(string? token)
    {
        if (string.IsNullOrEmpty(token))
            return TokenValidationResult.Invalid("Token is empty.");

        FernetCipher cipher;
        try
        {
            cipher = _cipher();
        }
        catch (Exception e) when (e is IOException or InvalidOperationException or InvalidDataException or UnauthorizedAccessException)
        {
            return TokenValidationResult.Invalid("Fernet keys are unavailable: " + e.Message);
        }

        int max = FernetCipher.GetMaxPlaintextLength(token.Length);
        byte[]? heap = null;
        Span<byte> plaintext = max <= StackLimit ? stackalloc byte[max] : (heap = new byte[max]);
        // Keystone strips '=' from tokens; the decoder accepts unpadded input, which restores it.
        var status = cipher.TryDecrypt(token, plaintext, out int written, out long timestamp);
        if (status != FernetStatus.Valid)
            return TokenValidationResult.Invalid($"Could not recognize Fernet token ({status}).");
        if (timestamp < 0 || timestamp > DateTimeOffset.MaxValue.ToUnixTimeSeconds())
            return TokenValidationResult.Invalid("Fernet timestamp is out of range.");

        try
        {
            var reader = new MessagePackReader(plaintext[..written]);
            long version = PayloadCodec.ReadVersion(ref reader, out int fields);
            if (version < 0 || version > (long)TokenPayloadVersion.ApplicationCredentialScoped)
                return new(TokenValidationStatus.UnknownVersion, null, null, $"This is not a recognized Fernet payload version: {version}");
            var v = (TokenPayloadVersion)version;
            var payload = PayloadCodec.Unpack(v, ref reader, fields, Options, DateTimeOffset.FromUnixTimeSeconds(timestamp));
            return new(TokenValidationStatus.Valid, payload, v, null);
        }
        catch (MessagePackException e)
        {
            return TokenValidationResult.Invalid("Malformed token payload: " + e.Message);
        }
        finally
        {
            if (heap is not null)
                Array.Clear(heap);
        }
    }

    /// <summary>Keystone's restore_padding: re-adds the '=' stripped from a token.</summary>
    public static string RestorePadding(string token)
    {
        ArgumentNullException.ThrowIfNull(token);
        int mod = token.Length % 4;
        return mod == 0 ? token : token + new string('=', 4 - mod);
    }

    /// <summary>Keystone's creation_time: the Fernet timestamp, read without verifying the token.</summary>
    public static DateTimeOffset? GetCreationTime(string token) =>
        FernetCipher.TryReadTimestamp(token, out var issuedAt) ? issuedAt : null;

    [LoggerMessage(Level = LogLevel.Information, Message = "Fernet token created with length of {Length} characters, which exceeds {Max} characters")]
    private static partial void LogOversizedToken(ILogger logger, int length, int max);
}
