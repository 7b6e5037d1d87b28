#!/usr/bin/python3
"""Generates oslo_cases.json: a differential corpus for SharpStack's policy parser and evaluator.

Run with Debian's python (it has oslo.policy installed):
    /usr/bin/python3 generate_oslo_cases.py > oslo_cases.json

For every rule string the file records whether oslo.policy parses it (oslo logs and falls back to a
FalseCheck instead of raising, so an error is detected from the log or a non-check result), the
canonical str() of the parsed tree, and the result of evaluating it with oslo.policy against every
credentials/target pair listed in the file. The generator is deterministic (fixed seed).
"""
import json
import logging
import random
import sys

from oslo_config import cfg
from oslo_policy import _checks
from oslo_policy import _parser
from oslo_policy import policy

# --- capture oslo's "failed to understand rule" logging --------------------------------------
errors = []


class Capture(logging.Handler):
    def emit(self, record):
        errors.append(record.getMessage())


_parser.LOG.addHandler(Capture())
_parser.LOG.propagate = False
_parser.LOG.setLevel(logging.DEBUG)

ATOMS = [
    '@', '!',
    'role:admin', 'role:ADMIN', 'role:Reader', 'role:member', 'role:%(role_name)s',
    'rule:r_true', 'rule:r_false', 'rule:missing', 'rule:r_member',
    'user_id:%(user_id)s', 'user_id:u1', 'user_id:%(missing)s', 'user_id:%(target.user.id)s',
    'project_id:%(target.project.id)s', 'project_id:%(project_id)s',
    'domain_id:%(target.domain_id)s', 'None:%(target.domain_id)s', 'None:%(target.role.domain_id)s',
    'True:%(enabled)s', 'False:%(enabled)s', "'member':%(role_name)s", '"member":%(role_name)s',
    '42:%(count)s', '-7:%(neg)s', '0x10:%(sixteen)s', '1_000:%(thousand)s', '1.5:%(ratio)s', '1e3:%(kilo)s',
    'token.project.domain.id:%(target.domain.id)s', 'token.domain.id:%(target.user.domain_id)s',
    'token.roles.name:admin', 'token.user.id:%(user_id)s',
    'is_admin:1', 'is_admin:True', 'is_admin_project:True', 'system_scope:all', 'system:all',
    'roles:admin', 'roles:Admin', 'group_ids:g1', 'missing_key:x', 'user_id:None', 'domain_id:None',
    'project_id:prefix-%(project_id)s', 'user_id:%%(user_id)s', 'user_id:%(user_id)s%(user_id)s',
    'count:%(count)s', 'nested.list.id:%(user_id)s', 'user_id:', 'a:b:c',
    'project_domain_id:%(target.project.domain_id)s', 'service_roles:service',
]

