#!/usr/bin/python3
"""Benchmark fixtures for one Identity side (SharpStack or the reference Keystone), through the v3 REST API only.

  fixtures.py prepare  URL ADMIN_PASSWORD OUT_ENV    bench user/project (+ admin role), tokens, application credential
  fixtures.py users    URL ADMIN_PASSWORD COUNT      COUNT users (no password) in domain bench-users; prints its id
  fixtures.py revoke   URL ADMIN_PASSWORD COUNT      COUNT revocation events: issue a token (token method) and revoke it
  fixtures.py cleanup  URL ADMIN_PASSWORD            delete the bench user, project and the bench-users domain

OUT_ENV gets shell `export` lines for the wrk scripts. An API the side does not serve (404/501) is reported on
stderr as "UNAVAILABLE <what>" and its variables are left empty, so run.sh can skip the scenario.
Standard library only (Debian's /usr/bin/python3)."""
import json, os, sys, time, secrets, urllib.request, urllib.error
from concurrent.futures import ThreadPoolExecutor

BENCH_USER, BENCH_PROJECT, USERS_DOMAIN = 'bench-user', 'bench-project', 'bench-users'


class Api:
    def __init__(self, url, admin_password):
        self.base = url.rstrip('/')
        if self.base.endswith('/v3'):
            self.base = self.base[:-3]
        self.admin_password = admin_password
        self.token = self.issue(password_auth('admin', admin_password, project='admin'))[0]

    def call(self, method, path, body=None, token=None, headers=None, timeout=60):
        data = json.dumps(body).encode() if body is not None else None
        req = urllib.request.Request(self.base + path, data=data, method=method)
        req.add_header('Content-Type', 'application/json')
        req.add_header('X-Auth-Token', token or self.token)
        for k, v in (headers or {}).items():
            req.add_header(k, v)
        try:
            with urllib.request.urlopen(req, timeout=timeout) as r:
                raw = r.read()
                return r.status, (json.loads(raw) if raw else None), r.headers
        except urllib.error.HTTPError as e:
            raw = e.read()
            try:
                return e.code, json.loads(raw), e.headers
            except ValueError:
                return e.code, None, e.headers

    def issue(self, auth):
        req = urllib.request.Request(self.base + '/v3/auth/tokens', data=json.dumps({'auth': auth}).encode(), method='POST')
        req.add_header('Content-Type', 'application/json')
        with urllib.request.urlopen(req, timeout=60) as r:
            body = json.loads(r.read())
            return r.headers['X-Subject-Token'], body['token']

    def served(self, collection):
        status, _, _ = self.call('GET', '/v3/' + collection)
        return status not in (404, 501)

    def find(self, collection, key, **query):
        qs = '&'.join(f'{k}={v}' for k, v in query.items())
        status, body, _ = self.call('GET', f'/v3/{collection}?{qs}')
        if status != 200:
            return None
        items = body.get(key, [])
        return items[0] if items else None


def password_auth(user, password, project=None, domain='default'):
    auth = {'identity': {'methods': ['password'],
                         'password': {'user': {'name': user, 'domain': {'id': domain}, 'password': password}}}}
    if project:
        auth['scope'] = {'project': {'name': project, 'domain': {'id': domain}}}
    return auth


def unavailable(what):
    print(f'UNAVAILABLE {what}', file=sys.stderr)


def must(status, body, what):
    if status >= 300:
        raise SystemExit(f'{what} failed: HTTP {status} {json.dumps(body)[:300]}')
    return body


