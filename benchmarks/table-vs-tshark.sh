#!/usr/bin/env bash
# Records a large capture of real loopback HTTP traffic, then times the lab's packet table against
# tshark printing the same fields, and checks that both print the same values in every column (TCP/IP
# and application), printing how many rows differ.
#
# usage: benchmarks/table-vs-tshark.sh [PACKETS] [WORK_DIR]
#   PACKETS   frames to capture (default 1000000)
#   WORK_DIR  where big.pcapng and the TSV files go (default target/bench, reused if big.pcapng exists
#             with at least PACKETS frames; delete it to record again)
#
# Needs: root or CAP_NET_RAW for dumpcap on lo, tshark, python3, Java 17, Maven. Everything stays on
# 127.0.0.1; the server and clients are stopped when the capture is complete (or on exit).
set -euo pipefail

packets=${1:-1000000}
root=$(cd "$(dirname "$0")/.." && pwd)
work=${2:-$root/target/bench}
mkdir -p "$work"
capture=$work/big.pcapng
fields=(frame.number frame.time_relative ip.src ip.dst tcp.srcport tcp.dstport tcp.stream tcp.flags
        tcp.seq tcp.ack tcp.seq_raw tcp.ack_raw tcp.len tcp.window_size_value tls.record.content_type
        tls.handshake.type ssh.protocol ssh.message_code http.request.method http.request.uri
        http.response.code)

pids=()
cleanup() {
    for pid in "${pids[@]}"; do
        kill "$pid" 2>/dev/null || true
    done
}
trap cleanup EXIT

free_port() {
    python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

frames_in() {
    capinfos -c -M "$1" 2>/dev/null | awk -F: '/Number of packets/ {gsub(/ /, "", $2); print $2}'
}

record() {
    local port
    port=$(free_port)
    echo "recording $packets frames of HTTP traffic on 127.0.0.1:$port into $capture"
    python3 "$root/benchmarks/loopback_traffic.py" server "$port" &
    pids+=($!)
    sleep 1
    dumpcap -q -i lo -f "tcp port $port" -c "$packets" -w "$capture" 2>"$work/dumpcap.err" &
    local dumpcap_pid=$!
    pids+=($dumpcap_pid)
    sleep 1
    # two clients keep both cores busy; each stops after a bounded number of requests
    for _ in 1 2; do
        python3 "$root/benchmarks/loopback_traffic.py" client "$port" "$packets" &
        pids+=($!)
    done
    wait "$dumpcap_pid"
    cleanup
    pids=()
}

if [[ ! -f $capture || $(frames_in "$capture") -lt $packets ]]; then
    record
fi
echo "capture: $capture, $(frames_in "$capture") frames, $(du -h "$capture" | cut -f1)"

echo "building the lab if its sources changed (./lab does that before it runs)"
"$root/lab" table --tsv "$root/captures/http-keepalive.pcapng" >/dev/null

echo
echo "== in-process table build (./lab bench)"
cat "$capture" >/dev/null
"$root/lab" bench "$capture"

tshark_args=()
for f in "${fields[@]}"; do
    tshark_args+=(-e "$f")
done

echo
echo "== TSV of all frames, end to end (process start included); load: $(cut -d' ' -f1-3 /proc/loadavg)"
elapsed() {
    local start end
    start=$(date +%s.%N)
    "$@"
    end=$(date +%s.%N)
    echo "$end - $start" | bc -l
}
run_tshark() {
    tshark -n -r "$capture" -T fields -E header=y -E separator=/t -E occurrence=a -E aggregator=, \
        "${tshark_args[@]}" >"$work/tshark.tsv" 2>"$work/tshark.err"
}
run_table() {
    # the command a user runs, JVM start and the lab script included
    "$root/lab" table --tsv "$capture" >"$work/table.tsv"
}
# Each run starts with the capture in the page cache (read through once), so that both tools are timed on
# the same footing: this machine pages cold file pages out within seconds. The runs alternate between the
# tools (lab, tshark, lab, tshark, lab), so that both meet the same moments of the machine, whose speed
# changes several-fold from minute to minute. Each tool's best run counts: tshark's of two (a run is long),
# the lab's of three; every run is printed.
warm() {
    cat "$capture" >/dev/null
}
timed() {
    warm
    elapsed "$@"
}
best() {
    printf '%s\n' "$@" | sort -g | head -n 1
}
# how fast this machine moves the cached file to a process right now: the floor for any reader of it
warm
copy_s=$(elapsed warm)
printf 'reading the cached capture (cat): %.2f s, %.1f GB/s\n' "$copy_s" "$(echo "$(stat -Lc %s "$capture") / $copy_s / 1000000000" | bc -l)"
table_runs=() tshark_runs=()
for _ in 1 2; do
    table_runs+=("$(timed run_table)")
    tshark_runs+=("$(timed run_tshark)")
done
table_runs+=("$(timed run_table)")
tshark_s=$(best "${tshark_runs[@]}")
table_s=$(best "${table_runs[@]}")
printf 'tshark -T fields     : %8.2f s (best of 2: %s)\n' "$tshark_s" "$(printf '%.2f ' "${tshark_runs[@]}")"
printf './lab table --tsv    : %8.2f s (best of 3: %s)\n' "$table_s" "$(printf '%.2f ' "${table_runs[@]}")"
printf 'speed-up             : %8.1fx\n' "$(echo "$tshark_s / $table_s" | bc -l)"

echo
echo "== all ${#fields[@]} columns compared with tshark"
# every column, application fields included: an HTTP field only one side shows is a difference too
diff "$work/tshark.tsv" "$work/table.tsv" >"$work/diff.txt" || true
differing=$(grep -c '^>' "$work/diff.txt" || true)
missing=$(grep -c '^<' "$work/diff.txt" || true)
echo "rows: $(($(wc -l <"$work/table.tsv") - 1)); differing rows: $differing (table) / $missing (tshark)"
if ((differing > 0 || missing > 0)); then
    echo "DIFFERENT; first differing lines (< tshark, > table):"
    head -20 "$work/diff.txt"
    exit 1
fi
echo "identical"
