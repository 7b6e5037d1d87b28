#!/usr/bin/python3
"""Upstream Placement's perfload scenario against one Placement endpoint, printing one JSON line of results.

  perfload.py URL TOKEN PROVIDERS [--nested] [--concurrency 10] [--requests 500] [--claims 1000]

1. Fixtures (not timed for the report, but their rate is printed): PROVIDERS compute nodes with inventory
   VCPU 32 (ratio 16), MEMORY_MB 131072 (ratio 1.5), DISK_GB 2000, all in one aggregate, every other one with the
   trait HW_CPU_X86_AVX2 (every 7th with CUSTOM_PERF too). --nested: each node gets two NUMA children holding
   VCPU/MEMORY_MB (the node keeps DISK_GB), as upstream's nested perfload does.
2. The query  GET /allocation_candidates?resources=VCPU:1,DISK_GB:10,MEMORY_MB:256&member_of=AGG&required=HW_CPU_X86_AVX2
   timed once, then 99 allocations are written (each the first candidate of the previous answer) re-timing the
   query after each: first, mean, max.
3. REQUESTS of that query at CONCURRENCY: req/s, p50, p95, p99.
4. Claim throughput: CLAIMS allocations (VCPU 1, MEMORY_MB 64, DISK_GB 1 on the candidates' providers, one
   consumer each) written at CONCURRENCY: allocations/s, conflicts retried.
Microversion 1.39 everywhere (1.38 consumer types). The token is sent as X-Auth-Token (noauth2 takes "admin").
"""
import argparse, http.client, json, statistics, sys, threading, time, urllib.parse, uuid

VERSION = 'placement 1.39'
QUERY = '/allocation_candidates?resources=VCPU:1,DISK_GB:10,MEMORY_MB:256&member_of={agg}&required=HW_CPU_X86_AVX2'


class Client:
    """One keep-alive connection per thread."""
    def __init__(self, url, token):
        self.url = urllib.parse.urlsplit(url)
        self.prefix = self.url.path.rstrip('/')
        self.token = token
        self.local = threading.local()

    def call(self, method, path, body=None, expect=(200, 201, 204), parse=True):
        for attempt in range(3):
            conn = getattr(self.local, 'conn', None)
            if conn is None:
                conn = self.local.conn = http.client.HTTPConnection(self.url.hostname, self.url.port, timeout=300)
            headers = {'X-Auth-Token': self.token, 'OpenStack-API-Version': VERSION, 'Accept': 'application/json'}
            data = None
            if body is not None:
                data = json.dumps(body).encode()
                headers['Content-Type'] = 'application/json'
            try:
                conn.request(method, self.prefix + path, data, headers)
                resp = conn.getresponse()
                raw = resp.read()
            except (http.client.HTTPException, OSError):
                self.local.conn = None
                if attempt == 2:
                    raise
                continue
            if expect and resp.status not in expect:
                raise RuntimeError('%s %s -> %s %s' % (method, path, resp.status, raw[:300]))
            # Parsing megabytes of JSON under the GIL would make the client the bottleneck of the timed phase.
            return resp.status, (json.loads(raw) if raw and parse else None)


def parallel(n, workers, fn):
    """Runs fn(i) for i in range(n) on `workers` threads; returns per-call seconds."""
    times, lock, nxt = [], threading.Lock(), [0]
    errors = []

    def run():
        while True:
            with lock:
                i = nxt[0]; nxt[0] += 1
            if i >= n:
                return
            t = time.perf_counter()
            try:
                fn(i)
            except Exception as e:  # keep going; report the first errors
                errors.append(str(e))
            with lock:
                times.append(time.perf_counter() - t)
    threads = [threading.Thread(target=run) for _ in range(workers)]
    for t in threads: t.start()
    for t in threads: t.join()
    if errors:
        print('errors: %d, first: %s' % (len(errors), errors[0]), file=sys.stderr)
    return times, len(errors)


