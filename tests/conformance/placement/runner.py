"""Run upstream Placement gabbits against a live target with fixtures.py (called by run.sh).

  runner.py --gabbits DIR --out DIR [--select SEL] [--ratchet LIST] [--list]

SEL: a file (one yaml file name / stem / test id per line) or a regex searched in the file
stem.  LIST: test ids that must pass (files holding them are run; exit 1 if one did not
pass).  Test id = "<file stem>_<test name, lower case, spaces as _>" (gabbi's test name
without the loader prefix and ".test_request"), e.g. "allocations_get_allocations_is_empty_dict".
Last line printed: "N passed, N failed, N skipped".
"""

import argparse
import importlib.util
import io
import os
import re
import sys
import time
import traceback
import unittest
import urllib.parse

HERE = os.path.dirname(os.path.abspath(__file__))
# this folder's fixtures.py must not shadow the 'fixtures' library (oslo/testtools)
sys.path[:] = [p for p in sys.path if os.path.abspath(p or '.') != HERE]

from gabbi import runner as gabbi_runner  # noqa: E402
from gabbi import suitemaker  # noqa: E402
from gabbi import utils  # noqa: E402

LOADER = 'gabbi'
EXC_LINE = re.compile(r'^[A-Za-z_][\w.]*(Error|Exception|Failure|Exit)\b.*:')


def load_fixture_module():
    spec = importlib.util.spec_from_file_location('placement_live_fixtures',
                                                  os.path.join(HERE, 'fixtures.py'))
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def short_id(test):
    tid = test.id()
    if tid.startswith(LOADER + '.'):
        tid = tid[len(LOADER) + 1:]
    if tid.endswith('.test_request'):
        tid = tid[:-len('.test_request')]
    return tid


def iter_tests(suite):
    for t in suite:
        if isinstance(t, unittest.TestSuite):
            for x in iter_tests(t):
                yield x
        else:
            yield t


def build(path, target, fixture_module, handlers):
    u = urllib.parse.urlsplit(target)
    port = u.port or (443 if u.scheme == 'https' else 80)
    with open(path) as f:
        data = utils.load_yaml(f)
    stem = os.path.basename(path)[:-5]
    suite = suitemaker.test_suite_from_dict(
        unittest.defaultTestLoader, stem, data, os.path.dirname(path), u.hostname, port,
        fixture_module, None, prefix=u.path.rstrip('/'), handlers=handlers,
        test_loader_name=LOADER)
    if u.scheme == 'https':
        for t in iter_tests(suite):
            t.ssl = True
    return stem, suite


def read_list(path):
    out = []
    with open(path) as f:
        for line in f:
            line = line.strip()
            if line and not line.startswith('#'):
                out.append(line)
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--gabbits', required=True)
    ap.add_argument('--out', required=True)
    ap.add_argument('--select')
    ap.add_argument('--ratchet')
    ap.add_argument('--list', action='store_true', help='print test ids, run nothing')
    args = ap.parse_args()

    target = os.environ.get('GABBI_TARGET', 'http://127.0.0.1:8779')
    os.environ['GABBI_TARGET'] = target
    if not args.list:
        os.makedirs(args.out, exist_ok=True)
    os.environ.setdefault('GABBI_WORKDIR', os.path.join(args.out, 'work'))

    fixture_module = load_fixture_module()
    handlers = gabbi_runner.initialize_handlers([])
    files = sorted(f for f in os.listdir(args.gabbits) if f.endswith('.yaml'))
    suites = []
    for f in files:
        stem, suite = build(os.path.join(args.gabbits, f), target, fixture_module, handlers)
        suites.append((stem, suite, [short_id(t) for t in iter_tests(suite)]))

    chosen = set(s for s, _, _ in suites)
    if args.select:
        if os.path.isfile(args.select):
            wanted = set()
            for line in read_list(args.select):
                line = line[:-5] if line.endswith('.yaml') else line
                for stem, _, ids in suites:
                    if line == stem or line in ids:
                        wanted.add(stem)
            chosen = wanted
        else:
            rx = re.compile(args.select)
            chosen = set(s for s, _, _ in suites if rx.search(s))
    ratchet = None
    if args.ratchet:
        ratchet = read_list(args.ratchet)
        rset = set(ratchet)
        chosen &= set(s for s, _, ids in suites if rset.intersection(ids))

    if args.list:
        for stem, _, ids in suites:
            if stem in chosen:
                for i in ids:
                    print(i)
        return 0

    passing, failing, skipped = [], [], []
    reasons = []
    files_lines = []
    start = time.time()
    for stem, suite, ids in suites:
        if stem not in chosen:
            continue
        t0 = time.time()
        buf = io.StringIO()
        result = unittest.TextTestRunner(stream=buf, verbosity=2).run(suite)
        bad = {}
        for t, err in result.failures + result.errors:
            msg = err.strip().splitlines()
            # the most telling line: the last "SomethingError: message" of the traceback
            exc = [l for l in msg if EXC_LINE.match(l)]
            line = exc[-1] if exc else next((l for l in reversed(msg) if l.strip()), '')
            bad[short_id(t)] = line.strip()[:300]
        for t in result.unexpectedSuccesses:
            bad[short_id(t)] = 'unexpected success'
        fixture_failed = any(r == 'fixture failure' for _, r in result.skipped)
        skip = {}
        for t, r in result.skipped:
            tid = short_id(t)
            if fixture_failed:
                bad.setdefault(tid, 'fixture failure')
            else:
                skip[tid] = r
        p = f = s = 0
        for tid in ids:
            if tid in bad:
                failing.append(tid)
                reasons.append('%s\t%s' % (tid, bad[tid]))
                f += 1
            elif tid in skip:
                skipped.append('%s\t%s' % (tid, skip[tid]))
                s += 1
            else:
                passing.append(tid)
                p += 1
        with open(os.path.join(args.out, stem + '.txt'), 'w') as fh:
            fh.write(buf.getvalue())
        line = '%s passed=%d failed=%d skipped=%d seconds=%.1f' % (stem, p, f, s,
                                                                   time.time() - t0)
        files_lines.append(line)
        print(line, file=sys.stderr, flush=True)

    def write(name, lines):
        with open(os.path.join(args.out, name), 'w') as fh:
            fh.write(''.join(x + '\n' for x in sorted(lines)))

    write('passing.txt', passing)
    write('failing.txt', failing)
    write('failing-reasons.txt', reasons)
    write('skipped.txt', skipped)
    write('files.txt', files_lines)
    summary = '%d passed, %d failed, %d skipped' % (len(passing), len(failing), len(skipped))
    rc = 1 if failing else 0
    extra = []
    if ratchet is not None:
        pset = set(passing)
        missing = [t for t in ratchet if t not in pset]
        write('ratchet-missing.txt', missing)
        for t in missing:
            print('RATCHET: listed test did not pass: %s' % t, file=sys.stderr)
        extra.append('ratchet: %d listed, %d did not pass' % (len(ratchet), len(missing)))
        rc = 1 if missing else 0
    with open(os.path.join(args.out, 'summary.txt'), 'w') as fh:
        fh.write('target: %s\nwall_seconds: %d\n' % (target, time.time() - start))
        for e in extra:
            fh.write(e + '\n')
        fh.write(summary + '\n')
    for e in extra:
        print(e, file=sys.stderr)
    print(summary)
    return rc


if __name__ == '__main__':
    try:
        sys.exit(main())
    except Exception:
        traceback.print_exc()
        print('0 passed, 1 failed, 0 skipped')
        sys.exit(2)
