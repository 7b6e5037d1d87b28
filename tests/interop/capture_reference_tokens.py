#!/usr/bin/python3
"""Capture Fernet tokens issued by a reference Keystone as xunit test data.

Run with Debian's python on the machine that hosts the reference Keystone:

    . /var/tmp/sharpstack-ref/admin-openrc.sh
    /usr/bin/python3 tests/interop/capture_reference_tokens.py

It copies the Fernet key repository into TestData/keystone-fernet-keys and
writes TestData/keystone-reference-tokens.json: one entry per token with the
fields Keystone itself reports for it (GET /v3/auth/tokens), which the
KeystoneInteropTests compare against our own decoding.

To get a domain-scoped and an application-credential token it temporarily
grants admin the admin role on the Default domain and creates an application
credential; both are removed again before the script exits, leaving the
reference as it was.
"""
import json
import os
import shutil
import sys
import urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))
TESTDATA = os.path.join(HERE, '..', 'SharpStack.Identity.Tests', 'TestData')
KEY_REPO = '/etc/keystone/fernet-keys'

AUTH_URL = os.environ.get('OS_AUTH_URL', 'http://127.0.0.1:5000/v3').rstrip('/')
USER = os.environ.get('OS_USERNAME', 'admin')
PASSWORD = os.environ.get('OS_PASSWORD', 'admin')
PROJECT = os.environ.get('OS_PROJECT_NAME', 'admin')
DOMAIN = os.environ.get('OS_USER_DOMAIN_NAME', 'Default')


def call(method, path, body=None, token=None, subject=None):
    data = json.dumps(body).encode() if body is not None else None
    req = urllib.request.Request(AUTH_URL + path, data=data, method=method)
    req.add_header('Content-Type', 'application/json')
    if token:
        req.add_header('X-Auth-Token', token)
    if subject:
        req.add_header('X-Subject-Token', subject)
    with urllib.request.urlopen(req, timeout=60) as resp:
        raw = resp.read()
        return resp.headers.get('X-Subject-Token'), (json.loads(raw) if raw else None)


def password_identity():
    return {'methods': ['password'], 'password': {'user': {
        'name': USER, 'domain': {'name': DOMAIN}, 'password': PASSWORD}}}


def issue(identity, scope=None):
    auth = {'identity': identity}
    if scope is not None:
        auth['scope'] = scope
    token, _ = call('POST', '/auth/tokens', {'auth': auth})
    return token


def describe(name, token, admin_token):
    _, body = call('GET', '/auth/tokens', token=admin_token, subject=token)
    t = body['token']
    return {
        'name': name,
        'token': token,
        'user_id': t['user']['id'],
        'methods': t['methods'],
        'project_id': t.get('project', {}).get('id'),
        'domain_id': t.get('domain', {}).get('id'),
        'system': 'all' if t.get('system', {}).get('all') else None,
        'app_cred_id': t.get('application_credential', {}).get('id'),
        'audit_ids': t['audit_ids'],
        'expires_at': t['expires_at'],
        'issued_at': t['issued_at'],
    }


def main():
    admin = issue(password_identity(), {'project': {
        'name': PROJECT, 'domain': {'name': DOMAIN}}})
    _, me = call('GET', '/auth/tokens', token=admin, subject=admin)
    user_id = me['token']['user']['id']
    project_id = me['token']['project']['id']
    _, roles = call('GET', '/roles?name=admin', token=admin)
    role_id = roles['roles'][0]['id']

    grant = '/domains/default/users/%s/roles/%s' % (user_id, role_id)
    call('PUT', grant, token=admin)
    app_cred = None
    entries = []
    try:
        _, created = call('POST', '/users/%s/application_credentials' % user_id, {
            'application_credential': {'name': 'sharpstack-crypto-interop'}},
            token=admin)
        app_cred = created['application_credential']

        unscoped = issue(password_identity())
        entries.append(describe('project', admin, admin))
        entries.append(describe('unscoped', unscoped, admin))
        entries.append(describe('domain', issue(
            password_identity(), {'domain': {'id': 'default'}}), admin))
        entries.append(describe('system', issue(
            password_identity(), {'system': {'all': True}}), admin))
        entries.append(describe('rescoped-project', issue(
            {'methods': ['token'], 'token': {'id': unscoped}},
            {'project': {'id': project_id}}), admin))
        entries.append(describe('application-credential', issue(
            {'methods': ['application_credential'], 'application_credential': {
                'id': app_cred['id'], 'secret': app_cred['secret']}}), admin))
    finally:
        if app_cred:
            call('DELETE', '/users/%s/application_credentials/%s' % (
                user_id, app_cred['id']), token=admin)
        call('DELETE', grant, token=admin)

    keys_out = os.path.join(TESTDATA, 'keystone-fernet-keys')
    if os.path.isdir(keys_out):
        shutil.rmtree(keys_out)
    os.makedirs(keys_out)
    for name in os.listdir(KEY_REPO):
        shutil.copyfile(os.path.join(KEY_REPO, name), os.path.join(keys_out, name))

    with open(os.path.join(TESTDATA, 'keystone-reference-tokens.json'), 'w') as f:
        json.dump({'source': 'reference Keystone 22.0.2 (Debian Zed) at ' + AUTH_URL,
                   'tokens': entries}, f, indent=2)
        f.write('\n')
    for e in entries:
        print(e['name'], e['methods'], len(e['token']))


if __name__ == '__main__':
    sys.exit(main())
