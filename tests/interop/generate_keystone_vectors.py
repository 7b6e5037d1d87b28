#!/usr/bin/python3
"""Generate test vectors with Keystone's own code and the Python libraries it uses.

Run with Debian's python (it has keystone, cryptography, msgpack and passlib):

    /usr/bin/python3 tests/interop/generate_keystone_vectors.py

Writes into tests/SharpStack.Identity.Tests/TestData:
  keystone-generated-tokens.json   tokens of every payload version made by keystone's
                                   TokenFormatter with TestData/keystone-fernet-keys, the exact
                                   msgpack payload bytes, and what keystone decodes them to
  msgpack-vectors.json             values packed by python msgpack (typed description + hex)
  fernet-vectors.json              deterministic Fernet tokens from pyca/cryptography, plus
                                   credential blobs made with TestData/keystone-credential-keys
  password-vectors.json            passlib pbkdf2_sha512, bcrypt and sha*_crypt hashes
Output is random-salted, so re-running changes the files; the tests only need them consistent.
"""
import base64
import json
import os
import struct
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
TESTDATA = os.path.abspath(os.path.join(HERE, '..', 'SharpStack.Identity.Tests', 'TestData'))


def dump(name, obj):
    with open(os.path.join(TESTDATA, name), 'w') as f:
        json.dump(obj, f, indent=2, ensure_ascii=False)
        f.write('\n')


