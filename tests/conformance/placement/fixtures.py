"""Gabbi fixtures for running upstream Placement 8.0.0 gabbits against a LIVE endpoint.

Same class names as placement/tests/functional/fixtures/gabbits.py.  Upstream builds its
state in-process (SQL objects); these classes build the same state through the public
HTTP API of the target only:

  * start_fixture() first runs the reset hook ($GABBI_RESET_CMD, shell) with the
    configuration the fixture needs in PLACEMENT_* environment variables (see README.md),
    so the target comes back empty and configured;
  * then sets the same os.environ variables as upstream (fresh uuids per file);
  * then creates providers / inventories / traits / aggregates / allocations with
    the admin token (x-auth-token: admin) in the same order as upstream, choosing
    microversions so that provider and consumer generations end up as upstream's.

Environment read here: GABBI_TARGET (base URL, required), GABBI_RESET_CMD (required unless
GABBI_NO_RESET=1), GABBI_WORKDIR (where policy files are written; default a temp dir).
No dependency on the placement Python package.
"""

import json
import os
import subprocess
import tempfile
import urllib.error
import urllib.request
import uuid as uuidlib

from gabbi import fixture


def generate_uuid():
    return str(uuidlib.uuid4())


class _Sentinel(object):
    """oslo_utils.fixture.uuidsentinel: one random uuid per name, per process."""

    def __init__(self):
        self._d = {}

    def __getattr__(self, name):
        if name.startswith('_'):
            raise AttributeError(name)
        return self._d.setdefault(name, generate_uuid())

    get = __getattr__


uuids = _Sentinel()

# placement 8.0.0 placement.policies.list_rules() names, in order.  OpenPolicyFixture
# sets all of them but admin_api to '@'.
POLICY_RULES = [
    'admin_api', 'system_admin_api', 'system_reader_api', 'project_reader_api',
    'system_or_project_reader',
    'placement:resource_providers:list', 'placement:resource_providers:create',
    'placement:resource_providers:show', 'placement:resource_providers:update',
    'placement:resource_providers:delete',
    'placement:resource_classes:list', 'placement:resource_classes:create',
    'placement:resource_classes:show', 'placement:resource_classes:update',
    'placement:resource_classes:delete',
    'placement:resource_providers:inventories:list',
    'placement:resource_providers:inventories:create',
    'placement:resource_providers:inventories:show',
    'placement:resource_providers:inventories:update',
    'placement:resource_providers:inventories:delete',
    'placement:resource_providers:aggregates:list',
    'placement:resource_providers:aggregates:update',
    'placement:resource_providers:usages', 'placement:usages',
    'placement:traits:list', 'placement:traits:show', 'placement:traits:update',
    'placement:traits:delete',
    'placement:resource_providers:traits:list',
    'placement:resource_providers:traits:update',
    'placement:resource_providers:traits:delete',
    'placement:allocations:manage', 'placement:allocations:list',
    'placement:allocations:update', 'placement:allocations:delete',
    'placement:resource_providers:allocations:list',
    'placement:allocation_candidates:list', 'placement:reshaper:reshape',
]


class FixtureError(Exception):
    pass


# ---------------------------------------------------------------- HTTP client

class Client(object):
    """Minimal admin client for the target (stdlib only)."""

    def __init__(self, base):
        self.base = base.rstrip('/')

    def call(self, method, path, body=None, version='1.0', ok=(200, 201, 204)):
        data = None
        headers = {'x-auth-token': 'admin', 'accept': 'application/json',
                   'openstack-api-version': 'placement %s' % version}
        if body is not None:
            data = json.dumps(body).encode('utf-8')
            headers['content-type'] = 'application/json'
        req = urllib.request.Request(self.base + path, data=data, method=method,
                                     headers=headers)
        try:
            with urllib.request.urlopen(req, timeout=60) as resp:
                status, raw = resp.status, resp.read()
        except urllib.error.HTTPError as e:
            status, raw = e.code, e.read()
        if status not in ok:
            raise FixtureError('%s %s (%s) -> %s: %s' % (
                method, path, version, status, raw.decode('utf-8', 'replace')[:500]))
        if raw:
            try:
                return status, json.loads(raw.decode('utf-8'))
            except ValueError:
                return status, raw
        return status, None


_client = None


def client():
    global _client
    if _client is None:
        target = os.environ.get('GABBI_TARGET')
        if not target:
            raise FixtureError('GABBI_TARGET is not set')
        _client = Client(target)
    return _client


# ---------------------------------------------------------------- test_base (tb) over HTTP
# Mirrors placement/tests/functional/db/test_base.py helpers.

class Provider(object):
    def __init__(self, name, uuid):
        self.name = name
        self.uuid = uuid


