"""MediaPipe's own Python tasks API as the reference for runcoach's video path.

Runs in the venv that scripts/setup.d/31-video-reference.sh makes (.venv-mediapipe/).

  landmarks FRAMES.json OUT.json
      FRAMES.json: {"bundle", "maxPoses", "width", "height", "rawPath", "timestampsMs": [...]}.
      Reads the raw RGB24 frames runcoach decoded, runs PoseLandmarker (video mode) on them with
      the same timestamps and writes {"frames": [[[x, y, z, visibility] * 33] per pose] per frame}.
  bench VIDEO BUNDLE
      OpenCV decoding + PoseLandmarker video mode, pose estimation only (the Python pipeline the
      benchmark compares with). Prints one JSON line: frames, seconds, frames per second, peak RSS.
  bench-pose VIDEO BUNDLE
      The same landmarker on frames decoded beforehand: the time of pose estimation alone, the
      ceiling of any pipeline that runs one exact landmarker over the video.
"""
import json
import resource
import sys
import time

import mediapipe as mp
import numpy as np
from mediapipe.tasks.python import vision
from mediapipe.tasks.python.core.base_options import BaseOptions


def landmarker(bundle, max_poses):
    options = vision.PoseLandmarkerOptions(
        base_options=BaseOptions(model_asset_path=bundle),
        running_mode=vision.RunningMode.VIDEO,
        num_poses=max_poses,
    )
    return vision.PoseLandmarker.create_from_options(options)


def landmarks(spec_path, out_path):
    with open(spec_path) as f:
        spec = json.load(f)
    width, height = spec["width"], spec["height"]
    frame_bytes = width * height * 3
    frames = []
    with landmarker(spec["bundle"], spec["maxPoses"]) as task, open(spec["rawPath"], "rb") as raw:
        for timestamp in spec["timestampsMs"]:
            pixels = np.frombuffer(raw.read(frame_bytes), dtype=np.uint8).reshape(height, width, 3)
            image = mp.Image(image_format=mp.ImageFormat.SRGB, data=pixels)
            result = task.detect_for_video(image, int(timestamp))
            frames.append([[[p.x, p.y, p.z, p.visibility] for p in pose] for pose in result.pose_landmarks])
    with open(out_path, "w") as f:
        json.dump({"frames": frames}, f)


def bench(video, bundle):
    import cv2

    capture = cv2.VideoCapture(video)
    start = time.perf_counter()
    count = 0
    with landmarker(bundle, 1) as task:
        while True:
            ok, bgr = capture.read()
            if not ok:
                break
            rgb = cv2.cvtColor(bgr, cv2.COLOR_BGR2RGB)
            timestamp = int(round(capture.get(cv2.CAP_PROP_POS_MSEC)))
            task.detect_for_video(mp.Image(image_format=mp.ImageFormat.SRGB, data=rgb), max(timestamp, count))
            count += 1
    seconds = time.perf_counter() - start
    peak_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(json.dumps({"frames": count, "seconds": seconds, "fps": count / seconds, "peakRSSMiB": peak_kib / 1024}))


def bench_pose(video, bundle):
    import cv2

    capture = cv2.VideoCapture(video)
    frames = []
    while True:
        ok, bgr = capture.read()
        if not ok:
            break
        frames.append(cv2.cvtColor(bgr, cv2.COLOR_BGR2RGB))
    with landmarker(bundle, 1) as task:
        start = time.perf_counter()
        for index, rgb in enumerate(frames):
            task.detect_for_video(mp.Image(image_format=mp.ImageFormat.SRGB, data=rgb), index * 33)
        seconds = time.perf_counter() - start
    print(json.dumps({"frames": len(frames), "seconds": seconds, "fps": len(frames) / seconds}))


if __name__ == "__main__":
    if len(sys.argv) == 4 and sys.argv[1] == "landmarks":
        landmarks(sys.argv[2], sys.argv[3])
    elif len(sys.argv) == 4 and sys.argv[1] == "bench":
        bench(sys.argv[2], sys.argv[3])
    elif len(sys.argv) == 4 and sys.argv[1] == "bench-pose":
        bench_pose(sys.argv[2], sys.argv[3])
    else:
        sys.exit(__doc__)
