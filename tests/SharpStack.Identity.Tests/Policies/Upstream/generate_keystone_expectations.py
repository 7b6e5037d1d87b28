#!/usr/bin/python3
"""Generates keystone_expectations.json from keystone's own Zed policy defaults and oslo.policy.

Run with Debian's python (keystone 22.0.2 and oslo.policy 4.0.0 installed):
    /usr/bin/python3 generate_keystone_expectations.py > keystone_expectations.json

The file holds:
  * facts: every rule keystone registers (name, check string, scope types, deprecated default);
  * personas: credentials dicts shaped like keystone's RequestContext.to_policy_values()
    (oslo.context values + the rendered token under 'token' + domain_id);
  * scenarios: flattened target dicts like keystone's RBAC enforcer builds;
  * configs: [oslo_policy] option sets (and one operator policy file) with, per rule, oslo's
    effective check (str) and the verdict for every persona x scenario
    ('1' allowed, '0' denied, 'S' InvalidScope);
  * tables: realistic targets for a few representative rules, with per-persona verdicts.
"""
import json
import os
import sys
import tempfile
import warnings

warnings.simplefilter('ignore')

from oslo_config import cfg  # noqa: E402
from oslo_policy import policy  # noqa: E402

from keystone.common import policies  # noqa: E402

DOMAIN_NAMES = {'d1': 'Domain1', 'd2': 'Domain2', 'default': 'Default'}


def persona(user, user_domain, roles, project=None, project_domain=None, domain=None, system=False):
    token = {
        'methods': ['password'],
        'user': {'domain': {'id': user_domain, 'name': DOMAIN_NAMES[user_domain]}, 'id': user,
                 'name': user, 'password_expires_at': None},
        'audit_ids': ['audit-' + user],
        'expires_at': '2030-01-01T00:00:00.000000Z',
        'issued_at': '2029-12-31T23:00:00.000000Z',
    }
    role_refs = [{'id': 'r_' + r, 'name': r} for r in roles]
    if system:
        token['roles'] = role_refs
        token['system'] = {'all': True}
    elif domain:
        token['domain'] = {'id': domain, 'name': DOMAIN_NAMES[domain]}
        token['roles'] = role_refs
    else:
        token['project'] = {'domain': {'id': project_domain, 'name': DOMAIN_NAMES[project_domain]},
                            'id': project, 'name': project}
        token['is_domain'] = False
        token['roles'] = role_refs
    return {
        'user_id': user,
        'user_domain_id': user_domain,
        'system_scope': 'all' if system else None,
        'domain_id': domain,
        'project_id': project,
        'project_domain_id': project_domain,
        'roles': roles,
        'is_admin_project': False if domain else True,
        'service_user_id': None,
        'service_user_domain_id': None,
        'service_project_id': None,
        'service_project_domain_id': None,
        'service_roles': [],
        'token': token,
    }


ADMIN = ['admin', 'member', 'reader']  # keystone's implied roles: admin -> member -> reader
PERSONAS = {
    'project_admin': persona('u_padmin', 'd1', ADMIN, project='p1', project_domain='d1'),
    'project_member': persona('u_member', 'd1', ['member', 'reader'], project='p1', project_domain='d1'),
    'project_reader': persona('u_reader', 'd1', ['reader'], project='p1', project_domain='d1'),
    'system_admin': persona('u_sysadmin', 'default', ADMIN, system=True),
    'system_reader': persona('u_sysreader', 'default', ['reader'], system=True),
    'domain_admin': persona('u_dadmin', 'd1', ADMIN, domain='d1'),
    'domain_reader': persona('u_dreader', 'd1', ['reader'], domain='d1'),
    'owner': persona('u_owner', 'd1', ['member', 'reader'], project='p1', project_domain='d1'),
    'other_domain_admin': persona('u_d2admin', 'd2', ADMIN, domain='d2'),
    'service': persona('u_service', 'default', ['service'], project='p_service', project_domain='default'),
}


def scenario(user, user_domain, project, project_domain, group_domain, role_domain, trustee, limit_domain):
    t = {
        'user_id': user,
        'project_id': project,
        'target.user.id': user, 'target.user.domain_id': user_domain, 'target.user.name': user,
        'target.user.enabled': True,
        'target.project.id': project, 'target.project.domain_id': project_domain,
        'target.project.name': project, 'target.project.is_domain': False,
        'target.domain.id': project_domain, 'target.domain_id': project_domain,
        'target.group.id': 'g_' + group_domain, 'target.group.domain_id': group_domain,
        'target.role.id': 'r_x', 'target.role.domain_id': role_domain, 'target.role.name': 'x',
        'target.credential.user_id': user,
        'target.trust.trustor_user_id': user, 'target.trust.trustee_user_id': trustee,
        'target.token.user_id': user, 'target.token.user.domain.id': user_domain,
    }
    if limit_domain:
        t['target.limit.domain.id'] = limit_domain
        t['target.limit.project_id'] = None
    else:
        t['target.limit.project_id'] = project
        t['target.limit.project.domain_id'] = project_domain
    return t


