#!/usr/bin/python3
"""Records the answers of a Glance v2 API to ~230 requests (version discovery, schemas, info, create, list filters /
sort / pagination, PATCH ops and errors, tags, upload/download with Range, deactivate, stage/import, members,
401/404/405 bodies) and of the openstack client (image create/list/show/save/set/add project ...) as markdown.

    . /var/tmp/sharpstack-ref/admin-openrc.sh        # the reference Glance, or a SharpStack admin-openrc
    /usr/bin/python3 tests/conformance/glance-transcripts.py [IMAGE_URL] > transcripts.md

IMAGE_URL defaults to http://127.0.0.1:9292. Run it against the reference and against SharpStack and diff the two
(IDs, request ids and times differ on every run). Makes a throwaway project + user (role member) for the member-side
calls and deletes everything it made at the end. Standard library only (plus the openstack client).
"""
import http.client, json, os, re, subprocess, sys, time, uuid, hashlib, urllib.parse

GLANCE = sys.argv[1] if len(sys.argv) > 1 else 'http://127.0.0.1:9292'
E = os.environ
KS = E['OS_AUTH_URL'].rstrip('/')
if not KS.endswith('/v3'):
    KS += '/v3'
TAG = 'tx%d' % (time.time() % 100000)
out = []
INDEX = []
HEAD_END = [0]
def p(s=''):
    out.append(s)

def raw(method, url, headers=None, body=None):
    u = urllib.parse.urlsplit(url)
    c = http.client.HTTPConnection(u.hostname, u.port, timeout=60)
    path = u.path + ('?' + u.query if u.query else '')
    c.putrequest(method, path, skip_accept_encoding=True)
    hs = dict(headers or {})
    if body is not None and not isinstance(body, bytes):
        body = body.encode()
    if body is not None:
        hs.setdefault('Content-Length', str(len(body)))
    for k, v in hs.items():
        c.putheader(k, v)
    c.endheaders(body)
    r = c.getresponse()
    data = r.read()
    c.close()
    return r, data

def token(user, pw, project, domain='Default'):
    body = {"auth": {"identity": {"methods": ["password"], "password": {"user": {"name": user, "domain": {"name": domain}, "password": pw}}},
                     "scope": {"project": {"name": project, "domain": {"name": domain}}}}}
    r, d = raw('POST', KS + '/auth/tokens', {'Content-Type': 'application/json'}, json.dumps(body))
    assert r.status == 201, (r.status, d)
    return r.getheader('X-Subject-Token'), json.loads(d)['token']

ADMIN_TOKEN, admin_tok = token(E['OS_USERNAME'], E['OS_PASSWORD'], E['OS_PROJECT_NAME'])
ADMIN_PROJECT = admin_tok['project']['id']
TOKENS = {ADMIN_TOKEN: '$TOKEN'}

def ks(method, path, body=None):
    r, d = raw(method, KS + path, {'X-Auth-Token': ADMIN_TOKEN, 'Content-Type': 'application/json'},
               json.dumps(body) if body is not None else None)
    return r.status, (json.loads(d) if d else None)

def show_body(data, ctype):
    if not data:
        return '(empty body)'
    if ctype and 'json' in ctype:
        try:
            return json.dumps(json.loads(data), indent=2)
        except Exception:
            pass
    if len(data) > 4000:
        return data[:4000].decode('utf-8', 'replace') + '\n... (%d bytes in all)' % len(data)
    try:
        return data.decode('utf-8')
    except UnicodeDecodeError:
        return repr(data[:200]) + (' ... (%d bytes)' % len(data))

def redact(s):
    for t, name in TOKENS.items():
        s = s.replace(t, name)
    return s

def call(title, method, path, headers=None, body=None, token=None, note=None, accept='application/json', quiet_body=False):
    """One request, recorded. Returns (status, parsed json or raw bytes, response)."""
    hs = {}
    if accept:
        hs['Accept'] = accept
    tok = ADMIN_TOKEN if token is None else token
    if tok:
        hs['X-Auth-Token'] = tok
    hs.update(headers or {})
    if isinstance(body, (dict, list)):
        body = json.dumps(body)
        hs.setdefault('Content-Type', 'application/json')
    r, data = raw(method, GLANCE + path, hs, body)
    title = re.sub(r'\s*\([^()]*\b\d{3}\b[^()]*\)', '', title).strip()
    INDEX.append((title, r.status, len(out)))
    p('### %s → %d' % (title, r.status))
    if note:
        p(note)
    p()
    p('```')
    cmd = 'curl -si -X %s' % method
    for k, v in hs.items():
        cmd += " -H '%s: %s'" % (k, v)
    if body is not None:
        b = body if isinstance(body, str) else ('<%d bytes>' % len(body))
        cmd += " --data-binary '%s'" % b if isinstance(body, str) else ' --data-binary @file  # %s' % b
    cmd += " '%s%s'" % ('$GLANCE', path)
    p(redact(cmd))
    p()
    p('HTTP/1.1 %d %s' % (r.status, r.reason))
    for k, v in r.getheaders():
        if k.lower() in ('date',):
            continue
        p('%s: %s' % (k, v))
    p()
    if quiet_body:
        p('(%d bytes of image data%s)' % (len(data), (', md5 ' + hashlib.md5(data).hexdigest()) if data else ''))
    else:
        p(redact(show_body(data, r.getheader('Content-Type'))))
    p('```')
    p()
    parsed = data
    try:
        parsed = json.loads(data)
    except Exception:
        pass
    if method == 'POST' and path == '/v2/images' and r.status == 201:
        cleanup_images.append(parsed['id'])
    return r.status, parsed, r