class Consumer(object):
    def __init__(self, uuid, user, project):
        self.uuid = uuid
        self.user = user
        self.project = project


def _generation(rp):
    _, body = client().call('GET', '/resource_providers/%s' % rp.uuid, version='1.14')
    return body['generation']


def create_provider(context, name, *aggs, **kwargs):
    """tb.create_provider: new provider (generation 0), optional parent, aggregates.

    Upstream's rp.set_aggregates() does not bump the generation; PUT .../aggregates
    below 1.19 does not either, so 1.18 is used.
    """
    parent = kwargs.get('parent')
    uuid = kwargs.get('uuid') or getattr(uuids, name)
    body = {'name': name, 'uuid': uuid}
    if parent:
        body['parent_provider_uuid'] = parent
    client().call('POST', '/resource_providers', body, version='1.20')
    rp = Provider(name, uuid)
    if aggs:
        set_aggregates(rp, aggs)
    return rp


def set_aggregates(rp, aggs):
    client().call('PUT', '/resource_providers/%s/aggregates' % rp.uuid, list(aggs),
                  version='1.18')


def ensure_rc(context, name):
    if not name.startswith('CUSTOM_'):
        return  # standard classes always exist
    # PUT /resource_classes/{name} (1.7+) is idempotent: 201 created / 204 existed
    client().call('PUT', '/resource_classes/%s' % name, version='1.7')


def add_inventory(rp, rc, total, **kwargs):
    """tb.add_inventory: one inventory record, one generation bump."""
    ensure_rc(None, rc)
    kwargs.setdefault('max_unit', total)
    body = dict(kwargs, resource_class=rc, total=total,
                resource_provider_generation=_generation(rp))
    client().call('POST', '/resource_providers/%s/inventories' % rp.uuid, body,
                  version='1.0')


def set_traits(rp, *traits):
    """tb.set_traits: create missing custom traits, replace the provider's traits."""
    for t in traits:
        if t.startswith('CUSTOM_'):
            client().call('PUT', '/traits/%s' % t, version='1.6')
    body = {'traits': list(traits), 'resource_provider_generation': _generation(rp)}
    client().call('PUT', '/resource_providers/%s/traits' % rp.uuid, body, version='1.6')
    return list(traits)


def create_user_and_project(ctx, prefix='fake'):
    return '%s-user' % prefix, '%s-project' % prefix


def ensure_consumer(ctx, user, project, consumer_id=None):
    """A consumer only exists in the API once it has allocations (set_allocation)."""
    return Consumer(consumer_id or generate_uuid(), user, project)


def set_allocation(ctx, rp, consumer, rc_used_dict):
    """tb.set_allocation: replace all allocations of consumer by rc_used_dict on rp.

    Microversion 1.28 (consumer generations, no consumer_type, like upstream's
    consumers which have a NULL consumer type).
    """
    _, cur = client().call('GET', '/allocations/%s' % consumer.uuid, version='1.28')
    gen = (cur or {}).get('consumer_generation')
    body = {'allocations': {rp.uuid: {'resources': dict(rc_used_dict)}},
            'project_id': consumer.project, 'user_id': consumer.user,
            'consumer_generation': gen}
    client().call('PUT', '/allocations/%s' % consumer.uuid, body, version='1.28')


def create_resource_class(name):
    client().call('POST', '/resource_classes', {'name': name}, version='1.2', ok=(201,))


class _TB(object):
    """So fixture bodies read like upstream's (tb.create_provider(...))."""
    create_provider = staticmethod(create_provider)
    add_inventory = staticmethod(add_inventory)
    set_traits = staticmethod(set_traits)
    ensure_consumer = staticmethod(ensure_consumer)
    set_allocation = staticmethod(set_allocation)
    create_user_and_project = staticmethod(create_user_and_project)


tb = _TB()


# ---------------------------------------------------------------- reset hook

_workdir = None


def workdir():
    global _workdir
    if _workdir is None:
        _workdir = os.environ.get('GABBI_WORKDIR') or tempfile.mkdtemp(prefix='gabbi-fx-')
        os.makedirs(_workdir, exist_ok=True)
    return _workdir