SCENARIOS = {
    'owner_d1': scenario('u_owner', 'd1', 'p1', 'd1', 'd1', None, 'u_member', None),
    'other_d2': scenario('u_other', 'd2', 'p2', 'd2', 'd2', 'd2', 'u_other2', 'd2'),
    'domain_filter_d1': {'target.domain_id': 'd1'},
    'nulls': {'target.domain_id': None, 'target.role.domain_id': None, 'target.limit.project_id': None,
              'user_id': None, 'target.user.id': None},
    'empty': {},
}

OVERRIDE_FILE = """\
# operator overrides used by the 'overrides' config
"identity:get_user": "role:admin and system_scope:all"
"identity:list_users": "rule:custom_readers"
"custom_readers": "role:reader or role:auditor"
"admin_required": "role:admin or role:superuser"
"identity:get_project": ""
"identity:delete_user": "!"
"identity:list_projects": "rule:not_defined_anywhere or role:reader and domain_id:%(target.domain_id)s"
"""

CONFIGS = [
    {'name': 'zed_defaults', 'enforce_scope': False, 'enforce_new_defaults': False},
    {'name': 'enforce_scope', 'enforce_scope': True, 'enforce_new_defaults': False},
    {'name': 'new_defaults', 'enforce_scope': False, 'enforce_new_defaults': True},
    {'name': 'secure_rbac', 'enforce_scope': True, 'enforce_new_defaults': True},
    {'name': 'overrides', 'enforce_scope': False, 'enforce_new_defaults': False, 'policy_file': OVERRIDE_FILE},
]

RULES = list(policies.list_rules())


def make_enforcer(config, tmpdir):
    conf = cfg.ConfigOpts()
    conf([], project='sharpstack-policy-test')
    enforcer = policy.Enforcer(conf)
    path = os.path.join(tmpdir, config['name'] + '.yaml')
    if 'policy_file' in config:
        with open(path, 'w') as f:
            f.write(config['policy_file'])
    conf.set_override('policy_file', path, group='oslo_policy')
    conf.set_override('policy_dirs', [], group='oslo_policy')
    conf.set_override('enforce_scope', config['enforce_scope'], group='oslo_policy')
    conf.set_override('enforce_new_defaults', config['enforce_new_defaults'], group='oslo_policy')
    enforcer = policy.Enforcer(conf, policy_file=path)
    enforcer.suppress_deprecation_warnings = True
    enforcer.register_defaults(RULES)
    enforcer.load_rules()
    return enforcer


def verdict(enforcer, rule, target, creds):
    creds = json.loads(json.dumps(creds))
    try:
        return '1' if enforcer.enforce(rule, dict(target), creds, do_raise=True) else '0'
    except policy.InvalidScope:
        return 'S'
    except policy.PolicyNotAuthorized:
        return '0'


PERSONA_ORDER = list(PERSONAS)
SCENARIO_ORDER = list(SCENARIOS)

TABLE_PERSONAS = ['project_admin', 'project_member', 'project_reader', 'system_admin', 'system_reader',
                  'domain_admin', 'domain_reader', 'owner']
