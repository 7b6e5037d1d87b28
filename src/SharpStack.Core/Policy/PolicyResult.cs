namespace SharpStack.Core.Policy;

public enum PolicyDecision
{
    Allowed,

    /// <summary>The rule evaluated to false (oslo's PolicyNotAuthorized -> 403).</summary>
    Denied,

    /// <summary>
    /// enforce_scope is on and the token's scope is not one of the rule's scope_types
    /// (oslo's InvalidScope; keystone answers 403 ForbiddenAction).
    /// </summary>
    ScopeMismatch,
}

/// <summary>The outcome of an authorization; a small struct so the hot path does not allocate.</summary>
public readonly struct PolicyResult
{
    private static readonly IReadOnlyList<string> NoScopes = [];

    private readonly string? _rule;
    private readonly string? _tokenScope;
    private readonly IReadOnlyList<string>? _scopeTypes;

    internal PolicyResult(PolicyDecision decision, string rule, string tokenScope, IReadOnlyList<string>? scopeTypes)
    {
        // Stored shifted by one so that default(PolicyResult) is a denial, never an accidental allow.
        _decision = (int)decision + 1;
        _rule = rule;
        _tokenScope = tokenScope;
        _scopeTypes = scopeTypes;
    }

    private readonly int _decision;

    /// <summary>The outcome; <c>default(PolicyResult)</c> reads as <see cref="PolicyDecision.Denied"/>.</summary>
    public PolicyDecision Decision => _decision == 0 ? PolicyDecision.Denied : (PolicyDecision)(_decision - 1);

    public bool IsAllowed => Decision == PolicyDecision.Allowed;

    public string Rule => _rule ?? "";

    /// <summary>system, domain or project, derived from the credentials.</summary>
    public string TokenScope => _tokenScope ?? PolicyScopes.Project;

    /// <summary>The rule's scope_types (empty when the rule does not declare any).</summary>
    public IReadOnlyList<string> ScopeTypes => _scopeTypes ?? NoScopes;

    public static implicit operator bool(PolicyResult result) => result.IsAllowed;

    public override string ToString() => Decision switch
    {
        PolicyDecision.Allowed => $"{Rule} is allowed by policy",
        PolicyDecision.ScopeMismatch =>
            $"{Rule} requires a scope of [{string.Join(", ", ScopeTypes)}], request was made with {TokenScope} scope.",
        _ => $"{Rule} is disallowed by policy",
    };
}

/// <summary>Thrown by <see cref="PolicyEnforcer.AuthorizeOrThrow"/>; maps to HTTP 403.</summary>
public sealed class PolicyDeniedException(PolicyResult result) : Exception(result.ToString())
{
    public PolicyResult Result { get; } = result;
}

/// <summary>Authorizing a rule that was never registered: a programming error (oslo's PolicyNotRegistered).</summary>
public sealed class PolicyNotRegisteredException(string rule) : InvalidOperationException($"Policy {rule} has not been registered")
{
    public string Rule { get; } = rule;
}

/// <summary>Registering the same rule name twice (oslo's DuplicatePolicyError).</summary>
public sealed class DuplicatePolicyException(string rule) : InvalidOperationException($"Policy {rule} is already registered")
{
    public string Rule { get; } = rule;
}
