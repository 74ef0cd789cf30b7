#!/usr/bin/env bash
# End-to-end checks of the safehub binary: --help everywhere, demo without serving,
# user add, audit verify on an intact and on a tampered database.
set -euo pipefail
safehub="$1"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

fail() { echo "FAIL: $*" >&2; exit 1; }

for cmd in "" serve demo user "user add" audit "audit verify"; do
  # shellcheck disable=SC2086
  "$safehub" $cmd --help > "$work/help.txt" || fail "safehub $cmd --help exited non-zero"
  grep -q "Usage" "$work/help.txt" || fail "safehub $cmd --help printed no usage"
done

"$safehub" demo --db "$work/area.db" --children 50 --years 1 --seed 9 --no-serve > "$work/demo.txt" 2>&1 \
  || fail "demo --no-serve failed: $(cat "$work/demo.txt")"
grep -q "demo / Demo-" "$work/demo.txt" || fail "demo printed no demo login"

echo "Strong-Password-42" | "$safehub" user add --db "$work/area.db" --username cli.user --display-name "CLI User" \
  --role auditor --scope all --password-stdin > "$work/user.txt" || fail "user add failed"
grep -q "created user cli.user" "$work/user.txt" || fail "user add did not confirm"
if echo "weak" | "$safehub" user add --db "$work/area.db" --username weak.user --display-name Weak \
  --role auditor --scope all --password-stdin 2> "$work/weak.txt"; then
  fail "user add accepted a weak password"
fi
grep -q "password must be at least 12 characters" "$work/weak.txt" || fail "weak password message: $(cat "$work/weak.txt")"

"$safehub" audit verify --db "$work/area.db" > "$work/verify.txt" || fail "audit verify failed on an intact trail"
grep -q "audit trail intact" "$work/verify.txt" || fail "audit verify output: $(cat "$work/verify.txt")"

sqlite3 "$work/area.db" "DROP TRIGGER audit_entry_no_update; UPDATE audit_entry SET detail = 'rewritten' WHERE sequence = 2;"
set +e
"$safehub" audit verify --db "$work/area.db" > "$work/tampered.txt"
code=$?
set -e
[[ $code -eq 2 ]] || fail "audit verify exit code on a tampered trail was $code, expected 2"
grep -q "BROKEN at entry 2" "$work/tampered.txt" || fail "tampered output: $(cat "$work/tampered.txt")"
echo "cli end-to-end: all checks passed"
