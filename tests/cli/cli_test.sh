#!/usr/bin/env bash
# End-to-end checks of the safehub binary: --help everywhere, demo without serving,
# user add, audit verify on an intact and on a tampered database.
set -euo pipefail
safehub="$1"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

fail() { echo "FAIL: $*" >&2; exit 1; }

for cmd in "" serve demo user "user add" "user set" "user disable" "user enable" "user reset-password" audit "audit verify" backup directory "directory add-agency" "directory add-team" "directory set-agency" "directory set-team" "directory add-practitioner" "directory set-practitioner" "directory list" feed "feed import" export "export cin-census" "export annex-a" \
  review "review list" "review decide" "review unmerge"; do
  # shellcheck disable=SC2086
  "$safehub" $cmd --help > "$work/help.txt" || fail "safehub $cmd --help exited non-zero"
  grep -q "Usage" "$work/help.txt" || fail "safehub $cmd --help printed no usage"
done

"$safehub" demo --db "$work/area.db" --children 50 --years 1 --seed 9 --no-serve > "$work/demo.txt" 2>&1 \
  || fail "demo --no-serve failed: $(cat "$work/demo.txt")"
grep -q "demo / Demo-" "$work/demo.txt" || fail "demo printed no demo login"

# The directory of a real area, from nothing: agency, team, practitioner, then a user for the
# practitioner. Bad input names its field and adds nothing; each addition is audited.
dir_db="$work/directory.db"
"$safehub" directory add-agency --db "$dir_db" --name "Westshire Council" --kind social_care --code 892 | grep -q "created agency Westshire Council (id 1)" \
  || fail "directory add-agency"
if "$safehub" directory add-agency --db "$dir_db" --name "Westshire Zoo" --kind zoo 2> "$work/kind.txt"; then fail "accepted agency kind zoo"; fi
grep -q -- "--kind: 'zoo' is not an agency kind" "$work/kind.txt" || fail "agency kind message: $(cat "$work/kind.txt")"
"$safehub" directory add-team --db "$dir_db" --agency-id 1 --name "Westshire MASH" --office-phone "01632 960000" \
  --out-of-hours-phone "01632 960999" | grep -q "created team Westshire MASH (id 1)" || fail "directory add-team"
if "$safehub" directory add-team --db "$dir_db" --agency-id 1 --name "Bad phones" --office-phone "ring the desk" 2> "$work/phone.txt"; then
  fail "accepted a team phone of words"
fi
grep -q "office_phone must contain only digits" "$work/phone.txt" || fail "team phone message: $(cat "$work/phone.txt")"
if "$safehub" directory add-team --db "$dir_db" --agency-id 9 --name "Nowhere" 2> "$work/agency.txt"; then fail "added a team to no agency"; fi
"$safehub" directory set-team --db "$dir_db" --team-id 1 --out-of-hours-phone "01632 960888" \
  | grep -q "team 1 is now Westshire MASH, office 01632 960000, out of hours 01632 960888" || fail "directory set-team"
if "$safehub" directory set-team --db "$dir_db" --team-id 1 --office-phone "ask for Sam" 2> "$work/setphone.txt"; then fail "set a phone of words"; fi
grep -q "office_phone must contain only digits" "$work/setphone.txt" || fail "set-team phone message: $(cat "$work/setphone.txt")"
"$safehub" directory add-practitioner --db "$dir_db" --team-id 1 --name "Robin Ames" --job-title "Social worker" \
  --email robin.ames@westshire.example | grep -q "created practitioner Robin Ames (id 1)" || fail "directory add-practitioner"
# A practitioner moves team within the agency, not to another agency's; an agency is renamed.
"$safehub" directory add-team --db "$dir_db" --agency-id 1 --name "Westshire Children in Care" > /dev/null || fail "second team"
"$safehub" directory set-practitioner --db "$dir_db" --practitioner-id 1 --team-id 2 --job-title "Senior social worker" \
  | grep -q "practitioner 1 is now Robin Ames, Senior social worker, team 2" || fail "directory set-practitioner"
"$safehub" directory add-agency --db "$dir_db" --name "Westshire Police" --kind police > /dev/null || fail "second agency"
"$safehub" directory add-team --db "$dir_db" --agency-id 2 --name "Public Protection" > /dev/null || fail "police team"
if "$safehub" directory set-practitioner --db "$dir_db" --practitioner-id 1 --team-id 3 2> "$work/move.txt"; then
  fail "moved a practitioner to another agency"