def token_vectors():
    import msgpack
    import keystone.conf
    conf = keystone.conf.CONF
    keystone.conf.configure(conf)
    conf([], project='keystone', default_config_files=[])
    conf.set_override('key_repository', os.path.join(TESTDATA, 'keystone-fernet-keys'),
                      group='fernet_tokens')
    from keystone.token import token_formatters as tf

    uid = '0687663eb82e41f48e9554d8033d6023'
    pid = 'daede2d3f23a486e895a617b9dc979af'
    did = '5a4bd1e1a6b64bb0a3fbb5ffbd8ab0c2'
    ldap_uid = 'a7d1c4b5e0f0b8d2f0e1e6f31d0c0d5b9f6c1e2a3b4c5d6e7f8091a2b3c4d5e6'
    audit = ['JuYftxnRSCeTr6x4Yx130A']
    audit2 = ['YjcwU-T4RtuYcefOJcK3qA', 'jH97uKv5ToS-LhPZ0_ddGw']
    exp = '2030-01-02T03:04:05.123456Z'
    cases = [
        ('unscoped', tf.UnscopedPayload, dict(user_id=uid, methods=['password'])),
        ('unscoped-ldap-user-two-methods', tf.UnscopedPayload,
         dict(user_id=ldap_uid, methods=['token', 'password'], audit_ids=audit2)),
        ('unscoped-uppercase-user', tf.UnscopedPayload,
         dict(user_id=uid.upper(), methods=['password'])),
        ('domain-default', tf.DomainScopedPayload, dict(user_id=uid, methods=['password'], domain_id='default')),
        ('domain-uuid', tf.DomainScopedPayload, dict(user_id=uid, methods=['password'], domain_id=did)),
        ('project', tf.ProjectScopedPayload, dict(user_id=uid, methods=['password'], project_id=pid)),
        ('project-all-methods', tf.ProjectScopedPayload,
         dict(user_id=uid, methods=['external', 'password', 'token', 'oauth1', 'mapped',
                                    'application_credential'], project_id=pid)),
        ('project-ec2credential', tf.ProjectScopedPayload,
         dict(user_id=uid, methods=['ec2credential'], project_id=pid)),
        ('project-non-uuid-ids', tf.ProjectScopedPayload,
         dict(user_id='admin-user', methods=['password'], project_id='caf\u00e9-project')),
        ('trust', tf.TrustScopedPayload,
         dict(user_id=uid, methods=['password'], project_id=pid, trust_id='f1e2d3c4b5a697887766554433221100')),
        ('federated-unscoped', tf.FederatedUnscopedPayload,
         dict(user_id=ldap_uid, methods=['mapped'],
              federated_group_ids=[{'id': 'c0ffee00c0ffee00c0ffee00c0ffee00'}, {'id': 'admins'}],
              identity_provider_id='myidp', protocol_id='saml2')),
        ('federated-project', tf.FederatedProjectScopedPayload,
         dict(user_id=ldap_uid, methods=['mapped', 'token'], project_id=pid,
              federated_group_ids=[{'id': 'c0ffee00c0ffee00c0ffee00c0ffee00'}],
              identity_provider_id='0123456789abcdef0123456789abcdef', protocol_id='openid')),
        ('federated-domain', tf.FederatedDomainScopedPayload,
         dict(user_id=ldap_uid, methods=['mapped'], domain_id=did, federated_group_ids=[],
              identity_provider_id='myidp', protocol_id='saml2')),
        ('oauth', tf.OauthScopedPayload,
         dict(user_id=uid, methods=['oauth1'], project_id=pid,
              access_token_id='1234567890abcdef1234567890abcdef')),
        ('system', tf.SystemScopedPayload, dict(user_id=uid, methods=['password'], system='all')),
        ('application-credential', tf.ApplicationCredentialScopedPayload,
         dict(user_id=uid, methods=['application_credential'], project_id=pid,
              app_cred_id='9f86d081884c4d659a2feaa0c55ad015')),
        ('application-credential-oauth2', tf.ApplicationCredentialScopedPayload,
         dict(user_id=uid, methods=['application_credential', 'oauth2_credential'], project_id=pid,
              app_cred_id='9f86d081884c4d659a2feaa0c55ad015')),
    ]
    formatter = tf.TokenFormatter()
    out = []
    for i, (name, cls, kw) in enumerate(cases):
        args = dict(kw)
        user_id = args.pop('user_id')
        audit_ids = args.pop('audit_ids', audit)
        expires = exp if i % 2 == 0 else '2031-06-07T08:09:10.000000Z'
        token = formatter.create_token(user_id, expires, audit_ids, cls, **args)
        payload = msgpack.packb((cls.version,) + cls.assemble(
            user_id, args.get('methods'), args.get('system'), args.get('project_id'),
            args.get('domain_id'), expires, audit_ids, args.get('trust_id'),
            args.get('federated_group_ids'), args.get('identity_provider_id'),
            args.get('protocol_id'), args.get('access_token_id'), args.get('app_cred_id')))
        (d_user, d_methods, d_audit, d_system, d_domain, d_project, d_trust, d_groups, d_idp,
         d_protocol, d_access, d_appcred, d_issued, d_expires) = formatter.validate_token(token)
        out.append({
            'name': name,
            'version': cls.version,
            'token': token,
            'payload_hex': payload.hex(),
            'input': dict(args, user_id=user_id, audit_ids=audit_ids, expires_at=expires,
                          federated_group_ids=[g['id'] for g in args['federated_group_ids']]
                          if 'federated_group_ids' in args else None),
            'expected': {
                'user_id': d_user, 'methods': d_methods, 'audit_ids': d_audit,
                'system': d_system, 'domain_id': d_domain, 'project_id': d_project,
                'trust_id': d_trust,
                'federated_group_ids': [g['id'] for g in d_groups] if d_groups is not None else None,
                'idp_id': d_idp, 'protocol_id': d_protocol, 'access_token_id': d_access,
                'app_cred_id': d_appcred, 'issued_at': d_issued, 'expires_at': d_expires,
            },
        })
    dump('keystone-generated-tokens.json', {
        'generator': 'tests/interop/generate_keystone_vectors.py (keystone 22.0.2 TokenFormatter)',
        'key_repository': 'keystone-fernet-keys',
        'tokens': out})


