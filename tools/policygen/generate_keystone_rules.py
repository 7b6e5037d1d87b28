#!/usr/bin/python3
"""Regenerates src/SharpStack.Identity/Policies/*.cs from keystone's installed policy defaults.

Run with Debian's python, which has keystone (Zed) installed:
    /usr/bin/python3 tools/policygen/generate_keystone_rules.py

Rule names, check strings, scope types, operations and deprecated defaults are read from keystone
(facts); descriptions and deprecation reasons are our own text, kept in the tables below. Review the
diff after running: hand edits to the generated files are overwritten.
"""
import collections
import importlib
import os
import re
import warnings

warnings.simplefilter('ignore')

MODULES = ('base access_rule access_token application_credential auth consumer credential domain '
           'domain_config ec2_credential endpoint endpoint_group grant group identity_provider '
           'implied_role limit mapping policy policy_association project project_endpoint protocol '
           'region registered_limit revoke_event role role_assignment s3tokens ec2tokens service '
           'service_provider token_revocation token trust user').split()


def dump_rules():
    out = []
    for m in MODULES:
        mod = importlib.import_module('keystone.common.policies.' + m)
        for r in mod.list_rules():
            d = dict(module=m, name=r.name, check_str=r.check_str, scope_types=r.scope_types,
                     operations=getattr(r, 'operations', None), dep_for_removal=r.deprecated_for_removal,
                     dep_reason=r.deprecated_reason, dep_since=r.deprecated_since)
            if r.deprecated_rule:
                d['dep'] = dict(name=r.deprecated_rule.name, check_str=r.deprecated_rule.check_str,
                                since=r.deprecated_rule.deprecated_since)
            out.append(d)
    return out


rules = dump_rules()
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', '..', 'src', 'SharpStack.Identity', 'Policies')
os.makedirs(OUT, exist_ok=True)

CLASS = {
 'base':'Base','access_rule':'AccessRules','access_token':'AccessTokens','application_credential':'ApplicationCredentials',
 'auth':'Auth','consumer':'Consumers','credential':'Credentials','domain':'Domains','domain_config':'DomainConfigs',
 'ec2_credential':'Ec2Credentials','ec2tokens':'Ec2Tokens','endpoint':'Endpoints','endpoint_group':'EndpointGroups',
 'grant':'Grants','group':'Groups','identity_provider':'IdentityProviders','implied_role':'ImpliedRoles','limit':'Limits',
 'mapping':'Mappings','policy':'PolicyBlobs','policy_association':'PolicyAssociations','project':'Projects',
 'project_endpoint':'ProjectEndpoints','protocol':'Protocols','region':'Regions','registered_limit':'RegisteredLimits',
 'revoke_event':'RevokeEvents','role':'Roles','role_assignment':'RoleAssignments','s3tokens':'S3Tokens','service':'Services',
 'service_provider':'ServiceProviders','token_revocation':'TokenRevocation','token':'Tokens','trust':'Trusts','user':'Users',
}
# File names follow the resource; the policy blob API's class avoids clashing with the namespace.
FILE = dict(CLASS, policy='Policies')
# What the resource is called in our own summary lines.
API = {
 'access_rule':'access rule','access_token':'OAuth1 access token','application_credential':'application credential',
 'auth':'auth discovery','consumer':'OAuth1 consumer','credential':'credential','domain':'domain','domain_config':'domain configuration',
 'ec2_credential':'EC2 credential','ec2tokens':'EC2 token','endpoint':'endpoint','endpoint_group':'endpoint group','grant':'role grant',
 'group':'group','identity_provider':'identity provider','implied_role':'implied role','limit':'project limit','mapping':'federation mapping',
 'policy':'policy blob','policy_association':'endpoint policy association','project':'project','project_endpoint':'project endpoint filter',
 'protocol':'federation protocol','region':'region','registered_limit':'registered limit','revoke_event':'revocation event',
 'role':'role','role_assignment':'role assignment','s3tokens':'S3 token','service':'service','service_provider':'service provider',
 'token_revocation':'PKI revocation list','token':'token','trust':'trust','user':'user',
}
SINCE = {'S': 'S', 'T': 'T'}