def wait_status(iid, want, tries=60):
    for _ in range(tries):
        r, d = raw('GET', GLANCE + '/v2/images/' + iid, {'X-Auth-Token': ADMIN_TOKEN})
        st = json.loads(d).get('status')
        if st in want:
            return st
        time.sleep(0.5)
    return st

def quiet(method, path, body=None, headers=None, tok=None):
    hs = {'X-Auth-Token': tok or ADMIN_TOKEN}
    hs.update(headers or {})
    if isinstance(body, (dict, list)):
        body = json.dumps(body); hs.setdefault('Content-Type', 'application/json')
    r, d = raw(method, GLANCE + path, hs, body)
    try:
        return r.status, json.loads(d)
    except Exception:
        return r.status, d

def osc(title, args, env=None, note=None):
    e = dict(E)
    e.update(env or {})
    e['PATH'] = '/usr/sbin:/usr/bin:/sbin:/bin'
    res = subprocess.run(['openstack'] + args, capture_output=True, text=True, env=e)
    p('### ' + title)
    if note:
        p(note)
    p()
    p('```')
    p('$ openstack ' + ' '.join(a if re.match(r'^[\w@%+=:,./-]+$', a) else "'%s'" % a for a in args))
    o = (res.stdout + res.stderr).rstrip()
    p(redact(o))
    p('(exit %d)' % res.returncode)
    p('```')
    p()
    return res

cleanup_images, cleanup_ks = [], []
import atexit
@atexit.register
def finish():
    for iid in cleanup_images:
        quiet('PATCH', '/v2/images/' + iid, json.dumps([{"op": "replace", "path": "/protected", "value": False}]),
              {'Content-Type': 'application/openstack-images-v2.1-json-patch'})
        quiet('DELETE', '/v2/images/' + iid)
    for path in cleanup_ks:
        ks('DELETE', path)
    head, rest = out[:HEAD_END[0]], out[HEAD_END[0]:]
    idx = ['## Index (request → status seen)', '', '| case | status |', '|---|---|'] + ['| %s | %d |' % (t.replace('|', '\\|'), st) for t, st, _ in INDEX] + ['']
    print('\n'.join(head + idx + rest))

# ----------------------------------------------------------------- the second project and user (member side)
st, proj = ks('POST', '/projects', {"project": {"name": TAG + '-demo', "domain_id": "default"}})
DEMO_PROJECT = proj['project']['id']; cleanup_ks.append('/projects/' + DEMO_PROJECT)
DEMO_PW = 'pw-' + uuid.uuid4().hex
st, usr = ks('POST', '/users', {"user": {"name": TAG + '-demo', "domain_id": "default", "password": DEMO_PW, "default_project_id": DEMO_PROJECT}})
DEMO_USER = usr['user']['id']; cleanup_ks.append('/users/' + DEMO_USER)
st, roles = ks('GET', '/roles?name=member')
ks('PUT', '/projects/%s/users/%s/roles/%s' % (DEMO_PROJECT, DEMO_USER, roles['roles'][0]['id']))
DEMO_TOKEN, _ = token(TAG + '-demo', DEMO_PW, TAG + '-demo')
TOKENS[DEMO_TOKEN] = '$DEMO_TOKEN'

r, _ = raw('GET', GLANCE + '/')
p('# Glance v2 transcripts (the reference: Debian glance-api %s, Zed)' % subprocess.run(
    ['dpkg-query', '-W', '-f=${Version}', 'glance-api'], capture_output=True, text=True).stdout)
p()
p('Captured %s by `glance-transcripts.py` against the reference Glance at `$GLANCE` = %s '
  '(config: `enabled_backends = file:file,file2:file`, `default_backend = file`, import methods glance-direct, '
  'web-download, copy-image, `show_image_direct_url = false`, web-download allowed hosts 127.0.0.1/localhost, '
  'keystone auth, default policy (no secure RBAC)). `$TOKEN` = an admin token (project admin, id `%s`), '
  '`$DEMO_TOKEN` = a user with role member on a second project (id `%s`). Every request sends '
  '`Accept: application/json` unless shown otherwise. Bodies that are JSON are pretty-printed here '
  '(Glance sends them on one line); the `Date` header is left out. IDs and request ids differ on every run.'
  % (time.strftime('%Y-%m-%d %H:%M %Z'), GLANCE, ADMIN_PROJECT, DEMO_PROJECT))
p()
HEAD_END[0] = 0
p('Tempest and others may be using the same Glance at the time of capture, so unfiltered lists may show their images.')
p()
HEAD_END[0] = len(out)