CREDS = {
    'project_admin': {
        'user_id': 'u1', 'user_domain_id': 'd1', 'system_scope': None, 'domain_id': None,
        'project_id': 'p1', 'project_domain_id': 'd1', 'roles': ['admin', 'member', 'reader'],
        'is_admin_project': True, 'service_user_id': None, 'service_user_domain_id': None,
        'service_project_id': None, 'service_project_domain_id': None, 'service_roles': [],
        'token': {'project': {'id': 'p1', 'domain': {'id': 'd1'}}, 'user': {'id': 'u1', 'domain': {'id': 'd1'}},
                  'roles': [{'id': 'r1', 'name': 'admin'}, {'id': 'r2', 'name': 'member'}]},
        'group_ids': ['g1', 'g2'], 'count': 42,
    },
    'project_member': {
        'user_id': 'u2', 'user_domain_id': 'd1', 'system_scope': None, 'domain_id': None,
        'project_id': 'p1', 'project_domain_id': 'd1', 'roles': ['Member', 'reader'],
        'is_admin_project': False, 'service_user_id': None, 'service_user_domain_id': None,
        'service_project_id': None, 'service_project_domain_id': None, 'service_roles': ['service'],
        'token': {'project': {'id': 'p1', 'domain': {'id': 'd1'}}, 'user': {'id': 'u2', 'domain': {'id': 'd1'}}},
        'is_admin': 1, 'nested': {'list': [{'id': 'zz'}, {'id': 'u2'}]},
    },
    'system_reader': {
        'user_id': 'u3', 'user_domain_id': 'default', 'system_scope': 'all', 'domain_id': None,
        'project_id': None, 'project_domain_id': None, 'roles': ['reader'],
        'is_admin_project': True, 'service_user_id': None, 'service_user_domain_id': None,
        'service_project_id': None, 'service_project_domain_id': None, 'service_roles': [],
        'token': {'system': {'all': True}, 'user': {'id': 'u3', 'domain': {'id': 'default'}}},
    },
    'domain_admin': {
        'user_id': 'u4', 'user_domain_id': 'd2', 'system_scope': None, 'domain_id': 'd2',
        'project_id': None, 'project_domain_id': None, 'roles': ['admin'],
        'is_admin_project': False, 'service_user_id': None, 'service_user_domain_id': None,
        'service_project_id': None, 'service_project_domain_id': None, 'service_roles': [],
        'token': {'domain': {'id': 'd2'}, 'user': {'id': 'u4', 'domain': {'id': 'd2'}}},
        'is_admin': True,
    },
    'unscoped_nobody': {
        'user_id': None, 'user_domain_id': None, 'system_scope': None, 'domain_id': None,
        'project_id': None, 'project_domain_id': None, 'roles': [],
        'is_admin_project': True, 'service_user_id': None, 'service_user_domain_id': None,
        'service_project_id': None, 'service_project_domain_id': None, 'service_roles': [],
    },
}

TARGETS = {
    'own': {'user_id': 'u1', 'project_id': 'p1', 'target.user.id': 'u1', 'target.user.domain_id': 'd1',
            'target.project.id': 'p1', 'target.project.domain_id': 'd1', 'target.domain.id': 'd1',
            'target.domain_id': 'd1', 'role_name': 'member', 'enabled': True, 'count': 42, 'neg': -7,
            'sixteen': 16, 'thousand': '1000', 'ratio': 1.5, 'kilo': '1000.0', 'target.role.domain_id': None},
    'other': {'user_id': 'u2', 'project_id': 'p9', 'target.user.id': 'u9', 'target.user.domain_id': 'd2',
              'target.project.id': 'p9', 'target.project.domain_id': 'd2', 'target.domain.id': 'd2',
              'target.domain_id': 'd2', 'role_name': 'Member', 'enabled': False, 'count': '42', 'neg': '-7',
              'sixteen': '16', 'thousand': 1000, 'ratio': '1.5', 'kilo': 1000.0, 'target.role.domain_id': 'd2'},
    'nones': {'user_id': None, 'project_id': None, 'target.user.id': None, 'target.domain_id': None,
              'target.domain.id': None, 'role_name': 'ADMIN', 'enabled': 'True', 'target.user.domain_id': None,
              'target.role.domain_id': None, 'count': None},
    'empty': {},
}

RULES = {'r_true': '@', 'r_false': '!', 'r_member': 'role:member'}

conf = cfg.ConfigOpts()
conf([])
enforcer = policy.Enforcer(conf, use_conf=False)
enforcer.set_rules(policy.Rules.from_dict(RULES), use_conf=False)


def parse(rule):
    del errors[:]
    result = _parser.parse_rule(rule)
    ok = isinstance(result, _checks.BaseCheck) and not errors
    return ok, result


def evaluate(check):
    out = []
    for cname in sorted(CREDS):
        for tname in sorted(TARGETS):
            creds = json.loads(json.dumps(CREDS[cname]))
            target = dict(TARGETS[tname])
            try:
                out.append('1' if enforcer.enforce(check, target, creds) else '0')
            except Exception as e:  # oslo raising at enforcement time
                out.append('E')
    return ''.join(out)


rng = random.Random(20240601)


def kw(word):
    return rng.choice([word, word, word, word.upper(), word.capitalize()])


def ws():
    return rng.choice([' ', ' ', ' ', '  ', '\t', ' \n '])


