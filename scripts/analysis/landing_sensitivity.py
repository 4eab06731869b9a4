#!/usr/bin/env python3
"""How fast the overstriding label's two measures change around initial contact, on simulated
runners (docs/training.md, "How precisely the landing must be timed").

Usage: python3 scripts/analysis/landing_sensitivity.py [--runners N] [--seed S] [--runcoach PATH]
                                                        [--recordings RUN/recordings.csv]

Each runner is drawn like a training runner's gait (speed 2.3-5.5 m/s, cadence 150-192 steps/min,
contact time from a 0.55-0.85 m stance distance, overstride 0-0.26 m, vertical oscillation
4.5-13 cm, height 1.5-2.0 m, each foot strike) and simulated without noise, side view, 1000 fps
(`runcoach simulate`). At each of its labelled initial contacts the script measures, from the
pose file's landmarks as a reader of the video would, 5 ms before and after contact:

- the heel's lead over the hip centre in leg lengths (hip-knee + knee-ankle in the image), the
  label's `overstrideLegLengths`;
- the shank's angle from vertical, the label's `shankAngleAtContact`;

and prints their rates of change per millisecond, also in units of the label's softness (0.03 leg
lengths, 2°: one z unit of `scripts/analysis/issue_errors.py`). A reader that times a runner's
landings d ms off reads the runner's overstriding that many z units off, whatever else it gets
right. Runners the simulator refuses (a stance the leg cannot reach, a crouch) are counted, as
the training draws refuse them too.

With `--recordings` (an evaluation's recordings.csv of simulated runners, `runcoach evaluate`), it
also prints the overstriding F1 of a reader that knows each runner's exact measures but at an
instant off the true contact by a per-runner error of standard deviation 0-8 ms (both measures
moved at the median rates above; the label recomputed with the rule, docs/scoring.md; mean of
100 draws): the landing precision an F1 target asks for on those runners.

Standard library only.
"""
import argparse
import csv
import json
import math
import os
import random
import statistics
import subprocess
import sys
import tempfile

# The overstriding rule's evidence (docs/scoring.md): threshold and softness of each measure.
LEAD_THRESHOLD, LEAD_SOFTNESS = 0.29, 0.03  # leg lengths
SHANK_THRESHOLD, SHANK_SOFTNESS = 8.0, 2.0  # degrees
HALF_SPAN_MS = 5


def draw(generator):
    """A training runner's gait parameters (`SyntheticRunners.randomParameters`), as CLI options."""
    speed = generator.uniform(2.3, 5.5)
    contact = min(0.32, max(0.15, generator.uniform(0.55, 0.85) / speed))
    return [
        "--speed", f"{speed:.3f}", "--cadence", f"{generator.uniform(150, 192):.1f}",
        "--contact-time", f"{contact:.4f}", "--vertical-oscillation", f"{generator.uniform(0.045, 0.13):.4f}",
        "--overstride", f"{generator.uniform(0.0, 0.26):.4f}", "--runner-height", f"{generator.uniform(1.5, 2.0):.3f}",
        "--foot-strike", generator.choice(["rearfoot", "midfoot", "forefoot"]),
    ]


def rates(poses, truth):
    """Per labelled initial contact with 5 ms of frames either side: (lead, shank) change per ms."""
    width, height, frames = poses["width"], poses["height"], poses["frames"]
    sign = -1 if "rightToLeft" in poses.get("source", "") else 1

    def point(frame, index):
        landmark = frames[frame]["landmarks"][index]
        return landmark[0] * width, landmark[1] * height

    def measures(frame, side):
        hip, knee, ankle, heel = (23, 25, 27, 29) if side == "left" else (24, 26, 28, 30)
        hip_x = (point(frame, 23)[0] + point(frame, 24)[0]) / 2
        leg = math.dist(point(frame, hip), point(frame, knee)) + math.dist(point(frame, knee), point(frame, ankle))
        (knee_x, knee_y), (ankle_x, ankle_y) = point(frame, knee), point(frame, ankle)
        lead = sign * (point(frame, heel)[0] - hip_x) / leg
        shank = math.degrees(math.atan2(sign * (ankle_x - knee_x), ankle_y - knee_y))
        return lead, shank

    found = []
    for event in truth["events"]:
        frame = round(event["initialContact"] * poses["fps"])
        span = round(HALF_SPAN_MS * poses["fps"] / 1000)
        if frame - span < 0 or frame + span >= len(frames):
            continue
        (lead_before, shank_before), (lead_after, shank_after) = measures(frame - span, event["side"]), measures(frame + span, event["side"])
        found.append(((lead_after - lead_before) / (2 * HALF_SPAN_MS), (shank_after - shank_before) / (2 * HALF_SPAN_MS)))
    return found


