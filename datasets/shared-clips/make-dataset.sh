#!/usr/bin/env bash
# Builds the small real dataset from ../shared/data/video and the hand annotations in annotations/
# (see README.md): `runcoach dataset init`, one `dataset add` per clip (referenced in place: the
# GPL clips must not be copied), `dataset import` of both annotation exports, and pipeline.yaml.
#
# Usage: datasets/shared-clips/make-dataset.sh OUTPUT_FOLDER
# Environment: RUNCOACH (the runcoach executable, default: runcoach on PATH),
#              SHARED_VIDEO (default: ../shared/data/video next to the repository).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
out="$1"
runcoach="${RUNCOACH:-runcoach}"
video="${SHARED_VIDEO:-$(cd "$here/../../../shared/data/video" && pwd)}"

"$runcoach" dataset init "$out" --name shared-clips
add() {  # file id runner, then metadata options
    local file=$1 id=$2 runner=$3; shift 3
    "$runcoach" dataset add "$video/$file" --dataset "$out" --reference --id "$id" --runner "$runner" "$@"
}
hato=(--sex unknown --pace sprint --environment track --camera side --stable-camera true --lighting daylight --weather clear
      --license GPL-3.0 --notes "hato72/simple-HRNet movie2: sprint start from blocks, first steps of acceleration")
add hato72-sprintstart-b1.mp4 b1 hato72-A "${hato[@]}"
add hato72-sprintstart-b2.mp4 b2 hato72-A "${hato[@]}"
add hato72-sprintstart-b3.mp4 b3 hato72-A "${hato[@]}"
add hato72-sprintstart-b4.mp4 b4 hato72-B "${hato[@]}"
add hato72-sprintstart-b5.mp4 b5 hato72-A "${hato[@]}"
add sports2d-demo3-running.mp4 demo3 sports2d-demo3 --sex female --pace easy --camera side --stable-camera true --lighting daylight \
    --license BSD-3-Clause --notes "Sports2D demo3: running on a grass field (no environment category fits), about one stride"
add sports2d-demo4-walking.mp4 demo4 sports2d-demo4 --sex unknown --pace walk --camera side --stable-camera true --lighting indoor \
    --weather indoor --license BSD-3-Clause --notes "Sports2D demo4: walking indoors; negative control, deliberately not annotated"

"$runcoach" dataset import "$here/annotations/hato72-sprintstarts.label-studio.json" --dataset "$out"
"$runcoach" dataset import "$here/annotations/sports2d-demo3.cvat.xml" --dataset "$out"
cp "$here/pipeline.yaml" "$out/pipeline.yaml"
