using System.Collections.Concurrent;
using System.Collections.Frozen;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace SharpStack.Core.Policy;

/// <summary>Where the effective definition of a rule comes from.</summary>
public enum PolicyRuleSource
{
    /// <summary>The registered default, unchanged.</summary>
    Default,

    /// <summary>The registered default OR-ed with its deprecated default (enforce_new_defaults = false).</summary>
    DefaultOrDeprecated,

    /// <summary>The operator's file overrides a registered rule.</summary>
    Overridden,

    /// <summary>The operator's file overrides the deprecated (old) name of a renamed rule.</summary>
    OverriddenViaDeprecatedName,

    /// <summary>Defined only in the operator's file (not registered in code).</summary>
    FileOnly,
}

/// <summary>One row of <c>policy list</c>: a rule as it is currently enforced.</summary>
/// <param name="Name">Rule name.</param>
/// <param name="CheckString">The effective check string (as written in the file, or the default, or
/// <c>(new) or (deprecated)</c>).</param>
/// <param name="Check">The parsed effective check; <c>Check.ToString()</c> is oslo's canonical form.</param>
/// <param name="Source">Why this definition is in force.</param>
/// <param name="SourceFile">The file the override came from, for overridden and file-only rules.</param>
/// <param name="Default">The registered default, or null for file-only rules.</param>
public sealed record EffectiveRule(
    string Name,
    string CheckString,
    PolicyCheck Check,
    PolicyRuleSource Source,
    string? SourceFile,
    RuleDefault? Default)
{
    public bool IsRegistered => Default is not null;

    public bool IsOverridden => Source is PolicyRuleSource.Overridden or PolicyRuleSource.OverriddenViaDeprecatedName or PolicyRuleSource.FileOnly;
}

/// <summary>
/// The policy engine (oslo.policy's Enforcer): default rules registered in code, overridden by the
/// operator's policy file and policy directories, evaluated against request credentials and a target.
/// Thread-safe; the rule set is an immutable snapshot swapped atomically on (re)load.
/// </summary>
public sealed class PolicyEnforcer
{
    private readonly object _gate = new();
    private readonly List<RuleDefault> _registrationOrder = [];
    private readonly Dictionary<string, RuleDefault> _registered = new(StringComparer.Ordinal);
    private readonly ILogger _logger;
    private readonly ConcurrentDictionary<string, byte> _warnedMissing = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<(string Rule, string Scope), byte> _warnedScope = new();
    private readonly long _reloadIntervalMs;

    private Snapshot? _snapshot;
    private FileState? _files;
    private List<FileStamp>? _failedStamps;
    private long _nextReloadCheck;
    private int _reloading;

    public PolicyEnforcer(PolicyOptions? options = null, ILogger? logger = null)
    {
        Options = options ?? new PolicyOptions();
        _logger = logger ?? NullLogger.Instance;
        _reloadIntervalMs = Options.ReloadCheckInterval is { } i && i > TimeSpan.Zero ? (long)i.TotalMilliseconds : 0;
    }

    public PolicyOptions Options { get; }

    /// <summary>Grows by one whenever the rules in force change (load, reload, overrides): answers cached per
    /// caller are only reusable while it stays the same.</summary>
    public long Generation => Interlocked.Read(ref _generation);

    private long _generation;

    private void Publish(Snapshot snapshot)
    {
        Volatile.Write(ref _snapshot, snapshot);
        Interlocked.Increment(ref _generation);
    }

    /// <summary>Registered defaults, in registration order.</summary>
    public IReadOnlyList<RuleDefault> RegisteredRules
    {
        get
        {
            lock (_gate)
            {
                return [.. _registrationOrder];
            }
        }
    }

    public void Register(RuleDefault rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        lock (_gate)
        {
            if (!_registered.TryAdd(rule.Name, rule))
            {
                throw new DuplicatePolicyException(rule.Name);
            }
            _registrationOrder.Add(rule);
            if (_files is not null)
            {
                Volatile.Write(ref _snapshot, Build(_files));
            }
        }
    }

    public void Register(IEnumerable<RuleDefault> rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        lock (_gate)
        {
            foreach (var rule in rules)
            {
                if (!_registered.TryAdd(rule.Name, rule))
                {
                    throw new DuplicatePolicyException(rule.Name);
                }
                _registrationOrder.Add(rule);
            }
            if (_files is not null)
            {
                Volatile.Write(ref _snapshot, Build(_files));
            }
        }
    }

