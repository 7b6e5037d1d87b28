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

    internal PolicyResult(PolicyDecision decision, string rule, string tokenScope, IReadOnlyList<string>? scopeTypes)
    {
        Decision = decision;
        Rule = rule;
        TokenScope = tokenScope;
        ScopeTypes = scopeTypes ?? NoScopes;
    }

    public PolicyDecision Decision { get; }

    public bool IsAllowed => Decision == PolicyDecision.Allowed;

    public string Rule { get; }

    /// <summary>system, domain or project, derived from the credentials.</summary>
    public string TokenScope { get; }

    /// <summary>The rule's scope_types (empty when the rule does not declare any).</summary>
    public IReadOnlyList<string> ScopeTypes { get; }

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
