#!/usr/bin/env bash
# The reference the video tests and benchmark compare with: MediaPipe's own Python tasks API
# (mediapipe 1.2.3, from the wheel the previous step downloaded) and OpenCV, in a virtual
# environment at .venv-mediapipe/ (git-ignored). Versions pinned in
# scripts/video-reference-requirements.txt. Idempotent, offline once done. Only tests and the
# benchmark use it: runcoach itself needs no Python.
set -euo pipefail
cd "$(dirname "$0")/../.."
MODELS="${RUNCOACH_MODELS:-$PWD/models}"
VENV=.venv-mediapipe
WHEEL="$MODELS/wheels/mediapipe-1.2.3-py3-none-manylinux_2_28_x86_64.whl"

if [ "$(uname -s)-$(uname -m)" != "Linux-x86_64" ]; then
    echo "    the MediaPipe reference needs Linux x86_64; skipping"
    exit 0
fi
stamp="$VENV/.runcoach-requirements"
if [ -x "$VENV/bin/python" ] && cmp -s scripts/video-reference-requirements.txt "$stamp" \
    && "$VENV/bin/python" -c "import mediapipe, cv2, numpy" 2>/dev/null; then
    echo "    MediaPipe Python reference: $VENV (ready)"
    exit 0
fi
echo "    creating $VENV with mediapipe 1.2.3 and OpenCV (test/benchmark reference)"
rm -rf "$VENV"
python3 -m venv "$VENV"
"$VENV/bin/python" -m pip install --quiet --disable-pip-version-check \
    -r scripts/video-reference-requirements.txt "$WHEEL"
cp scripts/video-reference-requirements.txt "$stamp"
echo "    MediaPipe Python reference: $VENV (ready)"
