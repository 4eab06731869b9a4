"""How precisely one foot's own landmarks time its landing, runner by runner: a gradient-boosted
reader trained on simulated contacts (docs/training.md, "What the landmarks hold about the
landing").

For every initial contact in a label folder (`runcoach export labels`), the reader sees that foot's
ankle, heel and foot index relative to the hips, and the hips' height, in leg lengths, sampled
every 5 ms from 120 ms before to 120 ms after a rough guess: the true contact moved by up to
±20 ms (uniform; three guesses per training contact). It learns how far the true contact lies
from the guess. Trained on the contacts of the first runners by ID (--train-share), it is scored
on the others: the RMS error per contact, and the sd over runners of each runner's mean error,
the per-runner landing bias to which the overstriding label is sensitive
(scripts/analysis/landing_sensitivity.py).

With --test FOLDER it trains on every runner of LABEL_DIR and scores FOLDER's recordings instead
(the force-plate trial, say: `runcoach export labels --fukuchi DIR --out FOLDER`).

--min-visibility V treats landmarks seen less than V as missing (0.5 leaves out the simulator's
hidden far leg); a contact whose window then misses a landmark is not read.

usage: .venv-ml/bin/python scripts/analysis/landing_reader.py LABEL_DIR [--train-share 0.67] [--test FOLDER]
           [--min-visibility 0] [--seed 0]
(numpy and scikit-learn: scripts/setup.d/30-ml-python.sh installs them in .venv-ml)
"""
import argparse
import json
import os
import sys

import numpy as np
from sklearn.ensemble import HistGradientBoostingRegressor

HIP, KNEE, ANKLE, HEEL, FOOT_INDEX = 23, 25, 27, 29, 31  # left side; right = left + 1
OFFSETS_SECONDS = np.arange(-120, 121, 5) / 1000
GUESS_JITTER_SECONDS = 0.02
GUESSES_PER_TRAINING_CONTACT = 3  # each training contact seen from three guesses


def load_recordings(folder, min_visibility=0.0):
    """(runner, frame rate, times, landmark pixels [frames, 33, 2] with NaN where missing, label
    file) for each *.labels.json with events in `folder`. A landmark whose visibility is under
    `min_visibility` counts as missing (the simulator marks a hidden far leg 0.05-0.3, a seen one
    0.8-1)."""
    try:
        names = sorted(name for name in os.listdir(folder) if name.endswith(".labels.json"))
    except OSError as error:
        sys.exit(f"cannot read {folder}: {error}")
    if not names:
        sys.exit(f"{folder}: no *.labels.json files (runcoach export labels writes them)")
    recordings = []
    for name in names:
        try:
            with open(os.path.join(folder, name)) as file:
                labels = json.load(file)
            with open(os.path.join(folder, labels["poses"])) as file:
                poses = json.load(file)
        except (OSError, ValueError, KeyError, TypeError) as error:
            sys.exit(f"{name}: cannot read it or its pose file: {error}")
        if not labels.get("events"):
            continue
        times = np.array([frame["t"] for frame in poses["frames"]])
        pixels = np.full((len(times), 33, 2), np.nan)
        for index, frame in enumerate(poses["frames"]):
            for point, landmark in enumerate(frame.get("landmarks") or []):
                if landmark is not None and (len(landmark) < 4 or landmark[3] >= min_visibility):
                    pixels[index, point] = (landmark[0] * poses["width"], landmark[1] * poses["height"])
        recordings.append((labels["runner"], poses.get("fps", 0), times, pixels, labels))
    return recordings


def leg_frame(pixels, side):
    """The hips' midpoint per frame (pixels), the leg's length (hip-knee plus knee-ankle, median
    over frames, pixels) and the direction of travel along x (+1 or −1, heel to foot index) for
    one side; None where the leg's length cannot be measured."""
    shift = 0 if side == "left" else 1
    hips = (pixels[:, HIP] + pixels[:, HIP + 1]) / 2
    legs = (np.linalg.norm(pixels[:, HIP + shift] - pixels[:, KNEE + shift], axis=1)
            + np.linalg.norm(pixels[:, KNEE + shift] - pixels[:, ANKLE + shift], axis=1))
    toes_ahead = pixels[:, FOOT_INDEX + shift, 0] - pixels[:, HEEL + shift, 0]
    legs, toes_ahead = legs[np.isfinite(legs)], toes_ahead[np.isfinite(toes_ahead)]
    if len(legs) == 0 or len(toes_ahead) == 0 or not np.median(legs) > 0:
        return None
    return hips, np.median(legs), np.sign(np.median(toes_ahead))