    /// <summary>
    /// (Re)reads the policy file and directories and rebuilds the rule set. Throws
    /// <see cref="PolicyFileException"/> when a file is unreadable or malformed, or (with
    /// <see cref="PolicyOptions.RejectInvalidRules"/>) when a check string has a syntax error; the
    /// previous rules stay in force in that case.
    /// </summary>
    public void Load()
    {
        lock (_gate)
        {
            var files = ReadFiles(Options);
            _files = files;
            _failedStamps = null;
            Publish(Build(files));
            ScheduleNextReloadCheck();
        }
    }

    /// <summary>
    /// Uses <paramref name="rules"/> (name -> check string) as the operator overrides instead of reading
    /// files; for tests and embedding. Validation is the same as for a file named <paramref name="sourceName"/>.
    /// </summary>
    public void LoadOverrides(IReadOnlyDictionary<string, string> rules, string sourceName = "(overrides)")
    {
        ArgumentNullException.ThrowIfNull(rules);
        var entries = rules.Select(kv => new PolicyFileEntry(kv.Key, kv.Value, null)).ToList();
        lock (_gate)
        {
            var files = new FileState();
            AddEntries(files, sourceName, entries, Options.RejectInvalidRules);
            _files = files;
            Publish(Build(files));
        }
    }

    /// <summary>Reloads when a policy file or directory changed since the last load. Returns true if it reloaded.</summary>
    public bool ReloadIfChanged() => ReloadIfChanged(skipKnownBad: false);

    private bool ReloadIfChanged(bool skipKnownBad)
    {
        lock (_gate)
        {
            ScheduleNextReloadCheck();
            if (_files is { IsInMemory: true })
            {
                return false;
            }
            var stamps = Stamp(Options);
            if (_files is not null && stamps.SequenceEqual(_files.Stamps))
            {
                return false;
            }
            if (skipKnownBad && _failedStamps is not null && stamps.SequenceEqual(_failedStamps))
            {
                return false; // still the same broken files; already reported
            }
            FileState files;
            try
            {
                files = ReadFiles(Options);
            }
            catch (PolicyFileException)
            {
                _failedStamps = stamps;
                throw;
            }
            _failedStamps = null;
            _files = files;
            Publish(Build(files));
            _logger.LogInformation("Policy rules reloaded from {Files}", string.Join(", ", files.Sources));
            return true;
        }
    }

    /// <summary>
    /// Authorizes <paramref name="rule"/>, which must be registered (oslo's <c>authorize</c>); an unknown
    /// name is a programming error and throws <see cref="PolicyNotRegisteredException"/>.
    /// </summary>
    public PolicyResult Authorize(string rule, PolicyCredentials credentials, IReadOnlyDictionary<string, object?> target)
    {
        ArgumentNullException.ThrowIfNull(rule);
        var snapshot = Current();
        if (!snapshot.Registered.TryGetValue(rule, out var registered))
        {
            throw new PolicyNotRegisteredException(rule);
        }
        return EnforceCore(snapshot, rule, registered, credentials, target);
    }

    /// <summary>Like <see cref="Authorize"/> but throws <see cref="PolicyDeniedException"/> unless allowed.</summary>
    public void AuthorizeOrThrow(string rule, PolicyCredentials credentials, IReadOnlyDictionary<string, object?> target)
    {
        var result = Authorize(rule, credentials, target);
        if (!result.IsAllowed)
        {
            throw new PolicyDeniedException(result);
        }
    }

    /// <summary>
    /// oslo's <c>enforce</c>: any rule name in the effective rule set (registered or file-only). An
    /// undefined name falls back to the default rule if there is one, else is denied.
    /// </summary>
    public PolicyResult Enforce(string rule, PolicyCredentials credentials, IReadOnlyDictionary<string, object?> target)
    {
        ArgumentNullException.ThrowIfNull(rule);
        var snapshot = Current();
        snapshot.Registered.TryGetValue(rule, out var registered);
        return EnforceCore(snapshot, rule, registered, credentials, target);
    }

    /// <summary>Evaluates an ad-hoc expression; <c>rule:</c> references resolve against the effective rules.</summary>
    public bool Evaluate(PolicyCheck check, PolicyCredentials credentials, IReadOnlyDictionary<string, object?> target)
    {
        ArgumentNullException.ThrowIfNull(check);
        ArgumentNullException.ThrowIfNull(credentials);
        ArgumentNullException.ThrowIfNull(target);
        var eval = new PolicyEvaluation(credentials, target, Current().Table);
        return check.Evaluate(ref eval);
    }

    /// <summary>All effective rules: registered ones in registration order, then file-only ones by name.</summary>
    public IReadOnlyList<EffectiveRule> ListRules() => Current().Effective;

