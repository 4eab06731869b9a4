#!/usr/bin/env python3
"""How each foot's heel and foot-index landmarks rise around its toe-offs (docs/training.md,
"Toes that bend").

Usage: python3 scripts/analysis/toe_paths.py POSES.json TRUTH.json [LEG_LENGTH_CM]

POSES.json is a runcoach-pose file and TRUTH.json a report with its contacts (`events`): the pair
`runcoach simulate --truth` or `runcoach convert fukuchi` writes. For each foot it prints the mean
height of the heel and foot-index landmarks above their height at mid-stance of the same contact,
at fixed times from the toe-off (linear interpolation between frames), in % of the hip-to-ankle
length (the median over the frames), and in cm when LEG_LENGTH_CM (that length) is given. A rigid
sole rolling over its tip lifts a point set back from the tip from heel-off on; toes that stay flat
keep it at its mid-stance height until the foot leaves. Standard library only.
"""
import bisect
import statistics
import sys

import labelled_poses

OFFSETS_MS = [-47, -27, -13, 0, 13, 27]
LANDMARKS = {"left": {"heel": 29, "foot index": 31}, "right": {"heel": 30, "foot index": 32}}


def height_at(frames, times, index, time, image_height):
    """Height of landmark `index` above the image's bottom edge at `time` (s), pixels; None
    where the frames around it lack the landmark or `time` is outside them. `times` are the
    frames' times, in order."""
    after = bisect.bisect_left(times, time)
    if after == len(frames) or (after == 0 and times[0] != time):
        return None
    before = after if times[after] == time else after - 1
    a, b = frames[before].get("landmarks"), frames[after].get("landmarks")
    if not a or not b or a[index] is None or b[index] is None:
        return None
    span = times[after] - times[before]
    share = (time - times[before]) / span if span > 0 else 0
    y = a[index][1] + share * (b[index][1] - a[index][1])
    return (1 - y) * image_height


def main():
    if len(sys.argv) not in (3, 4):
        sys.exit(__doc__.strip().splitlines()[3])
    poses, truth = labelled_poses.load(sys.argv[1], sys.argv[2])
    try:
        leg_cm = float(sys.argv[3]) if len(sys.argv) == 4 else None
    except ValueError as error:
        sys.exit(f"LEG_LENGTH_CM must be a number: {error}")
    frames = [frame for frame in poses["frames"] if frame.get("t") is not None]
    times = [frame["t"] for frame in frames]
    print("ms from toe-off: " + " ".join(f"{offset:+7d}" for offset in OFFSETS_MS))
    for side, points in LANDMARKS.items():
        leg = labelled_poses.leg_length_pixels(poses, (side,))
        contacts = [event for event in truth["events"] if event.get("side") == side and event.get("toeOff") is not None]
        if leg is None or not contacts:
            print(f"{side}: no contacts with a toe-off and landmarks")
            continue
        scale, unit = (leg_cm / leg, "cm") if leg_cm else (100 / leg, "% of hip-to-ankle")
        for name in ("heel", "foot index"):
            rows = []
            for event in contacts:
                middle = height_at(frames, times, points[name], (event["initialContact"] + event["toeOff"]) / 2, poses["height"])
                heights = [height_at(frames, times, points[name], event["toeOff"] + offset / 1000, poses["height"]) for offset in OFFSETS_MS]
                if middle is not None and None not in heights:
                    rows.append([(height - middle) * scale for height in heights])
            if not rows:
                print(f"{side} {name}: no contact with the landmark in view")
                continue
            means = [statistics.fmean(column) for column in zip(*rows)]
            print(f"{side} {name} ({len(rows)} contacts, {unit}): " + " ".join(f"{mean:+7.2f}" for mean in means))


if __name__ == "__main__":
    main()
