#!/usr/bin/env python3
"""Copies of a labelled recording with some landmarks removed, to see which landmarks a model's
phases lean on (docs/training.md, "Where the issue errors come from").

Usage: python3 scripts/analysis/landmark_ablation.py POSES.json TRUTH.json OUT_DIR

POSES.json is a runcoach-pose file and TRUTH.json a report with its contacts (`events`), e.g. the
pair `runcoach convert fukuchi` writes. OUT_DIR gets one data folder per variant, each a copy of
the poses and a runcoach-labels file with the contacts that have a toe-off:

- plain: every landmark as it was;
- no-foot-index: the foot-index landmarks (31, 32) removed;
- no-heel-foot-index: the heel and foot-index landmarks (29-32) removed.

Then `runcoach evaluate --model CKPT --data OUT_DIR/<variant> --out ...` for each. Standard
library only.
"""
import json
import os
import sys

import labelled_poses

VARIANTS = {"plain": [], "no-foot-index": [31, 32], "no-heel-foot-index": [29, 30, 31, 32]}


def main():
    if len(sys.argv) != 4:
        sys.exit(__doc__.strip().splitlines()[3])
    poses_path, truth_path, out = sys.argv[1:]
    poses, truth = labelled_poses.load(poses_path, truth_path)
    events = [{key: event[key] for key in ("side", "initialContact", "toeOff")}
              for event in truth["events"] if event.get("toeOff") is not None]
    for name, removed in VARIANTS.items():
        folder = os.path.join(out, name)
        os.makedirs(folder, exist_ok=True)
        frames = [{**frame, "landmarks": None if frame["landmarks"] is None else
                   [None if index in removed else point for index, point in enumerate(frame["landmarks"])]}
                  for frame in poses["frames"]]
        write(os.path.join(folder, "trial.json"), {**poses, "frames": frames})
        write(os.path.join(folder, "trial.labels.json"),
              {"format": "runcoach-labels", "version": 1, "poses": "trial.json", "runner": "trial", "events": events})
        kept = f"landmarks {removed} removed" if removed else "all landmarks kept"
        print(f"{folder}: {len(frames)} frames, {len(events)} contacts, {kept}")


def write(path, document):
    """Writes whole or not at all: a temporary file renamed into place."""
    with open(path + ".tmp", "w") as file:
        json.dump(document, file)
    os.replace(path + ".tmp", path)


if __name__ == "__main__":
    main()