    /// <summary>The effective definition of one rule, or null.</summary>
    public EffectiveRule? GetRule(string name) =>
        Current().EffectiveByName.TryGetValue(name, out var rule) ? rule : null;

    private PolicyResult EnforceCore(
        Snapshot snapshot,
        string rule,
        RuleDefault? registered,
        PolicyCredentials credentials,
        IReadOnlyDictionary<string, object?> target)
    {
        ArgumentNullException.ThrowIfNull(credentials);
        ArgumentNullException.ThrowIfNull(target);
        var scope = credentials.TokenScope;
        var scopeTypes = registered?.ScopeTypes;

        if (!snapshot.Table.TryResolve(rule, out var check))
        {
            return new PolicyResult(PolicyDecision.Denied, rule, scope, scopeTypes);
        }

        if (registered is not null && scopeTypes!.Count > 0 && !registered.AllowsScope(scope))
        {
            if (Options.EnforceScope)
            {
                return new PolicyResult(PolicyDecision.ScopeMismatch, rule, scope, scopeTypes);
            }
            WarnScopeOnce(registered, scope);
        }

        var eval = new PolicyEvaluation(credentials, target, snapshot.Table);
        var allowed = check.Evaluate(ref eval);
        return new PolicyResult(allowed ? PolicyDecision.Allowed : PolicyDecision.Denied, rule, scope, scopeTypes);
    }

    private void WarnScopeOnce(RuleDefault rule, string scope)
    {
        if (_warnedScope.ContainsKey((rule.Name, scope)) || !_warnedScope.TryAdd((rule.Name, scope), 0))
        {
            return;
        }
        _logger.LogWarning(
            "Policy {Rule} failed scope check. The token used to make the request was {TokenScope} scoped but the policy requires [{ScopeTypes}] scope; allowed because enforce_scope is false",
            rule.Name, scope, string.Join(", ", rule.ScopeTypes));
    }

    private void WarnMissingOnce(string name, string? fallback)
    {
        if (_warnedMissing.ContainsKey(name) || !_warnedMissing.TryAdd(name, 0))
        {
            return;
        }
        _logger.LogWarning(
            "Policy rule {Rule} is not defined; {Outcome}",
            name,
            fallback is not null ? $"using the default rule \"{fallback}\"" : "the check fails closed");
    }

    private Snapshot Current()
    {
        var snapshot = Volatile.Read(ref _snapshot);
        if (snapshot is null)
        {
            lock (_gate)
            {
                if (_snapshot is null)
                {
                    Load();
                }
                return _snapshot!;
            }
        }
        if (_reloadIntervalMs > 0 && Environment.TickCount64 >= Volatile.Read(ref _nextReloadCheck))
        {
            TryAutoReload();
            snapshot = Volatile.Read(ref _snapshot)!;
        }
        return snapshot;
    }

    private void TryAutoReload()
    {
        if (Interlocked.CompareExchange(ref _reloading, 1, 0) != 0)
        {
            return;
        }
        try
        {
            ReloadIfChanged(skipKnownBad: true);
        }
        catch (PolicyFileException ex)
        {
            _logger.LogError("Policy files changed but could not be loaded; keeping the previous rules. {Error}", ex.Message);
        }
        finally
        {
            Volatile.Write(ref _reloading, 0);
        }
    }

    private void ScheduleNextReloadCheck()
    {
        if (_reloadIntervalMs > 0)
        {
            Volatile.Write(ref _nextReloadCheck, Environment.TickCount64 + _reloadIntervalMs);
        }
    }

    // ---- files ----------------------------------------------------------------------------------

    private sealed class FileRule(string name, string checkString, PolicyCheck check, string source)
    {
        public string Name { get; } = name;

        public string CheckString { get; } = checkString;

        public PolicyCheck Check { get; } = check;

        public string Source { get; } = source;
    }

    private sealed class FileState
    {
        public Dictionary<string, FileRule> Rules { get; } = new(StringComparer.Ordinal);

        public List<string> Sources { get; } = [];

        public List<FileStamp> Stamps { get; init; } = [];

        public bool IsInMemory { get; init; }
    }

    private readonly record struct FileStamp(string Path, bool Exists, DateTime LastWriteUtc, long Length);

    private static List<string> PolicyFiles(PolicyOptions options)
    {
        var files = new List<string>();
        if (!string.IsNullOrEmpty(options.PolicyFile) && File.Exists(options.PolicyFile))
        {
            files.Add(options.PolicyFile);
        }
        foreach (var dir in options.PolicyDirs)
        {
            if (!Directory.Exists(dir))
            {
                continue;
            }
            var names = Directory.GetFiles(dir)
                .Where(f => !Path.GetFileName(f).StartsWith('.'))
                .OrderBy(f => Path.GetFileName(f), StringComparer.Ordinal);
            files.AddRange(names);
        }
        return files;
    }

