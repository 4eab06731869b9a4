#!/usr/bin/env bash
# One command on a fresh Debian 12 machine: set up, build, and run the main job on a bundled
# default — a simulated runner analysed into a terminal summary, a JSON report and an HTML report
# under out/demo/.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
echo "==> building runcoach (release)"
swift build -c release --product runcoach 2>&1 | tail -1
runcoach=".build/release/runcoach"
mkdir -p out/demo
echo "==> simulating a runner (10 s, 60 fps, side view, 2 px landmark noise)"
"$runcoach" simulate --out out/demo/run.json --truth out/demo/truth.json --noise 2 --seed 1
echo "==> analysing it"
"$runcoach" analyze out/demo/run.json --json out/demo/report.json --html out/demo/report.html
echo
echo "Done. Open out/demo/report.html in a browser; compare out/demo/report.json with the exact"
echo "ground truth in out/demo/truth.json (runcoach compare, see README)."