def pct(values, p):
    s = sorted(values)
    return s[min(len(s) - 1, int(round(p / 100.0 * (len(s) - 1))))] if s else 0.0


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('url'); ap.add_argument('token'); ap.add_argument('providers', type=int)
    ap.add_argument('--nested', action='store_true')
    ap.add_argument('--concurrency', type=int, default=10)
    ap.add_argument('--requests', type=int, default=500)
    ap.add_argument('--claims', type=int, default=1000)
    ap.add_argument('--fixture-workers', type=int, default=8)
    a = ap.parse_args()
    c = Client(a.url, a.token)
    agg = str(uuid.uuid4())
    tag = uuid.uuid4().hex[:8]
    c.call('PUT', '/traits/CUSTOM_PERF')

    def make(i):
        rp = str(uuid.uuid4())
        c.call('POST', '/resource_providers', {'name': 'perf-%s-%05d' % (tag, i), 'uuid': rp})
        inv = {'DISK_GB': {'total': 2000}}
        numa = []
        if a.nested:
            for n in range(2):
                child = str(uuid.uuid4())
                c.call('POST', '/resource_providers', {'name': 'perf-%s-%05d-numa%d' % (tag, i, n), 'uuid': child, 'parent_provider_uuid': rp})
                c.call('PUT', '/resource_providers/%s/inventories' % child, {'resource_provider_generation': 0, 'inventories': {
                    'VCPU': {'total': 16, 'allocation_ratio': 16.0}, 'MEMORY_MB': {'total': 65536, 'allocation_ratio': 1.5}}})
                numa.append(child)
        else:
            inv['VCPU'] = {'total': 32, 'allocation_ratio': 16.0}
            inv['MEMORY_MB'] = {'total': 131072, 'allocation_ratio': 1.5}
        c.call('PUT', '/resource_providers/%s/inventories' % rp, {'resource_provider_generation': 0, 'inventories': inv})
        c.call('PUT', '/resource_providers/%s/aggregates' % rp, {'aggregates': [agg], 'resource_provider_generation': 1})
        traits = (['HW_CPU_X86_AVX2'] if i % 2 == 0 else []) + (['CUSTOM_PERF'] if i % 7 == 0 else [])
        if traits:
            c.call('PUT', '/resource_providers/%s/traits' % rp, {'traits': traits, 'resource_provider_generation': 2})

    t0 = time.perf_counter()
    _, fixture_errors = parallel(a.providers, a.fixture_workers, make)
    fixture_s = time.perf_counter() - t0

    query = QUERY.format(agg=agg)

    def timed():
        t = time.perf_counter()
        _, body = c.call('GET', query)
        return time.perf_counter() - t, body

    first, body = timed()
    candidates = len(body['allocation_requests'])
    after = []
    project, user = str(uuid.uuid4()), str(uuid.uuid4())
    for _ in range(99):
        req = body['allocation_requests'][0]
        c.call('PUT', '/allocations/%s' % uuid.uuid4(), {'allocations': req['allocations'], 'project_id': project,
               'user_id': user, 'consumer_generation': None, 'consumer_type': 'INSTANCE'})
        dt, body = timed()
        after.append(dt)

    times, req_errors = parallel(a.requests, a.concurrency, lambda i: c.call('GET', query, parse=False))
    wall = sum(times) / a.concurrency if times else 0

    # claims: spread over the candidate providers' allocation requests
    pool = body['allocation_requests']
    small = []
    for req in pool:
        alloc = {}
        for rp, v in req['allocations'].items():
            res = {}
            for rc in v['resources']:
                res[rc] = {'VCPU': 1, 'MEMORY_MB': 64, 'DISK_GB': 1}[rc]
            alloc[rp] = {'resources': res}
        small.append(alloc)
    conflicts = [0]

    def claim(i):
        for attempt in range(10):
            status, _ = c.call('PUT', '/allocations/%s' % uuid.uuid4(), {'allocations': small[(i + attempt) % len(small)],
                               'project_id': project, 'user_id': user, 'consumer_generation': None,
                               'consumer_type': 'INSTANCE'}, expect=None)
            if status == 204:
                return
            conflicts[0] += 1
        raise RuntimeError('claim kept conflicting')
    t0 = time.perf_counter()
    _, claim_errors = parallel(a.claims, a.concurrency, claim) if small else ([], 0)
    claim_s = time.perf_counter() - t0
    print(json.dumps({
        'providers': a.providers, 'nested': a.nested, 'fixture_seconds': round(fixture_s, 1), 'fixture_errors': fixture_errors,
        'candidates': candidates, 'first_ms': round(first * 1000, 1),
        'after_allocations_mean_ms': round(statistics.mean(after) * 1000, 1), 'after_allocations_max_ms': round(max(after) * 1000, 1),
        'concurrent_requests': a.requests, 'concurrency': a.concurrency,
        'req_per_s': round(a.requests / wall, 1) if wall else 0,
        'p50_ms': round(pct(times, 50) * 1000, 1), 'p95_ms': round(pct(times, 95) * 1000, 1), 'p99_ms': round(pct(times, 99) * 1000, 1),
        'request_errors': req_errors,
        'claims': a.claims, 'claims_per_s': round(a.claims / claim_s, 1) if claim_s else 0, 'claim_conflicts': conflicts[0],
        'claim_errors': claim_errors,
    }))


if __name__ == '__main__':
    main()