# ----------------------------------------------------------------- discovery, schemas, info
p('## Version discovery, info, schemas'); p()
call('GET / (version list, 300)', 'GET', '/', token='')
call('GET /versions', 'GET', '/versions', token='')
call('GET /v2 (no trailing slash)', 'GET', '/v2', token='')
call('GET /v2/ (trailing slash)', 'GET', '/v2/', token='')
call('GET /v2/info/import', 'GET', '/v2/info/import')
call('GET /v2/info/stores', 'GET', '/v2/info/stores')
call('GET /v2/info/stores/detail (admin)', 'GET', '/v2/info/stores/detail')
call('GET /v2/info/stores/detail (member: forbidden)', 'GET', '/v2/info/stores/detail', token=DEMO_TOKEN)
call('GET /v2/info/usage', 'GET', '/v2/info/usage')
call('GET /v2/schemas/image', 'GET', '/v2/schemas/image')
call('GET /v2/schemas/images', 'GET', '/v2/schemas/images')
call('GET /v2/schemas/member', 'GET', '/v2/schemas/member')
call('GET /v2/schemas/members', 'GET', '/v2/schemas/members')
call('GET /v2/schemas/metadefs/namespaces (dashboard)', 'GET', '/v2/schemas/metadefs/namespaces')

# ----------------------------------------------------------------- auth errors, 404/405
p('## Authentication, unknown paths and methods'); p()
call('401: no token', 'GET', '/v2/images', token='')
call('401: bad token', 'GET', '/v2/images', token='gAAAAAinvalid')
call('401 with Accept: text/html', 'GET', '/v2/images', token='', accept='text/html')
call('404: unknown path under /v2', 'GET', '/v2/nothing-here')
call('404: unknown image (well-formed uuid)', 'GET', '/v2/images/' + str(uuid.uuid4()))
call('404: image id that is not a uuid', 'GET', '/v2/images/not-a-uuid')
call('405: PUT on the collection', 'PUT', '/v2/images', body={})
call('405: POST on an image', 'POST', '/v2/images/' + str(uuid.uuid4()), body={})
call('404: unknown image, no Accept header (text/plain error page)', 'GET', '/v2/images/' + str(uuid.uuid4()), accept=None)
call('400: negative limit, no Accept header', 'GET', '/v2/images?limit=-1', accept=None)
call('404: unknown path, no token', 'GET', '/v2/nothing-here', token='')

# ----------------------------------------------------------------- create
p('## Create'); p()
st, img, r = call('POST /v2/images (201)', 'POST', '/v2/images',
                  body={"name": TAG + "-one", "disk_format": "qcow2", "container_format": "bare", "visibility": "private",
                        "min_disk": 1, "tags": ["alpha", "beta"], "hw_disk_bus": "scsi"})
ONE = img['id']; cleanup_images.append(ONE)
st, img, r = call('POST /v2/images, empty body {} (201, everything null/default)', 'POST', '/v2/images', body={})
cleanup_images.append(img['id']); EMPTY = img['id']
FIXED = str(uuid.uuid4())
st, img, r = call('POST /v2/images with a chosen id (201)', 'POST', '/v2/images', body={"id": FIXED, "name": TAG + "-fixed"})
cleanup_images.append(FIXED)
call('POST /v2/images with the same id again (409)', 'POST', '/v2/images', body={"id": FIXED, "name": TAG + "-fixed"})
call('POST: id that is not a uuid (400)', 'POST', '/v2/images', body={"id": "abc"})
call('POST: unknown disk_format (400)', 'POST', '/v2/images', body={"name": "x", "disk_format": "floppy"})
call('POST: unknown container_format (400)', 'POST', '/v2/images', body={"name": "x", "container_format": "zip"})
call('POST: bad visibility (400)', 'POST', '/v2/images', body={"name": "x", "visibility": "everyone"})
call('POST: read-only attribute status (403)', 'POST', '/v2/images', body={"name": "x", "status": "active"})
call('POST: read-only attribute checksum (403)', 'POST', '/v2/images', body={"name": "x", "checksum": "abc"})
call('POST: reserved attribute location (403?)', 'POST', '/v2/images', body={"name": "x", "location": "http://127.0.0.1/x"})
call('POST: os_glance_ reserved prefix (403)', 'POST', '/v2/images', body={"name": "x", "os_glance_foo": "bar"})
call('POST: name longer than 255 (400)', 'POST', '/v2/images', body={"name": "n" * 256})
call('POST: min_ram negative (400)', 'POST', '/v2/images', body={"name": "x", "min_ram": -1})
call('POST: protected as a string (400)', 'POST', '/v2/images', body={"name": "x", "protected": "yes"})
call('POST: property value not a string (400)', 'POST', '/v2/images', body={"name": "x", "foo": 1})
call('POST: property value longer than 255 (400)', 'POST', '/v2/images', body={"name": "x", "foo": "v" * 256})
call('POST: tag longer than 255 (400)', 'POST', '/v2/images', body={"name": "x", "tags": ["t" * 256]})
call('POST: malformed JSON (400)', 'POST', '/v2/images', body='{"name": ', headers={'Content-Type': 'application/json'})
call('POST: body is a list (400)', 'POST', '/v2/images', body=[1])
call('POST: Content-Type text/plain (415?)', 'POST', '/v2/images', body='{"name":"x"}', headers={'Content-Type': 'text/plain'})
call('POST: public by the member (403)', 'POST', '/v2/images', body={"name": "x", "visibility": "public"}, token=DEMO_TOKEN)
call('POST: owner set to another project by the member (403)', 'POST', '/v2/images', body={"name": "x", "owner": ADMIN_PROJECT}, token=DEMO_TOKEN)
call('GET /v2/images/{id} (show)', 'GET', '/v2/images/' + ONE)
call('HEAD /v2/images/{id}', 'HEAD', '/v2/images/' + ONE)
call('GET /v2/images/{id} of a private image of another project, as member (404)', 'GET', '/v2/images/' + ONE, token=DEMO_TOKEN)