def run_reset(fixture_name, policy_rules=None, secure_rbac=False, cors=None):
    """Run $GABBI_RESET_CMD with the PLACEMENT_* contract variables."""
    env = dict(os.environ)
    for k in list(env):
        if k.startswith('PLACEMENT_'):
            del env[k]
    env['GABBI_FIXTURE'] = fixture_name
    env['PLACEMENT_ENFORCE_SCOPE'] = 'true' if secure_rbac else 'false'
    env['PLACEMENT_ENFORCE_NEW_DEFAULTS'] = 'true' if secure_rbac else 'false'
    if policy_rules:
        path = os.path.join(workdir(), 'policy-%s.yaml' % fixture_name)
        with open(path, 'w') as f:
            f.write('# rules applied on top of the default placement policy (%s)\n'
                    % fixture_name)
            for name, check in policy_rules.items():
                f.write('"%s": "%s"\n' % (name, check))
        env['PLACEMENT_POLICY_FILE'] = path
    if cors:
        env['PLACEMENT_CORS_ALLOWED_ORIGIN'] = cors['allowed_origin']
        env['PLACEMENT_CORS_ALLOW_HEADERS'] = ','.join(cors.get('allow_headers', []))
    cmd = os.environ.get('GABBI_RESET_CMD')
    if not cmd:
        if os.environ.get('GABBI_NO_RESET') == '1':
            return
        raise FixtureError('GABBI_RESET_CMD is not set')
    p = subprocess.run(cmd, shell=True, env=env, stdout=subprocess.PIPE,
                       stderr=subprocess.STDOUT, timeout=int(os.environ.get(
                           'GABBI_RESET_TIMEOUT', '180')))
    if p.returncode != 0:
        raise FixtureError('reset hook failed (rc=%s): %s' % (
            p.returncode, p.stdout.decode('utf-8', 'replace')[-2000:]))


# ---------------------------------------------------------------- fixtures

class APIFixture(fixture.GabbiFixture):
    """Empty store, noauth2 tokens, default policy (enforce_scope/new defaults off)."""

    _secure_rbac = False
    _policy_rules = None
    _cors = None
    context = None

    def start_fixture(self):
        run_reset(type(self).__name__, policy_rules=self._policy_rules,
                  secure_rbac=self._secure_rbac, cors=self._cors)
        os.environ['RP_UUID'] = generate_uuid()
        os.environ['RP_NAME'] = generate_uuid()
        os.environ['CUSTOM_RES_CLASS'] = 'CUSTOM_IRON_NFV'
        os.environ['PROJECT_ID'] = generate_uuid()
        os.environ['USER_ID'] = generate_uuid()
        os.environ['PROJECT_ID_ALT'] = generate_uuid()
        os.environ['USER_ID_ALT'] = generate_uuid()
        os.environ['INSTANCE_UUID'] = generate_uuid()
        os.environ['MIGRATION_UUID'] = generate_uuid()
        os.environ['CONSUMER_UUID'] = generate_uuid()
        os.environ['PARENT_PROVIDER_UUID'] = generate_uuid()
        os.environ['ALT_PARENT_PROVIDER_UUID'] = generate_uuid()

    def stop_fixture(self):
        pass


class AllocationFixture(APIFixture):
    """rp (VCPU 10, DISK_GB 2048 step 10/min 10/max 1000); consumer1 DISK_GB 1000,
    consumer2 VCPU 6 (USER_ID/PROJECT_ID), alt_consumer DISK_GB 20 + VCPU 1 (ALT_USER_ID)."""

    def start_fixture(self):
        super(AllocationFixture, self).start_fixture()

        os.environ['ALT_USER_ID'] = generate_uuid()
        project_id = os.environ['PROJECT_ID']
        user_id = os.environ['USER_ID']
        alt_user_id = os.environ['ALT_USER_ID']
        user, alt_user, project = user_id, alt_user_id, project_id

        rp_name = os.environ['RP_NAME']
        rp_uuid = os.environ['RP_UUID']
        rp = tb.create_provider(self.context, rp_name, uuid=rp_uuid)
        tb.add_inventory(rp, 'DISK_GB', 2048,
                         step_size=10, min_unit=10, max_unit=1000)
        tb.add_inventory(rp, 'VCPU', 10, max_unit=10)

        consumer1 = tb.ensure_consumer(self.context, user, project)
        tb.set_allocation(self.context, rp, consumer1, {'DISK_GB': 1000})
        os.environ['CONSUMER_0'] = consumer1.uuid

        consumer2 = tb.ensure_consumer(self.context, user, project)
        tb.set_allocation(self.context, rp, consumer2, {'VCPU': 6})
        os.environ['CONSUMER_ID'] = consumer2.uuid

        alt_consumer = tb.ensure_consumer(self.context, alt_user, project)
        os.environ['ALT_CONSUMER_ID'] = alt_consumer.uuid

        tb.set_allocation(self.context, rp, alt_consumer,
                          {'DISK_GB': 20, 'VCPU': 1})

        os.environ['ALT_RP_UUID'] = generate_uuid()
        os.environ['ALT_RP_NAME'] = generate_uuid()