def prepare(api, out):
    env = {'BENCH_BASE': api.base, 'BENCH_ADMIN_TOKEN': api.token}
    password = 'bench-' + secrets.token_hex(8)
    # the bench user: admin role on its own project (like admin on admin); falls back to admin/admin
    if api.served('users') and api.served('projects') and api.served('roles'):
        proj = api.find('projects', 'projects', name=BENCH_PROJECT, domain_id='default')
        if proj is None:
            proj = must(*api.call('POST', '/v3/projects', {'project': {'name': BENCH_PROJECT, 'domain_id': 'default'}})[:2], 'project create')['project']
        user = api.find('users', 'users', name=BENCH_USER, domain_id='default')
        if user is None:
            user = must(*api.call('POST', '/v3/users', {'user': {'name': BENCH_USER, 'domain_id': 'default', 'password': password}})[:2], 'user create')['user']
        else:  # a new password, hashed with the algorithm configured now
            must(*api.call('PATCH', f"/v3/users/{user['id']}", {'user': {'password': password}})[:2], 'user password update')
        role = api.find('roles', 'roles', name='admin')
        must(*api.call('PUT', f"/v3/projects/{proj['id']}/users/{user['id']}/roles/{role['id']}")[:2], 'role grant')
        env.update(BENCH_USER=BENCH_USER, BENCH_PASSWORD=password, BENCH_PROJECT_ID=proj['id'], BENCH_USER_KIND='bench-user')
        user_id = user['id']
    else:
        unavailable('users/projects/roles API: the bench user is admin (project admin)')
        tok = api.issue(password_auth('admin', api.admin_password, project='admin'))[1]
        env.update(BENCH_USER='admin', BENCH_PASSWORD=api.admin_password, BENCH_PROJECT_ID=tok['project']['id'], BENCH_USER_KIND='admin')
        user_id = tok['user']['id']
    env['BENCH_USER_ID'] = user_id
    # tokens: a project-scoped one to validate, an unscoped one to re-scope
    scoped, _ = api.issue({'identity': password_auth(env['BENCH_USER'], env['BENCH_PASSWORD'])['identity'],
                           'scope': {'project': {'id': env['BENCH_PROJECT_ID']}}})
    unscoped, _ = api.issue(password_auth(env['BENCH_USER'], env['BENCH_PASSWORD']))
    env.update(BENCH_SUBJECT_TOKEN=scoped, BENCH_UNSCOPED_TOKEN=unscoped)
    # application credential of the bench user (made with the user's own project token)
    status, body, _ = api.call('POST', f'/v3/users/{user_id}/application_credentials',
                               {'application_credential': {'name': 'bench-' + secrets.token_hex(4),
                                                           # 64 characters: Keystone configured for bcrypt truncates
                                                           # secrets to 72 before verifying, whatever the stored hash
                                                           'secret': secrets.token_urlsafe(48)}}, token=scoped)
    if status in (404, 501):
        unavailable(f'application credentials (POST /v3/users/{{id}}/application_credentials answered {status})')
        env.update(BENCH_APPCRED_ID='', BENCH_APPCRED_SECRET='')
    else:
        cred = must(status, body, 'application credential create')['application_credential']
        env.update(BENCH_APPCRED_ID=cred['id'], BENCH_APPCRED_SECRET=cred['secret'])
    with open(out, 'w') as f:
        for k, v in env.items():
            f.write(f"export {k}='{v}'\n")


def users(api, count):
    if not (api.served('users') and api.served('domains')):
        unavailable('users/domains API: no user-list fixture')
        return
    dom = api.find('domains', 'domains', name=USERS_DOMAIN)
    if dom is None:
        dom = must(*api.call('POST', '/v3/domains', {'domain': {'name': USERS_DOMAIN}})[:2], 'domain create')['domain']
    status, body, _ = api.call('GET', f"/v3/users?domain_id={dom['id']}")
    have = {u['name'] for u in must(status, body, 'user list')['users']}
    todo = [f'bench-u-{i:05d}' for i in range(count) if f'bench-u-{i:05d}' not in have]

    def make(name):
        s, b, _ = api.call('POST', '/v3/users', {'user': {'name': name, 'domain_id': dom['id']}})
        if s >= 300 and s != 409:
            raise SystemExit(f'user create failed: HTTP {s} {b}')
    with ThreadPoolExecutor(4) as pool:
        list(pool.map(make, todo))
    print(dom['id'])


def revoke(api, count):
    tok = api.issue(password_auth('admin', api.admin_password, project='admin'))[0]
    rescope = {'identity': {'methods': ['token'], 'token': {'id': tok}}}

    def one(_):
        t, _ = api.issue(rescope)
        s, b, _ = api.call('DELETE', '/v3/auth/tokens', headers={'X-Subject-Token': t})
        if s != 204:
            raise SystemExit(f'revoke failed: HTTP {s} {b}')
    started = time.time()
    with ThreadPoolExecutor(8) as pool:
        list(pool.map(one, range(count)))
    print(f'{count} tokens issued and revoked in {time.time() - started:.1f}s', file=sys.stderr)


def cleanup(api):
    if api.served('users'):
        u = api.find('users', 'users', name=BENCH_USER, domain_id='default')
        if u:
            api.call('DELETE', f"/v3/users/{u['id']}")
    if api.served('projects'):
        p = api.find('projects', 'projects', name=BENCH_PROJECT, domain_id='default')
        if p:
            api.call('DELETE', f"/v3/projects/{p['id']}")
    if api.served('domains'):
        d = api.find('domains', 'domains', name=USERS_DOMAIN)
        if d:  # deleting a domain deletes its users (slow on Keystone: one by one)
            api.call('PATCH', f"/v3/domains/{d['id']}", {'domain': {'enabled': False}})
            try:
                api.call('DELETE', f"/v3/domains/{d['id']}", timeout=900)
            except OSError as e:
                print(f"domain {USERS_DOMAIN} delete did not answer ({e}); it may still finish, else delete it by hand", file=sys.stderr)


def main():
    if len(sys.argv) < 4:
        sys.exit(__doc__)
    verb, url, admin_password = sys.argv[1:4]
    api = Api(url, admin_password)
    if verb == 'prepare':
        prepare(api, sys.argv[4])
    elif verb == 'users':
        users(api, int(sys.argv[4]))
    elif verb == 'revoke':
        revoke(api, int(sys.argv[4]))
    elif verb == 'cleanup':
        cleanup(api)
    else:
        sys.exit(__doc__)


if __name__ == '__main__':
    main()