fi
grep -q "team 3 is of agency 2: someone who joins another agency is a new practitioner" "$work/move.txt" || fail "set-practitioner agency message: $(cat "$work/move.txt")"
"$safehub" directory set-agency --db "$dir_db" --agency-id 1 --name "Westshire Children's Services" \
  | grep -q "agency 1 is now Westshire Children's Services, code 892" || fail "directory set-agency"
"$safehub" directory list --db "$dir_db" > "$work/directory.txt"
grep -q "team 1: Westshire MASH, office 01632 960000, out of hours 01632 960888" "$work/directory.txt" \
  && grep -q "agency 1: Westshire Children's Services (social_care, code 892)" "$work/directory.txt" \
  && grep -A1 "team 2: Westshire Children in Care" "$work/directory.txt" | grep -q "practitioner 1: Robin Ames, Senior social worker" \
  || fail "directory list: $(cat "$work/directory.txt")"
! grep -q "Bad phones\|Nowhere\|Zoo" "$work/directory.txt" || fail "a refused record was added: $(cat "$work/directory.txt")"
echo "Strong-Password-44" | "$safehub" user add --db "$dir_db" --username robin.ames --display-name "Robin Ames" \
  --role practitioner --scope team --practitioner-id 1 --password-stdin > /dev/null || fail "user add for the new practitioner"
[[ $(sqlite3 "$dir_db" "SELECT group_concat(action, ' ') FROM (SELECT action FROM audit_entry ORDER BY sequence)") == \
   "create_agency create_team update_team create_practitioner create_team update_practitioner create_agency create_team update_agency create_user" ]] || fail "directory changes not audited in order"

# Statutory returns: a year without a schema and a year without casework are clear errors
# that write nothing; Annex A writes a workbook of the seven lists.
set +e
"$safehub" export cin-census --db "$work/area.db" --year 2019 --out "$work/cin.xml" 2> "$work/cin_err.txt"
code=$?
set -e
[[ $code -eq 1 ]] || fail "cin-census for 2019 exited $code, expected 1"
grep -q "2024, 2025, 2026" "$work/cin_err.txt" || fail "cin-census 2019 message: $(cat "$work/cin_err.txt")"
set +e
"$safehub" export cin-census --db "$work/area.db" --year 2025 --out "$work/cin.xml" 2> "$work/cin_err.txt"
code=$?
set -e
[[ $code -eq 1 ]] || fail "cin-census with no casework exited $code, expected 1"
grep -q "no child was in need in census year 2025" "$work/cin_err.txt" || fail "cin-census 2025 message: $(cat "$work/cin_err.txt")"
[[ ! -e "$work/cin.xml" ]] || fail "cin-census wrote a file after an error"
"$safehub" export annex-a --db "$work/area.db" --out "$work/annex-a.xlsx" --to 2025-03-31 > "$work/annex.txt" \
  || fail "annex-a failed: $(cat "$work/annex.txt")"
unzip -p "$work/annex-a.xlsx" xl/workbook.xml | grep -q 'name="List 7 Child protection"' || fail "annex-a workbook has no list 7"
# Personal data leaves owner-only, whatever the umask of whoever ran the command.
[[ $(stat -c %a "$work/annex-a.xlsx") == 600 ]] || fail "the Annex A workbook is readable by others: $(stat -c %a "$work/annex-a.xlsx")"
[[ $(stat -c %a "$work/area.db") == 600 ]] || fail "the demo database is readable by others: $(stat -c %a "$work/area.db")"

echo "Strong-Password-42" | "$safehub" user add --db "$work/area.db" --username cli.user --display-name "CLI User" \
  --role auditor --scope all --password-stdin > "$work/user.txt" || fail "user add failed"
grep -q "created user cli.user" "$work/user.txt" || fail "user add did not confirm"
if echo "weak" | "$safehub" user add --db "$work/area.db" --username weak.user --display-name Weak \
  --role auditor --scope all --password-stdin 2> "$work/weak.txt"; then
  fail "user add accepted a weak password"