OVERRIDES = {
 'admin_required': 'Holds the admin role (or is_admin is set in the credentials).',
 'service_role': 'Holds the service role.',
 'service_or_admin': 'An admin or a service user.',
 'owner': 'The caller is the user named by the user_id in the request path.',
 'admin_or_owner': 'An admin, or the user the request is about.',
 'token_subject': 'The caller owns the token being inspected (X-Subject-Token).',
 'admin_or_token_subject': 'An admin, or the owner of the token being inspected.',
 'service_admin_or_token_subject': 'An admin, a service user, or the owner of the token being inspected.',
 'identity:authorize_request_token': 'Authorize an OAuth1 request token.',
 'identity:get_access_token': 'Show one OAuth1 access token of a user.',
 'identity:get_access_token_role': 'Show a role delegated through an OAuth1 access token.',
 'identity:list_access_tokens': 'List the OAuth1 access tokens of a user.',
 'identity:list_access_token_roles': 'List the roles delegated through an OAuth1 access token.',
 'identity:delete_access_token': 'Revoke an OAuth1 access token.',
 'identity:get_auth_catalog': 'Get the service catalog of the current token.',
 'identity:get_auth_projects': 'List the projects the current token can be scoped to.',
 'identity:get_auth_domains': 'List the domains the current token can be scoped to.',
 'identity:get_auth_system': 'List the system scopes the current token can use.',
 'identity:get_security_compliance_domain_config': 'Read the password policy options (security compliance) exposed through the domain configuration API.',
 'identity:get_domain_config_default': 'Show the default domain configuration options.',
 'identity:ec2_get_credential': 'Show one EC2 credential of a user.',
 'identity:ec2_list_credentials': 'List the EC2 credentials of a user.',
 'identity:ec2_create_credential': 'Create an EC2 credential for a user.',
 'identity:ec2_delete_credential': 'Delete an EC2 credential of a user.',
 'identity:ec2tokens_validate': 'Authenticate with an EC2 signature (ec2tokens).',
 'identity:s3tokens_validate': 'Authenticate with an S3 signature (s3tokens).',
 'identity:add_endpoint_group_to_project': 'Associate an endpoint group with a project.',
 'identity:remove_endpoint_group_from_project': 'Remove the association between an endpoint group and a project.',
 'identity:list_projects_associated_with_endpoint_group': 'List the projects associated with an endpoint group.',
 'identity:list_endpoints_associated_with_endpoint_group': 'List the endpoints matched by an endpoint group.',
 'identity:get_endpoint_group_in_project': 'Show an endpoint group associated with a project.',
 'identity:list_endpoint_groups_for_project': 'List the endpoint groups associated with a project.',
 'identity:check_grant': 'Check whether a user or group has a role on a project or domain.',
 'identity:list_grants': 'List the roles a user or group has on a project or domain.',
 'identity:create_grant': 'Give a role to a user or group on a project or domain.',
 'identity:revoke_grant': 'Take a role on a project or domain away from a user or group.',
 'identity:list_system_grants_for_user': 'List the system roles of a user.',
 'identity:check_system_grant_for_user': 'Check whether a user has a system role.',
 'identity:create_system_grant_for_user': 'Give a system role to a user.',
 'identity:revoke_system_grant_for_user': 'Take a system role away from a user.',
 'identity:list_system_grants_for_group': 'List the system roles of a group.',
 'identity:check_system_grant_for_group': 'Check whether a group has a system role.',
 'identity:create_system_grant_for_group': 'Give a system role to a group.',
 'identity:revoke_system_grant_for_group': 'Take a system role away from a group.',
 'identity:list_groups_for_user': 'List the groups a user belongs to.',
 'identity:list_users_in_group': 'List the members of a group.',
 'identity:remove_user_from_group': 'Remove a user from a group.',
 'identity:check_user_in_group': 'Check whether a user belongs to a group.',
 'identity:add_user_to_group': 'Add a user to a group.',
 'identity:list_role_inference_rules': 'List every implied-role relationship.',
 'identity:check_implied_role': 'Check whether one role implies another.',
 'identity:get_implied_role': 'Show one implied-role relationship.',
 'identity:list_implied_roles': 'List the roles implied by a role.',
 'identity:create_implied_role': 'Make one role imply another.',
 'identity:delete_implied_role': 'Remove an implied-role relationship.',
 'identity:get_limit_model': 'Show the enforcement model used for limits.',
 'identity:create_limits': 'Create project or domain limits.',
 'identity:create_registered_limits': 'Create registered (default) limits.',
 'identity:create_policy_association_for_endpoint': 'Attach a policy blob to an endpoint.',
 'identity:check_policy_association_for_endpoint': 'Check whether a policy blob is attached to an endpoint.',
 'identity:delete_policy_association_for_endpoint': 'Detach a policy blob from an endpoint.',
 'identity:create_policy_association_for_service': 'Attach a policy blob to a service.',
 'identity:check_policy_association_for_service': 'Check whether a policy blob is attached to a service.',
 'identity:delete_policy_association_for_service': 'Detach a policy blob from a service.',
 'identity:create_policy_association_for_region_and_service': 'Attach a policy blob to a service in a region.',
 'identity:check_policy_association_for_region_and_service': 'Check whether a policy blob is attached to a service in a region.',
 'identity:delete_policy_association_for_region_and_service': 'Detach a policy blob from a service in a region.',
 'identity:get_policy_for_endpoint': 'Show the policy blob that applies to an endpoint.',
 'identity:list_endpoints_for_policy': 'List the endpoints a policy blob applies to.',
 'identity:list_user_projects': 'List the projects a user has roles on.',
 'identity:list_project_tags': 'List the tags of a project.',
 'identity:get_project_tag': 'Check whether a project has a tag.',
 'identity:update_project_tags': 'Replace all tags of a project.',
 'identity:create_project_tag': 'Add a tag to a project.',
 'identity:delete_project_tags': 'Remove all tags from a project.',
 'identity:delete_project_tag': 'Remove one tag from a project.',
 'identity:list_projects_for_endpoint': 'List the projects an endpoint is associated with.',
 'identity:add_endpoint_to_project': 'Associate an endpoint with a project.',
 'identity:check_endpoint_in_project': 'Check whether an endpoint is associated with a project.',
 'identity:list_endpoints_for_project': 'List the endpoints associated with a project.',
 'identity:remove_endpoint_from_project': 'Remove the association between an endpoint and a project.',
 'identity:list_revoke_events': 'List token revocation events.',
 'identity:get_domain_role': 'Show one domain-specific role.',
 'identity:list_domain_roles': 'List domain-specific roles.',
 'identity:create_domain_role': 'Create a domain-specific role.',
 'identity:update_domain_role': 'Update a domain-specific role.',
 'identity:delete_domain_role': 'Delete a domain-specific role.',
 'identity:list_role_assignments': 'List role assignments (who has which role where).',
 'identity:list_role_assignments_for_tree': 'List role assignments of a project and its subtree (include_subtree).',
 'identity:revocation_list': 'List revoked PKI tokens (the API is gone; the rule protects nothing).',
 'identity:check_token': 'Check that a token is valid (HEAD).',
 'identity:validate_token': 'Validate a token and return its body.',
 'identity:revoke_token': 'Revoke a token.',
 'identity:list_trusts_for_trustor': 'List the trusts a user has delegated (trustor_user_id filter).',
 'identity:list_trusts_for_trustee': 'List the trusts delegated to a user (trustee_user_id filter).',
 'identity:list_roles_for_trust': 'List the roles delegated by a trust.',
 'identity:get_role_for_trust': 'Show one role delegated by a trust.',
 'identity:list_projects_for_user': 'List the projects the authenticated user can access (federation API).',
 'identity:list_domains_for_user': 'List the domains the authenticated user can access (federation API).',
 'identity:get_domain_config': 'Show the configuration of a domain (whole, one group or one option).',
 'identity:create_domain_config': 'Create the configuration of a domain.',
 'identity:update_domain_config': 'Update the configuration of a domain.',
 'identity:delete_domain_config': 'Delete the configuration of a domain (whole, one group or one option).',
 'identity:list_access_rules': 'List the access rules of a user.',
 'identity:get_access_rule': 'Show one access rule of a user.',
 'identity:delete_access_rule': 'Delete an access rule of a user.',
 'identity:list_application_credentials': 'List the application credentials of a user.',
 'identity:get_application_credential': 'Show one application credential of a user.',
 'identity:create_application_credential': 'Create an application credential for the calling user.',
 'identity:delete_application_credential': 'Delete an application credential of a user.',
}

