#!/usr/bin/env bash
# The scale benchmark (issue 12): every figure of the issue's Targets table for ROWS leads,
# Rapport and its sqlite3 reference measured in the same run, printed as one table
# (figure | Rapport | reference | ratio | target | met?) and written as Markdown.
# Not part of the test suite.
#
#   tests/bench/run_benchmarks.sh [BUILD_DIR [ROWS [REPEATS]]]
#
#   BUILD_DIR  a built tree (default: build); the script builds rapport-cli and bench_scale
#   ROWS       how many leads (default: 1000000; 20000 runs in about a minute)
#   REPEATS    repeats of each quick figure, the table shows medians (default: 5); the
#              import, re-import, undo and export run once each (IMPORT_REPEATS=N for more)
#
# Environment: BENCH_DIR=DIR works in DIR instead of a new temporary directory; KEEP=1 keeps
# the databases and files (a million leads: ~4 GB); QUEUE=N leads through the conversion
# queue (default: 10,000 scaled to the rows, ROWS / 100, at least 10; the target scales with
# it: 60 s per 10,000); MARKDOWN=FILE where the table goes (default:
# BUILD_DIR/benchmarks-ROWS.md).
#
# Process runs (rapport-cli, the sqlite3 shell) are timed in wall clock and in user + system
# CPU (/usr/bin/time); on a shared machine the CPU figure is the steadier one, and "met?"
# says which of the two meets the target when only one does. In-process figures (bench_scale:
# the Leads tab and its model, conversions) are wall clock on the GUI thread, each with the
# longest time the GUI thread went without turning meanwhile (a 1 ms timer).
set -euo pipefail