def foot_tracks(pixels, side):
    """The series the reader samples for one foot, each with the sign that points it along the
    direction of travel and the length that turns it into leg lengths: the ankle's, heel's and
    foot index's forward and downward positions relative to the hips (already in leg lengths),
    then the hips' height; None where the leg's length cannot be measured."""
    frame = leg_frame(pixels, side)
    if frame is None:
        return None
    hips, leg, forward = frame
    shift = 0 if side == "left" else 1
    tracks = []
    for point in (ANKLE + shift, HEEL + shift, FOOT_INDEX + shift):
        relative = (pixels[:, point] - hips) / leg
        tracks += [(relative[:, 0], forward, 1), (relative[:, 1], 1, 1)]
    return tracks + [(hips[:, 1], 1, leg)]


def features(times, tracks, guess):
    """One contact's inputs around `guess` (seconds), each track relative to its value at the
    guess, or None where the window leaves the clip or a landmark is missing."""
    at = guess + OFFSETS_SECONDS
    if tracks is None or at[0] < times[0] or at[-1] > times[-1]:
        return None
    middle = len(OFFSETS_SECONDS) // 2
    sampled = [np.interp(at, times, track) * sign / scale for track, sign, scale in tracks]
    row = np.concatenate([values - values[middle] for values in sampled])
    return None if np.isnan(row).any() else row


def rms(values):
    return np.sqrt(np.mean(values ** 2))


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder")
    parser.add_argument("--train-share", type=float, default=0.67, help="share of the runners to train on")
    parser.add_argument("--test", help="label folder to score instead of LABEL_DIR's last runners")
    parser.add_argument("--min-visibility", type=float, default=0.0, help="treat landmarks seen less as missing")
    parser.add_argument("--seed", type=int, default=0)
    arguments = parser.parse_args()
    if not 0 < arguments.train_share < 1:
        sys.exit("--train-share must be between 0 and 1")
    generator = np.random.default_rng(arguments.seed)
    recordings = [(True, *recording) for recording in load_recordings(arguments.folder, arguments.min_visibility)]
    if arguments.test:
        recordings += [(False, *recording) for recording in load_recordings(arguments.test, arguments.min_visibility)]
        training_runners = {runner for trains, runner, *_ in recordings if trains}
    else:
        runners = sorted({runner for _, runner, *_ in recordings})
        training_runners = set(runners[:int(round(arguments.train_share * len(runners)))])
        if not training_runners or len(training_runners) == len(runners):
            sys.exit(f"{len(runners)} runners with contacts: too few to train on some and test on others")
        recordings = [(runner in training_runners, runner, *rest) for _, runner, *rest in recordings]
    rows, targets, runner_of, training, sides = [], [], [], [], []
    for trains, runner, rate, times, pixels, labels in recordings:
        tracks = {side: foot_tracks(pixels, side) for side in ("left", "right")}
        for event in labels["events"]:
            for _ in range(GUESSES_PER_TRAINING_CONTACT if trains else 1):
                jitter = generator.uniform(-GUESS_JITTER_SECONDS, GUESS_JITTER_SECONDS)
                row = features(times, tracks[event["side"]], event["initialContact"] + jitter)
                if row is None:
                    continue
                rows.append(np.append(row, rate))
                targets.append(-jitter * 1000)
                runner_of.append(runner)
                training.append(trains)
                sides.append(event["side"])
    rows, targets, training = np.array(rows), np.array(targets), np.array(training)
    runner_of, sides, fps = np.array(runner_of), np.array(sides), rows[:, -1]
    reader = HistGradientBoostingRegressor(max_iter=600, learning_rate=0.05, max_leaf_nodes=31,
                                           l2_regularization=1.0, random_state=arguments.seed)
    reader.fit(rows[training], targets[training])
    test = ~training
    errors = reader.predict(rows[test]) - targets[test]
    test_runners = sorted(set(runner_of[test]))
    biases = np.array([errors[runner_of[test] == runner].mean() for runner in test_runners])
    print(f"contacts: {training.sum()} to train on ({len(training_runners)} runners), "
          f"{test.sum()} to test on ({len(test_runners)} runners)")
    spread = f"per-runner landing bias sd {biases.std():.2f} ms" if len(biases) > 1 else "one runner"
    print(f"reader: per-contact RMS {rms(errors):.1f} ms (the guess alone: {rms(targets[test]):.1f} ms); {spread}")
    if len(test_runners) <= 3:
        for runner, bias in zip(test_runners, biases):
            feet = []
            for side in ("left", "right"):
                chosen = (runner_of[test] == runner) & (sides[test] == side)
                if chosen.any():
                    feet.append(f"{side} {errors[chosen].mean():+.1f} ms (RMS {rms(errors[chosen]):.1f})")
            print(f"  runner {runner}: landings {bias:+.1f} ms on average (positive: the reader is late); {', '.join(feet)}")
    for rate in sorted(set(fps[test])):
        chosen = fps[test] == rate
        print(f"  {rate:g} fps: per-contact RMS {rms(errors[chosen]):.1f} ms ({chosen.sum()} contacts)")


if __name__ == "__main__":
    main()
