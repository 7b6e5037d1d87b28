#!/usr/bin/python3
"""Image benchmark helpers for one side (SharpStack or the reference Glance), through the REST APIs only.

  fixtures.py token    IDENTITY_URL ADMIN_PASSWORD            an admin token (project admin), on stdout
  fixtures.py endpoint IDENTITY_URL ADMIN_PASSWORD            the public image endpoint from the catalog
  fixtures.py probe    IMAGE_URL TOKEN                        which APIs the side serves: lines "create 201",
                                                              "upload 204", "download 200", "list 200"
  fixtures.py mklist   IMAGE_URL TOKEN COUNT IDS_FILE         COUNT metadata-only images (8 at a time); their ids are
                                                              appended to IDS_FILE as they are made
  fixtures.py delete   IMAGE_URL TOKEN IDS_FILE               delete the images listed in IDS_FILE (8 at a time)

Standard library only (Debian's /usr/bin/python3)."""
import json, sys, threading, urllib.request, urllib.error
from concurrent.futures import ThreadPoolExecutor

BENCH_TAG = 'sharpstack-bench'


def call(method, url, token=None, body=None, headers=None, timeout=120):
    data = body if isinstance(body, bytes) or body is None else json.dumps(body).encode()
    req = urllib.request.Request(url, data=data, method=method)
    if token:
        req.add_header('X-Auth-Token', token)
    if body is not None and not isinstance(body, bytes):
        req.add_header('Content-Type', 'application/json')
    for k, v in (headers or {}).items():
        req.add_header(k, v)
    try:
        with urllib.request.urlopen(req, timeout=timeout) as r:
            raw = r.read()
            return r.status, raw, r.headers
    except urllib.error.HTTPError as e:
        return e.code, e.read(), e.headers
    except (urllib.error.URLError, OSError) as e:
        return 0, str(e).encode(), {}


def issue(identity, password):
    base = identity.rstrip('/')
    if base.endswith('/v3'):
        base = base[:-3]
    auth = {'auth': {'identity': {'methods': ['password'], 'password': {'user': {
        'name': 'admin', 'domain': {'id': 'default'}, 'password': password}}},
        'scope': {'project': {'name': 'admin', 'domain': {'id': 'default'}}}}}
    status, raw, headers = call('POST', base + '/v3/auth/tokens', body=auth)
    if status != 201:
        sys.exit(f'token issue at {base} answered {status}: {raw[:200]!r}')
    return headers['X-Subject-Token'], json.loads(raw)['token']


def endpoint(identity, password):
    _, tok = issue(identity, password)
    for svc in tok.get('catalog', []):
        if svc.get('type') == 'image':
            for ep in svc.get('endpoints', []):
                if ep.get('interface') == 'public':
                    return ep['url'].rstrip('/')
    return ''


def create(url, token, name, tags=None):
    body = {'name': name, 'disk_format': 'raw', 'container_format': 'bare', 'visibility': 'private',
            'tags': tags or [BENCH_TAG]}
    status, raw, _ = call('POST', url + '/v2/images', token, body)
    return status, (json.loads(raw)['id'] if status == 201 else None)


def probe(url, token):
    status, iid = create(url, token, 'sharpstack-bench-probe')
    print(f'create {status}')
    if iid:
        s, _, _ = call('PUT', f'{url}/v2/images/{iid}/file', token, b'sharpstack-bench-probe',
                       {'Content-Type': 'application/octet-stream'})
        print(f'upload {s}')
        s2, raw, _ = call('GET', f'{url}/v2/images/{iid}/file', token)
        print(f'download {s2 if s2 != 200 or raw == b"sharpstack-bench-probe" else "200-wrong-bytes"}')
        call('DELETE', f'{url}/v2/images/{iid}', token)
    else:
        print('upload 0'); print('download 0')
    s, _, _ = call('GET', url + '/v2/images?limit=1', token)
    print(f'list {s}')


def mklist(url, token, count, ids_file):
    lock, made, errors = threading.Lock(), [0], []
    with open(ids_file, 'a') as out:
        def one(i):
            status, iid = create(url, token, f'sharpstack-bench-list-{i:05d}')
            with lock:
                if iid:
                    out.write(iid + '\n'); made[0] += 1
                else:
                    errors.append(status)
        with ThreadPoolExecutor(8) as pool:
            list(pool.map(one, range(count)))
    if errors:
        print(f'{len(errors)} creates failed (statuses {sorted(set(errors))})', file=sys.stderr)
    print(made[0])


def delete(url, token, ids_file):
    try:
        ids = [l.strip() for l in open(ids_file) if l.strip()]
    except FileNotFoundError:
        return
    with ThreadPoolExecutor(8) as pool:
        list(pool.map(lambda i: call('DELETE', f'{url}/v2/images/{i}', token), ids))
    open(ids_file, 'w').close()


if __name__ == '__main__':
    cmd, args = sys.argv[1], sys.argv[2:]
    if cmd == 'token':
        print(issue(args[0], args[1])[0])
    elif cmd == 'endpoint':
        print(endpoint(args[0], args[1]))
    elif cmd == 'probe':
        probe(args[0].rstrip('/'), args[1])
    elif cmd == 'mklist':
        mklist(args[0].rstrip('/'), args[1], int(args[2]), args[3])
    elif cmd == 'delete':
        delete(args[0].rstrip('/'), args[1], args[2])
    else:
        sys.exit(__doc__)