def typed(v):
    """Describe a python value so the C# side can rebuild exactly the same value."""
    if v is None:
        return {'t': 'nil'}
    if isinstance(v, bool):
        return {'t': 'bool', 'v': v}
    if isinstance(v, int):
        return {'t': 'int', 'v': str(v)}
    if isinstance(v, float):
        return {'t': 'float64', 'v': struct.pack('>d', v).hex()}
    if isinstance(v, str):
        return {'t': 'str', 'v': v}
    if isinstance(v, bytes):
        return {'t': 'bin', 'v': v.hex()}
    if isinstance(v, (list, tuple)):
        return {'t': 'array', 'v': [typed(x) for x in v]}
    if isinstance(v, dict):
        return {'t': 'map', 'v': [[typed(k), typed(x)] for k, x in v.items()]}
    raise TypeError(v)


class Big:
    """A large value described compactly: only its digest is stored, not its bytes."""

    def __init__(self, desc, value):
        self.desc, self.value = desc, value


def msgpack_vectors():
    import hashlib
    import msgpack
    ints = [0, 1, 127, 128, 255, 256, 65535, 65536, 2**32 - 1, 2**32, 2**33, 2**63 - 1, 2**64 - 1,
            -1, -32, -33, -128, -129, -32768, -32769, -2**31, -2**31 - 1, -2**63]
    values = [None, True, False, 0.0, -0.0, 1.5, 1893553445.123456, 1e300, float('inf'),
              '', 'a', 'x' * 31, 'y' * 32, 'z' * 255, 'w' * 256,
              Big({'t': 'str', 'v': 'v', 'repeat': 65535}, 'v' * 65535),
              Big({'t': 'str', 'v': 'u', 'repeat': 65536}, 'u' * 65536),
              'caf\u00e9 \u2603 \U0001f600',
              b'', b'\x00\xff', bytes(range(256)),
              Big({'t': 'bin', 'v': '62', 'repeat': 65536}, b'b' * 65536),
              [], list(range(15)), list(range(16)),
              Big({'t': 'array-range', 'n': 65536}, list(range(65536))),
              {}, {'a': 1, 'b': [True, None]}, {i: i for i in range(16)},
              [2, [True, bytes.fromhex('0687663eb82e41f48e9554d8033d6023')], 2,
               [False, 'default'], 1893553445.123456, [b'\x01' * 16]]]
    vectors = []
    for v in ints + values:
        if isinstance(v, Big):
            packed = msgpack.packb(v.value, use_bin_type=True)
            vectors.append({'value': v.desc, 'length': len(packed), 'hex_prefix': packed[:8].hex(),
                            'sha256': hashlib.sha256(packed).hexdigest()})
            continue
        packed = msgpack.packb(v, use_bin_type=True)
        vectors.append({'value': typed(v), 'hex': packed.hex()})
    # A float32 is never produced by python's packer; add one by hand.
    vectors.append({'value': {'t': 'float32', 'v': struct.pack('>f', 2.5).hex()},
                    'hex': 'ca' + struct.pack('>f', 2.5).hex()})
    dump('msgpack-vectors.json', {'generator': 'python3-msgpack %s, use_bin_type=True' %
                                  '.'.join(map(str, msgpack.version)), 'vectors': vectors})


