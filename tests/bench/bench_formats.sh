#!/usr/bin/env bash
# Excel workbooks against CSV (issue 10, "Figures"): import and export of N leads through
# rapport-cli, .xlsx against .csv, wall clock, CPU and peak memory of each step.
#
#   tests/bench/bench_formats.sh [BUILD_DIR [ROWS [REPEATS]]]
#
#   BUILD_DIR  a built tree with app/rapport-cli (default: build)
#   ROWS       how many leads (default: 1000000)
#   REPEATS    how many times the import pair is run (default: 1; each time into new databases,
#              the order of the pair swapped on every second run)
#
# Environment: EXPORT_REPEATS=N runs the export pair N times (default 3); BENCH_DIR=DIR works
# in DIR (made if missing) instead of a new temporary directory; KEEP=1 keeps the files (the
# databases and files of a million leads take ~3 GB).
#
# What it does, in a temporary directory (HOME and the XDG directories point into it, so no
# settings or remembered column mappings of the user are read or written):
#   1. rapport-cli demo --csv leads.csv --leads ROWS        the project's own generator
#   2. rapport-cli --db A.sqlite import leads leads.csv     the records to export
#   3. rapport-cli --db A.sqlite export leads out.csv       } back to back: the export pair,
#      rapport-cli --db A.sqlite export leads out.xlsx      } EXPORT_REPEATS times
#   4. rapport-cli --db B.sqlite import leads out.xlsx      } back to back, each into a new
#      rapport-cli --db C.sqlite import leads out.csv       } database: the import pair
# The import pair reads Rapport's own export of the same records, same rows and same columns,
# so out.csv is the fair reference for out.xlsx. Each step runs under /usr/bin/time -v; the
# load average (/proc/loadavg) is taken just before it. The targets: xlsx import ≤ 1.5 × CSV,
# xlsx export ≤ 2 × CSV, peak RSS ≤ 200 MB.
set -euo pipefail

