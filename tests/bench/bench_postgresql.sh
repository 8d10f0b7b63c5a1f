#!/usr/bin/env bash
# Rapport on a PostgreSQL server (issue 11, "Figures"): import against COPY, the Leads tab's
# first page, quick search, and ten command-line clients saving records at once.
#
#   tests/bench/bench_postgresql.sh [URL [ROWS [SECONDS [BUILD_DIR]]]]
#
#   URL        postgresql://USER:PASS@HOST[:PORT]/DB of a role that may create databases
#              (default: $RAPPORT_TEST_POSTGRESQL). DB itself is not touched: the benchmark
#              makes (and at the end drops) the database DB_bench beside it.
#   ROWS       how many leads (default: 1000000)
#   SECONDS    how long the ten clients save (default: 60)
#   BUILD_DIR  a built tree with app/rapport-cli and tests/bench_tablemodel (default: build;
#              cmake --build build --target rapport-cli bench_tablemodel)
#
# Environment: BENCH_DIR=DIR works in DIR instead of a new temporary directory; KEEP=1 keeps
# the files and the database; CLIENTS=N saving clients instead of 10.
#
# What it does (HOME and the XDG directories point into the work directory, so no settings of
# the user are read or written; psql reads the password from PGPASSWORD, set from the URL):
#   1. rapport-cli demo --csv leads.csv --leads ROWS --header plain   the project's generator
#   2. rapport-cli --db BENCH count leads                             makes the schema
#   3. rapport-cli --db BENCH import leads leads.csv                  the import, timed
#   4. psql: a table made LIKE leads with all its indexes, then
#      \copy copy_leads (the file's columns) FROM leads.csv           the COPY reference
#      (COPY leaves the derived columns — search and match keys — empty: Rapport computes them)
#      and, the second reference, the rows as the import stored them (search keys included,
#      dumped by \copy … TO) COPYed into another such table: the indexes then do the work
#      they do for the import. Both ratios are printed.
#   5. bench_tablemodel BENCH 5: the Leads tab opened, its pages, searches (model level)
#   6. rapport-cli list leads --limit 128 [--search …], 5 times each: first pages end to end,
#      process start and connection included; psql's EXPLAIN ANALYZE of the same searches
#   7. CLIENTS clients, each for SECONDS: get a random lead of a small shared set (so that they
#      collide), update its Description with --if-version; every call timed. Afterwards each
#      lead's version must have grown by exactly the number of saves that succeeded on it, and
#      its Description must be the one the last of them wrote: otherwise an update was lost.
set -euo pipefail