def article(w):
    return ('an ' if w[0] in 'aeiou' and not w.startswith('us') else 'a ') + w

def describe(r):
    n = r['name']
    if n in OVERRIDES: return OVERRIDES[n]
    short = n.split(':', 1)[1]
    verb, _, rest = short.partition('_')
    words = rest.replace('_', ' ')
    if verb == 'get': return f'Show one {words}.'
    if verb == 'list': return f'List {words}.'
    if verb == 'create': return f'Create {article(words)}.'
    if verb == 'update': return f'Update {article(words)}.'
    if verb == 'delete': return f'Delete {article(words)}.'
    raise SystemExit('no description for ' + n)

def reason(module):
    return f'The {API[module]} API now distinguishes system, domain and project scoped tokens and the reader/member/admin roles.'

def cs(s):
    return '"' + s.replace('\\', '\\\\').replace('"', '\\"') + '"'

def pascal(s):
    return ''.join(p[:1].upper() + p[1:] for p in re.split(r'[_:]', s) if p)

by_module = collections.OrderedDict()
for r in rules:
    by_module.setdefault(r['module'], []).append(r)

names = []
for module, rs in by_module.items():
    cls = CLASS[module]
    lines = []
    lines.append('using SharpStack.Core.Policy;')
    lines.append('')
    lines.append('namespace SharpStack.Identity.Policies;')
    lines.append('')
    if module == 'base':
        lines.append('/// <summary>Keystone base rules: building blocks other rules refer to with <c>rule:</c>.</summary>')
    elif module == 'policy':
        lines.append('/// <summary>')
        lines.append('/// Keystone (Zed) default rules for the policy blob API (<c>/v3/policies</c>). Named PolicyBlobs rather')
        lines.append('/// than Policies so it does not collide with this namespace.')
        lines.append('/// </summary>')
    else:
        lines.append(f'/// <summary>Keystone (Zed) default rules for the {API[module]} API.</summary>')
    lines.append(f'public static class {cls}')
    lines.append('{')
    deps = [r for r in rs if 'dep' in r]
    if deps:
        lines.append(f'    private const string Reason = {cs(reason(module))};')
        lines.append('')
    if any(r['dep_for_removal'] for r in rs):
        lines.append('    private const string RemovalReason =')
        lines.append('        "The PKI revocation list API no longer exists (it answers 410 Gone or 403), so this rule protects nothing. "')
        lines.append('        + "It can be removed from policy files.";')
        lines.append('')
    lines.append('    public static IReadOnlyList<RuleDefault> Rules { get; } =')
    lines.append('    [')
    for r in rs:
        names.append(r['name'])
        lines.append(f'        new({cs(r["name"])}, {cs(r["check_str"])})')
        lines.append('        {')
        lines.append(f'            Description = {cs(describe(r))},')
        if r['scope_types']:
            sc = ', '.join('PolicyScopes.' + s.capitalize() for s in r['scope_types'])
            lines.append(f'            ScopeTypes = [{sc}],')
        if r['operations']:
            ops = []
            for o in r['operations']:
                methods = o['method'] if isinstance(o['method'], list) else [o['method']]
                for m in methods:
                    ops.append(f'new("{m}", {cs(o["path"].strip())})')
            if len(ops) == 1:
                lines.append(f'            Operations = [{ops[0]}],')
            else:
                lines.append('            Operations =')
                lines.append('            [')
                for op in ops:
                    lines.append(f'                {op},')
                lines.append('            ],')
        if 'dep' in r:
            d = r['dep']
            lines.append(f'            DeprecatedRule = new({cs(d["name"])}, {cs(d["check_str"])}) {{ Reason = Reason, Since = {cs(d["since"])} }},')
        if r['dep_for_removal']:
            lines.append('            DeprecatedForRemoval = true,')
            lines.append('            DeprecatedReason = RemovalReason,')
            lines.append(f'            DeprecatedSince = {cs(r["dep_since"])},')
        lines.append('        },')
    lines.append('    ];')
    lines.append('}')
    open(f'{OUT}/{FILE[module]}.cs', 'w').write('\n'.join(lines) + '\n')