fi
grep -q "password must be at least 12 characters" "$work/weak.txt" || fail "weak password message: $(cat "$work/weak.txt")"

# User administration: move, disable, enable, temporary password; the last administrator stays.
"$safehub" user set --db "$work/area.db" --username cli.user --role administrator --scope all > "$work/set.txt" \
  || fail "user set failed: $(cat "$work/set.txt")"
grep -q "cli.user is now administrator with all scope" "$work/set.txt" || fail "user set output: $(cat "$work/set.txt")"
"$safehub" user disable --db "$work/area.db" --username cli.user > /dev/null || fail "user disable failed"
[[ $(sqlite3 "$work/area.db" "SELECT disabled FROM app_user WHERE username = 'cli.user'") == 1 ]] || fail "not disabled"
"$safehub" user enable --db "$work/area.db" --username cli.user > /dev/null || fail "user enable failed"
"$safehub" user reset-password --db "$work/area.db" --username cli.user > "$work/reset.txt" || fail "reset failed"
grep -q "temporary password for cli.user: " "$work/reset.txt" || fail "reset output: $(cat "$work/reset.txt")"
[[ $(sqlite3 "$work/area.db" "SELECT must_change_password FROM app_user WHERE username = 'cli.user'") == 1 ]] \
  || fail "temporary password does not force a change"
temporary=$(sed -n 's/^temporary password for cli.user: //p' "$work/reset.txt")
if sqlite3 "$work/area.db" "SELECT detail FROM audit_entry" | grep -qF "$temporary"; then
  fail "the temporary password is in the audit trail"
fi
admins=$(sqlite3 "$work/area.db" "SELECT username FROM app_user WHERE role = 'administrator' AND disabled = 0")
for admin in $admins; do
  [[ $admin == cli.user ]] || "$safehub" user disable --db "$work/area.db" --username "$admin" > /dev/null
done
if "$safehub" user disable --db "$work/area.db" --username cli.user 2> "$work/last.txt"; then
  fail "the last administrator was disabled"
fi
grep -q "last active administrator" "$work/last.txt" || fail "last administrator message: $(cat "$work/last.txt")"
if "$safehub" user disable --db "$work/area.db" --username no.such.user 2> "$work/nouser.txt"; then
  fail "disabled a user that does not exist"
fi
grep -q "user no.such.user does not exist" "$work/nouser.txt" || fail "unknown user message: $(cat "$work/nouser.txt")"

"$safehub" audit verify --db "$work/area.db" > "$work/verify.txt" || fail "audit verify failed on an intact trail"
grep -q "audit trail intact" "$work/verify.txt" || fail "audit verify output: $(cat "$work/verify.txt")"

# Backup: a whole, owner-only copy whose audit trail holds the backup's own entry; never
# written over an existing file; a missing source is an error, not an empty copy.
"$safehub" backup --db "$work/area.db" --to "$work/backup.db" > "$work/backup.txt" || fail "backup failed: $(cat "$work/backup.txt")"
grep -q "audit trail in the copy intact" "$work/backup.txt" || fail "backup output: $(cat "$work/backup.txt")"
[[ $(stat -c %a "$work/backup.db") == 600 ]] || fail "the backup is readable by others: $(stat -c %a "$work/backup.db")"
[[ $(sqlite3 "$work/backup.db" "SELECT action FROM audit_entry ORDER BY sequence DESC LIMIT 1") == database_backup ]] \
  || fail "the copy does not hold the backup's audit entry"
[[ $(sqlite3 "$work/backup.db" "SELECT count(*) FROM person") == $(sqlite3 "$work/area.db" "SELECT count(*) FROM person") ]] \
  || fail "the copy does not hold every person"
if "$safehub" backup --db "$work/area.db" --to "$work/backup.db" 2> "$work/overwrite.txt"; then fail "backup overwrote a file"; fi
grep -q "never overwrites" "$work/overwrite.txt" || fail "overwrite message: $(cat "$work/overwrite.txt")"
if "$safehub" backup --db "$work/no-such.db" --to "$work/empty.db" 2> "$work/missing.txt"; then fail "backed up a missing database"; fi
[[ ! -e "$work/no-such.db" && ! -e "$work/empty.db" ]] || fail "backup of a missing database created a file"