here=$(cd "$(dirname "$0")/../.." && pwd)
url=${1:-${RAPPORT_TEST_POSTGRESQL:-}}
rows=${2:-1000000}
seconds=${3:-60}
build=${4:-build}
clients=${CLIENTS:-10}
case $build in /*) ;; *) build=$here/$build ;; esac
cli=$build/app/rapport-cli
model=$build/tests/bench_tablemodel
[ -n "$url" ] || { echo "give the server's URL or set RAPPORT_TEST_POSTGRESQL" >&2; exit 2; }
[ -x "$cli" ] || { echo "no $cli: build it first" >&2; exit 2; }
command -v psql >/dev/null || { echo "needs psql (Debian: postgresql-client)" >&2; exit 2; }

# postgresql://user:pass@host:port/db → its parts; the bench database sits beside db.
rest=${url#*://}
creds=${rest%%@*}
hostpart=${rest#*@}
hostpart=${hostpart%%/*}
db=${rest##*/}
export PGUSER=${creds%%:*} PGPASSWORD=${creds#*:} PGHOST=${hostpart%%:*}
PGPORT=5432
case $hostpart in *:*) PGPORT=${hostpart##*:} ;; esac
export PGPORT
bench_db=${db}_bench
bench_url=${url%/*}/$bench_db

if [ -n "${BENCH_DIR:-}" ]; then
    mkdir -p "$BENCH_DIR"
    work=$(cd "$BENCH_DIR" && pwd)
else
    work=$(mktemp -d "${TMPDIR:-/tmp}/bench-postgresql.XXXXXX")
fi
cleanup() {
    if [ "${KEEP:-0}" != 1 ]; then
        psql -q -d "$db" -c "DROP DATABASE IF EXISTS $bench_db WITH (FORCE)" || true
        rm -rf "$work"/leads.csv "$work"/clients
    fi
}
trap cleanup EXIT

export RAPPORT_USER=${RAPPORT_USER:-Bench}
export HOME=$work/home XDG_CONFIG_HOME=$work/home/.config XDG_DATA_HOME=$work/home/.local/share
export XDG_CACHE_HOME=$work/home/.cache XDG_RUNTIME_DIR=$work/home/run QT_QPA_PLATFORM=offscreen
mkdir -p "$XDG_CONFIG_HOME" "$XDG_DATA_HOME" "$XDG_CACHE_HOME" "$XDG_RUNTIME_DIR"
chmod 700 "$XDG_RUNTIME_DIR"
cd "$work"

now() { date +%s.%N; }
ms() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", (b - a) * 1000 }'; }
median() { sort -n | awk '{ v[NR] = $1 } END { if (NR == 0) print "-"; else if (NR % 2) print v[(NR + 1) / 2]; else printf "%.1f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
say() { printf '%s\n' "$*" | tee -a "$work/results.txt"; }
: >"$work/results.txt"
say "rows=$rows clients=$clients seconds=$seconds load=$(cut -d' ' -f1-3 /proc/loadavg)"
say "server: $(psql -tAq -d "$db" -c 'SHOW server_version')"

# 1-3: the file, the schema, the import.
"$cli" demo --csv leads.csv --leads "$rows" --header plain >/dev/null
psql -q -d "$db" -c "DROP DATABASE IF EXISTS $bench_db WITH (FORCE)" -c "CREATE DATABASE $bench_db"
"$cli" --db "$bench_url" count leads >/dev/null
t0=$(now)
"$cli" --db "$bench_url" --json import leads leads.csv >import.json
t1=$(now)
import_ms=$(ms "$t0" "$t1")
say "import of $rows leads (rapport-cli): $import_ms ms  $(head -c 120 import.json)"

# 4: COPY of the same file into a table with the same columns and indexes.
columns=$(head -1 leads.csv | tr -d '\r')
psql -q -d "$bench_db" -v ON_ERROR_STOP=1 \
    -c "CREATE TABLE copy_leads (LIKE leads INCLUDING DEFAULTS INCLUDING CONSTRAINTS INCLUDING INDEXES)"
t0=$(now)
psql -q -d "$bench_db" -v ON_ERROR_STOP=1 \
    -c "\\copy copy_leads ($columns) FROM 'leads.csv' WITH (FORMAT csv, HEADER true)"
t1=$(now)
copy_ms=$(ms "$t0" "$t1")
say "COPY of the same file into a table with the same indexes: $copy_ms ms"
stored=$(psql -tAq -d "$bench_db" -c "SELECT string_agg(column_name, ',' ORDER BY ordinal_position)
    FROM information_schema.columns WHERE table_name = 'leads' AND table_schema = current_schema()
    AND column_name NOT IN ('id', 'version')")
psql -q -d "$bench_db" -v ON_ERROR_STOP=1 \
    -c "\\copy (SELECT $stored FROM leads ORDER BY id) TO 'stored.tsv'" \
    -c "CREATE TABLE copy_stored (LIKE leads INCLUDING DEFAULTS INCLUDING CONSTRAINTS INCLUDING INDEXES)"
t0=$(now)
psql -q -d "$bench_db" -v ON_ERROR_STOP=1 -c "\\copy copy_stored ($stored) FROM 'stored.tsv'"
t1=$(now)
stored_ms=$(ms "$t0" "$t1")
say "COPY of the rows as stored (search keys included) into a table with the same indexes: $stored_ms ms"
say "import / COPY of the file: $(awk -v a="$import_ms" -v b="$copy_ms" 'BEGIN { printf "%.2f", a / b }') x;  import / COPY of the stored rows: $(awk -v a="$import_ms" -v b="$stored_ms" 'BEGIN { printf "%.2f", a / b }') x"
rm -f stored.tsv
psql -q -d "$bench_db" -c "DROP TABLE copy_leads" -c "DROP TABLE copy_stored" -c "VACUUM ANALYZE leads"

# 5: the table model, as the Leads tab uses it.
if [ -x "$model" ]; then
    say "bench_tablemodel (median (best) of 5, ms):"
    "$model" "$bench_url" 5 | tee -a "$work/results.txt"
fi

# 6: first pages through the command line, and the server's own time for the searches.
for search in "" muller "ada schmidt" mu 9792489 zzqx; do
    times=()
    for _ in 1 2 3 4 5; do
        t0=$(now)
        if [ -z "$search" ]; then
            "$cli" --db "$bench_url" --json list leads --limit 128 >list.json
        else
            "$cli" --db "$bench_url" --json list leads --search "$search" --limit 128 >list.json
        fi
        t1=$(now)
        times+=("$(ms "$t0" "$t1")")
    done
    total=$(grep -o '"total": *[0-9]*' list.json | head -1 | grep -o '[0-9]*$' || echo '?')
    say "rapport-cli list leads --limit 128 ${search:+--search \"$search\"}: median $(printf '%s\n' "${times[@]}" | median) ms (total $total)"
done
t0=$(now); "$cli" --db "$bench_url" count leads >/dev/null; t1=$(now)
say "rapport-cli count leads (process start, connection, one COUNT): $(ms "$t0" "$t1") ms"
for word in muller mu 9792489; do
    say "psql EXPLAIN ANALYZE, leads whose key holds \"$word\", first page by Last Name:"
    if [ ${#word} -ge 3 ]; then
        cond="search_key LIKE '%$word%'"
    else
        cond="rapport_short_grams(search_key) @> ARRAY['$word'] AND search_key LIKE '%$word%'"
    fi
    # The shape of RecordTableSql::page() with a search: matches first, then sorted.
    psql -tAq -d "$bench_db" -c "EXPLAIN (ANALYZE, COSTS OFF) SELECT id FROM (SELECT * FROM leads
        WHERE converted_at IS NULL AND $cond OFFSET 0) t ORDER BY last_name, id LIMIT 128" \
        | grep -E 'Scan|Execution' | sed 's/^/    /' | tee -a "$work/results.txt"
done

# 7: CLIENTS clients saving at once.
mkdir -p clients
psql -tAq -d "$bench_db" -c "SELECT id, version, translate(coalesce(description, ''), E'|\n\r', '   ') FROM leads
    WHERE converted_at IS NULL ORDER BY id LIMIT 50" >clients/before.txt
cut -d'|' -f1 clients/before.txt >clients/ids.txt
client() {
    local k=$1 end=$2 n=0 id version t0 t1 rc out
    mapfile -t ids <clients/ids.txt
    while [ "$(date +%s)" -lt "$end" ]; do
        id=${ids[RANDOM % ${#ids[@]}]}
        version=$("$cli" --db "$bench_url" --json get leads "$id" | grep -o '"version": *[0-9]*' | grep -o '[0-9]*$')
        n=$((n + 1))
        t0=$(now)
        rc=0
        out=$("$cli" --db "$bench_url" --json update leads "$id" --set "Description=c$k-$n" \
            --if-version "$version" 2>&1) || rc=$?
        t1=$(now)
        # id, the version it was read at, exit status, new version, value, time
        printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$id" "$version" "$rc" \
            "$(grep -o '"version": *[0-9]*' <<<"$out" | grep -o '[0-9]*$')" "c$k-$n" "$(ms "$t0" "$t1")"
        [ "$rc" -eq 0 ] || [ "$rc" -eq 4 ] || printf '%s\n' "$out" >>"clients/errors-$k.txt"
    done >"clients/client-$k.tsv"
}
end=$(( $(date +%s) + seconds ))
for k in $(seq 1 "$clients"); do client "$k" "$end" & done
wait
cat clients/client-*.tsv >clients/all.tsv
saved=$(awk -F'\t' '$3 == 0' clients/all.tsv | wc -l)
conflicts=$(awk -F'\t' '$3 == 4' clients/all.tsv | wc -l)
errors=$(awk -F'\t' '$3 != 0 && $3 != 4' clients/all.tsv | wc -l)
psql -tAq -d "$bench_db" -c "SELECT id, version, translate(coalesce(description, ''), E'|\n\r', '   ') FROM leads
    WHERE converted_at IS NULL ORDER BY id LIMIT 50" >clients/after.txt
# A lost update: a lead whose version grew by other than its successful saves, or whose
# Description is not what its last successful save wrote, or two saves from one version.
lost=$(awk -F'\t' '
    FNR == 1 { file++ }
    file == 1 { split($0, p, "|"); before[p[1]] = p[2]; next }
    file == 2 { split($0, p, "|"); after[p[1]] = p[2]; text[p[1]] = p[3]; next }
    $3 == 0 { ok[$1]++; if ($4 > last[$1]) { last[$1] = $4; value[$1] = $5 }
              if (seen[$1 "@" $2]++) twice++ }
    END {
        bad = twice + 0
        for (id in after) {
            if (after[id] - before[id] != ok[id] + 0) bad++
            else if (ok[id] && text[id] != value[id]) bad++
        }
        print bad
    }' FS='\t' clients/before.txt clients/after.txt clients/all.tsv)
say "$clients clients saving for ${seconds}s with --if-version: $saved saved, $conflicts conflicts (exit 4), $errors other errors, lost updates: $lost"
say "  median save (rapport-cli update, process start included): $(awk -F'\t' '$3 == 0 { print $6 }' clients/all.tsv | median) ms"
t0=$(now); "$cli" --db "$bench_url" --json get leads "$(head -1 clients/ids.txt)" >/dev/null; t1=$(now)
say "  one rapport-cli get beside it (the process's own cost): $(ms "$t0" "$t1") ms"
say "results: $work/results.txt"