    private static List<FileStamp> Stamp(PolicyOptions options)
    {
        var stamps = new List<FileStamp>();
        void Add(string path)
        {
            var info = new FileInfo(path);
            stamps.Add(info.Exists
                ? new FileStamp(path, true, info.LastWriteTimeUtc, info.Length)
                : new FileStamp(path, false, default, 0));
        }
        if (!string.IsNullOrEmpty(options.PolicyFile))
        {
            Add(options.PolicyFile);
        }
        foreach (var dir in options.PolicyDirs)
        {
            var info = new DirectoryInfo(dir);
            stamps.Add(new FileStamp(dir, info.Exists, info.Exists ? info.LastWriteTimeUtc : default, 0));
            if (info.Exists)
            {
                foreach (var f in Directory.GetFiles(dir).Where(f => !Path.GetFileName(f).StartsWith('.')).Order(StringComparer.Ordinal))
                {
                    Add(f);
                }
            }
        }
        return stamps;
    }

    private FileState ReadFiles(PolicyOptions options)
    {
        var state = new FileState { Stamps = Stamp(options) };
        if (!string.IsNullOrEmpty(options.PolicyFile) && !File.Exists(options.PolicyFile))
        {
            _logger.LogDebug("The policy file {File} could not be found; using default rules", options.PolicyFile);
        }
        foreach (var file in PolicyFiles(options))
        {
            var entries = PolicyFileLoader.Read(file);
            AddEntries(state, file, entries, options.RejectInvalidRules);
        }
        return state;
    }

    private void AddEntries(FileState state, string source, List<PolicyFileEntry> entries, bool reject)
    {
        var errors = new List<PolicyParseException>();
        var parsed = new List<FileRule>();
        foreach (var entry in entries)
        {
            PolicyCheck check;
            string text;
            try
            {
                switch (entry.Value)
                {
                    case null:
                        _logger.LogWarning(
                            "{File}: rule {Rule} has no value; like oslo.policy this means \"always allow\" (write \"\" to say so explicitly, or \"!\" to deny)",
                            source, entry.Name);
                        check = PolicyCheck.Always;
                        text = "";
                        break;
                    case string s:
                        text = s;
                        check = PolicyParser.Parse(s);
                        break;
                    case List<object?> list:
                        text = System.Text.Json.JsonSerializer.Serialize(list);
                        check = PolicyParser.ParseList(list);
                        break;
                    default:
                        throw new PolicyFileException(source, entry.Line, $"the value of \"{entry.Name}\" must be a string");
                }
            }
            catch (PolicyParseException ex)
            {
                var located = ex.WithLocation(entry.Name, source, entry.Line);
                if (reject)
                {
                    errors.Add(located);
                    continue;
                }
                _logger.LogError("{Error}; the rule denies every request until fixed", located.Message);
                check = PolicyCheck.Never;
                text = entry.Value as string ?? "!";
            }
            parsed.Add(new FileRule(entry.Name, text, check, source));
        }
        if (errors.Count > 0)
        {
            throw new PolicyFileException(source, errors);
        }
        foreach (var rule in parsed)
        {
            state.Rules[rule.Name] = rule;
        }
        state.Sources.Add(source);
    }

    // ---- building the effective rule set ------------------------------------------------------

    private sealed class Snapshot
    {
        public required FrozenDictionary<string, PolicyCheck> Rules { get; init; }

        public required RuleTable Table { get; init; }

        public required FrozenDictionary<string, RuleDefault> Registered { get; init; }

        public required IReadOnlyList<EffectiveRule> Effective { get; init; }

        public required FrozenDictionary<string, EffectiveRule> EffectiveByName { get; init; }
    }

