#!/usr/bin/env bash
# Cold start and idle memory of the release app against a bare Tauri window (crates/bare-window)
# built from the same toolchain and measured in the same run, as rows of the table scripts/bench.sh
# prints.
#
#   bash scripts/bench-window.sh DESK_DATA_DIR PORTAL_URL
#
# DESK_DATA_DIR is a desk data dir already synced with a large supplier (100,000 orders: see
# scripts/bench.sh for the sandbox's large data set and the first sync), PORTAL_URL the portal
# sandbox serving that supplier (started with --order-every 0, so nothing new arrives). The app
# runs as `supplier-desk --data-dir DESK_DATA_DIR --portal PORTAL_URL`; its background sync at
# start pulls nothing new, so runs leave the data as they found it.
#
# Cold start is the wall time from spawning the process to its ready line on stdout: the app's
# `supplier-desk: window shows the sign-in screen` (every start opens on staff sign-in, or on a
# new desk on its first account; the screen is in the page, up to a frame before it is painted),
# the bare window's `bare-window: painted` (its first frame is out). Idle
# memory is taken IDLE seconds after that line, once the tree has stopped using CPU, over the
# whole process tree (the app, WebKitWebProcess, WebKitNetworkProcess): the sum of PSS from
# /proc/PID/smaps_rollup (a page shared by n processes counts 1/n in each, so pages shared within
# the tree count once) and the sum of RSS (shared pages counted in every process). Without a
# display, the runs happen under Xvfb at the window's size.
#
# Environment: RUNS (measured runs of each, default 5; one warm-up of each comes first so the
# page cache is equally warm), IDLE (seconds, default 5), TIMEOUT (seconds to the ready line,
# default 120). The table rows go to stdout; build output and every run's figures to stderr.
set -euo pipefail