class SharedStorageFixture(APIFixture):
    """cn1, cn2 (VCPU/MEMORY_MB; cn2 also DISK_GB), sharing ss, ss2 (DISK_GB), all in one
    aggregate; numa1_1/1_2 under cn1, numa2_1/2_2 under cn2, one pf (SRIOV_NET_VF 8) each."""

    def start_fixture(self):
        super(SharedStorageFixture, self).start_fixture()

        agg_uuid = generate_uuid()

        cn1 = tb.create_provider(self.context, 'cn1', agg_uuid)
        cn2 = tb.create_provider(self.context, 'cn2', agg_uuid)
        ss = tb.create_provider(self.context, 'ss', agg_uuid)
        ss2 = tb.create_provider(self.context, 'ss2', agg_uuid)

        numa1_1 = tb.create_provider(self.context, 'numa1_1', parent=cn1.uuid)
        numa1_2 = tb.create_provider(self.context, 'numa1_2', parent=cn1.uuid)
        numa2_1 = tb.create_provider(self.context, 'numa2_1', parent=cn2.uuid)
        numa2_2 = tb.create_provider(self.context, 'numa2_2', parent=cn2.uuid)

        pf1_1 = tb.create_provider(self.context, 'pf1_1', parent=numa1_1.uuid)
        pf1_2 = tb.create_provider(self.context, 'pf1_2', parent=numa1_2.uuid)
        pf2_1 = tb.create_provider(self.context, 'pf2_1', parent=numa2_1.uuid)
        pf2_2 = tb.create_provider(self.context, 'pf2_2', parent=numa2_2.uuid)

        os.environ['AGG_UUID'] = agg_uuid

        os.environ['CN1_UUID'] = cn1.uuid
        os.environ['CN2_UUID'] = cn2.uuid
        os.environ['SS_UUID'] = ss.uuid
        os.environ['SS2_UUID'] = ss2.uuid

        os.environ['NUMA1_1_UUID'] = numa1_1.uuid
        os.environ['NUMA1_2_UUID'] = numa1_2.uuid
        os.environ['NUMA2_1_UUID'] = numa2_1.uuid
        os.environ['NUMA2_2_UUID'] = numa2_2.uuid

        os.environ['PF1_1_UUID'] = pf1_1.uuid
        os.environ['PF1_2_UUID'] = pf1_2.uuid
        os.environ['PF2_1_UUID'] = pf2_1.uuid
        os.environ['PF2_2_UUID'] = pf2_2.uuid

        for cn in (cn1, cn2):
            tb.add_inventory(cn, 'VCPU', 24, allocation_ratio=16.0)
            tb.add_inventory(cn, 'MEMORY_MB', 128 * 1024, allocation_ratio=1.5)

        tb.set_traits(cn1, 'HW_CPU_X86_SSE', 'HW_CPU_X86_SSE2')
        tb.add_inventory(cn2, 'DISK_GB', 2000, reserved=100, allocation_ratio=1.0)

        for shared in (ss, ss2):
            tb.add_inventory(shared, 'DISK_GB', 2000, reserved=100, allocation_ratio=1.0)
            tb.set_traits(shared, 'MISC_SHARES_VIA_AGGREGATE')

        for pf in (pf1_1, pf1_2, pf2_1, pf2_2):
            tb.add_inventory(pf, 'SRIOV_NET_VF', 8, allocation_ratio=1.0)


class NUMAAggregateFixture(APIFixture):
    """cn1 [aggA], cn2 [aggA, aggB] without inventory; numa1_1 [aggC], numa1_2, numa2_1,
    numa2_2 (VCPU 24 each); sharing ss1 [aggA] and ss2 [aggC] (DISK_GB 2000)."""

    def start_fixture(self):
        super(NUMAAggregateFixture, self).start_fixture()

        aggA_uuid = generate_uuid()
        aggB_uuid = generate_uuid()
        aggC_uuid = generate_uuid()

        cn1 = tb.create_provider(self.context, 'cn1', aggA_uuid)
        cn2 = tb.create_provider(self.context, 'cn2', aggA_uuid, aggB_uuid)
        ss1 = tb.create_provider(self.context, 'ss1', aggA_uuid)
        ss2 = tb.create_provider(self.context, 'ss2', aggC_uuid)

        numa1_1 = tb.create_provider(
            self.context, 'numa1_1', aggC_uuid, parent=cn1.uuid)
        numa1_2 = tb.create_provider(self.context, 'numa1_2', parent=cn1.uuid)
        numa2_1 = tb.create_provider(self.context, 'numa2_1', parent=cn2.uuid)
        numa2_2 = tb.create_provider(self.context, 'numa2_2', parent=cn2.uuid)

        os.environ['AGGA_UUID'] = aggA_uuid
        os.environ['AGGB_UUID'] = aggB_uuid
        os.environ['AGGC_UUID'] = aggC_uuid

        os.environ['CN1_UUID'] = cn1.uuid
        os.environ['CN2_UUID'] = cn2.uuid
        os.environ['SS1_UUID'] = ss1.uuid
        os.environ['SS2_UUID'] = ss2.uuid

        os.environ['NUMA1_1_UUID'] = numa1_1.uuid
        os.environ['NUMA1_2_UUID'] = numa1_2.uuid
        os.environ['NUMA2_1_UUID'] = numa2_1.uuid
        os.environ['NUMA2_2_UUID'] = numa2_2.uuid

        for numa in (numa1_1, numa1_2, numa2_1, numa2_2):
            tb.add_inventory(numa, 'VCPU', 24, allocation_ratio=16.0)

        for ss in (ss1, ss2):
            tb.add_inventory(ss, 'DISK_GB', 2000, reserved=100, allocation_ratio=1.0)
            tb.set_traits(ss, 'MISC_SHARES_VIA_AGGREGATE')


