#!/usr/bin/env python3
"""When the pelvis is lowest in each foot's stance, against the stance's middle (docs/training.md,
"The pelvis bottoms out early").

Usage: python3 scripts/analysis/pelvis_timing.py POSES.json TRUTH.json

POSES.json is a runcoach-pose file and TRUTH.json a report with its contacts (`events`): the pair
`runcoach simulate --truth` or `runcoach convert fukuchi` writes. For every contact with a toe-off
it finds the frame, between initial contact and toe-off, where the midpoint of the two hip
landmarks is lowest in the image, and prints per foot the mean and SD of that frame's time minus
mid-stance, in ms and as a share of the contact time (what `runcoach simulate --pelvis-low-shift`
sets). A simulated runner without the shift bottoms out at mid-stance to within a frame.

It also prints the pelvis's side-to-side tilt as a side camera sees it: how far the left hip
landmark stands above the right at initial contact, mid-stance and toe-off, in % of the
hip-to-ankle length (the median over frames of both legs' hip-to-ankle distance in pixels). The
camera's perspective alone puts one hip about 1 % above the other; what tells a tilting pelvis is
the difference between the two feet's stances. The simulator keeps the hips level, so its runners
read the same in both. Standard library only.
"""
import bisect
import statistics
import sys

import labelled_poses

LEFT_HIP, RIGHT_HIP = 23, 24


def hip_ys(frame):
    """The left and right hip landmarks' normalised image y (down is larger), or None where a hip
    is missing."""
    landmarks = frame.get("landmarks")
    if not landmarks or landmarks[LEFT_HIP] is None or landmarks[RIGHT_HIP] is None:
        return None
    return landmarks[LEFT_HIP][1], landmarks[RIGHT_HIP][1]


def hip_heights(frames):
    """Per frame, the hip midpoint's height as the negated normalised image y (up is larger), or
    None where a hip is missing."""
    return [None if ys is None else -(ys[0] + ys[1]) / 2 for ys in map(hip_ys, frames)]


def left_hip_above_right(frame, image_height):
    """The left hip landmark's height above the right's in pixels, or None where a hip is missing."""
    ys = hip_ys(frame)
    return None if ys is None else (ys[1] - ys[0]) * image_height


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__.strip().split("\n\n")[1])
    poses, truth = labelled_poses.load(sys.argv[1], sys.argv[2])
    frames = poses.get("frames", [])
    times = [frame["t"] for frame in frames]
    heights = hip_heights(frames)
    leg_length = labelled_poses.leg_length_pixels(poses)
    shifts = {"left": [], "right": []}
    tilts = {"left": [], "right": []}
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
        if leg_length:
            instants = [bisect.bisect_left(times, moment) for moment in (start, middle, end)]
            tilt = [left_hip_above_right(frames[min(i, len(frames) - 1)], poses["height"])
                    for i in instants]
            if None not in tilt:
                tilts[event["side"]].append([100 * value / leg_length for value in tilt])
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
        if tilts[side]:
            at = [statistics.mean(tilt[k] for tilt in tilts[side]) for k in range(3)]
            print(f"{side} foot tilt: left hip above right by {at[0]:+.2f} / {at[1]:+.2f} / {at[2]:+.2f} % "
                  f"of the hip-to-ankle length at IC / mid-stance / TO")


if __name__ == "__main__":
    main()
