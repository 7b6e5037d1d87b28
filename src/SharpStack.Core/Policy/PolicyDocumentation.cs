using System.Text;

namespace SharpStack.Core.Policy;

/// <summary>
/// Text renderings for <c>policy list</c> / <c>policy generate</c> style commands: a commented sample
/// file of the defaults (like oslopolicy-sample-generator) and the effective rules (like
/// oslopolicy-policy-generator). Output is YAML that the enforcer itself can load.
/// </summary>
public static class PolicyDocumentation
{
    /// <summary>
    /// A sample policy file: every default commented out, with its description, operations, scope
    /// types and deprecation notes. Uncommenting a line overrides that rule.
    /// </summary>
    public static string GenerateSample(IEnumerable<RuleDefault> rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        var sb = new StringBuilder();
        foreach (var rule in rules)
        {
            if (!string.IsNullOrWhiteSpace(rule.Description))
            {
                foreach (var line in rule.Description.Trim().Split('\n'))
                {
                    sb.Append("# ").Append(line.TrimEnd()).Append('\n');
                }
            }
            foreach (var op in rule.Operations)
            {
                sb.Append("# ").Append(op.Method.PadRight(7)).Append(' ').Append(op.Path).Append('\n');
            }
            if (rule.ScopeTypes.Count > 0)
            {
                sb.Append("# Intended scope(s): ").Append(string.Join(", ", rule.ScopeTypes)).Append('\n');
            }
            sb.Append('#').Append(Quote(rule.Name)).Append(": ").Append(Quote(rule.CheckString)).Append('\n');
            if (rule.DeprecatedRule is { } dep)
            {
                sb.Append("# DEPRECATED\n");
                sb.Append("# ").Append(Quote(dep.Name)).Append(':').Append(Quote(dep.CheckString))
                    .Append(" has been deprecated");
                if (!string.IsNullOrEmpty(dep.Since)) sb.Append(" since ").Append(dep.Since);
                sb.Append(" in favor of ").Append(Quote(rule.Name)).Append(':').Append(Quote(rule.CheckString)).Append(".\n");
                if (!string.IsNullOrWhiteSpace(dep.Reason))
                {
                    foreach (var line in dep.Reason.Trim().Split('\n'))
                    {
                        sb.Append("# ").Append(line.TrimEnd()).Append('\n');
                    }
                }
            }
            if (rule.DeprecatedForRemoval)
            {
                sb.Append("# DEPRECATED\n# ").Append(Quote(rule.Name)).Append(" has been deprecated for removal");
                if (!string.IsNullOrEmpty(rule.DeprecatedSince)) sb.Append(" since ").Append(rule.DeprecatedSince);
                sb.Append(".\n");
                if (!string.IsNullOrWhiteSpace(rule.DeprecatedReason))
                {
                    foreach (var line in rule.DeprecatedReason.Trim().Split('\n'))
                    {
                        sb.Append("# ").Append(line.TrimEnd()).Append('\n');
                    }
                }
            }
            sb.Append('\n');
        }
        return sb.ToString();
    }

    /// <summary>The rules in force, one <c>"name": "check"</c> line each, overridden ones marked.</summary>
    public static string GenerateEffective(IEnumerable<EffectiveRule> rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        var sb = new StringBuilder();
        foreach (var rule in rules)
        {
            switch (rule.Source)
            {
                case PolicyRuleSource.Overridden:
                case PolicyRuleSource.OverriddenViaDeprecatedName:
                    sb.Append("# overridden in ").Append(rule.SourceFile).Append('\n');
                    break;
                case PolicyRuleSource.FileOnly:
                    sb.Append("# not registered; defined in ").Append(rule.SourceFile).Append('\n');
                    break;
                case PolicyRuleSource.DefaultOrDeprecated:
                    sb.Append("# default OR-ed with its deprecated default (enforce_new_defaults = false)\n");
                    break;
            }
            sb.Append(Quote(rule.Name)).Append(": ").Append(Quote(rule.CheckString)).Append('\n');
        }
        return sb.ToString();
    }

    /// <summary>A YAML/JSON double-quoted scalar.</summary>
    public static string Quote(string value)
    {
        var sb = new StringBuilder(value.Length + 2);
        sb.Append('"');
        foreach (var c in value)
        {
            switch (c)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                case '\n': sb.Append("\\n"); break;
                case '\t': sb.Append("\\t"); break;
                case '\r': sb.Append("\\r"); break;
                default:
                    if (char.IsControl(c)) sb.Append("\\u").Append(((int)c).ToString("x4", System.Globalization.CultureInfo.InvariantCulture));
                    else sb.Append(c);
                    break;
            }
        }
        sb.Append('"');
        return sb.ToString();
    }
}