class NUMANetworkFixture(APIFixture):
    """cn1 (no inventory, NUMA/agent/device subtree, 2 VCPU used), cn2 (VCPU 8, 3 used;
    MEMORY_MB; DISK_GB; nic1..3 with PFs of CUSTOM_VF), sharing ss1; see upstream."""

    cn1 = None
    cn2 = None

    def start_fixture(self):
        super(NUMANetworkFixture, self).start_fixture()
        self.cn1 = None
        self.cn2 = None
        self.make_entities()

    def make_entities(self):
        aggA_uuid = generate_uuid()
        os.environ['AGGA_UUID'] = aggA_uuid

        ss1 = tb.create_provider(self.context, 'ss1', aggA_uuid)
        tb.set_traits(ss1, 'MISC_SHARES_VIA_AGGREGATE')
        tb.add_inventory(ss1, 'DISK_GB', 2000)
        os.environ['SS1_UUID'] = ss1.uuid

        # CN1
        if not self.cn1:
            self.cn1 = tb.create_provider(self.context, 'cn1', aggA_uuid)
        set_aggregates(self.cn1, [aggA_uuid])
        tb.set_traits(self.cn1, 'COMPUTE_VOLUME_MULTI_ATTACH')
        os.environ['CN1_UUID'] = self.cn1.uuid

        numas = []
        for i in (0, 1):
            numa = tb.create_provider(
                self.context, 'numa%d' % i, parent=self.cn1.uuid)
            traits = ['HW_NUMA_ROOT']
            if i == 1:
                traits.append('CUSTOM_FOO')
            tb.set_traits(numa, *traits)
            tb.add_inventory(numa, 'VCPU', 4)
            numas.append(numa)
            os.environ['NUMA%d_UUID' % i] = numa.uuid
        tb.add_inventory(
            numas[0], 'MEMORY_MB', 2048, min_unit=512, step_size=256)
        tb.add_inventory(
            numas[1], 'MEMORY_MB', 2048, min_unit=256, max_unit=1024)
        user, proj = tb.create_user_and_project(self.context, prefix='numafx')
        consumer = tb.ensure_consumer(self.context, user, proj)
        tb.set_allocation(self.context, numas[0], consumer, {'VCPU': 2})

        fpga = tb.create_provider(self.context, 'fpga0', parent=numas[0].uuid)
        tb.add_inventory(fpga, 'CUSTOM_FPGA', 1)
        os.environ['FPGA0_UUID'] = fpga.uuid

        pgpu = tb.create_provider(self.context, 'pgpu0', parent=numas[0].uuid)
        tb.add_inventory(pgpu, 'VGPU', 8)
        os.environ['PGPU0_UUID'] = pgpu.uuid

        for i in (0, 1):
            fpga = tb.create_provider(
                self.context, 'fpga1_%d' % i, parent=numas[1].uuid)
            tb.add_inventory(fpga, 'CUSTOM_FPGA', 1)
            os.environ['FPGA1_%d_UUID' % i] = fpga.uuid

        agent = tb.create_provider(
            self.context, 'sriov_agent', parent=self.cn1.uuid)
        tb.set_traits(agent, 'CUSTOM_VNIC_TYPE_DIRECT')
        os.environ['SRIOV_AGENT_UUID'] = agent.uuid

        for i in (1, 2):
            dev = tb.create_provider(
                self.context, 'esn%d' % i, parent=agent.uuid)
            tb.set_traits(dev, 'CUSTOM_PHYSNET%d' % i)
            tb.add_inventory(dev, 'NET_BW_EGR_KILOBIT_PER_SEC', 10000 * i)
            os.environ['ESN%d_UUID' % i] = dev.uuid

        agent = tb.create_provider(
            self.context, 'ovs_agent', parent=self.cn1.uuid)
        tb.set_traits(agent, 'CUSTOM_VNIC_TYPE_NORMAL')
        os.environ['OVS_AGENT_UUID'] = agent.uuid

        dev = tb.create_provider(self.context, 'br_int', parent=agent.uuid)
        tb.set_traits(dev, 'CUSTOM_PHYSNET0')
        tb.add_inventory(dev, 'NET_BW_EGR_KILOBIT_PER_SEC', 1000)
        os.environ['BR_INT_UUID'] = dev.uuid

        # CN2
        if not self.cn2:
            self.cn2 = tb.create_provider(self.context, 'cn2')

        set_aggregates(self.cn2, [aggA_uuid])
        tb.add_inventory(self.cn2, 'VCPU', 8)
        consumer = tb.ensure_consumer(self.context, user, proj)
        tb.set_allocation(self.context, self.cn2, consumer, {'VCPU': 3})
        tb.add_inventory(
            self.cn2, 'MEMORY_MB', 2048, min_unit=1024, step_size=128)
        tb.add_inventory(self.cn2, 'DISK_GB', 1000)
        tb.set_traits(self.cn2, 'CUSTOM_FOO')
        os.environ['CN2_UUID'] = self.cn2.uuid

        nics = []
        for i in (1, 2, 3):
            nic = tb.create_provider(
                self.context, 'nic%d' % i, parent=self.cn2.uuid)
            tb.set_traits(nic, 'CUSTOM_HW_NIC_ROOT')
            nics.append(nic)
            os.environ['NIC%s_UUID' % i] = nic.uuid
        for i in (1, 2):
            suf = '1_%d' % i
            pf = tb.create_provider(
                self.context, 'pf%s' % suf, parent=nics[0].uuid)
            tb.set_traits(pf, 'CUSTOM_PHYSNET%d' % i)
            tb.add_inventory(pf, 'CUSTOM_VF', 4)
            os.environ['PF%s_UUID' % suf] = pf.uuid
        for i in (0, 1, 2, 3):
            suf = '2_%d' % (i + 1)
            pf = tb.create_provider(
                self.context, 'pf%s' % suf, parent=nics[1].uuid)
            tb.set_traits(pf, 'CUSTOM_PHYSNET%d' % ((i % 2) + 1))
            tb.add_inventory(pf, 'CUSTOM_VF', 2)
            os.environ['PF%s_UUID' % suf] = pf.uuid
        suf = '3_1'
        pf = tb.create_provider(
            self.context, 'pf%s' % suf, parent=nics[2].uuid)
        tb.set_traits(pf, 'CUSTOM_PHYSNET1')
        tb.add_inventory(pf, 'CUSTOM_VF', 8)
        os.environ['PF%s_UUID' % suf] = pf.uuid


