#!/bin/bash
# Capture a credential encrypted by the reference Keystone, plus its credential
# key repository and the admin user's stored password hash, as xunit test data.
# Run on the machine hosting the reference (needs the openstack CLI and the
# mysql client); the credential it creates is deleted again.
set -euo pipefail
. /var/tmp/sharpstack-ref/admin-openrc.sh
out="$(dirname "$0")/../SharpStack.Identity.Tests/TestData"
sql() { mysql -ukeystone -psharpstack-db -h127.0.0.1 keystone -N -B -e "$1"; }

blob='{"access": "sharpstack-access", "secret": "s3cr\u00e9t", "note": "caf\u00e9 \u2603"}'
id=$(openstack credential create --type ec2 --project admin admin "$blob" -f value -c id)
row=$(sql "select key_hash, encrypted_blob from credential where id='$id'")
stored_blob=$(openstack credential show "$id" -f value -c blob)
openstack credential delete "$id"

rm -rf "$out/keystone-credential-keys"
mkdir -p "$out/keystone-credential-keys"
cp /etc/keystone/credential-keys/* "$out/keystone-credential-keys/"

/usr/bin/python3 - "$out" "$id" "$row" "$stored_blob" <<'PY'
import json, sys
out, cid, row, blob = sys.argv[1:5]
key_hash, encrypted = row.split('\t')
pw = {}
json.dump({'credential_id': cid, 'key_hash': key_hash, 'encrypted_blob': encrypted,
           'blob': blob}, open(out + '/keystone-reference-credential.json', 'w'), indent=2)
PY
sql "select password_hash from password p join local_user l on p.local_user_id=l.id where l.name='admin'" \
  > "$out/keystone-reference-admin-password-hash.txt"
cat "$out/keystone-reference-credential.json"; echo
