#!/usr/bin/python3
"""Reverse interop check: Keystone's own TokenFormatter decodes tokens issued by SharpStack.

Run with Debian's python, which has keystone (python3-keystone) installed:

    /usr/bin/python3 tests/interop/keystone_validates_sharpstack_token.py [tokens.json]

Input (default tests/SharpStack.Identity.Tests/TestData/sharpstack-issued-tokens.json) holds
tokens created by SharpStack.Identity.Tokens.Formats.TokenFormatter with the key repository
TestData/keystone-fernet-keys (the copy of the reference Keystone's keys), one per payload
version, with the fields SharpStack put in them. Keystone is configured to use that same key
repository and its default [auth] methods and default_domain_id, validates each token, and every
decoded field must equal what SharpStack expected (methods in Keystone's decoding order).

This is not an xunit test because it needs python keystone; there is no pure-.NET way to run
Keystone's formatter. Exit status is 0 when every token decodes identically.
"""
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
TESTDATA = os.path.abspath(os.path.join(HERE, '..', 'SharpStack.Identity.Tests', 'TestData'))
FIELDS = ('user_id', 'methods', 'audit_ids', 'system', 'domain_id', 'project_id', 'trust_id',
          'federated_group_ids', 'idp_id', 'protocol_id', 'access_token_id', 'app_cred_id',
          'issued_at', 'expires_at')


def main():
    path = sys.argv[1] if len(sys.argv) > 1 else os.path.join(TESTDATA, 'sharpstack-issued-tokens.json')
    with open(path) as f:
        data = json.load(f)

    import keystone.conf
    conf = keystone.conf.CONF
    keystone.conf.configure(conf)
    conf([], project='keystone', default_config_files=[])
    conf.set_override('key_repository', os.path.join(TESTDATA, data['key_repository']),
                      group='fernet_tokens')
    from keystone.token import token_formatters

    formatter = token_formatters.TokenFormatter()
    failures = 0
    for entry in data['tokens']:
        try:
            decoded = dict(zip(FIELDS, formatter.validate_token(entry['token'])))
        except Exception as e:  # report every token, not just the first failure
            print('FAIL %-24s keystone raised %r' % (entry['name'], e))
            failures += 1
            continue
        groups = decoded['federated_group_ids']
        if groups is not None:
            decoded['federated_group_ids'] = [g['id'] for g in groups]
        diffs = {k: (decoded[k], entry['expected'][k]) for k in FIELDS
                 if decoded[k] != entry['expected'][k]}
        if diffs:
            failures += 1
            print('FAIL %-24s %s' % (entry['name'], diffs))
        else:
            print('ok   %-24s version %d, methods %s' % (entry['name'], entry['version'], decoded['methods']))
    total = len(data['tokens'])
    print('%d passed, %d failed' % (total - failures, failures))
    return 1 if failures else 0


if __name__ == '__main__':
    sys.exit(main())