# ----------------------------------------------------------------- list
p('## List: filters, sort, pagination'); p()
names = []
for i in range(5):
    s, im = quiet('POST', '/v2/images', {"name": "%s-list-%d" % (TAG, i), "disk_format": "raw" if i % 2 else "qcow2",
                                         "container_format": "bare", "visibility": "public" if i < 2 else "private",
                                         "tags": ["even"] if i % 2 == 0 else ["odd"], "min_ram": i * 128})
    cleanup_images.append(im['id']); names.append(im)
    time.sleep(1.1)  # distinct created_at
st, lst, r = call('GET /v2/images?limit=2 (first page, `next` link)', 'GET', '/v2/images?limit=2')
if isinstance(lst, dict) and 'next' in lst:
    call('GET the `next` link as given', 'GET', lst['next'])
call('GET /v2/images (default: 25, sorted created_at desc)', 'GET', '/v2/images?name=%s-list-0' % TAG, note='(filtered by name to keep it short)')
call('name filter', 'GET', '/v2/images?name=%s-list-1' % TAG)
call('name=in:"a","b"', 'GET', '/v2/images?name=' + urllib.parse.quote('in:%s-list-1,%s-list-3' % (TAG, TAG)))
call('status=queued&visibility=public&limit=3', 'GET', '/v2/images?status=queued&visibility=public&limit=3')
call('visibility=private&tag=even&disk_format=qcow2', 'GET', '/v2/images?visibility=private&tag=even&disk_format=qcow2&owner=' + ADMIN_PROJECT)
call('tag=even&tag=nothing (tags ANDed)', 'GET', '/v2/images?tag=even&tag=nothing')
call('min_ram filter (min_ram=256 exact)', 'GET', '/v2/images?min_ram=256')
call('size_min / size_max', 'GET', '/v2/images?size_min=1&size_max=2000000&limit=3')
call('size_min not a number (400)', 'GET', '/v2/images?size_min=big')
call('created_at=gte:<time>', 'GET', '/v2/images?created_at=gte:' + names[3]['created_at'] + '&name=in:' + ','.join(n['name'] for n in names))
call('created_at=bad:<time> (400)', 'GET', '/v2/images?created_at=bad:' + names[3]['created_at'])
call('created_at=gte:not-a-date (400)', 'GET', '/v2/images?created_at=gte:yesterday')
call('updated_at=lt:<time>', 'GET', '/v2/images?updated_at=lt:2000-01-01T00:00:00Z')
call('owner filter (member\'s own project)', 'GET', '/v2/images?owner=' + DEMO_PROJECT, token=DEMO_TOKEN)
call('visibility=all (admin)', 'GET', '/v2/images?visibility=all&limit=2')
call('visibility=bogus (400)', 'GET', '/v2/images?visibility=bogus')
call('os_hidden=true', 'GET', '/v2/images?os_hidden=true')
call('os_hidden=maybe (400)', 'GET', '/v2/images?os_hidden=maybe')
call('custom property filter hw_disk_bus=scsi', 'GET', '/v2/images?hw_disk_bus=scsi')
call('member_status=all&visibility=shared', 'GET', '/v2/images?member_status=all&visibility=shared', token=DEMO_TOKEN)
call('member_status=bogus (400)', 'GET', '/v2/images?member_status=bogus')
nm = 'in:' + ','.join(n['name'] for n in names)
call('sort_key=name&sort_dir=asc', 'GET', '/v2/images?sort_key=name&sort_dir=asc&name=' + urllib.parse.quote(nm))
call('sort_key=min_ram&sort_key=name&sort_dir=desc&sort_dir=asc (repeated, paired)', 'GET',
     '/v2/images?sort_key=min_ram&sort_dir=desc&sort_key=name&sort_dir=asc&name=' + urllib.parse.quote(nm))
call('sort=name:desc,created_at (new syntax)', 'GET', '/v2/images?sort=name:desc,created_at&name=' + urllib.parse.quote(nm))
call('sort=name:desc&sort_key=name (both syntaxes: 400)', 'GET', '/v2/images?sort=name:desc&sort_key=name')
call('bad sort key (400)', 'GET', '/v2/images?sort_key=foo')
call('bad sort key in sort= (400)', 'GET', '/v2/images?sort=foo:asc')
call('bad sort dir (400)', 'GET', '/v2/images?sort_key=name&sort_dir=up')
call('bad sort dir in sort= (400)', 'GET', '/v2/images?sort=name:up')
call('more sort_dir than sort_key (400)', 'GET', '/v2/images?sort_key=name&sort_dir=asc&sort_dir=desc')
call('negative limit (400)', 'GET', '/v2/images?limit=-1')
call('limit=0', 'GET', '/v2/images?limit=0')
call('limit not a number (400)', 'GET', '/v2/images?limit=abc')
call('limit=100000 (capped by api_limit_max, no error)', 'GET', '/v2/images?limit=100000&name=%s-list-0' % TAG)
st, pg = quiet('GET', '/v2/images?limit=2&sort_key=name&sort_dir=asc&name=' + urllib.parse.quote(nm))
marker = pg['images'][-1]['id']
call('marker (page 2 of name asc)', 'GET', '/v2/images?limit=2&sort_key=name&sort_dir=asc&marker=%s&name=%s' % (marker, urllib.parse.quote(nm)))
call('marker: unknown image (400)', 'GET', '/v2/images?marker=' + str(uuid.uuid4()))
call('marker: not a uuid (400)', 'GET', '/v2/images?marker=abc')
call('marker: an image the member cannot see (400)', 'GET', '/v2/images?marker=' + ONE, token=DEMO_TOKEN)
call('unknown query parameter is a property filter (200, empty)', 'GET', '/v2/images?foo=bar')