# Registry
order = MODULES
assert set(order) == set(by_module)
reg = ['using SharpStack.Core.Policy;', '', 'namespace SharpStack.Identity.Policies;', '',
 '/// <summary>',
 '/// Every Keystone default rule (OpenStack Zed), in the order keystone registers them, and the one',
 '/// place that registers them with an enforcer.',
 '/// </summary>',
 'public static class KeystonePolicies',
 '{',
 '    /// <summary>All rules: base rules first, then one group per API resource.</summary>',
 '    public static IReadOnlyList<RuleDefault> All { get; } =',
 '    [']
for m in order:
    reg.append(f'        .. {CLASS[m]}.Rules,')
reg += ['    ];', '',
 '    /// <summary>Registers <see cref="All"/> with <paramref name="enforcer"/>.</summary>',
 '    public static PolicyEnforcer RegisterAll(PolicyEnforcer enforcer)',
 '    {',
 '        ArgumentNullException.ThrowIfNull(enforcer);',
 '        enforcer.Register(All);',
 '        return enforcer;',
 '    }',
 '}']
open(f'{OUT}/KeystonePolicies.cs', 'w').write('\n'.join(reg) + '\n')

# Rule name constants
cn = ['namespace SharpStack.Identity.Policies;', '',
 '/// <summary>Names of the Keystone rules, for <c>PolicyEnforcer.Authorize</c> call sites.</summary>',
 'public static class IdentityPolicyNames', '{']
for n in names:
    cn.append(f'    public const string {pascal(n.replace("identity:", ""))} = {cs(n)};')
cn.append('}')
open(f'{OUT}/IdentityPolicyNames.cs', 'w').write('\n'.join(cn) + '\n')

print('%d rules in %d files' % (len(names), len(by_module)))