# A database others may read (made before new ones were owner-only, or copied in) is named
# with the fix on every command; owner-only, it is not.
chmod 644 "$work/backup.db"
"$safehub" audit verify --db "$work/backup.db" > "$work/open.txt" 2>&1 || fail "audit verify on a 0644 copy"
grep -q "can be read or written by other users.*chmod 600" "$work/open.txt" || fail "no warning for a 0644 database: $(cat "$work/open.txt")"
chmod 600 "$work/backup.db"
"$safehub" audit verify --db "$work/backup.db" > "$work/closed.txt" 2>&1 || fail "audit verify on a 0600 copy"
if grep -q "other users" "$work/closed.txt"; then fail "warned about an owner-only database"; fi

# A head hash kept from a later check is missing from the older copy: the copy's trail lacks
# the newest entries, which only a kept head can show. The live trail still holds it.
[[ $(sqlite3 "$work/area.db" "SELECT count(*) FROM audit_entry") == $(sqlite3 "$work/backup.db" "SELECT count(*) FROM audit_entry") ]] \
  || fail "a refused backup was audited as if it had been made"
echo "Strong-Password-43" | "$safehub" user add --db "$work/area.db" --username after.backup --display-name "After Backup" \
  --role auditor --scope all --password-stdin > /dev/null || fail "user add after the backup"
"$safehub" audit verify --db "$work/area.db" > "$work/verify.txt" || fail "audit verify after the backup"
head=$(awk '/^head hash:/ {print $3}' "$work/verify.txt")
"$safehub" audit verify --db "$work/area.db" --known-head "$head" > "$work/known.txt" || fail "the live trail lost its own head"
grep -q "the kept head hash is entry" "$work/known.txt" || fail "known head output: $(cat "$work/known.txt")"
set +e
"$safehub" audit verify --db "$work/backup.db" --known-head "$head" > "$work/truncated.txt"
code=$?
set -e
[[ $code -eq 2 ]] || fail "a trail without the kept head exited $code, expected 2"
grep -q "is not in the trail" "$work/truncated.txt" || fail "truncated output: $(cat "$work/truncated.txt")"

sqlite3 "$work/area.db" "DROP TRIGGER audit_entry_no_update; UPDATE audit_entry SET detail = 'rewritten' WHERE sequence = 2;"
set +e
"$safehub" audit verify --db "$work/area.db" > "$work/tampered.txt"
code=$?
set -e
[[ $code -eq 2 ]] || fail "audit verify exit code on a tampered trail was $code, expected 2"
grep -q "BROKEN at entry 2" "$work/tampered.txt" || fail "tampered output: $(cat "$work/tampered.txt")"
# Behind a TLS-terminating proxy on the same machine, the loopback server marks its session
# cookie Secure; without the flag, on loopback, it does not (plain http://localhost works).
demo_password=$(awk '/demo \/ Demo-/ {print $NF}' "$work/demo.txt")
session_cookie() {  # the Set-Cookie header of a login to a server started with "$@"
  "$safehub" serve --db "$work/area.db" --listen 127.0.0.1:0 --threads 1 --sweep-minutes 0 "$@" > "$work/serve.txt" 2>&1 &
  local server=$! url=""
  for _ in $(seq 100); do
    url=$(grep -o 'http://127.0.0.1:[0-9]*/' "$work/serve.txt" | head -1) && [[ -n "$url" ]] && break
    sleep 0.1
  done
  [[ -n "$url" ]] || { kill "$server"; fail "serve did not start: $(cat "$work/serve.txt")"; }
  curl -s -D - -o /dev/null -H 'Content-Type: application/json' \
    -d "{\"username\":\"demo\",\"password\":\"$demo_password\"}" "${url}api/v1/session" | grep -i '^set-cookie: safehub_session' || true
  kill "$server"; wait "$server" || true
}
proxied=$(session_cookie --tls-proxy)
[[ "$proxied" == *"; Secure"* ]] || fail "behind a TLS proxy the session cookie is not Secure: $proxied"
plain=$(session_cookie)
[[ -n "$plain" && "$plain" != *"Secure"* ]] || fail "on plain loopback the session cookie should work over http: $plain"