class DeepNUMANetworkFixture(NUMANetworkFixture):
    """NUMANetworkFixture with gp1 -> p1 -> cn1 and gp1 -> p2 -> cn2 above the compute nodes."""

    def make_entities(self):
        grandparent1 = tb.create_provider(self.context, 'gp1')
        parent1 = tb.create_provider(
            self.context, 'p1', parent=grandparent1.uuid)
        parent2 = tb.create_provider(
            self.context, 'p2', parent=grandparent1.uuid)
        self.cn1 = tb.create_provider(self.context, 'cn1', parent=parent1.uuid)
        self.cn2 = tb.create_provider(self.context, 'cn2', parent=parent2.uuid)
        super(DeepNUMANetworkFixture, self).make_entities()


class NonSharedStorageFixture(APIFixture):
    """cn1, cn2, cn3 each with VCPU 24, MEMORY_MB 128G, DISK_GB 2000; AGG{A,B,C}_UUID unused."""

    def start_fixture(self):
        super(NonSharedStorageFixture, self).start_fixture()

        aggA_uuid = generate_uuid()
        aggB_uuid = generate_uuid()
        aggC_uuid = generate_uuid()
        os.environ['AGGA_UUID'] = aggA_uuid
        os.environ['AGGB_UUID'] = aggB_uuid
        os.environ['AGGC_UUID'] = aggC_uuid

        cn1 = tb.create_provider(self.context, 'cn1')
        cn2 = tb.create_provider(self.context, 'cn2')
        cn3 = tb.create_provider(self.context, 'cn3')

        os.environ['CN1_UUID'] = cn1.uuid
        os.environ['CN2_UUID'] = cn2.uuid
        os.environ['CN3_UUID'] = cn3.uuid

        for cn in (cn1, cn2, cn3):
            tb.add_inventory(cn, 'VCPU', 24)
            tb.add_inventory(cn, 'MEMORY_MB', 128 * 1024)
            tb.add_inventory(cn, 'DISK_GB', 2000)


class CORSFixture(APIFixture):
    """CORS middleware on: allowed_origin http://valid.example.com,
    allow_headers openstack-api-version."""

    _cors = {'allowed_origin': 'http://valid.example.com',
             'allow_headers': ['openstack-api-version']}


