#!/usr/bin/env bash
# Time from SIGINT to the end of each long command class (issue 15; the release target is 200 ms).
#
# Each class runs as a script (`upshell -c "...; COMMAND"`); SIGINT is sent once the command has run
# for a while, and the time until "cancelled" is reported (the interactive shell's Ctrl-C-to-prompt
# time, within ~2 ms of polling) and until the process has exited (status 130) are taken. The end-to-end
# test Tests/UpshellEndToEndTests/InterruptEachCommandTests.swift checks the prompt itself in a terminal.
#
# Usage: bash Scripts/bench_interrupt.sh            (builds nothing: run `swift build -c release` first)
#        UPSHELL_BIN=.build/debug/upshell bash Scripts/bench_interrupt.sh
# Uses ../shared/datasets/online_retail.csv or Datasets/public/online_retail.csv.gz for the Online
# Retail classes; the other data are generated (awk, fixed seed) in a temporary folder.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
BIN=${UPSHELL_BIN:-.build/release/upshell}
[ -x "$BIN" ] || { echo "no $BIN: run 'swift build -c release' first" >&2; exit 2; }
BIN=$(cd "$(dirname "$BIN")" && pwd)/$(basename "$BIN")
RETAIL=""
for f in ../shared/datasets/online_retail.csv Datasets/public/online_retail.csv.gz; do
    if [ -f "$f" ]; then RETAIL=$(cd "$(dirname "$f")" && pwd)/$(basename "$f"); break; fi
done
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
cd "$WORK"

# 600,000 random order lines over 200,000 customers (clv fit does not converge on them: long)
awk 'BEGIN { srand(15); print "order_id,customer_id,created_at,sku,quantity,unit_price";
  for (o = 0; o < 600000; o++) { d = int(rand() * 700); y = 2024 + int(d / 365); m = int((d % 365) / 31) + 1;
    printf "%d,C%d,%d-%02d-%02d 10:00:00,S%d,1,%d.00\n", o, int(rand() * 200000), y, m, d % 28 + 1, int(rand() * 500), 5 + int(rand() * 195) } }' > shop.csv
# baskets: 30,000 of 20 of 3,000 products (3.2 M pairs); two of 40 items (2^40 itemsets at 50%)
awk 'BEGIN { srand(16); for (b = 0; b < 30000; b++) { delete seen; line = ""; n = 0;
  while (n < 20) { p = int(rand() * 3000); if (!(p in seen)) { seen[p] = 1; line = line (n ? "," : "") "p" p; n++ } } print line } }' > wide.csv
awk 'BEGIN { for (b = 0; b < 2; b++) { line = "item0"; for (i = 1; i < 40; i++) line = line ",item" i; print line } print "item0,item1"; print "item0,item1" }' > long.csv
PRICES=$(seq -s, 10 2009)

# measure NAME DELAY SCRIPT: runs the script, sends SIGINT after DELAY seconds, prints the time until
# the error "cancelled" is written (where the interactive shell shows its prompt) and until the process
# has exited (exit also unmaps the process's memory: hundreds of ms after a 4 GB command).
measure() {
    local name=$1 delay=$2 script=$3
    : > "$WORK/err"
    "$BIN" --no-rc --no-demo -c "$script" > /dev/null 2> "$WORK/err" &
    local pid=$!
    sleep "$delay"
    if ! kill -0 "$pid" 2> /dev/null; then
        wait "$pid" || true
        printf '%-38s finished before SIGINT (%s s): not measured\n' "$name" "$delay"
        return
    fi
    local t0 t1 t2 status=0
    t0=$(date +%s%N)
    kill -INT "$pid"
    while ! grep -q cancelled "$WORK/err" && kill -0 "$pid" 2> /dev/null; do sleep 0.002; done
    t1=$(date +%s%N)
    wait "$pid" || status=$?
    t2=$(date +%s%N)
    printf '%-38s %6d ms to "cancelled", %6d ms to exit %d\n' "$name" $(( (t1 - t0) / 1000000 )) $(( (t2 - t0) / 1000000 )) "$status"
}

echo "upshell: $BIN"
echo "SIGINT to exit, per command class:"
if [ -n "$RETAIL" ]; then
    measure "load Online Retail (540k lines)" 0.3 "load $RETAIL as r brief"
    measure "bundles top=5 (Online Retail)" 6 "load $RETAIL as r brief; bundles top=5"
    measure "pairs top=4000000 (Online Retail)" 4 "load $RETAIL as r brief; pairs top=4000000 min-orders=1"
    measure "pairs top=4000000 csv, printing (OR)" 40 "load $RETAIL as r brief; format csv; pairs top=4000000 min-orders=1"
else
    echo "(no Online Retail file: its classes are skipped)"
fi
measure "load 600k generated lines" 0.5 "load shop.csv as shop brief"
# The 10 M-line bench file (made by `bash Scripts/bench --sizes 10000000 --only load`), interrupted at
# several points so that parsing, the column merge and the order model's steps are each hit.
BIG=$ROOT/Scripts/.bench-data/orders_10000000.csv
if [ -f "$BIG" ]; then
    for delay in ${BIG_DELAYS:-2 5 7 8 9 10}; do
        measure "load 10M lines, SIGINT at ${delay} s" "$delay" "load $BIG as big brief"
    done
else
    echo "(no $BIG: run Scripts/bench --sizes 10000000 --only load to make it; its class is skipped)"
fi
measure "clv fit (600k random orders)" 5 "load shop.csv as shop brief; clv fit"
measure "pairs top=4000000 (3.2 M pairs)" 2 "load wide.csv as w format=baskets brief; pairs top=4000000 min-orders=1"
measure "itemsets force (2^40 itemsets)" 1 "load long.csv as l format=baskets brief; itemsets min-support=50% force"
measure "rules force (2^40 itemsets)" 1 "load long.csv as l format=baskets brief; rules min-support=50% min-confidence=0% force"
measure "tiers with 2,000 prices" 2 "load $ROOT/Datasets/demo/orders.csv as demo brief; tiers $PRICES"
measure "sweep threshold (161 points)" 2 "load $ROOT/Datasets/demo/orders.csv as demo brief; sweep threshold 20..100 step=0.5 draws=2000"
