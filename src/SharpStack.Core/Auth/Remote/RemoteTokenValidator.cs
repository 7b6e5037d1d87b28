using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace SharpStack.Core.Auth.Remote;

/// <summary>The keystonemiddleware equivalent for services other than Identity: validates callers' tokens through the
/// Identity API with a service token, caches each result until the token expires (or token_cache_time), and polls
/// Identity's revocation events so that a revoked token stops working within seconds.</summary>
public sealed class RemoteTokenValidator : ITokenAuthenticator, IAsyncDisposable
{
    private readonly IdentityClient _identity;
    private readonly ServiceCredentials _credentials;
    private readonly TimeProvider _time;
    private readonly TimeSpan _cacheTime;
    private readonly ILogger _log;
    private readonly ConcurrentDictionary<string, (AuthContext Context, DateTimeOffset Until)> _cache = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _serviceTokenLock = new(1, 1);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _poller;
    private (string Token, DateTimeOffset ExpiresAt)? _serviceToken;
    private DateTimeOffset? _lastEvent;
    private HashSet<string> _seenEvents = [];

    public RemoteTokenValidator(IdentityClient identity, ServiceCredentials credentials, TimeSpan cacheTime, TimeSpan pollInterval,
        TimeProvider time, ILogger<RemoteTokenValidator> log)
    {
        _identity = identity;
        _credentials = credentials;
        _cacheTime = cacheTime;
        _time = time;
        _log = log;
        _poller = PollRevocationsAsync(pollInterval, _stop.Token);
    }

    /// <summary>How many validations were answered from the cache (for tests and metrics).</summary>
    public long CacheHits => Interlocked.Read(ref _hits);
    private long _hits;

    public async ValueTask<AuthContext?> AuthenticateAsync(string token, CancellationToken ct)
    {
        var now = _time.GetUtcNow();
        if (_cache.TryGetValue(token, out var hit) && now < hit.Until)
        {
            Interlocked.Increment(ref _hits);
            return hit.Context;
        }
        var body = await WithServiceTokenAsync((service, c) => _identity.ValidateAsync(service, token, c), ct);
        if (body is null)
        {
            _cache.TryRemove(token, out _);
            return null;
        }
        var context = TokenBody.ToContext(body, token);
        var until = context.ExpiresAt < now + _cacheTime ? context.ExpiresAt : now + _cacheTime;
        if (_cache.Count > 100_000) _cache.Clear();
        _cache[token] = (context, until);
        return context;
    }

    /// <summary>Runs a call with a valid service token, renewing it once if Identity rejects it.</summary>
    private async Task<T> WithServiceTokenAsync<T>(Func<string, CancellationToken, Task<T>> call, CancellationToken ct)
    {
        var token = await ServiceTokenAsync(forceNew: false, ct);
        try
        {
            return await call(token, ct);
        }
        catch (ServiceTokenRejectedException)
        {
            token = await ServiceTokenAsync(forceNew: true, ct);
            return await call(token, ct);
        }
    }

    private async Task<string> ServiceTokenAsync(bool forceNew, CancellationToken ct)
    {
        var current = _serviceToken;
        if (!forceNew && current is { } c && c.ExpiresAt - _time.GetUtcNow() > TimeSpan.FromMinutes(1)) return c.Token;
        await _serviceTokenLock.WaitAsync(ct);
        try
        {
            current = _serviceToken;
            if (!forceNew && current is { } again && again.ExpiresAt - _time.GetUtcNow() > TimeSpan.FromMinutes(1)) return again.Token;
            var fresh = await _identity.AuthenticateAsync(_credentials.Username, _credentials.Password, _credentials.UserDomainName,
                _credentials.ProjectName, _credentials.ProjectDomainName, ct);
            _serviceToken = fresh;
            return fresh.Token;
        }
        finally
        {
            _serviceTokenLock.Release();
        }
    }

    private async Task PollRevocationsAsync(TimeSpan interval, CancellationToken ct)
    {
        using var timer = new PeriodicTimer(interval, _time);
        try
        {
            while (await timer.WaitForNextTickAsync(ct))
            {
                try
                {
                    // Events carry whole-second times: ask from a second before the newest seen, and compare by content.
                    var since = _lastEvent?.AddSeconds(-1);
                    var events = await WithServiceTokenAsync((service, c) => _identity.RevokeEventsAsync(service, since, c), ct);
                    var current = events.Select(e => e!.ToJsonString()).ToHashSet();
                    if (current.Any(e => !_seenEvents.Contains(e)))
                        _cache.Clear();
                    _seenEvents = current;
                    if (events.Count > 0)
                        _lastEvent = events.Select(e => DateTimeOffset.Parse(e!["revoked_at"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture)).Max();
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    _log.LogWarning("Could not read revocation events from Identity: {Message}", e.Message);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Shutting down.
        }
    }

    private int _disposed;

    public async ValueTask DisposeAsync()
    {
        // Registered under two service types, so the container disposes it twice.
        if (Interlocked.Exchange(ref _disposed, 1) == 1) return;
        await _stop.CancelAsync();
        await _poller;
        _stop.Dispose();
    }
}

/// <summary>The service user a service authenticates as.</summary>
public sealed record ServiceCredentials(string Username, string Password, string UserDomainName, string ProjectName, string ProjectDomainName);