class GranularFixture(APIFixture):
    """cn_left [aggA], cn_middle [aggA, aggB], cn_right [aggB, aggC]; sharing shr_disk_1
    [aggA], shr_disk_2 [aggA, aggB], shr_net [aggC]; see upstream's diagram."""

    def start_fixture(self):
        super(GranularFixture, self).start_fixture()

        create_resource_class('CUSTOM_NET_MBPS')

        os.environ['AGGA'] = uuids.aggA
        os.environ['AGGB'] = uuids.aggB
        os.environ['AGGC'] = uuids.aggC

        cn_left = tb.create_provider(self.context, 'cn_left', uuids.aggA)
        os.environ['CN_LEFT'] = cn_left.uuid
        tb.add_inventory(cn_left, 'VCPU', 8)
        tb.add_inventory(cn_left, 'MEMORY_MB', 4096)
        tb.add_inventory(cn_left, 'DISK_GB', 500)
        tb.add_inventory(cn_left, 'VGPU', 8)
        tb.add_inventory(cn_left, 'SRIOV_NET_VF', 8)
        tb.add_inventory(cn_left, 'CUSTOM_NET_MBPS', 4000)
        tb.set_traits(cn_left, 'HW_CPU_X86_AVX', 'HW_CPU_X86_AVX2',
                      'HW_GPU_API_DXVA', 'HW_NIC_DCB_PFC', 'CUSTOM_FOO')

        cn_middle = tb.create_provider(
            self.context, 'cn_middle', uuids.aggA, uuids.aggB)
        os.environ['CN_MIDDLE'] = cn_middle.uuid
        tb.add_inventory(cn_middle, 'VCPU', 8)
        tb.add_inventory(cn_middle, 'MEMORY_MB', 4096)
        tb.add_inventory(cn_middle, 'SRIOV_NET_VF', 8)
        tb.add_inventory(cn_middle, 'CUSTOM_NET_MBPS', 4000)
        tb.set_traits(cn_middle, 'HW_CPU_X86_AVX', 'HW_CPU_X86_AVX2',
                      'HW_CPU_X86_SSE', 'HW_NIC_ACCEL_TLS')

        cn_right = tb.create_provider(
            self.context, 'cn_right', uuids.aggB, uuids.aggC)
        os.environ['CN_RIGHT'] = cn_right.uuid
        tb.add_inventory(cn_right, 'VCPU', 8)
        tb.add_inventory(cn_right, 'MEMORY_MB', 4096)
        tb.add_inventory(cn_right, 'DISK_GB', 500)
        tb.add_inventory(cn_right, 'VGPU', 8, max_unit=2)
        tb.set_traits(cn_right, 'HW_CPU_X86_MMX', 'HW_GPU_API_DXVA',
                      'CUSTOM_DISK_SSD')

        shr_disk_1 = tb.create_provider(self.context, 'shr_disk_1', uuids.aggA)
        os.environ['SHR_DISK_1'] = shr_disk_1.uuid
        tb.add_inventory(shr_disk_1, 'DISK_GB', 1000)
        tb.set_traits(shr_disk_1, 'MISC_SHARES_VIA_AGGREGATE',
                      'CUSTOM_DISK_SSD')

        shr_disk_2 = tb.create_provider(
            self.context, 'shr_disk_2', uuids.aggA, uuids.aggB)
        os.environ['SHR_DISK_2'] = shr_disk_2.uuid
        tb.add_inventory(shr_disk_2, 'DISK_GB', 1000)
        tb.set_traits(shr_disk_2, 'MISC_SHARES_VIA_AGGREGATE')

        shr_net = tb.create_provider(self.context, 'shr_net', uuids.aggC)
        os.environ['SHR_NET'] = shr_net.uuid
        tb.add_inventory(shr_net, 'SRIOV_NET_VF', 16)
        tb.add_inventory(shr_net, 'CUSTOM_NET_MBPS', 40000)
        tb.set_traits(shr_net, 'MISC_SHARES_VIA_AGGREGATE')


class OpenPolicyFixture(APIFixture):
    """Every placement policy rule except admin_api set to '@' (any authenticated user)."""

    _policy_rules = dict((name, '@') for name in POLICY_RULES if name != 'admin_api')


class SecureRBACPolicyFixture(APIFixture):
    """enforce_scope = enforce_new_defaults = True (secure RBAC)."""

    _secure_rbac = True


class LegacyRBACPolicyFixture(APIFixture):
    """enforce_scope = enforce_new_defaults = False (deprecated rules), as APIFixture."""

    _secure_rbac = False


