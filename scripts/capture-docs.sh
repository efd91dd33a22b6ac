#!/usr/bin/env bash
# Captures the dashboard running a workload in tmux, as text and ANSI, at 120×40 and 80×24,
# and renders the coloured 120×40 capture to docs/dashboard.png. Usage: capture-docs.sh BINARY
set -euo pipefail
bin=$(realpath "${1:?usage: capture-docs.sh path/to/streamtop}")
cd "$(dirname "$0")/.."
mkdir -p docs
sock="streamtop-docs-$$"
t() { tmux -L "$sock" -f /dev/null "$@"; }
trap 't kill-server 2>/dev/null || true' EXIT
placement=${PLACEMENT:-cpu,cpu}
t new-session -d -x 120 -y 40 "env TERM=xterm-256color COLORTERM=truecolor '$bin' --workload matmul-exp-split --placement $placement --m 1024 --trace-dir /tmp; sleep 5"
sleep "${WARMUP:-6}"
t send-keys Tab  # focus the op table, so its latency graph shows the top op
t send-keys Down
sleep 1
t capture-pane -p > docs/dashboard-120x40.txt
t capture-pane -p -e > docs/dashboard-120x40.ansi
t send-keys Space
sleep 0.5
t capture-pane -p > docs/dashboard-frozen-120x40.txt
t send-keys Space
t resize-window -x 80 -y 24
sleep 1.5
t capture-pane -p > docs/dashboard-80x24.txt
t resize-window -x 40 -y 10
sleep 1
t capture-pane -p > docs/dashboard-too-small.txt
t send-keys q
python3 scripts/ansi-to-png.py docs/dashboard-120x40.ansi docs/dashboard.png 120 40
echo "docs/: $(ls docs | tr '\n' ' ')"