usage() {
  echo "usage: $0 DESK_DATA_DIR PORTAL_URL   (RUNS=5 IDLE=5 TIMEOUT=120)" >&2
  exit 2
}
[ $# -eq 2 ] || usage
data_dir=$(realpath -e "$1" 2>/dev/null) || { echo "bench-window: no such data dir: $1" >&2; exit 2; }
portal=$2
runs=${RUNS:-5}
idle=${IDLE:-5}
timeout=${TIMEOUT:-120}
[ -f "$data_dir/desk.sqlite" ] || { echo "bench-window: $data_dir holds no desk.sqlite (run a first sync into it)" >&2; exit 2; }
[[ $portal =~ ^https?://[^/]+ ]] || { echo "bench-window: not a portal URL: $portal" >&2; exit 2; }
[[ $runs =~ ^[1-9][0-9]*$ && $idle =~ ^[0-9]+$ && $timeout =~ ^[1-9][0-9]*$ ]] || usage
cd "$(dirname "$0")/.."

# The portal must answer, or every start would measure a failing sign-in.
if ! python3 -c 'import sys, urllib.request; urllib.request.urlopen(sys.argv[1] + "/v1/openapi.json", timeout=10)' "${portal%/}" 2>/dev/null; then
  echo "bench-window: the portal at $portal does not answer (GET /v1/openapi.json)" >&2
  exit 1
fi

# Build: the UI first (it is embedded), then the app and the bare window in one cargo run, so
# both link the same tauri build.
bash scripts/setup.sh >&2
cargo build --release --features custom-protocol -p supplier-desk -p bare-window >&2
target=$(cargo metadata --format-version 1 --no-deps | python3 -c 'import json,sys; print(json.load(sys.stdin)["target_directory"])')
app=$target/release/supplier-desk
bare=$target/release/bare-window

work=$(mktemp -d)
xvfb=""
tree_pids=()  # the process tree of the run in progress, for cleanup

# Every process of the tree rooted at $1 (itself included), from the parent links in /proc.
descendants() {
  ps -e -o pid=,ppid= | awk -v root="$1" '
    { parent[$1] = $2; pids[NR] = $1 }
    END {
      keep[root] = 1; print root
      do {
        added = 0
        for (i in pids) { p = pids[i]; if (!(p in keep) && (parent[p] in keep)) { keep[p] = 1; print p; added = 1 } }
      } while (added)
    }'
}

# sleep that a signal interrupts at once (bash runs a trap only after a foreground command ends).
pause() {
  sleep "$1" &
  wait $!
}

# CPU time (ms) used so far by the processes listed on stdin.
tree_cpu_ms() {
  local p ticks=0 t
  while read -r p; do
    t=$(awk '{ print $14 + $15 }' "/proc/$p/stat" 2>/dev/null) || continue
    ticks=$((ticks + ${t:-0}))
  done
  echo $((ticks * 1000 / $(getconf CLK_TCK)))
}

# Stops a process tree: SIGTERM to the root (WebKit's processes leave when their app does), then
# SIGKILL to whatever of the tree and its process group is left after 5 s.
stop_tree() {
  local root=$1 pids alive p
  pids=$(descendants "$root" | tr '\n' ' ')
  kill -TERM "$root" 2>/dev/null || true
  for _ in $(seq 50); do
    alive=""
    for p in $pids; do [ -d "/proc/$p" ] && [ "$(awk '{print $3}' "/proc/$p/stat" 2>/dev/null)" != Z ] && alive+="$p "; done
    [ -z "$alive" ] && break
    sleep 0.1
  done
  if [ -n "$alive" ]; then
    echo "bench-window: still running 5 s after SIGTERM, killing: $alive" >&2
    kill -KILL -- "-$root" $alive 2>/dev/null || true
  fi
  wait "$root" 2>/dev/null || true
}

cleanup() {
  local status=$?
  for p in "${tree_pids[@]}"; do stop_tree "$p"; done
  [ -n "$xvfb" ] && kill "$xvfb" 2>/dev/null && wait "$xvfb" 2>/dev/null
  rm -rf "$work"
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

orders=$("$app" status --data-dir "$data_dir" | python3 -c 'import json,sys; print(json.load(sys.stdin)["orders"])')
echo "bench-window: $data_dir holds $orders orders" >&2

if [ -z "${DISPLAY:-}" ] || ! xdpyinfo >/dev/null 2>&1; then
  Xvfb -displayfd 3 -screen 0 1280x800x24 -nolisten tcp 3>"$work/display" 2>"$work/xvfb.log" &
  xvfb=$!
  for _ in $(seq 100); do [ -s "$work/display" ] && break; sleep 0.1; done
  [ -s "$work/display" ] || { echo "bench-window: Xvfb did not start:" >&2; cat "$work/xvfb.log" >&2; exit 1; }
  export DISPLAY=":$(tr -d '[:space:]' <"$work/display")"
  echo "bench-window: running under Xvfb on $DISPLAY" >&2
fi

# measure NAME READY_PATTERN COMMAND...: starts the command in its own session, waits for the
# ready line, idles, samples the tree's memory and stops it. Sets ms, pss_kb and rss_kb.
measure() {
  local name=$1 pattern=$2 fifo="$work/$1.stdout" fd line t0 now pid deadline status
  shift 2
  mkfifo "$fifo"
  exec {fd}<>"$fifo"  # read-write, so opening it never blocks and no line is lost
  t0=${EPOCHREALTIME/./}
  setsid "$@" >"$fifo" 2>"$work/$name.log" &
  pid=$!
  tree_pids=("$pid")
  deadline=$((t0 + timeout * 1000000))
  while :; do
    status=0
    IFS= read -r -t 0.5 -u "$fd" line || status=$?
    now=${EPOCHREALTIME/./}
    if [ "$status" -eq 0 ] && [[ $line =~ $pattern ]]; then break; fi
    if [ "$status" -eq 0 ]; then continue; fi
    if ! kill -0 "$pid" 2>/dev/null; then
      echo "bench-window: $name exited before its ready line; its log:" >&2
      tail -n 30 "$work/$name.log" >&2
      exit 1
    fi
    if [ "$now" -ge "$deadline" ]; then
      echo "bench-window: $name printed no ready line within $timeout s; its log:" >&2
      tail -n 30 "$work/$name.log" >&2
      exit 1
    fi
  done
  ms=$(((now - t0) / 1000))
  local cpu_ready cpu_before cpu_after waited=$idle
  cpu_ready=$(descendants "$pid" | tree_cpu_ms)
  # Idle: IDLE seconds, and then until the tree has used under 50 ms of CPU in a second (WebKit
  # may still be painting the page), for at most 30 s more.
  pause "$idle"
  cpu_before=$(descendants "$pid" | tree_cpu_ms)
  while :; do
    pause 1
    waited=$((waited + 1))
    cpu_after=$(descendants "$pid" | tree_cpu_ms)
    [ $((cpu_after - cpu_before)) -lt 50 ] && break
    if [ "$waited" -ge $((idle + 30)) ]; then
      echo "bench-window: $name still busy ($((cpu_after - cpu_before)) ms CPU in the last second) after $waited s; measuring anyway" >&2
      break
    fi
    cpu_before=$cpu_after
  done
  kill -0 "$pid" 2>/dev/null || { echo "bench-window: $name exited while idle; its log:" >&2; tail -n 30 "$work/$name.log" >&2; exit 1; }
  pss_kb=0 rss_kb=0
  local p kb rss parts=""
  for p in $(descendants "$pid"); do
    kb=$(awk '/^Pss:/ {print $2}' "/proc/$p/smaps_rollup" 2>/dev/null) || continue
    rss=$(awk '/^Rss:/ {print $2}' "/proc/$p/smaps_rollup" 2>/dev/null) || continue
    [ -n "$kb" ] && [ -n "$rss" ] || continue
    pss_kb=$((pss_kb + kb))
    rss_kb=$((rss_kb + rss))
    parts+=" $(cat "/proc/$p/comm" 2>/dev/null || echo "$p") $((kb / 1024))"
  done
  stop_tree "$pid"
  tree_pids=()
  exec {fd}<&-
  rm -f "$fifo"
  echo "bench-window: $name: ready in $ms ms (CPU $cpu_ready ms); after $waited s idle (CPU $cpu_after ms): PSS $((pss_kb / 1024)) MB (MB by process:$parts), RSS $((rss_kb / 1024)) MB" >&2
}

run_app() { measure app 'window shows the [a-z-]* screen' "$app" --data-dir "$data_dir" --portal "$portal"; }
run_bare() { measure bare 'bare-window: painted' "$bare"; }

echo "bench-window: warm-up" >&2
run_app
run_bare
app_ms=() bare_ms=() app_pss=() bare_pss=() app_rss=() bare_rss=()
for i in $(seq "$runs"); do
  echo "bench-window: run $i of $runs" >&2
  run_app
  app_ms+=("$ms") app_pss+=("$pss_kb") app_rss+=("$rss_kb")
  run_bare
  bare_ms+=("$ms") bare_pss+=("$pss_kb") bare_rss+=("$rss_kb")
done

median() { printf '%s\n' "$@" | sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f×", a / b }'; }
mb() { awk -v kb="$1" 'BEGIN { printf "%.0f MB", kb / 1024 }'; }

echo "bench-window: app starts (ms): ${app_ms[*]}; bare: ${bare_ms[*]}" >&2
echo "bench-window: app idle PSS (kB): ${app_pss[*]}; bare: ${bare_pss[*]}" >&2
echo "bench-window: app idle RSS (kB): ${app_rss[*]}; bare: ${bare_rss[*]}" >&2
ms_app=$(median "${app_ms[@]}") ms_bare=$(median "${bare_ms[@]}")
pss_app=$(median "${app_pss[@]}") pss_bare=$(median "${bare_pss[@]}")
rss_app=$(median "${app_rss[@]}") rss_bare=$(median "${bare_rss[@]}")
echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(. /etc/os-release && echo "$PRETTY_NAME"), $(rustc --version), webkit2gtk $(pkg-config --modversion webkit2gtk-4.1 2>/dev/null || echo '?')"
echo "| cold start to the first screen (staff sign-in) of a desk of $orders orders under Xvfb (median of $runs) | $ms_app ms | bare Tauri window $ms_bare ms | $(ratio "$ms_app" "$ms_bare") | ≤ 1.1× |"
echo "| idle memory with the WebKit processes, PSS (median of $runs, RSS sum) | $(mb "$pss_app") (RSS $(mb "$rss_app")) | bare Tauri window $(mb "$pss_bare") (RSS $(mb "$rss_bare")) | $(ratio "$pss_app" "$pss_bare") | ≤ 1.1× |"
