#!/usr/bin/env python3
"""When the pelvis is lowest in each foot's stance, against the stance's middle (docs/training.md,
"The pelvis bottoms out early").

Usage: python3 scripts/analysis/pelvis_timing.py POSES.json TRUTH.json

POSES.json is a runcoach-pose file and TRUTH.json a report with its contacts (`events`): the pair
`runcoach simulate --truth` or `runcoach convert fukuchi` writes. For every contact with a toe-off
it finds the frame, between initial contact and toe-off, where the midpoint of the two hip
landmarks is lowest in the image, and prints per foot the mean and SD of that frame's time minus
mid-stance, in ms and as a share of the contact time (what `runcoach simulate --pelvis-low-shift`
sets). A simulated runner without the shift bottoms out at mid-stance to within a frame. Standard
library only.
"""
import bisect
import statistics
import sys

import labelled_poses

LEFT_HIP, RIGHT_HIP = 23, 24


def hip_heights(frames):
    """Per frame, the hip midpoint's height as the negated normalised image y (up is larger), or
    None where a hip is missing."""
    heights = []
    for frame in frames:
        landmarks = frame.get("landmarks")
        if not landmarks or landmarks[LEFT_HIP] is None or landmarks[RIGHT_HIP] is None:
            heights.append(None)
        else:
            heights.append(-(landmarks[LEFT_HIP][1] + landmarks[RIGHT_HIP][1]) / 2)
    return heights


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__.strip().split("\n\n")[1])
    poses, truth = labelled_poses.load(sys.argv[1], sys.argv[2])
    frames = poses.get("frames", [])
    times = [frame["t"] for frame in frames]
    heights = hip_heights(frames)
    shifts = {"left": [], "right": []}
    for event in truth["events"]:
        start, end = event.get("initialContact"), event.get("toeOff")
        if end is None or event.get("side") not in shifts:
            continue
        inside = [i for i in range(bisect.bisect_left(times, start), bisect.bisect_right(times, end))
                  if heights[i] is not None]
        if not inside:
            continue
        lowest = min(inside, key=lambda i: heights[i])
        middle = (start + end) / 2
        shifts[event["side"]].append((times[lowest] - middle, end - start))
    if not any(shifts.values()):
        sys.exit("no contact with a toe-off and hip landmarks inside it")
    for side, values in shifts.items():
        if not values:
            print(f"{side} foot: no contacts")
            continue
        milliseconds = [1000 * shift for shift, _ in values]
        shares = [shift / duration for shift, duration in values]
        spread = statistics.pstdev(milliseconds) if len(values) > 1 else 0
        print(f"{side} foot ({len(values)} contacts): pelvis lowest {statistics.mean(milliseconds):+.1f} ms "
              f"(SD {spread:.1f}) from mid-stance, {statistics.mean(shares):+.3f} of the contact time")


if __name__ == "__main__":
    main()
