"""How well one foot's own landmarks around its landings tell a runner's overstriding label, when
the landing instant is known exactly or only roughly: a gradient-boosted reader of the label's two
measures (docs/training.md, "How well the landmarks tell overstriding").

The overstriding label is a rule on two measures taken at initial contact: the shank's angle and
the heel's lead over the hip in leg lengths (docs/scoring.md). For every contact, the reader sees
that foot's knee, ankle, heel and foot index relative to the hips (in leg lengths, forward along
the direction of travel) and the shank's angle, every 5 ms from 120 ms before to 120 ms after a
guess of the contact: the true one, or the true one moved by a per-runner error (normal,
--runner-error-ms) and a per-contact error (uniform within ±--contact-error-ms). Two regressors
learn each measure in the rule's z units ((value − threshold) / softness) from the contacts of the
runners in TRAIN_DIR; on TEST_DIR each runner's mean reading goes through the rule
(0.6 · Φ(z_shank) + 0.4 · Φ(z_lead) ≥ 0.5) and is scored against the label: F1, best F1, AUC,
and the sd over runners of each measure's error, for side and oblique cameras apart.
--min-visibility V treats landmarks seen less than V as missing (0.5 leaves out the simulator's
hidden far leg): a contact whose window then misses a landmark is not read, and test runners left
with none are counted apart.

usage: .venv-ml/bin/python scripts/analysis/overstride_reader.py TRAIN_DIR [TRAIN_DIR ...] --test TEST_DIR
           [--runner-error-ms 0] [--contact-error-ms 0] [--min-visibility 0] [--seed 0]
(label folders from `runcoach export labels --synthetic N`, whose label files carry the truth)
"""
import argparse
import os
import sys
from statistics import NormalDist

import numpy as np
from sklearn.ensemble import HistGradientBoostingRegressor
from sklearn.metrics import roc_auc_score

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from landing_reader import ANKLE, FOOT_INDEX, HEEL, KNEE, OFFSETS_SECONDS, leg_frame, load_recordings, rms  # noqa: E402

# The overstriding rule (docs/scoring.md): threshold and softness of each measure, and its weights.
SHANK_THRESHOLD, SHANK_SOFTNESS, SHANK_WEIGHT = 8.0, 2.0, 0.6  # degrees
LEAD_THRESHOLD, LEAD_SOFTNESS, LEAD_WEIGHT = 0.29, 0.03, 0.4  # leg lengths
TRAINING_GUESSES_PER_CONTACT = 2


def foot_tracks(pixels, side):
    """One foot's series: the knee's, ankle's, heel's and foot index's forward and downward
    positions relative to the hips in leg lengths, then the shank's angle from vertical (degrees,
    positive with the ankle ahead of the knee); None where the leg's length cannot be measured."""
    frame = leg_frame(pixels, side)
    if frame is None:
        return None
    hips, leg, forward = frame
    shift = 0 if side == "left" else 1
    knee, ankle = pixels[:, KNEE + shift], pixels[:, ANKLE + shift]
    tracks = []
    for point in (KNEE + shift, ANKLE + shift, HEEL + shift, FOOT_INDEX + shift):
        relative = (pixels[:, point] - hips) / leg
        tracks += [forward * relative[:, 0], relative[:, 1]]
    shank = np.degrees(np.arctan2(forward * (ankle[:, 0] - knee[:, 0]), ankle[:, 1] - knee[:, 1]))
    return tracks + [shank]


def contact_row(times, tracks, guess, rate):
    """One contact's inputs around `guess` (seconds) and the frame rate, or None where the window
    leaves the clip or a landmark is missing."""
    at = guess + OFFSETS_SECONDS
    if tracks is None or at[0] < times[0] or at[-1] > times[-1]:
        return None
    row = np.concatenate([np.interp(at, times, track) for track in tracks] + [[rate]])
    return None if np.isnan(row).any() else row


def label_measures(labels):
    """A simulated runner's two measures in the rule's z units (shank angle, heel lead); exits
    naming the runner where its label file lacks them or the overstriding flag."""
    details = labels.get("details", {})
    try:
        measures = ((details["truth.shankAngleAtContact"] - SHANK_THRESHOLD) / SHANK_SOFTNESS,
                    (details["truth.overstrideLegLengths"] - LEAD_THRESHOLD) / LEAD_SOFTNESS)
    except KeyError as missing:
        sys.exit(f"{labels['runner']}: its label file has no {missing} (export simulated runners)")
    if "overstriding" not in (labels.get("issues") or {}):
        sys.exit(f"{labels['runner']}: its label file has no overstriding flag")
    return measures


def contact_rows(recordings, generator, guesses, runner_error, contact_error):
    """Rows, each row's recording index, and each recording's two measures in z units."""
    rows, owners, measures = [], [], []
    for index, (_, rate, times, pixels, labels) in enumerate(recordings):
        measures.append(label_measures(labels))
        tracks = {side: foot_tracks(pixels, side) for side in ("left", "right")}
        bias = generator.normal(0, runner_error)
        for event in labels["events"]:
            for _ in range(guesses):
                guess = event["initialContact"] + bias + generator.uniform(-contact_error, contact_error)
                row = contact_row(times, tracks[event["side"]], guess, rate)
                if row is not None:
                    rows.append(row)
                    owners.append(index)
    return np.array(rows), np.array(owners), np.array(measures)