class NeutronQoSMultiSegmentFixture(APIFixture):
    """Four compute trees with OVS agent / bridge and SRIOV agent / PF providers on
    physnets OTHER, MSN_S1, MSN_S2 (compute3 on both, with little bandwidth)."""

    def start_fixture(self):
        super(NeutronQoSMultiSegmentFixture, self).start_fixture()
        ctx = self.context
        sriov_traits = ('CUSTOM_VNIC_TYPE_DIRECT', 'CUSTOM_VNIC_TYPE_DIRECT_PHYSICAL',
                        'CUSTOM_VNIC_TYPE_MACVTAP')

        def compute(n):
            cn = tb.create_provider(ctx, 'compute%d' % n)
            os.environ['compute%d' % n] = cn.uuid
            tb.add_inventory(cn, 'VCPU', 8)
            tb.add_inventory(cn, 'MEMORY_MB', 4096)
            tb.add_inventory(cn, 'DISK_GB', 500)
            ovs = tb.create_provider(ctx, 'compute%d:Open vSwitch agent' % n,
                                     parent=cn.uuid)
            os.environ['compute%d:ovs_agent' % n] = ovs.uuid
            tb.add_inventory(ovs, 'NET_PACKET_RATE_KILOPACKET_PER_SEC', 1000)
            tb.set_traits(ovs, 'CUSTOM_VNIC_TYPE_NORMAL')
            return cn, ovs

        def bridge(n, ovs, name, envname, bw, physnet):
            br = tb.create_provider(ctx, 'compute%d:Open vSwitch agent:%s' % (n, name),
                                    parent=ovs.uuid)
            os.environ['compute%d:%s' % (n, envname)] = br.uuid
            tb.add_inventory(br, 'NET_BW_EGR_KILOBIT_PER_SEC', bw)
            tb.add_inventory(br, 'NET_BW_IGR_KILOBIT_PER_SEC', bw)
            tb.set_traits(br, 'CUSTOM_VNIC_TYPE_NORMAL', physnet)
            return br

        def pf(n, ag, name, envname, bw, physnet):
            p = tb.create_provider(ctx, 'compute%d:NIC Switch agent:%s' % (n, name),
                                   parent=ag.uuid)
            os.environ['compute%d:%s' % (n, envname)] = p.uuid
            tb.add_inventory(p, 'NET_BW_EGR_KILOBIT_PER_SEC', bw)
            tb.add_inventory(p, 'NET_BW_IGR_KILOBIT_PER_SEC', bw)
            tb.set_traits(p, *(sriov_traits + (physnet,)))
            return p

        # compute 0..2: one bridge, one PF; physnets OTHER, MSN_S1, MSN_S2
        sriov_agents = {}
        for n, physnet in ((0, 'CUSTOM_PHYSNET_OTHER'), (1, 'CUSTOM_PHYSNET_MSN_S1'),
                           (2, 'CUSTOM_PHYSNET_MSN_S2')):
            cn, ovs = compute(n)
            bridge(n, ovs, 'br-ex', 'br_ex', 5000, physnet)
            # upstream sets the env var before the traits of the sriov agent
            ag = tb.create_provider(ctx, 'compute%d:NIC Switch agent' % n, parent=cn.uuid)
            os.environ['compute%d:sriov_agent' % n] = ag.uuid
            sriov_agents[n] = ag
            tb.set_traits(ag, *sriov_traits)
            pf(n, ag, 'enp129s0f0', 'pf0', 10000, physnet)

        # compute 3: two bridges, two PFs, 1000 kbps each
        cn3, ovs3 = compute(3)
        bridge(3, ovs3, 'br-ex', 'br_ex', 1000, 'CUSTOM_PHYSNET_MSN_S1')
        bridge(3, ovs3, 'br-ex2', 'br_ex2', 1000, 'CUSTOM_PHYSNET_MSN_S2')
        ag3 = tb.create_provider(ctx, 'compute3:NIC Switch agent', parent=cn3.uuid)
        # NOTE: upstream (8.0.0) sets compute3:sriov_agent to compute2's agent; kept.
        os.environ['compute3:sriov_agent'] = sriov_agents[2].uuid
        tb.set_traits(ag3, *sriov_traits)
        pf(3, ag3, 'enp129s0f0', 'pf0', 1000, 'CUSTOM_PHYSNET_MSN_S1')
        pf(3, ag3, 'enp129s0f1', 'pf1', 1000, 'CUSTOM_PHYSNET_MSN_S2')


# every fixture name used by the 8.0.0 gabbits
__all__ = [
    'APIFixture', 'AllocationFixture', 'SharedStorageFixture', 'NUMAAggregateFixture',
    'NUMANetworkFixture', 'DeepNUMANetworkFixture', 'NonSharedStorageFixture',
    'CORSFixture', 'GranularFixture', 'OpenPolicyFixture', 'SecureRBACPolicyFixture',
    'LegacyRBACPolicyFixture', 'NeutronQoSMultiSegmentFixture',
]