# ----------------------------------------------------------------- PATCH
p('## PATCH (application/openstack-images-v2.1-json-patch)'); p()
PT = {'Content-Type': 'application/openstack-images-v2.1-json-patch'}
def patch(title, ops, iid=ONE, headers=None, token=None, raw_body=None):
    return call(title, 'PATCH', '/v2/images/' + iid, headers=headers or PT, body=raw_body if raw_body is not None else json.dumps(ops), token=token)
patch('replace name, add a property, add min_ram (200)', [{"op": "replace", "path": "/name", "value": TAG + "-renamed"},
      {"op": "add", "path": "/os_distro", "value": "cirros"}, {"op": "add", "path": "/min_ram", "value": 512}])
patch('add on an existing property (replaces it, 200)', [{"op": "add", "path": "/os_distro", "value": "debian"}])
patch('replace a property that does not exist (409)', [{"op": "replace", "path": "/nope", "value": "x"}])
patch('remove a property (200)', [{"op": "remove", "path": "/os_distro"}])
patch('remove a property that does not exist (409)', [{"op": "remove", "path": "/os_distro"}])
patch('remove a core attribute /name (403)', [{"op": "remove", "path": "/name"}])
patch('remove /min_ram (403?)', [{"op": "remove", "path": "/min_ram"}])
patch('add a tag /tags/- ? (whole-list replace is the way)', [{"op": "add", "path": "/tags/-", "value": "gamma"}])
patch('replace /tags (200)', [{"op": "replace", "path": "/tags", "value": ["alpha", "gamma"]}])
patch('replace /status (403 read-only)', [{"op": "replace", "path": "/status", "value": "active"}])
patch('replace /id (403)', [{"op": "replace", "path": "/id", "value": str(uuid.uuid4())}])
patch('replace /checksum (403)', [{"op": "replace", "path": "/checksum", "value": "x"}])
patch('replace /size (403)', [{"op": "replace", "path": "/size", "value": 1}])
patch('replace /owner (admin, 200)', [{"op": "replace", "path": "/owner", "value": ADMIN_PROJECT}])
patch('replace /visibility bogus (400)', [{"op": "replace", "path": "/visibility", "value": "everyone"}])
patch('replace /protected with a string (400)', [{"op": "replace", "path": "/protected", "value": "yes"}])
patch('replace /disk_format bogus (400)', [{"op": "replace", "path": "/disk_format", "value": "floppy"}])
patch('replace /min_disk negative (400)', [{"op": "replace", "path": "/min_disk", "value": -5}])
patch('add os_glance_ reserved property (403)', [{"op": "add", "path": "/os_glance_x", "value": "y"}])
patch('add property with a non-string value (400)', [{"op": "add", "path": "/foo", "value": 5}])
patch('add property value of 256 chars (400)', [{"op": "add", "path": "/foo", "value": "v" * 256}])
patch('path with two levels /foo/bar (400)', [{"op": "add", "path": "/foo/bar", "value": "x"}])
patch('path without leading slash (400)', [{"op": "add", "path": "foo", "value": "x"}])
patch('path / only (400?)', [{"op": "add", "path": "/", "value": "x"}])
patch('escaped path /a~1b (property "a/b")', [{"op": "add", "path": "/a~1b", "value": "x"}])
patch('bad escape /a~2b (400)', [{"op": "add", "path": "/a~2b", "value": "x"}])
patch('unknown op "move" (400)', [{"op": "move", "from": "/name", "path": "/x"}])
patch('op "test" (400: not supported)', [{"op": "test", "path": "/name", "value": "x"}])
patch('missing value (400)', [{"op": "add", "path": "/foo"}])
patch('missing op (400)', [{"path": "/foo", "value": "x"}])
patch('body not a list (400)', {"op": "add", "path": "/foo", "value": "x"})
patch('malformed JSON (400)', None, raw_body='[{"op": ')
patch('wrong media type application/json (415)', [{"op": "replace", "path": "/name", "value": "x"}], headers={'Content-Type': 'application/json'})
patch('wrong media type application/json-patch+json (415)', [{"op": "replace", "path": "/name", "value": "x"}], headers={'Content-Type': 'application/json-patch+json'})
patch('PATCH with the older v2.0 media type (200)', [{"replace": "/name", "value": TAG + "-v20"}], headers={'Content-Type': 'application/openstack-images-v2.0-json-patch'})
patch('PATCH of an unknown image (404)', [{"op": "replace", "path": "/name", "value": "x"}], iid=str(uuid.uuid4()))
patch('PATCH by a project that cannot see it (404)', [{"op": "replace", "path": "/name", "value": "x"}], token=DEMO_TOKEN)
patch('replace /protected true (200)', [{"op": "replace", "path": "/protected", "value": True}])
call('DELETE a protected image (403)', 'DELETE', '/v2/images/' + ONE)
patch('replace /protected false (200)', [{"op": "replace", "path": "/protected", "value": False}])
patch('replace /os_hidden true (200)', [{"op": "replace", "path": "/os_hidden", "value": True}])
call('list does not show hidden images by default', 'GET', '/v2/images?name=' + TAG + '-v20')
call('list with os_hidden=true shows it', 'GET', '/v2/images?os_hidden=true&name=' + TAG + '-v20')
patch('replace /os_hidden false (200)', [{"op": "replace", "path": "/os_hidden", "value": False}])