def overstriding_probability(shank, lead):
    """The overstriding rule on exact measures: 0.6 · Φ((shank − 8°) / 2°) + 0.4 · Φ((lead − 0.29) / 0.03)."""
    normal = statistics.NormalDist()
    return (0.6 * normal.cdf((shank - SHANK_THRESHOLD) / SHANK_SOFTNESS)
            + 0.4 * normal.cdf((lead - LEAD_THRESHOLD) / LEAD_SOFTNESS))


def f1_with_timing_error(path, lead_rate, shank_rate, generator):
    """Per landing-time error sd (ms): the F1 of exact measures read that far off contact."""
    try:
        with open(path, newline="") as file:
            rows = list(csv.DictReader(file))
    except OSError as error:
        sys.exit(f"{path}: {error.strerror}")
    columns = ["truth.shankAngleAtContact", "truth.overstrideLegLengths", "overstriding_flag"]
    if not rows or any(column not in rows[0] for column in columns):
        sys.exit(f"{path}: not a recordings.csv of simulated runners ({', '.join(columns)})")
    runners = [(float(r[columns[0]]), float(r[columns[1]]), r[columns[2]] == "1") for r in rows if r[columns[0]] and r[columns[1]]]
    positives = sum(flag for _, _, flag in runners)
    print(f"overstriding on {len(runners)} recordings ({positives} with the issue), exact measures read off contact:")
    for sigma in [0, 1, 2, 3, 4, 6, 8]:
        scores = []
        for _ in range(100):
            flagged = true_positives = 0
            for shank, lead, flag in runners:
                late = generator.gauss(0, sigma)  # ms; both measures fall as the body passes over the foot
                detected = overstriding_probability(shank - shank_rate * late, lead - lead_rate * late) >= 0.5
                flagged += detected
                true_positives += detected and flag
            scores.append(2 * true_positives / (flagged + positives) if flagged + positives else float("nan"))
        print(f"  landing-time error sd {sigma} ms: F1 {statistics.mean(scores):.3f}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runners", type=int, default=100)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--runcoach", default=".build/release/runcoach")
    parser.add_argument("--recordings", help="an evaluation's recordings.csv: F1 against landing-time error")
    options = parser.parse_args()
    if not os.access(options.runcoach, os.X_OK):
        sys.exit(f"{options.runcoach}: no runcoach executable (build it: swift build -c release)")
    generator = random.Random(options.seed)
    contacts, refused = [], 0
    with tempfile.TemporaryDirectory() as folder:
        pose_path, truth_path = os.path.join(folder, "run.json"), os.path.join(folder, "truth.json")
        for runner in range(options.runners):
            command = [options.runcoach, "simulate", "--out", pose_path, "--truth", truth_path, "--fps", "1000",
                       "--duration", "2.5", "--noise", "0", "--seed", str(options.seed + runner)] + draw(generator)
            if subprocess.run(command, capture_output=True).returncode != 0:
                refused += 1
                continue
            with open(pose_path) as poses, open(truth_path) as truth:
                contacts += rates(json.load(poses), json.load(truth))
    if not contacts:
        sys.exit("no contact measured: every runner was refused")
    lead = [abs(c[0]) for c in contacts]
    shank = [abs(c[1]) for c in contacts]

    def spread(values):
        ordered = sorted(values)
        return f"median {statistics.median(values):.4f}, 10-90 % {ordered[len(values) // 10]:.4f}-{ordered[9 * len(values) // 10]:.4f}"

    print(f"{len(contacts)} contacts of {options.runners - refused} runners ({refused} refused by the simulator)")
    print(f"heel lead over the hip: {spread(lead)} leg lengths per ms; in label z units per ms: {spread([v / LEAD_SOFTNESS for v in lead])}")
    print(f"shank angle: {spread([1000 * v for v in shank])} degrees per s; in label z units per ms: {spread([v / SHANK_SOFTNESS for v in shank])}")
    if options.recordings:
        f1_with_timing_error(options.recordings, statistics.median(lead), statistics.median(shank), generator)


if __name__ == "__main__":
    main()