here=$(cd "$(dirname "$0")/../.." && pwd)
build=${1:-build}
case $build in /*) ;; *) build=$here/$build ;; esac
rows=${2:-1000000}
repeats=${3:-5}
import_repeats=${IMPORT_REPEATS:-1}
queue=${QUEUE:-$((rows / 100 < 10 ? 10 : rows / 100))}
markdown=${MARKDOWN:-$build/benchmarks-$rows.md}
case $markdown in /*) ;; *) markdown=$PWD/$markdown ;; esac
[[ $rows =~ ^[0-9]+$ && $rows -ge 1000 ]] || { echo "ROWS must be a number ≥ 1000" >&2; exit 2; }
[[ $repeats =~ ^[0-9]+$ && $repeats -ge 1 ]] || { echo "REPEATS must be ≥ 1" >&2; exit 2; }
for tool in sqlite3 /usr/bin/time awk; do
    command -v "$tool" >/dev/null || { echo "needs $tool (Debian: apt-get install sqlite3 time)" >&2; exit 2; }
done
[ -d "$build" ] || { echo "no build directory $build: configure it first (see README)" >&2; exit 2; }
echo "building rapport-cli and bench_scale in $build" >&2
cmake --build "$build" --target rapport-cli bench_scale >&2
cli=$build/app/rapport-cli
scale=$build/tests/bench_scale

if [ -n "${BENCH_DIR:-}" ]; then
    mkdir -p "$BENCH_DIR"
    work=$(cd "$BENCH_DIR" && pwd)
else
    work=$(mktemp -d "${TMPDIR:-/tmp}/bench-scale.XXXXXX")
fi
cleanup() {
    if [ "${KEEP:-0}" != 1 ]; then
        rm -f "$work"/*.sqlite "$work"/*.sqlite-* "$work"/*.csv "$work"/*.sql "$work"/export-ref.*.out
    fi
}
trap cleanup EXIT

export RAPPORT_USER=${RAPPORT_USER:-Bench}
export HOME=$work/home XDG_CONFIG_HOME=$work/home/.config XDG_DATA_HOME=$work/home/.local/share
export XDG_CACHE_HOME=$work/home/.cache XDG_RUNTIME_DIR=$work/home/run QT_QPA_PLATFORM=offscreen
mkdir -p "$XDG_CONFIG_HOME" "$XDG_DATA_HOME" "$XDG_CACHE_HOME" "$XDG_RUNTIME_DIR"
chmod 700 "$XDG_RUNTIME_DIR"
cd "$work"
rm -f ./*.sqlite ./*.sqlite-* times.tsv
: >times.tsv

# proc LABEL COMMAND...: one process run; appends LABEL, wall ms, CPU ms, peak RSS MB to
# times.tsv. Its standard output goes to LABEL.out.
proc() {
    local label=$1; shift
    local start end user sys rss
    start=$(date +%s%N)
    if ! /usr/bin/time -f '%U %S %M' -o "$label.time" "$@" >"$label.out" 2>"$label.err"; then
        echo "$label failed: $*" >&2; cat "$label.err" >&2; exit 1
    fi
    end=$(date +%s%N)
    read -r user sys rss <"$label.time"
    awk -v l="$label" -v w=$(((end - start) / 1000)) -v u="$user" -v s="$sys" -v m="$rss" \
        'BEGIN { printf "%s\t%.1f\t%.0f\t%.0f\n", l, w / 1000, (u + s) * 1000, m / 1024 }' >>times.tsv
    echo "  $(tail -n1 times.tsv)" >&2
}
# procs LABEL N COMMAND...: N runs as LABEL.1 … LABEL.N.
procs() {
    local label=$1 n=$2 i; shift 2
    for ((i = 1; i <= n; i++)); do proc "$label.$i" "$@"; done
}
# median LABEL COLUMN: the median of a times.tsv column (2 wall, 3 CPU, 4 RSS) over LABEL.*.
median() {
    awk -F'\t' -v l="$1" -v c="$2" 'index($1, l ".") == 1 || $1 == l { print $c }' times.tsv |
        sort -g | awk '{ v[NR] = $1 } END { if (NR) print v[int((NR + 1) / 2)]; else print "nan" }'
}
# shelltimes LABEL SQLFILE DATABASE: the sqlite3 shell's own time (.timer) for each statement
# of the file, in ms, as LABEL rows in times.tsv (wall = CPU column = the shell's "real").
shelltimes() {
    sqlite3 "$3" ".timer on" ".read $2" | grep '^Run Time' |
        awk -v l="$1" '{ printf "%s.%d\t%.2f\t%.2f\t0\n", l, NR, $4 * 1000, ($6 + $8) * 1000 }' >>times.tsv
    grep -q "^$1\\." times.tsv || { echo "$1: the sqlite3 shell printed no times" >&2; exit 1; }
}
sql_quote() { printf "'%s'" "${1//\'/\'\'}"; }

rev=$(git -C "$here" describe --always --dirty 2>/dev/null || echo '?')
echo "working in $work: $rows leads, $repeats repeats, queue of $queue, $(nproc) cores," \
     "load $(cut -d' ' -f1-3 /proc/loadavg)" >&2

echo "== inputs: the project's generator (the same leads, Zoho and plain headers)" >&2
proc generate "$cli" demo --csv leads.csv --leads "$rows" --seed 42
proc generate-plain "$cli" demo --csv plain.csv --leads "$rows" --seed 42 --header plain

echo "== import into an empty database, and the two sqlite3 references" >&2
for ((r = 1; r <= import_repeats; r++)); do
    rm -f A.sqlite A.sqlite-*
    proc "import.$r" "$cli" --db A.sqlite --json import leads leads.csv
    grep -q "\"created\": *$rows\b" "import.$r.out" ||
        { echo "the import did not create $rows leads:" >&2; cat "import.$r.out" >&2; exit 1; }
    rm -f lean.sqlite
    proc "lean.$r" sqlite3 lean.sqlite ".import --csv leads.csv t" \
        "CREATE INDEX t_email ON t(\"Email\")" \
        "CREATE VIRTUAL TABLE t_fts USING fts5(k, tokenize='trigram case_sensitive 0')" \
        "INSERT INTO t_fts(rowid, k) SELECT rowid, lower(\"First Name\"||' '||\"Last Name\"||' '||\"Email\"||' '||\"Company\") FROM t"
done
# The shell writing the same rows into Rapport's own schema (its indexes and triggers), with a
# search key made in SQL (no validation, no duplicate check, no journal).
rm -f S.sqlite S.sqlite-*
"$cli" --db S.sqlite count leads >/dev/null
cols=$(head -n1 plain.csv | tr -d '\r')
now=$(date -u +%FT%TZ)
cat >same-schema.sql <<EOF
.import --csv plain.csv scratch
BEGIN;
INSERT INTO leads ($cols, search_key, owner, created_at, modified_at)
SELECT $cols, lower(first_name||' '||last_name||' '||company||' '||email||' '||phone),
       '$RAPPORT_USER', '$now', '$now' FROM scratch;
DROP TABLE scratch;
COMMIT;
EOF
proc same-schema sqlite3 S.sqlite ".read same-schema.sql"

echo "== export, and sqlite3 -csv of the same columns" >&2
fields=$("$scale" columns | while read -r f; do
    sqlite3 A.sqlite "SELECT name FROM pragma_table_info('leads') WHERE name = '$f'"; done | paste -sd,)
procs export "$import_repeats" "$cli" --db A.sqlite --json export leads out.csv
procs export-ref "$import_repeats" sqlite3 -csv -header A.sqlite \
    "SELECT id, $fields FROM leads WHERE converted_at IS NULL ORDER BY id"

echo "== re-import of the unchanged export with update" >&2
procs reimport "$import_repeats" "$cli" --db A.sqlite --json import leads out.csv --on-duplicate update
grep -q "\"unchanged\": *$rows\b" reimport.1.out ||
    echo "warning: the re-import did not leave all $rows leads unchanged: $(cat reimport.1.out)" >&2

echo "== quick search: rapport-cli list, whole process, and the shell's scan" >&2
phone=$(sqlite3 A.sqlite "SELECT phone FROM leads WHERE id >= $((rows / 2)) AND phone <> '' LIMIT 1" |
    awk '{ print $NF }')
[ -n "$phone" ] || { echo "no lead with a phone number to search for" >&2; exit 1; }
terms=(m mu muller "$phone" qzxv)
keys=(search-1 search-2 search-word search-phone search-absent)
: >search.sql
for i in "${!terms[@]}"; do
    t=${terms[$i]}
    procs "list-${keys[$i]}" "$repeats" "$cli" --db A.sqlite --json list leads --search "$t" \
        --limit 50 --no-total
    procs "list-ref-${keys[$i]}" "$repeats" sqlite3 A.sqlite \
        "SELECT id, $fields FROM leads NOT INDEXED WHERE converted_at IS NULL AND search_key LIKE '%$t%' ORDER BY last_name, id LIMIT 50"
    : >"ref-${keys[$i]}.sql"
    for ((r = 1; r <= repeats; r++)); do
        echo "SELECT id, $fields FROM leads NOT INDEXED WHERE converted_at IS NULL AND search_key LIKE '%$t%' ORDER BY last_name, id LIMIT 128;" >>"ref-${keys[$i]}.sql"
    done
    shelltimes "ref-${keys[$i]}" "ref-${keys[$i]}.sql" A.sqlite
done

echo "== the Leads tab: open, searches, sorts, scrollbar, memory (bench_scale)" >&2
proc scale-read "$scale" read A.sqlite "$repeats" "$phone"
cp scale-read.out scale.tsv
for key in open search-1 search-2 search-word search-phone search-absent jump memory; do
    grep -q "^$key"$'\t' scale.tsv || { echo "bench_scale printed no \"$key\"" >&2; exit 1; }
done
# References: COUNT(*) + first page in a shell process; each sort as a NOT INDEXED top-N; a
# keyed seek on (last_name, id) from the middle.
procs open-ref "$repeats" sqlite3 A.sqlite "SELECT count(*) FROM leads WHERE converted_at IS NULL" \
    "SELECT id, $fields FROM leads WHERE converted_at IS NULL ORDER BY id LIMIT 128"
for key in $(cut -f1 scale.tsv | grep '^sort-'); do
    : >"ref-$key.sql"
    for ((r = 1; r <= repeats; r++)); do
        echo "SELECT id, $fields FROM leads NOT INDEXED WHERE converted_at IS NULL ORDER BY ${key#sort-}, id LIMIT 128;" >>"ref-$key.sql"
    done
    shelltimes "ref-$key" "ref-$key.sql" A.sqlite
done
: >ref-jump.sql
for ((r = 1; r <= repeats; r++)); do
    IFS='|' read -r name id < <(sqlite3 A.sqlite "SELECT last_name, id FROM leads WHERE converted_at IS NULL ORDER BY last_name, id LIMIT 1 OFFSET $((rows * r / (repeats + 1)))")
    echo "SELECT id, $fields FROM leads WHERE converted_at IS NULL AND (last_name, id) > ($(sql_quote "$name"), $id) ORDER BY last_name, id LIMIT 128;" >>ref-jump.sql
done
shelltimes ref-jump ref-jump.sql A.sqlite

echo "== undo of the import (on a copy: the conversions below change leads)" >&2
cp A.sqlite U.sqlite
proc undo "$cli" --db U.sqlite --json undo-import 1
rm -f U.sqlite U.sqlite-*
# The shell deleting the same rows as plainly as it can: foreign keys on, every index and
# trigger of the table dropped, one DELETE of the import's ids, the search tables emptied.
cp A.sqlite U.sqlite
{
    echo "PRAGMA foreign_keys = ON;"
    echo "BEGIN;"
    sqlite3 U.sqlite "SELECT 'DROP INDEX ' || name || ';' FROM sqlite_master WHERE tbl_name = 'leads' AND type = 'index' AND sql IS NOT NULL;
                      SELECT 'DROP TRIGGER ' || name || ';' FROM sqlite_master WHERE tbl_name = 'leads' AND type = 'trigger';"
    echo "DELETE FROM leads WHERE id BETWEEN (SELECT first_id FROM import_records WHERE import_id = 1) AND (SELECT last_id FROM import_records WHERE import_id = 1);"
    echo "INSERT INTO leads_fts(leads_fts) VALUES ('delete-all');"
    echo "INSERT INTO leads_grams(leads_grams) VALUES ('delete-all');"
    echo "COMMIT;"
} >undo-ref.sql
proc undo-ref sqlite3 U.sqlite ".read undo-ref.sql"
rm -f U.sqlite U.sqlite-*

echo "== conversions: one with matching, and a queue of $queue; the shell's same writes" >&2
proc scale-convert "$scale" convert A.sqlite "$repeats" "$queue"
cat scale-convert.out >>scale.tsv
{
    for ((i = 0; i < queue; i++)); do
        x=$((rows - i))
        cat <<EOF
BEGIN;
SELECT id FROM accounts WHERE account_name = (SELECT company FROM leads WHERE id = $x);
SELECT id FROM contacts WHERE email = (SELECT email FROM leads WHERE id = $x);
INSERT INTO accounts (account_name, phone, owner, search_key, name_key, version, created_at, modified_at)
  SELECT company, phone, owner, lower(company), lower(company), 1, '$now', '$now' FROM leads WHERE id = $x;
INSERT INTO contacts (first_name, last_name, account_id, email, phone, lead_source, owner, search_key, email_key, version, created_at, modified_at)
  SELECT first_name, last_name, last_insert_rowid(), email, phone, lead_source, owner, search_key, lower(email), 1, '$now', '$now' FROM leads WHERE id = $x;
INSERT INTO deals (deal_name, account_id, contact_id, stage, lead_source, owner, search_key, version, created_at, modified_at)
  SELECT company, (SELECT max(id) FROM accounts), last_insert_rowid(), 'Qualification', lead_source, owner, lower(company), 1, '$now', '$now' FROM leads WHERE id = $x;
UPDATE leads SET converted_at = '$now', converted_account_id = (SELECT max(id) FROM accounts),
  converted_contact_id = (SELECT max(id) FROM contacts), converted_deal_id = last_insert_rowid() WHERE id = $x;
COMMIT;
EOF
    done
} >convert-ref.sql
proc convert-ref sqlite3 S.sqlite ".read convert-ref.sql"

# --- the table -----------------------------------------------------------------------------
# scale FIGURE COLUMN: a bench_scale figure (2 median ms, 3 best, 4 GUI gap ms, 5 note).
scale() { awk -F'\t' -v f="$1" -v c="$2" '$1 == f { print $c }' scale.tsv; }
table=$work/table.tsv
printf 'figure\tRapport\treference\tratio\ttarget\tmet?\n' >"$table"
row() { printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$@" >>"$table"; }
# pair FIGURE RAPPORT_LABEL REFERENCE_LABEL REFERENCE_TEXT TARGET_RATIO: two process runs.
pair() {
    local rw rc fw fc
    rw=$(median "$2" 2); rc=$(median "$2" 3); fw=$(median "$3" 2); fc=$(median "$3" 3)
    awk -v f="$1" -v rw="$rw" -v rc="$rc" -v fw="$fw" -v fc="$fc" -v ref="$4" -v t="$5" 'BEGIN {
        w = rw / fw; c = (fc > 0) ? rc / fc : 0
        met = t == "" ? "" : (w <= t && c <= t) ? "yes" : (w <= t) ? "wall only" : (c <= t) ? "CPU only" : "no"
        printf "%s\t%.2f s wall, %.2f s CPU\t%s: %.2f s wall, %.2f s CPU\t%.2f× wall, %.2f× CPU\t%s\t%s\n",
            f, rw / 1000, rc / 1000, ref, fw / 1000, fc / 1000, w, c, t == "" ? "—" : "≤ " t "×", met }' >>"$table"
}
# limit FIGURE VALUE_MS TARGET_MS REFERENCE_TEXT REFERENCE_MS: an absolute target.
limit() {
    awk -v f="$1" -v v="$2" -v t="$3" -v ref="$4" -v rv="${5:-}" 'BEGIN {
        r = rv == "" ? "—" : sprintf("%.2f×", v / rv)
        printf "%s\t%.1f ms\t%s\t%s\t≤ %s ms\t%s\n", f, v, ref, r, t, v <= t ? "yes" : "no" }' >>"$table"
}
pair "import into an empty database" import lean "sqlite3 .import + email index + FTS5 after" 1.25
awk -v m="$(median import 4)" 'BEGIN { printf "import: peak memory\t%d MB\t—\t—\t≤ 200 MB\t%s\n", m, m <= 200 ? "yes" : "no" }' >>"$table"
pair "import, against the shell into Rapport's schema" import same-schema "sqlite3 INSERT … SELECT into leads" ""
pair "re-import of the unchanged export, update" reimport import "the first import" 1.0
awk -v w="$(median undo 2)" -v c="$(median undo 3)" -v rw="$(median undo-ref 2)" -v rc="$(median undo-ref 3)" 'BEGIN {
    printf "undo of the import\t%.2f s wall, %.2f s CPU\tsqlite3: the same rows deleted, indexes and triggers dropped, search tables emptied: %.2f s wall, %.2f s CPU\t%.2f× wall, %.2f× CPU\t≤ 5 s\t%s\n",
        w / 1000, c / 1000, rw / 1000, rc / 1000, w / rw, c / rc,
        (w <= 5000 && c <= 5000) ? "yes" : (c <= 5000) ? "CPU only" : "no" }' >>"$table"
pair "export" export export-ref "sqlite3 -csv, same columns" 1.5
for i in "${!terms[@]}"; do
    k=${keys[$i]}
    limit "quick search \"${terms[$i]}\", model, first page painted" "$(scale "$k" 2)" 20 \
        "$(printf 'NOT INDEXED scan, first page: %.1f ms' "$(median "ref-$k" 2)")" "$(median "ref-$k" 2)"
done
for i in "${!terms[@]}"; do
    k=${keys[$i]}
    limit "rapport-cli list --search \"${terms[$i]}\" --limit 50 --no-total (CPU $(median "list-$k" 3) ms)" \
        "$(median "list-$k" 2)" 60 \
        "$(printf 'sqlite3 process, NOT INDEXED: %.1f ms' "$(median "list-ref-$k" 2)")" "$(median "list-ref-$k" 2)"
done
for key in $(cut -f1 scale.tsv | grep '^sort-'); do
    limit "sort by ${key#sort-}, first page painted" "$(scale "$key" 2)" 250 \
        "$(printf 'NOT INDEXED top-N: %.1f ms' "$(median "ref-$key" 2)")" "$(median "ref-$key" 2)"
done
limit "jump by the scrollbar, page painted ($(scale jump 5))" "$(scale jump 2)" 30 \
    "$(printf 'keyed seek on (last_name, id): %.1f ms' "$(median ref-jump 2)")" "$(median ref-jump 2)"
limit "open the database, Leads tab's first page painted" "$(scale open 2)" 150 \
    "$(printf 'COUNT(*) + first page, sqlite3 process: %.1f ms' "$(median open-ref 2)")" "$(median open-ref 2)"
one_ref=$(awk -v w="$(median convert-ref 2)" -v n="$queue" 'BEGIN { printf "%.2f", w / n }')
limit "convert one lead with matching" "$(scale convert-one 2)" 20 \
    "the shell's same writes, per lead of $queue: $one_ref ms" "$one_ref"
queue_target=$((60000 * queue / 10000))
limit "conversion queue of $queue ($(scale convert-queue 5))" "$(scale convert-queue 2)" "$queue_target" \
    "$(printf 'the shell, %d transactions: %.0f ms' "$queue" "$(median convert-ref 2)")" "$(median convert-ref 2)"
awk -v m="$(scale memory 2)" -v n="$(scale memory 5)" 'BEGIN {
    printf "memory, the leads open, searched, sorted, scrolled end to end\t%s\t—\t—\t≤ 150 MB\t%s\n",
        n, m <= 150 ? "yes" : "no" }' >>"$table"
# The process's first tab is made before any frame is shown: its gap is a row of its own.
limit "longest GUI-thread gap, all of the above once a window is shown" "$(awk -F'\t' '$1 != "launch" && $1 != "gui-gap" { if ($4 > m) m = $4 } END { print m + 0 }' scale.tsv)" 16 \
    "Qt's QTableView alone, a page grown to as many trivial rows: $(scale qt-grow 2) ms, reset to them: $(scale qt-reset 2) ms" ""
limit "the GUI thread at launch: the first tab made and painted, before any frame ($(scale launch 2) ms to the first page)" "$(scale launch 4)" 150 "—" ""

# --- printed and written ---------------------------------------------------------------------
header="Rapport $rev, $rows leads, medians of $repeats ($import_repeats for import, re-import, undo, export), $(date -u '+%F %H:%M') UTC, $(nproc) cores, load at the end $(cut -d' ' -f1-3 /proc/loadavg)"
echo
echo "$header"
echo
column -t -s $'\t' "$table"
echo
echo "longest GUI-thread gap per in-process figure (ms):"
awk -F'\t' '{ printf "  %-16s %6.1f  %s\n", $1, $4, $5 }' scale.tsv
{
    echo "$header"
    echo
    echo "Command: \`${QUEUE:+QUEUE=$QUEUE }${IMPORT_REPEATS:+IMPORT_REPEATS=$IMPORT_REPEATS }tests/bench/run_benchmarks.sh ${1:-build} $rows $repeats\`"
    echo
    awk -F'\t' 'NR == 1 { print "| " $1 " | " $2 " | " $3 " | " $4 " | " $5 " | " $6 " |"; print "|---|---|---|---|---|---|"; next }
        { print "| " $1 " | " $2 " | " $3 " | " $4 " | " $5 " | " $6 " |" }' "$table"
    echo
    echo "| in-process figure | median ms | best ms | longest GUI-thread gap ms | note |"
    echo "|---|---|---|---|---|"
    awk -F'\t' '{ print "| " $1 " | " $2 " | " $3 " | " $4 " | " $5 " |" }' scale.tsv
} >"$markdown"
echo
echo "Markdown: $markdown; raw times: $work/times.tsv"