# ----------------------------------------------------------------- tags
p('## Tags'); p()
call('PUT /v2/images/{id}/tags/{tag} (204)', 'PUT', '/v2/images/%s/tags/newtag' % ONE)
call('PUT the same tag again (204, idempotent)', 'PUT', '/v2/images/%s/tags/newtag' % ONE)
call('PUT a tag of 256 chars (400)', 'PUT', '/v2/images/%s/tags/%s' % (ONE, 't' * 256))
call('DELETE /v2/images/{id}/tags/{tag} (204)', 'DELETE', '/v2/images/%s/tags/newtag' % ONE)
call('DELETE a tag that is not there (404)', 'DELETE', '/v2/images/%s/tags/newtag' % ONE)
call('PUT a tag on an unknown image (404)', 'PUT', '/v2/images/%s/tags/x' % uuid.uuid4())

# ----------------------------------------------------------------- data
p('## Upload and download'); p()
DATA = bytes(range(256)) * 4096  # 1 MiB
st, up = quiet('POST', '/v2/images', {"name": TAG + "-data", "disk_format": "raw", "container_format": "bare"})
DI = up['id']; cleanup_images.append(DI)
call('GET /file of a queued image (204)', 'GET', '/v2/images/%s/file' % DI, accept=None)
call('PUT /file with Content-Type application/json (415)', 'PUT', '/v2/images/%s/file' % DI, body=DATA,
     headers={'Content-Type': 'application/json'})
call('PUT /file (204), 1 MiB', 'PUT', '/v2/images/%s/file' % DI, body=DATA, headers={'Content-Type': 'application/octet-stream'})
call('show after upload (active, size, checksum, os_hash_*, stores)', 'GET', '/v2/images/' + DI)
call('PUT /file again on an active image (409)', 'PUT', '/v2/images/%s/file' % DI, body=DATA[:10],
     headers={'Content-Type': 'application/octet-stream'})
call('GET /file (200, Content-MD5)', 'GET', '/v2/images/%s/file' % DI, accept=None, quiet_body=True)
call('GET /file with Accept: application/json', 'GET', '/v2/images/%s/file' % DI, quiet_body=True)
call('GET /file Range: bytes=0-9 (206)', 'GET', '/v2/images/%s/file' % DI, headers={'Range': 'bytes=0-9'}, accept=None, quiet_body=True)
call('GET /file Range: bytes=1048570- (206, open end)', 'GET', '/v2/images/%s/file' % DI, headers={'Range': 'bytes=1048570-'}, accept=None, quiet_body=True)
call('GET /file Range: bytes=-5 (suffix)', 'GET', '/v2/images/%s/file' % DI, headers={'Range': 'bytes=-5'}, accept=None, quiet_body=True)
call('GET /file Range: bytes=2000000-3000000 (416)', 'GET', '/v2/images/%s/file' % DI, headers={'Range': 'bytes=2000000-3000000'}, accept=None)
call('GET /file Range: bytes=0-1,5-6 (multiple ranges)', 'GET', '/v2/images/%s/file' % DI, headers={'Range': 'bytes=0-1,5-6'}, accept=None, quiet_body=True)
call('GET /file Range: garbage', 'GET', '/v2/images/%s/file' % DI, headers={'Range': 'items=0-1'}, accept=None, quiet_body=True)
call('GET /file Content-Range request header (legacy glance partial download)', 'GET', '/v2/images/%s/file' % DI,
     headers={'Content-Range': 'bytes 0-9/*'}, accept=None, quiet_body=True)
call('GET /file of an unknown image (404)', 'GET', '/v2/images/%s/file' % uuid.uuid4(), accept=None)
st, up2 = quiet('POST', '/v2/images', {"name": TAG + "-nofmt"})
cleanup_images.append(up2['id'])
call('PUT /file on an image without disk_format/container_format (400)', 'PUT', '/v2/images/%s/file' % up2['id'],
     body=b'abc', headers={'Content-Type': 'application/octet-stream'})
call('show after the refused upload (still queued?)', 'GET', '/v2/images/' + up2['id'])
patch('replace /disk_format of an active image (403)', [{"op": "replace", "path": "/disk_format", "value": "qcow2"}], iid=DI)
patch('add /locations (403/400 with show_multiple_locations off)', [{"op": "add", "path": "/locations/-", "value": {"url": "http://127.0.0.1/x", "metadata": {}}}], iid=DI)

p('## Deactivate / reactivate'); p()
call('POST /actions/deactivate (204)', 'POST', '/v2/images/%s/actions/deactivate' % DI)
call('show: status deactivated', 'GET', '/v2/images/' + DI)
call('GET /file of a deactivated image, as admin', 'GET', '/v2/images/%s/file' % DI, accept=None, quiet_body=True)
call('deactivate again (204)', 'POST', '/v2/images/%s/actions/deactivate' % DI)
call('POST /actions/reactivate (204)', 'POST', '/v2/images/%s/actions/reactivate' % DI)
call('reactivate an active image (204)', 'POST', '/v2/images/%s/actions/reactivate' % DI)
call('deactivate a queued image (403)', 'POST', '/v2/images/%s/actions/deactivate' % EMPTY)
call('reactivate a queued image (403)', 'POST', '/v2/images/%s/actions/reactivate' % EMPTY)
call('unknown action (404)', 'POST', '/v2/images/%s/actions/explode' % DI)
call('deactivate as a member of another project (404)', 'POST', '/v2/images/%s/actions/deactivate' % DI, token=DEMO_TOKEN)