# Feeds: a file imported twice lands once; an import killed part way and re-run loses
# nothing and duplicates nothing.
"$safehub" demo --db "$work/feeds.db" --children 20 --years 1 --no-serve > /dev/null 2>&1 || fail "demo for feeds"
police=$(sqlite3 "$work/feeds.db" "SELECT id FROM agency WHERE kind = 'police'")
# More rows than a batch (10,000), so that the import below is killed between commits.
feed_rows=24000
{
  echo "source_reference,first_name,surname,date_of_birth,kind,occurred_on,risk,notification"
  for i in $(seq 1 $feed_rows); do
    echo "K-$i,Child$((i % 700)),Feedtest,2015-0$((i % 9 + 1))-1$((i % 9)),police_incident,2024-03-0$((i % 9 + 1)),low,information_only"
  done
  echo "BAD-1,X,Y,2015-13-45,police_incident,2024-03-01,extreme,information_only"
} > "$work/feed.csv"
set +e
"$safehub" feed import --db "$work/feeds.db" --agency "$police" --file "$work/feed.csv" --rejected "$work/rej.csv" > "$work/feed1.txt"
code=$?
set -e
[[ $code -eq 2 ]] || fail "feed import with one bad row exited $code, expected 2: $(cat "$work/feed1.txt")"
grep -q "accepted $feed_rows" "$work/feed1.txt" || fail "first import: $(cat "$work/feed1.txt")"
grep -q "date_of_birth" "$work/rej.csv" || fail "rejected rows file: $(cat "$work/rej.csv")"
"$safehub" feed import --db "$work/feeds.db" --agency "$police" --file "$work/feed.csv" > "$work/feed2.txt" 2>/dev/null || true
grep -q "accepted 0, already recorded $feed_rows" "$work/feed2.txt" || fail "re-import: $(cat "$work/feed2.txt")"

sed 's/^K-/C-/' "$work/feed.csv" > "$work/crash.csv"
"$safehub" feed import --db "$work/feeds.db" --agency "$police" --file "$work/crash.csv" > /dev/null 2>&1 &
importer=$!
# Kill it part way: once some of its batches have committed (the index trains first).
for _ in $(seq 200); do
  partial=$(sqlite3 "$work/feeds.db" "SELECT COUNT(*) FROM event WHERE source_reference LIKE 'C-%'" 2>/dev/null || echo 0)
  [[ ${partial:-0} -gt 0 ]] && break
  sleep 0.05
done
kill -9 "$importer" 2>/dev/null || true
wait "$importer" 2>/dev/null || true
partial=$(sqlite3 "$work/feeds.db" "SELECT COUNT(*) FROM event WHERE source_reference LIKE 'C-%'")
[[ $partial -gt 0 && $partial -lt $feed_rows ]] || fail "the import was to be killed part way, but it had stored $partial of $feed_rows"
"$safehub" feed import --db "$work/feeds.db" --agency "$police" --file "$work/crash.csv" > "$work/feed3.txt" 2>/dev/null || true
count=$(sqlite3 "$work/feeds.db" "SELECT COUNT(*) FROM event WHERE agency_id = $police AND source_reference LIKE 'C-%'")
[[ $count -eq $feed_rows ]] || fail "after a killed import and a re-run there are $count events, expected $feed_rows"
"$safehub" audit verify --db "$work/feeds.db" > /dev/null || fail "audit trail broken after a killed import"

# The child index's review queue: a near-duplicate of a new child is queued; only a reviewer
# (the demo's MASH manager) lists and decides it; the decision is taken once.
police=$(sqlite3 "$work/area.db" "SELECT id FROM agency WHERE kind = 'police'")
{
  echo "source_reference,first_name,surname,date_of_birth,sex,kind,occurred_on,risk,notification"
  echo "R-1,Maisie,Okonkwo-Hart,2019-07-21,F,police_incident,2024-05-01,low,information_only"
  echo "R-2,Maisy,Okonkwo-Hart,2019-08-21,F,police_incident,2024-05-02,low,information_only"
} > "$work/pair.csv"
"$safehub" feed import --db "$work/area.db" --agency "$police" --file "$work/pair.csv" > /dev/null 2>&1 || fail "feed of the pair"
"$safehub" review list --db "$work/area.db" --by mash > "$work/review.txt" || fail "review list: $(cat "$work/review.txt")"
open_before=$(sed -n 's/^\([0-9]*\) open$/\1/p' "$work/review.txt")
[[ ${open_before:-0} -ge 1 ]] || fail "review list: $(cat "$work/review.txt")"
grep -q "arriving  person .*Maisy Okonkwo-Hart" "$work/review.txt" || fail "review list shows no pair: $(cat "$work/review.txt")"
review=$(grep -B1 "arriving  person .*Maisy Okonkwo-Hart" "$work/review.txt" | sed -n 's/^review \([0-9]*\) .*/\1/p' | head -1)
if "$safehub" review decide --db "$work/area.db" --by cli.user --id "$review" --decision match --reason "x" 2> "$work/refused.txt"; then
  fail "an administrator decided a review"
