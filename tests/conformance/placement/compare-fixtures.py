"""Check fixtures.py against upstream: for each data fixture, dump the state the upstream
fixture class makes in-process (Debian python3-placement, sqlite) and the state fixtures.py
makes over HTTP on a throwaway reference placement, and diff them (as seen through the
API at 1.39: providers + generations + parents, inventories, traits, aggregates, usages,
allocations, consumers with generation/project/user/type, custom classes and traits).

  /usr/bin/python3 compare-fixtures.py [FixtureName ...]     (root; MariaDB running)
"""
import atexit, json, os, re, subprocess, sys, tempfile, importlib.util
HERE = os.path.dirname(os.path.abspath(__file__))
# this folder's fixtures.py must not shadow the 'fixtures' library (oslo/testtools)
sys.path[:] = [p for p in sys.path if os.path.abspath(p or '.') != HERE]
DATA_FIXTURES = ['AllocationFixture', 'SharedStorageFixture', 'NUMAAggregateFixture',
                 'NUMANetworkFixture', 'DeepNUMANetworkFixture', 'NonSharedStorageFixture',
                 'GranularFixture', 'NeutronQoSMultiSegmentFixture']
UU = re.compile(r'[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}')
V = 'placement 1.39'

def dump(get, env):
    st = {}
    rps = get('/resource_providers')['resource_providers']
    names = {r['uuid']: r['name'] for r in rps}
    consumers = {}
    st['providers'] = []
    for r in rps:
        u = r['uuid']
        d = {k: r[k] for k in ('name', 'uuid', 'generation', 'parent_provider_uuid', 'root_provider_uuid')}
        d['inventories'] = get('/resource_providers/%s/inventories' % u)
        d['traits'] = sorted(get('/resource_providers/%s/traits' % u)['traits'])
        d['aggregates'] = sorted(get('/resource_providers/%s/aggregates' % u)['aggregates'])
        d['usages'] = get('/resource_providers/%s/usages' % u)
        al = get('/resource_providers/%s/allocations' % u)
        d['allocations'] = al
        for c in al['allocations']:
            consumers[c] = None
        st['providers'].append(d)
    st['consumers'] = {}
    for c in consumers:
        st['consumers'][c] = get('/allocations/%s' % c)
    st['resource_classes'] = sorted(x['name'] for x in get('/resource_classes')['resource_classes'] if x['name'].startswith('CUSTOM_'))
    st['traits'] = sorted(get('/traits?name=startswith:CUSTOM_')['traits'])
    projs = set(v['project_id'] for v in st['consumers'].values())
    st['usages'] = {p: get('/usages?project_id=%s' % p) for p in sorted(projs)}
    # canonical names for uuids
    m = {}
    for k, v in sorted(env.items()):
        if UU.fullmatch(v or ''):
            m.setdefault(v, '$' + k)
    for u, n in names.items():
        m.setdefault(u, 'rp:' + n)
    for c, a in st['consumers'].items():
        desc = json.dumps({m.get(r, r): x['resources'] for r, x in a['allocations'].items()}, sort_keys=True)
        m.setdefault(c, 'consumer:' + desc.replace('"', ''))
    s = json.dumps(st, sort_keys=True)
    s = UU.sub(lambda mm: m.get(mm.group(0), 'UUID?'), s)
    out = json.loads(s)
    for p in out['providers']:
        p['aggregates'].sort()
    return out

def inproc(name):
    import webob
    from placement.tests.functional.fixtures import gabbits as up
    fx = getattr(up, name)()
    before = dict(os.environ)
    fx.start_fixture()
    env = {k: v for k, v in os.environ.items()}
    app = up.setup_app()
    def get(p):
        req = webob.Request.blank(p, headers={'x-auth-token': 'admin', 'openstack-api-version': V, 'accept': 'application/json'})
        resp = req.get_response(app)
        assert resp.status_int == 200, (p, resp.status, resp.text)
        return resp.json
    try:
        return dump(get, env)
    finally:
        fx.stop_fixture()

def live(name):
    spec = importlib.util.spec_from_file_location('fx', os.path.join(HERE, 'fixtures.py'))
    mod = importlib.util.module_from_spec(spec); spec.loader.exec_module(mod)
    getattr(mod, name)().start_fixture()
    c = mod.client()
    def get(p):
        return c.call('GET', p, version='1.39')[1]
    return dump(get, dict(os.environ))

def diff(a, b, path=''):
    if type(a) != type(b):
        print('  ', path, 'TYPE', a, '!=', b); return
    if isinstance(a, dict):
        for k in sorted(set(a) | set(b)):
            if k not in a or k not in b:
                print('  ', path + '/' + k, 'only in', 'upstream' if k in a else 'live', (a.get(k) if k in a else b.get(k)))
            else:
                diff(a[k], b[k], path + '/' + str(k))
    elif isinstance(a, list) and len(a) == len(b):
        for i, (x, y) in enumerate(zip(a, b)):
            diff(x, y, path + '[%d]' % i)
    elif a != b:
        print('  ', path, a, '!=', b)

if not os.environ.get('GABBI_TARGET'):
    os.environ.update(REF_WS=tempfile.mkdtemp(prefix='gabbi-cmp-'), REF_PORT='8781',
                      REF_DB='placement_compare', GABBI_TARGET='http://127.0.0.1:8781',
                      GABBI_RESET_CMD=os.path.join(HERE, 'reference-reset.sh'))
    atexit.register(lambda: (subprocess.run([os.path.join(HERE, 'reference-reset.sh'), 'stop']),
                             subprocess.run(['rm', '-rf', os.environ['REF_WS']]),
                             subprocess.run(['mysql', '-uroot', '-e', 'DROP DATABASE IF EXISTS placement_compare'])))
rc = 0
for name in sys.argv[1:] or DATA_FIXTURES:
    u = inproc(name)
    l = live(name)
    print(name, 'SAME' if u == l else 'DIFFERENT', len(u['providers']), 'providers', len(u['consumers']), 'consumers')
    if u != l:
        rc = 1
        diff(u, l)
sys.exit(rc)