# ----------------------------------------------------------------- stage / import
p('## Stage and import'); p()
st, si = quiet('POST', '/v2/images', {"name": TAG + "-staged", "disk_format": "raw", "container_format": "bare"})
SI = si['id']; cleanup_images.append(SI)
call('POST /import before staging (409)', 'POST', '/v2/images/%s/import' % SI, body={"method": {"name": "glance-direct"}})
call('PUT /stage (204)', 'PUT', '/v2/images/%s/stage' % SI, body=DATA[:65536], headers={'Content-Type': 'application/octet-stream'})
call('show after stage (uploading)', 'GET', '/v2/images/' + SI)
call('PUT /stage again (409)', 'PUT', '/v2/images/%s/stage' % SI, body=b'x', headers={'Content-Type': 'application/octet-stream'})
call('POST /import unknown method (400)', 'POST', '/v2/images/%s/import' % SI, body={"method": {"name": "teleport"}})
call('POST /import no method (400)', 'POST', '/v2/images/%s/import' % SI, body={})
call('POST /import unknown store (400/404?)', 'POST', '/v2/images/%s/import' % SI, body={"method": {"name": "glance-direct"}, "stores": ["nope"]})
call('POST /import glance-direct (202)', 'POST', '/v2/images/%s/import' % SI, body={"method": {"name": "glance-direct"}})
wait_status(SI, ('active', 'killed', 'queued'))
call('show after import (active; os_glance_* import properties)', 'GET', '/v2/images/' + SI)
call('GET /v2/images/{id}/tasks', 'GET', '/v2/images/%s/tasks' % SI)
st, wi = quiet('POST', '/v2/images', {"name": TAG + "-web", "disk_format": "raw", "container_format": "bare"})
WI = wi['id']; cleanup_images.append(WI)
call('POST /import web-download of a disallowed host (the URL filter)', 'POST', '/v2/images/%s/import' % WI,
     body={"method": {"name": "web-download", "uri": "http://198.51.100.1/image.img"}})
time.sleep(2)
call('show after a refused web-download', 'GET', '/v2/images/' + WI)
call('POST /import web-download with no uri (400)', 'POST', '/v2/images/%s/import' % WI, body={"method": {"name": "web-download"}})
call('POST /import copy-image to file2 (202)', 'POST', '/v2/images/%s/import' % SI,
     body={"method": {"name": "copy-image"}, "stores": ["file2"]})
wait_status(SI, ('active',))
time.sleep(3)
call('show after copy-image (stores)', 'GET', '/v2/images/' + SI)
call('copy-image to a store it is already in (409?)', 'POST', '/v2/images/%s/import' % SI,
     body={"method": {"name": "copy-image"}, "stores": ["file"]})
call('DELETE /v2/stores/{store}/{id} (remove the copy in file2)', 'DELETE', '/v2/stores/file2/%s' % SI)
call('GET /v2/tasks', 'GET', '/v2/tasks?limit=2')

# ----------------------------------------------------------------- members
p('## Members'); p()
call('POST /members on a private image (403)', 'POST', '/v2/images/%s/members' % ONE, body={"member": DEMO_PROJECT})
patch('replace /visibility shared (200)', [{"op": "replace", "path": "/visibility", "value": "shared"}])
call('POST /members (200)', 'POST', '/v2/images/%s/members' % ONE, body={"member": DEMO_PROJECT})
call('POST /members again (409)', 'POST', '/v2/images/%s/members' % ONE, body={"member": DEMO_PROJECT})
call('POST /members without member (400)', 'POST', '/v2/images/%s/members' % ONE, body={"foo": "bar"})
call('GET /members (owner)', 'GET', '/v2/images/%s/members' % ONE)
call('GET /members/{member}', 'GET', '/v2/images/%s/members/%s' % (ONE, DEMO_PROJECT))
call('GET /members/{unknown} (404)', 'GET', '/v2/images/%s/members/%s' % (ONE, uuid.uuid4().hex))
call('member sees the pending image by id', 'GET', '/v2/images/' + ONE, token=DEMO_TOKEN)
call('member list of images: pending images not listed', 'GET', '/v2/images?visibility=shared', token=DEMO_TOKEN)
call('member list with member_status=pending', 'GET', '/v2/images?visibility=shared&member_status=pending', token=DEMO_TOKEN)
call('owner sets member status (403)', 'PUT', '/v2/images/%s/members/%s' % (ONE, DEMO_PROJECT), body={"status": "accepted"})
call('member sets a bad status (400)', 'PUT', '/v2/images/%s/members/%s' % (ONE, DEMO_PROJECT), body={"status": "maybe"}, token=DEMO_TOKEN)
call('member accepts (200)', 'PUT', '/v2/images/%s/members/%s' % (ONE, DEMO_PROJECT), body={"status": "accepted"}, token=DEMO_TOKEN)
call('member list of images now shows it', 'GET', '/v2/images?visibility=shared', token=DEMO_TOKEN)
call('member GET /members (sees only itself)', 'GET', '/v2/images/%s/members' % ONE, token=DEMO_TOKEN)
call('member adds a member (403)', 'POST', '/v2/images/%s/members' % ONE, body={"member": ADMIN_PROJECT}, token=DEMO_TOKEN)
call('member PATCHes the image (403)', 'PATCH', '/v2/images/' + ONE, headers=PT,
     body=json.dumps([{"op": "replace", "path": "/name", "value": "x"}]), token=DEMO_TOKEN)
