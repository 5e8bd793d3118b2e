#!/usr/bin/env bash
# CPU used by an idle `lrlab` (Home screen, no input) over N seconds, read from
# /proc/<pid>/stat (utime + stime) before and after. The app runs in a private tmux server.
#   Usage: scripts/idle-cpu.sh [path/to/lrlab] [seconds] [extra lrlab arguments…]
#   e.g.   swift build -c release --product lrlab && scripts/idle-cpu.sh .build/release/lrlab 10
set -euo pipefail
bin=$(realpath "${1:-.build/release/lrlab}")
secs=${2:-10}
shift $(( $# >= 2 ? 2 : $# ))
sock="lrlab-idle-$$"
trap 'tmux -L "$sock" kill-server 2>/dev/null || true' EXIT
tmux -L "$sock" -f /dev/null new-session -d -x 200 -y 60 \
  "LANG=C.UTF-8 XDG_STATE_HOME=$(mktemp -d) exec '$bin' $*" </dev/null >/dev/null 2>&1
sleep 2
pid=$(tmux -L "$sock" list-panes -F '#{pane_pid}')
[[ "$(cat /proc/"$pid"/comm)" == lrlab* ]] || { echo "lrlab is not running in the pane" >&2; exit 1; }
cpu() { awk '{print $14 + $15}' "/proc/$pid/stat"; }
before=$(cpu)
sleep "$secs"
after=$(cpu)
hz=$(getconf CLK_TCK)
ticks=$((after - before))
awk -v t="$ticks" -v hz="$hz" -v s="$secs" \
  'BEGIN { printf "idle lrlab: %d ticks = %.3f s CPU in %d s (%.2f%%)\n", t, t / hz, s, 100 * t / hz / s }'