fi
grep -q "manager or safeguarding lead" "$work/refused.txt" || fail "refusal: $(cat "$work/refused.txt")"
"$safehub" review decide --db "$work/area.db" --by mash --id "$review" --decision not_match --reason "different mothers" \
  > "$work/decided.txt" || fail "review decide: $(cat "$work/decided.txt")"
grep -q "not_match" "$work/decided.txt" || fail "review decide output: $(cat "$work/decided.txt")"
if "$safehub" review decide --db "$work/area.db" --by mash --id "$review" --decision match --reason "again" 2> /dev/null; then
  fail "a review was decided twice"
fi
"$safehub" review list --db "$work/area.db" --by mash | grep -q "^$((open_before - 1)) open" || fail "the decided review is still open"

# Same child: a match merges, and review unmerge (a reviewer, with a reason) undoes it.
{
  echo "source_reference,first_name,surname,date_of_birth,sex,kind,occurred_on,risk,notification"
  echo "U-1,Maisie,Penhaligon-Ward,2019-07-21,F,police_incident,2024-06-01,low,information_only"
  echo "U-2,Maisy,Penhaligon-Ward,2019-08-21,F,police_incident,2024-06-02,low,information_only"
} > "$work/pair2.csv"
"$safehub" feed import --db "$work/area.db" --agency "$police" --file "$work/pair2.csv" > /dev/null 2>&1 || fail "feed of the second pair"
"$safehub" review list --db "$work/area.db" --by mash --limit 100 > "$work/review2.txt" || fail "review list: $(cat "$work/review2.txt")"
review2=$(grep -B1 "arriving  person .*Maisy Penhaligon-Ward" "$work/review2.txt" | sed -n 's/^review \([0-9]*\) .*/\1/p' | head -1)
[[ -n "$review2" ]] || fail "the second pair was not queued: $(cat "$work/review2.txt")"
"$safehub" review decide --db "$work/area.db" --by mash --id "$review2" --decision match --reason "same GP" \
  > "$work/merged.txt" || fail "review decide match: $(cat "$work/merged.txt")"
merged=$(sed -n 's/.*; person \([0-9]*\) merged into person \([0-9]*\).*/\1/p' "$work/merged.txt")
[[ -n "$merged" ]] || fail "a match printed no merge: $(cat "$work/merged.txt")"
if "$safehub" review unmerge --db "$work/area.db" --by cli.user --person "$merged" --reason "x" 2> "$work/refused2.txt"; then
  fail "an administrator undid a merge"
fi
grep -q "manager or safeguarding lead" "$work/refused2.txt" || fail "unmerge refusal: $(cat "$work/refused2.txt")"
"$safehub" review unmerge --db "$work/area.db" --by mash --person "$merged" --reason "two children at the school" \
  > "$work/unmerged.txt" || fail "review unmerge: $(cat "$work/unmerged.txt")"
grep -q "person $merged no longer merged into person" "$work/unmerged.txt" || fail "unmerge output: $(cat "$work/unmerged.txt")"
[[ $(sqlite3 "$work/area.db" "SELECT COUNT(*) FROM person_merge WHERE merged_person_id = $merged AND undone_at > 0 AND undo_reason = 'two children at the school'") -eq 1 ]] \
  || fail "the undone merge is not kept with its reason"
if "$safehub" review unmerge --db "$work/area.db" --by mash --person "$merged" --reason "again" 2> "$work/again.txt"; then
  fail "a merge was undone twice"
fi
grep -q "is not merged into anyone" "$work/again.txt" || fail "second unmerge: $(cat "$work/again.txt")"

echo "cli end-to-end: all checks passed"