call('member deletes the image (403)', 'DELETE', '/v2/images/' + ONE, token=DEMO_TOKEN)
call('member rejects (200)', 'PUT', '/v2/images/%s/members/%s' % (ONE, DEMO_PROJECT), body={"status": "rejected"}, token=DEMO_TOKEN)
patch('visibility private while it has members (200)', [{"op": "replace", "path": "/visibility", "value": "private"}])
call('GET /members of a private image (403?)', 'GET', '/v2/images/%s/members' % ONE)
patch('back to shared', [{"op": "replace", "path": "/visibility", "value": "shared"}])
call('DELETE /members/{member} (204)', 'DELETE', '/v2/images/%s/members/%s' % (ONE, DEMO_PROJECT))
call('DELETE /members/{member} again (404)', 'DELETE', '/v2/images/%s/members/%s' % (ONE, DEMO_PROJECT))

# ----------------------------------------------------------------- delete
p('## Delete'); p()
call('DELETE (204)', 'DELETE', '/v2/images/' + EMPTY)
call('DELETE again (404)', 'DELETE', '/v2/images/' + EMPTY)
call('GET the deleted image (404)', 'GET', '/v2/images/' + EMPTY)

# ----------------------------------------------------------------- openstack client
p('## The openstack client (python-openstackclient, Debian 12)'); p()
import tempfile
tmpd = tempfile.mkdtemp()
f = os.path.join(tmpd, 'cirros.img'); open(f, 'wb').write(DATA)
res = osc('image create --file --disk-format qcow2 --container-format bare --public',
          ['image', 'create', TAG + '-cirros', '--file', f, '--disk-format', 'qcow2', '--container-format', 'bare', '--public'])
CID = None
m = re.search(r'\|\s*id\s*\|\s*([0-9a-f-]{36})', res.stdout)
if m:
    CID = m.group(1); cleanup_images.append(CID)
osc('image list --name', ['image', 'list', '--name', TAG + '-cirros'])
osc('image list --long --name', ['image', 'list', '--long', '--name', TAG + '-cirros'])
osc('image show', ['image', 'show', TAG + '-cirros'])
osc('image show -f json', ['image', 'show', '-f', 'json', TAG + '-cirros'])
saved = os.path.join(tmpd, 'saved.img')
res = osc('image save --file', ['image', 'save', '--file', saved, TAG + '-cirros'])
p('Saved file identical to the uploaded one: %s' % (os.path.exists(saved) and open(saved, 'rb').read() == DATA)); p()
osc('image set --property', ['image', 'set', '--property', 'os_distro=cirros', '--property', 'hw_qemu_guest_agent=yes', TAG + '-cirros'])
osc('image show (after set --property)', ['image', 'show', '-c', 'properties', TAG + '-cirros'])
osc('image set --private then --shared', ['image', 'set', '--shared', TAG + '-cirros'])
osc('image add project', ['image', 'add', 'project', TAG + '-cirros', DEMO_PROJECT])
osc('image member list', ['image', 'member', 'list', TAG + '-cirros'])
demo_env = {'OS_USERNAME': TAG + '-demo', 'OS_PASSWORD': DEMO_PW, 'OS_PROJECT_NAME': TAG + '-demo'}
if CID:
    osc('image set --accept (as the member project)', ['image', 'set', '--accept', CID], env=demo_env)
    osc('image list as the member (shared image now listed)', ['image', 'list', '--shared'], env=demo_env)
    osc('image show as the member', ['image', 'show', '-c', 'visibility', '-c', 'owner', CID], env=demo_env)
osc('image member list (accepted)', ['image', 'member', 'list', TAG + '-cirros'])
osc('image remove project', ['image', 'remove', 'project', TAG + '-cirros', DEMO_PROJECT])
osc('image set --tag / --unset --property', ['image', 'set', '--tag', 'walk', TAG + '-cirros'])
osc('image unset --property', ['image', 'unset', '--property', 'hw_qemu_guest_agent', TAG + '-cirros'])
osc('image set --deactivate', ['image', 'set', '--deactivate', TAG + '-cirros'])
osc('image save of a deactivated image', ['image', 'save', '--file', os.path.join(tmpd, 'd.img'), TAG + '-cirros'])
osc('image set --activate', ['image', 'set', '--activate', TAG + '-cirros'])
osc('image show of an unknown name', ['image', 'show', TAG + '-nothing'])
osc('image create with a bad disk format', ['image', 'create', '--disk-format', 'floppy', TAG + '-bad'])
osc('image set --protected, then delete (fails)', ['image', 'set', '--protected', TAG + '-cirros'])
osc('image delete of a protected image', ['image', 'delete', TAG + '-cirros'])
osc('image set --unprotected', ['image', 'set', '--unprotected', TAG + '-cirros'])
osc('image delete', ['image', 'delete', TAG + '-cirros'])
if CID:
    cleanup_images.remove(CID)