def f1(flagged, truth):
    """F1 of the flags, NaN where there is neither a flag nor a runner with the issue."""
    total = flagged.sum() + truth.sum()
    return 2 * (flagged & truth).sum() / total if total else float("nan")


def report(testing, owners, readings, measures):
    """Each test runner's mean readings through the rule, scored against its label."""
    runners = np.unique(owners)
    means = np.array([[reading[owners == index].mean() for reading in readings] for index in runners])
    normal = NormalDist()
    probabilities = np.array([SHANK_WEIGHT * normal.cdf(shank) + LEAD_WEIGHT * normal.cdf(lead) for shank, lead in means])
    labels = [testing[index][4] for index in runners]
    truth = np.array([label["issues"]["overstriding"] for label in labels])
    misread = means - measures[runners]
    best = max((f1(probabilities >= cut, truth), cut) for cut in np.linspace(0.05, 0.95, 91))
    auc = roc_auc_score(truth, probabilities) if 0 < truth.sum() < len(truth) else float("nan")
    print(f"overstriding on {len(runners)} runners ({truth.sum()} with the issue): F1 {f1(probabilities >= 0.5, truth):.3f} "
          f"(best {best[0]:.3f} at {best[1]:.2f}, AUC {auc:.3f}); per-runner error sd: shank {misread[:, 0].std():.2f} z, "
          f"lead {misread[:, 1].std():.2f} z (the runners' own spread: {measures[runners, 0].std():.2f} z, "
          f"{measures[runners, 1].std():.2f} z)")
    unread = [testing[index][4] for index in sorted(set(range(len(testing))) - set(runners))]
    if unread:
        print(f"  not read: {len(unread)} test runners ({sum(label['issues']['overstriding'] for label in unread)} "
              "with the issue) without a contact whose window has every landmark")
    # The error in the label's z units on the runners near its threshold, as issue_errors.py gives
    # it for a GaitNet evaluation: z = Φ⁻¹(reading's probability) − Φ⁻¹(label's probability).
    targets = [label.get("issueProbabilities", {}).get("overstriding") for label in labels]
    if None not in targets:
        z = np.vectorize(lambda probability: normal.inv_cdf(min(max(probability, 1e-6), 1 - 1e-6)))
        targets = z(np.array(targets))
        near = np.abs(targets) < 2
        if near.any():
            print(f"  z error of the rule's probability on the {near.sum()} runners with |z(label)| < 2: "
                  f"sd {(z(probabilities) - targets)[near].std():.2f}")
    cameras = np.array([label.get("strata", {}).get("camera", "") for label in labels])
    for camera in sorted(set(cameras)):
        chosen = cameras == camera
        print(f"  {camera} camera: {chosen.sum()} runners ({truth[chosen].sum()} with the issue), "
              f"F1 {f1(probabilities[chosen] >= 0.5, truth[chosen]):.3f}, per-runner error sd: "
              f"shank {misread[chosen, 0].std():.2f} z, lead {misread[chosen, 1].std():.2f} z")


def add_common_arguments(parser):
    """The arguments this reader shares with two_stage_reader.py: training folders, test folder,
    visibility floor and seed."""
    parser.add_argument("train", nargs="+", help="label folders to train on")
    parser.add_argument("--test", required=True, help="label folder to score")
    parser.add_argument("--min-visibility", type=float, default=0.0, help="treat landmarks seen less as missing")
    parser.add_argument("--seed", type=int, default=0)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    add_common_arguments(parser)
    parser.add_argument("--runner-error-ms", type=float, default=0, help="sd of each runner's landing-guess error")
    parser.add_argument("--contact-error-ms", type=float, default=0, help="half-width of each contact's guess error")
    arguments = parser.parse_args()
    generator = np.random.default_rng(arguments.seed)
    errors = arguments.runner_error_ms / 1000, arguments.contact_error_ms / 1000
    training = [recording for folder in arguments.train for recording in load_recordings(folder, arguments.min_visibility)]
    testing = load_recordings(arguments.test, arguments.min_visibility)
    train_rows, train_owners, train_measures = contact_rows(training, generator, TRAINING_GUESSES_PER_CONTACT, *errors)
    test_rows, test_owners, test_measures = contact_rows(testing, generator, 1, *errors)
    if len(train_rows) == 0 or len(test_rows) == 0:
        sys.exit("no contact with a whole window of landmarks to train or test on")
    print(f"contacts: {len(train_rows)} to train on ({len(training)} runners), {len(test_rows)} to test on")
    readings = []
    for measure, name in ((0, "shank angle"), (1, "heel lead")):
        reader = HistGradientBoostingRegressor(max_iter=600, learning_rate=0.05, max_leaf_nodes=31,
                                               l2_regularization=1.0, random_state=arguments.seed)
        reader.fit(train_rows, train_measures[train_owners, measure])
        readings.append(reader.predict(test_rows))
        print(f"{name}: per-contact RMS {rms(readings[-1] - test_measures[test_owners, measure]):.2f} z")
    report(testing, test_owners, readings, test_measures)


if __name__ == "__main__":
    main()