here=$(cd "$(dirname "$0")/../.." && pwd)
build=${1:-build}
case $build in /*) ;; *) build=$here/$build ;; esac
rows=${2:-1000000}
repeats=${3:-1}
export_repeats=${EXPORT_REPEATS:-3}
cli=$build/app/rapport-cli
[ -x "$cli" ] || { echo "no $cli: build it first (cmake --build $build --target rapport-cli)" >&2; exit 2; }
[ -x /usr/bin/time ] || { echo "needs /usr/bin/time (Debian: apt-get install time)" >&2; exit 2; }

if [ -n "${BENCH_DIR:-}" ]; then
    mkdir -p "$BENCH_DIR"
    work=$(cd "$BENCH_DIR" && pwd)
else
    work=$(mktemp -d "${TMPDIR:-/tmp}/bench-formats.XXXXXX")
fi
cleanup() {
    if [ "${KEEP:-0}" != 1 ]; then
        rm -f "$work"/*.sqlite "$work"/*.sqlite-* "$work"/*.csv "$work"/*.xlsx
    fi
}
trap cleanup EXIT

export RAPPORT_USER=${RAPPORT_USER:-Bench}
export HOME=$work/home XDG_CONFIG_HOME=$work/home/.config XDG_DATA_HOME=$work/home/.local/share
export XDG_CACHE_HOME=$work/home/.cache XDG_RUNTIME_DIR=$work/home/run QT_QPA_PLATFORM=offscreen
mkdir -p "$XDG_CONFIG_HOME" "$XDG_DATA_HOME" "$XDG_CACHE_HOME" "$XDG_RUNTIME_DIR"
chmod 700 "$XDG_RUNTIME_DIR"
cd "$work"

results=$work/results.tsv
printf 'step\twall_s\tuser_s\tsys_s\tpeak_rss_mb\tload_before\tout\n' >"$results"

# measure LABEL OUTFILE COMMAND...: one step under /usr/bin/time -v; its standard output
# (the --json result) goes to LABEL.out.
measure() {
    local label=$1 out=$2; shift 2
    local load; load=$(cut -d' ' -f1-3 /proc/loadavg)
    echo "== $label (load $load): $*" >&2
    if ! /usr/bin/time -v -o "$label.time" "$@" >"$label.out"; then
        echo "$label failed:" >&2; cat "$label.out" "$label.time" >&2; exit 1
    fi
    awk -v label="$label" -v load="$load" -v out="$out" -F': ' '
        /Elapsed \(wall clock\)/ { n = split($2, p, ":"); w = 0; for (i = 1; i <= n; i++) w = w * 60 + p[i] }
        /User time/ { u = $2 } /System time/ { s = $2 } /Maximum resident/ { m = $2 / 1024 }
        END { printf "%s\t%.2f\t%.2f\t%.2f\t%.0f\t%s\t%s\n", label, w, u, s, m, load, out }
    ' "$label.time" >>"$results"
    tail -n1 "$results" >&2
}

# The checkout's commit and the binary's build time, taken before the run (the tree may move on).
rev=$(git -C "$here" rev-parse --short HEAD 2>/dev/null || echo '?')
built=$(date -u -r "$cli" '+%F %H:%M')
echo "rapport-cli: $cli (checkout at $rev, binary built $built UTC)" >&2
echo "working in $work; $rows leads; $(nproc) cores" >&2

measure generate leads.csv "$cli" demo --csv leads.csv --leads "$rows"
measure import-setup A.sqlite "$cli" --db A.sqlite --json import leads leads.csv
# The export pair takes seconds where the imports take minutes: repeated, the order swapped
# on every second run, so that one noisy run does not decide the ratio.
for ((r = 1; r <= export_repeats; r++)); do
    if ((r % 2)); then
        measure "export-csv-$r" out.csv "$cli" --db A.sqlite --json export leads out.csv
        measure "export-xlsx-$r" out.xlsx "$cli" --db A.sqlite --json export leads out.xlsx
    else
        measure "export-xlsx-$r" out.xlsx "$cli" --db A.sqlite --json export leads out.xlsx
        measure "export-csv-$r" out.csv "$cli" --db A.sqlite --json export leads out.csv
    fi
done
for ((r = 1; r <= repeats; r++)); do
    if ((r % 2)); then
        measure "import-xlsx-$r" "B$r.sqlite" "$cli" --db "B$r.sqlite" --json import leads out.xlsx
        measure "import-csv-$r" "C$r.sqlite" "$cli" --db "C$r.sqlite" --json import leads out.csv
    else
        measure "import-csv-$r" "C$r.sqlite" "$cli" --db "C$r.sqlite" --json import leads out.csv
        measure "import-xlsx-$r" "B$r.sqlite" "$cli" --db "B$r.sqlite" --json import leads out.xlsx
    fi
    # Both must have made every row, or the comparison says nothing.
    for f in "import-xlsx-$r.out" "import-csv-$r.out"; do
        grep -q "\"created\": *$rows\b" "$f" || { echo "$f did not create $rows leads:" >&2; cat "$f" >&2; exit 1; }
    done
done

echo
echo "rapport-cli (checkout at $rev, binary built $built UTC), $rows leads, $(date -u +%F), $(nproc) cores"
echo
{
    printf 'step\twall s\tuser s\tsys s\tpeak RSS MB\tload before\tfile MB\n'
    tail -n +2 "$results" | while IFS=$'\t' read -r step w u s m load out; do
        size=$(du -m --apparent-size "$out" | cut -f1)
        printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$step" "$w" "$u" "$s" "$m" "$load" "$size"
    done
} | column -t -s $'\t'
echo
# ratio XLSX_STEP CSV_STEP TARGET: wall and CPU (user + sys) ratios against the target.
ratio() {
    awk -F'\t' -v x="$1" -v c="$2" -v t="$3" '
        $1 == x { xw = $2; xc = $3 + $4; xm = $5 } $1 == c { cw = $2; cc = $3 + $4; cm = $5 }
        END {
            if (cw <= 0 || cc <= 0) { printf "%-26s too fast to compare\n", x " / " c; exit }
            rw = xw / cw; rc = xc / cc
            printf "%-26s wall %.2f x (%s), CPU %.2f x (%s), target <= %s x; peak RSS %d / %d MB (%s)\n",
                x " / " c, rw, rw <= t ? "met" : "missed", rc, rc <= t ? "met" : "missed", t,
                xm, cm, (xm <= 200 && cm <= 200) ? "met" : "missed"
        }' "$results"
}
for ((r = 1; r <= export_repeats; r++)); do ratio "export-xlsx-$r" "export-csv-$r" 2; done
for ((r = 1; r <= repeats; r++)); do ratio "import-xlsx-$r" "import-csv-$r" 1.5; done
echo
echo "raw figures: $results (kept), /usr/bin/time output: $work/*.time"