TABLES = [
    ('identity:get_user', 'self', {'user_id': 'u_owner', 'target.user.id': 'u_owner', 'target.user.domain_id': 'd1'}),
    ('identity:get_user', 'user_in_d1', {'user_id': 'u_alice', 'target.user.id': 'u_alice', 'target.user.domain_id': 'd1'}),
    ('identity:get_user', 'user_in_d2', {'user_id': 'u_bob', 'target.user.id': 'u_bob', 'target.user.domain_id': 'd2'}),
    ('identity:list_users', 'no_domain_filter', {}),
    ('identity:list_users', 'domain_d1', {'target.domain_id': 'd1'}),
    ('identity:create_project', 'in_d1', {'target.project.domain_id': 'd1', 'target.project.name': 'new'}),
    ('identity:get_project', 'p1_in_d1', {'project_id': 'p1', 'target.project.id': 'p1', 'target.project.domain_id': 'd1'}),
    ('identity:get_project', 'p2_in_d2', {'project_id': 'p2', 'target.project.id': 'p2', 'target.project.domain_id': 'd2'}),
    ('identity:list_role_assignments', 'no_filter', {}),
    ('identity:list_role_assignments', 'domain_d1', {'target.domain_id': 'd1'}),
    ('identity:validate_token', 'owner_token', {'target.token.user_id': 'u_owner', 'target.token.user.domain.id': 'd1'}),
    ('identity:validate_token', 'someone_elses', {'target.token.user_id': 'u_bob', 'target.token.user.domain.id': 'd2'}),
    ('identity:create_grant', 'user_d1_on_p1', {
        'role_id': 'r_member', 'user_id': 'u_alice', 'project_id': 'p1',
        'target.role.id': 'r_member', 'target.role.name': 'member', 'target.role.domain_id': None,
        'target.user.id': 'u_alice', 'target.user.domain_id': 'd1',
        'target.project.id': 'p1', 'target.project.domain_id': 'd1'}),
    ('identity:create_grant', 'user_d2_on_p2', {
        'role_id': 'r_member', 'user_id': 'u_bob', 'project_id': 'p2',
        'target.role.id': 'r_member', 'target.role.name': 'member', 'target.role.domain_id': None,
        'target.user.id': 'u_bob', 'target.user.domain_id': 'd2',
        'target.project.id': 'p2', 'target.project.domain_id': 'd2'}),
    ('identity:create_grant', 'group_d1_on_domain_d1', {
        'role_id': 'r_member', 'group_id': 'g1', 'domain_id': 'd1',
        'target.role.id': 'r_member', 'target.role.name': 'member', 'target.role.domain_id': None,
        'target.group.id': 'g1', 'target.group.domain_id': 'd1', 'target.domain.id': 'd1'}),
    ('identity:check_grant', 'user_d1_on_p1', {
        'role_id': 'r_member', 'user_id': 'u_alice', 'project_id': 'p1',
        'target.role.id': 'r_member', 'target.role.name': 'member', 'target.role.domain_id': None,
        'target.user.id': 'u_alice', 'target.user.domain_id': 'd1',
        'target.project.id': 'p1', 'target.project.domain_id': 'd1'}),
    ('identity:check_grant', 'user_d2_on_p2', {
        'role_id': 'r_member', 'user_id': 'u_bob', 'project_id': 'p2',
        'target.role.id': 'r_member', 'target.role.name': 'member', 'target.role.domain_id': None,
        'target.user.id': 'u_bob', 'target.user.domain_id': 'd2',
        'target.project.id': 'p2', 'target.project.domain_id': 'd2'}),
    ('identity:get_application_credential', 'owners', {'user_id': 'u_owner', 'application_credential_id': 'ac1'}),
    ('identity:get_application_credential', 'someone_elses', {'user_id': 'u_bob', 'application_credential_id': 'ac2'}),
]

out = {
    'generator': 'generate_keystone_expectations.py (keystone 22.0.2 / oslo.policy 4.0.0, Debian OpenStack Zed)',
    'facts': [{
        'name': r.name,
        'check_str': r.check_str,
        'scope_types': r.scope_types or [],
        'deprecated_name': r.deprecated_rule.name if r.deprecated_rule else None,
        'deprecated_check_str': r.deprecated_rule.check_str if r.deprecated_rule else None,
        'deprecated_for_removal': r.deprecated_for_removal,
    } for r in RULES],
    'personas': PERSONAS,
    'persona_order': PERSONA_ORDER,
    'scenarios': SCENARIOS,
    'scenario_order': SCENARIO_ORDER,
    'configs': [],
    'tables': [],
}

with tempfile.TemporaryDirectory() as tmpdir:
    for config in CONFIGS:
        enforcer = make_enforcer(config, tmpdir)
        effective = {}
        results = {}
        for r in RULES:
            check = enforcer.rules[r.name]
            effective[r.name] = '' if isinstance(check, policy._checks.TrueCheck) else str(check)
            results[r.name] = ''.join(
                verdict(enforcer, r.name, SCENARIOS[s], PERSONAS[p])
                for p in PERSONA_ORDER for s in SCENARIO_ORDER)
        entry = dict(config)
        entry['effective'] = effective
        entry['results'] = results
        out['configs'].append(entry)

    enforcer = make_enforcer(CONFIGS[0], tmpdir)
    for rule, case, target in TABLES:
        out['tables'].append({
            'rule': rule, 'case': case, 'target': target,
            'expected': {p: verdict(enforcer, rule, target, PERSONAS[p]) for p in TABLE_PERSONAS},
        })

json.dump(out, sys.stdout, indent=1)
sys.stdout.write('\n')

if '--print-tables' in sys.argv:
    for t in out['tables']:
        sys.stderr.write('[InlineData("%s", "%s", %s)]\n' % (
            t['rule'], t['case'], ', '.join('true' if t['expected'][p] == '1' else 'false' for p in TABLE_PERSONAS)))