    private Snapshot Build(FileState files)
    {
        var rules = new Dictionary<string, PolicyCheck>(StringComparer.Ordinal);
        var effective = new List<EffectiveRule>();
        foreach (var (name, fileRule) in files.Rules)
        {
            rules[name] = fileRule.Check;
        }

        var deprecatedNames = new HashSet<string>(StringComparer.Ordinal);
        foreach (var def in _registrationOrder)
        {
            if (def.DeprecatedRule is { } dn && dn.Name != def.Name)
            {
                deprecatedNames.Add(dn.Name);
            }

            if (files.Rules.TryGetValue(def.Name, out var overridden))
            {
                effective.Add(new EffectiveRule(def.Name, overridden.CheckString, overridden.Check, PolicyRuleSource.Overridden, overridden.Source, def));
                if (overridden.Check.ToString() == def.Check.ToString())
                {
                    _logger.LogInformation(
                        "{File}: rule {Rule} is the same as the default; it can be removed from the policy file",
                        overridden.Source, def.Name);
                }
                if (def.DeprecatedForRemoval)
                {
                    _logger.LogWarning(
                        "Policy {Rule} was deprecated for removal in {Release}: {Reason} Its value may be silently ignored in the future",
                        def.Name, def.DeprecatedSince, def.DeprecatedReason);
                }
                continue;
            }

            var check = def.Check;
            var text = def.CheckString;
            var source = PolicyRuleSource.Default;
            string? sourceFile = null;
            if (def.DeprecatedRule is { } dep)
            {
                if (dep.Name != def.Name && files.Rules.TryGetValue(dep.Name, out var oldOverride))
                {
                    _logger.LogWarning(
                        "Policy {OldName} was renamed to {Name}; the override of {OldName} in {File} is applied to {Name}. Rename it in the policy file",
                        dep.Name, def.Name, dep.Name, oldOverride.Source, def.Name);
                    if (oldOverride.Check.ToString() != "rule:" + def.Name)
                    {
                        check = oldOverride.Check;
                        text = oldOverride.CheckString;
                        source = PolicyRuleSource.OverriddenViaDeprecatedName;
                        sourceFile = oldOverride.Source;
                    }
                }
                if (source == PolicyRuleSource.Default && !Options.EnforceNewDefaults && dep.CheckString != def.CheckString)
                {
                    check = new OrCheck([def.Check, dep.Check]);
                    text = $"({(def.CheckString.Length == 0 ? "@" : def.CheckString)}) or ({(dep.CheckString.Length == 0 ? "@" : dep.CheckString)})";
                    source = PolicyRuleSource.DefaultOrDeprecated;
                }
            }
            rules[def.Name] = check;
            effective.Add(new EffectiveRule(def.Name, text, check, source, sourceFile, def));
        }

        foreach (var (name, fileRule) in files.Rules.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            if (_registered.ContainsKey(name))
            {
                continue;
            }
            effective.Add(new EffectiveRule(name, fileRule.CheckString, fileRule.Check, PolicyRuleSource.FileOnly, fileRule.Source, null));
            if (!deprecatedNames.Contains(name) && name != Options.DefaultRule)
            {
                _logger.LogWarning(
                    "{File}: rule {Rule} is not a registered rule; it is kept and can be referenced with rule:{Rule}",
                    fileRule.Source, name, name);
            }
        }

        var frozen = rules.ToFrozenDictionary(StringComparer.Ordinal);
        CheckRules(frozen);
        return new Snapshot
        {
            Rules = frozen,
            Table = new RuleTable(frozen, Options.DefaultRule, WarnMissingOnce),
            Registered = _registered.ToFrozenDictionary(StringComparer.Ordinal),
            Effective = effective.AsReadOnly(),
            EffectiveByName = effective.ToFrozenDictionary(r => r.Name, StringComparer.Ordinal),
        };
    }

    /// <summary>oslo's check_rules: report references to undefined rules and reference cycles.</summary>
    private void CheckRules(IReadOnlyDictionary<string, PolicyCheck> rules)
    {
        var undefined = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var (name, check) in rules)
        {
            foreach (var reference in check.ReferencedRules())
            {
                if (!rules.ContainsKey(reference))
                {
                    undefined.Add($"{name} -> rule:{reference}");
                }
            }
        }
        if (undefined.Count > 0)
        {
            _logger.LogWarning("Policies reference rules that are not defined: {References}", string.Join(", ", undefined));
        }

        var cyclic = new SortedSet<string>(StringComparer.Ordinal);
        var state = new Dictionary<string, int>(StringComparer.Ordinal); // 1 = visiting, 2 = done
        var path = new Stack<string>();
        void Visit(string name)
        {
            state[name] = 1;
            path.Push(name);
            foreach (var reference in rules[name].ReferencedRules())
            {
                if (!rules.ContainsKey(reference)) continue;
                state.TryGetValue(reference, out var s);
                if (s == 1)
                {
                    foreach (var member in path)
                    {
                        cyclic.Add(member);
                        if (member == reference) break;
                    }
                }
                else if (s == 0)
                {
                    Visit(reference);
                }
            }
            path.Pop();
            state[name] = 2;
        }
        foreach (var name in rules.Keys)
        {
            if (!state.ContainsKey(name)) Visit(name);
        }
        if (cyclic.Count > 0)
        {
            _logger.LogWarning("Policies {Rules} are part of a cyclical reference; they fail closed", string.Join(", ", cyclic));
        }
    }
}