def fernet_vectors():
    from cryptography.fernet import Fernet, MultiFernet
    key = base64.urlsafe_b64encode(bytes(range(32))).decode()
    f = Fernet(key)
    cases = []
    for i, (plain, ts) in enumerate([(b'hello', 499162800), (b'', 1700000000),
                                     (b'0123456789abcdef', 1700000001),
                                     (bytes(range(200)), 1799999999)]):
        iv = bytes((i * 16 + j) & 0xff for j in range(16))
        token = f._encrypt_from_parts(plain, ts, iv).decode()
        cases.append({'key': key, 'timestamp': ts, 'iv': iv.hex(), 'plaintext': plain.hex(),
                      'token': token})
    cred_dir = os.path.join(TESTDATA, 'keystone-credential-keys')
    keys = [open(os.path.join(cred_dir, n)).read()
            for n in sorted(os.listdir(cred_dir), key=int, reverse=True)]
    creds = []
    for text in ['{"access": "a", "secret": "s"}', 'caf\u00e9 \u2603 \U0001f600 totp-seed', '']:
        blob = MultiFernet([Fernet(k) for k in keys]).encrypt(text.encode('utf-8')).decode()
        creds.append({'plaintext': text, 'encrypted_blob': blob})
    # Encrypted with the secondary (staged) key: still decryptable with the repository.
    creds.append({'plaintext': 'old key', 'encrypted_blob': Fernet(keys[-1]).encrypt(b'old key').decode()})
    null_key = base64.urlsafe_b64encode(b'\x00' * 32)
    creds.append({'plaintext': 'null key', 'encrypted_blob': Fernet(null_key).encrypt(b'null key').decode()})
    dump('fernet-vectors.json', {'generator': 'pyca/cryptography Fernet', 'tokens': cases,
                                 'credential_key_repository': 'keystone-credential-keys',
                                 'credentials': creds})


def password_vectors():
    from passlib.hash import pbkdf2_sha512, bcrypt, sha512_crypt, sha256_crypt
    out = []
    pw = ['secret', '', 'caf\u00e9 \u2603', 'p' * 100]
    for p in pw:
        out.append({'password': p, 'hash': pbkdf2_sha512.using(rounds=1000).hash(p.encode())})
    out.append({'password': 'secret', 'hash': pbkdf2_sha512.using(rounds=1, salt_size=0).hash(b'secret')})
    out.append({'password': 'secret', 'hash': pbkdf2_sha512.using(rounds=25000, salt_size=96).hash(b'secret')})
    out.append({'password': 'x' * 4096, 'hash': pbkdf2_sha512.using(rounds=1000).hash(b'x' * 4096)})
    for ident in ['2b', '2a', '2y']:
        for p in pw:
            out.append({'password': p, 'hash': bcrypt.using(rounds=4, ident=ident).hash(p.encode())})
    out.append({'password': 'secret', 'hash': bcrypt.using(rounds=5).hash(b'secret')})
    # 72 bytes and beyond are cut by bcrypt itself: hash of the first 72 bytes.
    out.append({'password': 'q' * 72, 'hash': bcrypt.using(rounds=4).hash(b'q' * 72)})
    out.append({'password': 'q' * 71, 'hash': bcrypt.using(rounds=4).hash(b'q' * 71)})
    try:
        os.environ['PASSLIB_BUILTIN_BCRYPT'] = 'enabled'
        b2 = bcrypt.using(rounds=4, ident='2')
        b2.set_backend('builtin')
        for p in ['secret', 'caf\u00e9']:
            out.append({'password': p, 'hash': b2.hash(p.encode())})
    except Exception as e:  # pragma: no cover - backend availability varies
        print('skipping $2$ vectors:', e, file=sys.stderr)
    for p in ['secret', '', 'caf\u00e9 \u2603']:
        out.append({'password': p, 'hash': sha512_crypt.using(rounds=5000).hash(p.encode())})
        out.append({'password': p, 'hash': sha256_crypt.using(rounds=5000).hash(p.encode())})
    out.append({'password': 'secret', 'hash': sha512_crypt.using(rounds=1000, salt='abcdefghijklmnop').hash(b'secret')})
    out.append({'password': 'x' * 100, 'hash': sha512_crypt.using(rounds=1000).hash(b'x' * 100)})
    dump('password-vectors.json', {'generator': 'passlib 1.7.4', 'vectors': out})


if __name__ == '__main__':
    msgpack_vectors()
    fernet_vectors()
    password_vectors()
    token_vectors()
    print('ok')