def tree(depth):
    if depth <= 0 or rng.random() < 0.3:
        atom = rng.choice(ATOMS)
        return ('(' + atom + ')') if rng.random() < 0.1 else atom
    op = rng.choice(['and', 'or', 'not', 'paren', 'and', 'or'])
    if op == 'not':
        return kw('not') + ws() + tree(depth - 1)
    if op == 'paren':
        return '(' + rng.choice(['', ' ']) + tree(depth - 1) + rng.choice(['', ' ']) + ')'
    n = rng.randint(2, 4)
    return ws().join([tree(depth - 1) if i == 0 else kw(op) + ws() + tree(depth - 1) for i in range(n)])


def flat(n):
    parts = []
    for _ in range(n):
        parts.append(rng.choice(ATOMS + ['and', 'or', 'not', '(', ')', 'AND', 'Or', 'NOT', '((', '))',
                                         "'quoted'", 'noColon']))
    text = ''
    for p in parts:
        if p in ('(', '((') and rng.random() < 0.5:
            text += p
        elif p in (')', '))') and rng.random() < 0.5:
            text = text.rstrip() + p + ' '
        else:
            text += p + ' '
    return text.strip()


cases = []
seen = set()


def add(rule, kind):
    if rule in seen:
        return
    seen.add(rule)
    ok, check = parse(rule)
    case = {'rule': rule, 'kind': kind, 'parses': ok}
    if ok:
        case['str'] = str(check)
        case['eval'] = evaluate(check)
    cases.append(case)


for atom in ATOMS:
    add(atom, 'atom')
for handwritten in [
    '', ' ', 'role:admin or role:member and role:reader', '(role:admin or role:member) and role:reader',
    'not role:admin or role:member', 'not (role:admin or role:member)', 'role:admin and not role:member',
    'not not role:admin', 'role:admin or (role:member and role:reader) and role:x',
    '(role:admin and role:member) and role:reader or @',
    'role:a or (role:b and role:c) and role:d and role:e', '((role:admin))', '(((@)))',
    'role:admin AND role:member OR NOT role:reader', 'role:admin)', '(role:admin', '()', 'and',
    'role:admin and', 'or role:admin', 'not', "'quoted'", 'role:admin role:member', 'noColon',
    '( role:admin )', '(role:admin)or(role:member)', 'rule:r_member or rule:missing',
]:
    add(handwritten, 'hand')
for _ in range(700):
    add(tree(rng.randint(1, 4)), 'tree')
for _ in range(500):
    add(flat(rng.randint(1, 7)), 'flat')

# str(ast.literal_eval(kind)) for literal kinds of generic checks ('kind:match'), or None when
# Python does not treat the kind as a literal (ValueError: it is a credentials path).
import ast  # noqa: E402

LITERAL_KINDS = [
    'True', 'False', 'None', '0', '42', '-7', '+5', '0x1F', '0XFF', '0o17', '0b1_01', '1_000_000',
    '123456789012345678901234567890', '1.5', '1.', '.25', '1e3', '1E3', '1e16', '1e15', '1e-5', '1e-4',
    '0.0001', '0.00001', '123.456', '1e22', '1.7976931348623157e308', '5e-324', '0.1', '100.0', '1_0.5',
    '-1.5e-7', '2.5e+10', '1e999', '-0.0', '3.14159265358979', "'x'", '"x"', "u'x'", "'a\\'b'", "r'a\\n'",
    "'tab\\there'", "'\\x41'", "'\\u0042'", "''", 'is_admin', 'true', 'token.domain.id', '-x', 'a-b',
]
literals = []
for kind in LITERAL_KINDS:
    try:
        literals.append({'kind': kind, 'str': str(ast.literal_eval(kind))})
    except ValueError:
        literals.append({'kind': kind, 'str': None})

json.dump({
    'literals': literals,
    'generator': 'generate_oslo_cases.py (oslo.policy 4.0.0, Debian OpenStack Zed)',
    'rules': RULES,
    'creds': CREDS,
    'targets': TARGETS,
    'eval_order': [[c, t] for c in sorted(CREDS) for t in sorted(TARGETS)],
    'cases': cases,
}, sys.stdout, indent=0, sort_keys=False)
sys.stdout.write('\n')
