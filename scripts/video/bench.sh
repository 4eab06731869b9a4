#!/usr/bin/env bash
# Video speed benchmark, side by side in one run on the same clip and machine:
#   1. the whole `runcoach analyze VIDEO` (release build: probe, decode, pose estimation, limb
#      tracking, gait analysis, report), frames per second of wall time including start-up: by
#      default (MediaPipe's models on the machine's cores, up to 4 threads), with one inference
#      thread (what MediaPipe's C API alone gives), and with --segments 2;
#   2. MediaPipe's own Python API (mediapipe 1.2.3 PoseLandmarker, video mode) with OpenCV
#      decoding, doing only pose estimation (model creation excluded);
#   3. that landmarker alone on frames decoded beforehand: the ceiling of any pipeline running one
#      single-threaded landmarker (MediaPipe's C API and Python API run their inference on one thread).
# Peak memory (max RSS) of each. Needs scripts/setup.sh (models, .venv-mediapipe).
# Usage: scripts/video/bench.sh [VIDEO] (default: the 1280×720 walking clip in ../shared/data/video)
set -euo pipefail
cd "$(dirname "$0")/../.."
VIDEO="${1:-../shared/data/video/sports2d-demo4-walking.mp4}"
MODELS="${RUNCOACH_MODELS:-$PWD/models}"
swift build -c release --product runcoach 2>&1 | tail -1
frames=$(ffprobe -v error -select_streams v:0 -count_packets -show_entries stream=nb_read_packets -of csv=p=0 "$VIDEO")
size=$(ffprobe -v error -select_streams v:0 -show_entries stream=width,height -of csv=s=x:p=0 "$VIDEO")
echo "clip: $VIDEO ($size, $frames frames); load average: $(cut -d' ' -f1-3 /proc/loadavg); $(nproc) cores"

run_swift() {  # extra runcoach options
    python3 - "$VIDEO" "$MODELS" "$@" <<'PY'
import json, resource, subprocess, sys, time
start = time.perf_counter()
subprocess.run([".build/release/runcoach", "analyze", sys.argv[1], "--models", sys.argv[2], *sys.argv[3:],
                "--no-progress", "--quiet"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
seconds = time.perf_counter() - start
print(json.dumps({"seconds": seconds, "peakRSSMiB": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024}))
PY
}
swift_default=$(run_swift)
python_json=$(.venv-mediapipe/bin/python scripts/video/mediapipe_reference.py bench "$VIDEO" "$MODELS/pose_landmarker_full.task" 2>/dev/null)
swift_one_thread=$(run_swift --inference-threads 1)
swift_segmented=$(run_swift --segments 2)
pose_json=$(.venv-mediapipe/bin/python scripts/video/mediapipe_reference.py bench-pose "$VIDEO" "$MODELS/pose_landmarker_full.task" 2>/dev/null)
python3 - "$frames" "$swift_default" "$swift_one_thread" "$swift_segmented" "$python_json" "$pose_json" <<'PY'
import json, sys
frames = int(sys.argv[1]); default, one_thread, segmented, python, pose = (json.loads(a) for a in sys.argv[2:7])
for name, run in (("runcoach analyze (whole, default)", default), ("runcoach analyze --inference-threads 1", one_thread),
                  ("runcoach analyze --segments 2", segmented)):
    fps = frames / run["seconds"]
    print(f"{name:40s} {fps:6.1f} frames/s  ({run['seconds']:.2f} s)  peak {run['peakRSSMiB']:.0f} MiB  ratio {fps / python['fps']:.2f}x")
print(f"{'MediaPipe Python + OpenCV (pose only)':40s} {python['fps']:6.1f} frames/s  ({python['seconds']:.2f} s)  peak {python['peakRSSMiB']:.0f} MiB")
print(f"{'Python landmarker alone, pre-decoded':40s} {pose['fps']:6.1f} frames/s  ({pose['seconds']:.2f} s)  {pose['fps'] / python['fps']:.2f}x: the ceiling of one single-threaded landmarker")
PY
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
