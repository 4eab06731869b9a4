"""Overstriding read from one foot's landmarks with no landing given, in two stages: first when the
foot lands, then how (docs/training.md, "Both stages together").

1. When: each initial contact starts from a rough guess, the true contact moved by up to
   ±--guess-error-ms (uniform), which landing_reader.py's reader refines. Each runner's foot then
   gets a template, the mean and sd of its contacts' windows around the refined landings, from
   which a second regressor learns what is left of that foot's landing error (the part each runner
   keeps, which one contact's window does not show).
2. How: overstride_reader.py's reader reads the label's two measures at the refined landings, and
   each test runner's mean reading goes through the label's rule.

Every stage trains on TRAIN_DIR's runners. The later stages learn from the earlier ones' readings
of runners those were not fitted on (three folds by runner), so that they see landing errors like
the ones they will meet. Printed: each landing stage's per-contact RMS and per-runner bias sd on
TEST_DIR, then overstride_reader.py's report. --min-visibility as in the two readers.

usage: .venv-ml/bin/python scripts/analysis/two_stage_reader.py TRAIN_DIR [TRAIN_DIR ...] --test TEST_DIR
           [--guess-error-ms 20] [--min-visibility 0] [--seed 0]
(label folders from `runcoach export labels --synthetic N`, whose label files carry the truth)
"""
import argparse
import os
import sys

import numpy as np
from sklearn.ensemble import HistGradientBoostingRegressor

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import landing_reader  # noqa: E402
import overstride_reader  # noqa: E402

FOLDS = 3


def regressor(seed, small=False):
    """The readers' gradient-boosted regressor; `small` for the templates, one row per runner's foot."""
    if small:
        return HistGradientBoostingRegressor(max_iter=300, learning_rate=0.03, max_leaf_nodes=15,
                                             l2_regularization=1.0, random_state=seed)
    return HistGradientBoostingRegressor(max_iter=600, learning_rate=0.05, max_leaf_nodes=31,
                                         l2_regularization=1.0, random_state=seed)


def cross_fitted(make, rows, targets, recordings, training):
    """Predictions for every row: a training row's from a regressor fitted on the other folds'
    recordings, a test row's from one fitted on all training rows."""
    predictions = np.zeros(len(rows))
    for fold in range(FOLDS):
        fitted = training & (recordings % FOLDS != fold)
        chosen = training & (recordings % FOLDS == fold)
        predictions[chosen] = make().fit(rows[fitted], targets[fitted]).predict(rows[chosen])
    predictions[~training] = make().fit(rows[training], targets[training]).predict(rows[~training])
    return predictions


def landing_precision(stage, landings, contacts, training):
    """Prints a stage's landing errors on the test runners: per contact and per runner."""
    errors = (landings - contacts["true"])[~training] * 1000
    owners = contacts["recording"][~training]
    biases = [errors[owners == owner].mean() for owner in np.unique(owners)]
    print(f"landings, {stage}: per-contact RMS {landing_reader.rms(errors):.2f} ms, per-runner bias sd {np.std(biases):.2f} ms")


def rough_contacts(recordings, generator, guess_error):
    """Every initial contact whose window around its rough guess has every landmark: its
    recording, foot, true time and guess (seconds), and the landing reader's row at the guess;
    and the landing reader's tracks of each recording's feet, keyed by (recording, side)."""
    contacts = {"recording": [], "side": [], "true": [], "guess": [], "row": []}
    tracks = {}
    for index, (_, rate, times, pixels, labels) in enumerate(recordings):
        for side in ("left", "right"):
            tracks[index, side] = landing_reader.foot_tracks(pixels, side)
        for event in labels["events"]:
            guess = event["initialContact"] + generator.uniform(-guess_error, guess_error)
            row = landing_reader.features(times, tracks[index, event["side"]], guess)
            if row is not None:
                for key, value in (("recording", index), ("side", event["side"]), ("true", event["initialContact"]),
                                   ("guess", guess), ("row", np.append(row, rate))):
                    contacts[key].append(value)
    return {key: np.array(values) for key, values in contacts.items()}, tracks


def refined_by_templates(recordings, contacts, tracks, landings, training, seed):
    """The landings moved by each runner's foot's template reading: every contact of a foot that
    has at least two contacts whose windows around their landings have every landmark."""
    templates, remaining, members = [], [], []
    for owner, side in sorted(set(zip(contacts["recording"], contacts["side"]))):
        rate, times = recordings[owner][1:3]
        indices = np.flatnonzero((contacts["recording"] == owner) & (contacts["side"] == side))
        windows = [(index, landing_reader.features(times, tracks[owner, side], landings[index])) for index in indices]
        windows = [(index, row) for index, row in windows if row is not None]
        if len(windows) < 2:
            continue
        used = np.array([index for index, _ in windows])
        rows = np.array([row for _, row in windows])
        templates.append(np.concatenate([rows.mean(axis=0), rows.std(axis=0), [rate, len(used)]]))
        remaining.append((contacts["true"][used] - landings[used]).mean() * 1000)
        members.append(indices)
    if not members:
        return landings
    owners = np.array([contacts["recording"][indices[0]] for indices in members])
    in_training = np.array([training[indices[0]] for indices in members])
    shifts = cross_fitted(lambda: regressor(seed, small=True), np.array(templates), np.array(remaining), owners, in_training)
    refined = landings.copy()
    for indices, shift in zip(members, shifts):
        refined[indices] += shift / 1000
    return refined


def measure_rows(recordings, contacts, landings):
    """overstride_reader.py's row at every landing whose window has every landmark, and its contact."""
    tracks = {}
    rows, kept = [], []
    for index, (owner, side, landing) in enumerate(zip(contacts["recording"], contacts["side"], landings)):
        rate, times, pixels = recordings[owner][1:4]
        if (owner, side) not in tracks:
            tracks[owner, side] = overstride_reader.foot_tracks(pixels, side)
        row = overstride_reader.contact_row(times, tracks[owner, side], landing, rate)
        if row is not None:
            rows.append(row)
            kept.append(index)
    return np.array(rows), np.array(kept, dtype=int)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    overstride_reader.add_common_arguments(parser)
    parser.add_argument("--guess-error-ms", type=float, default=20, help="half-width of each contact's rough guess error")
    arguments = parser.parse_args()
    generator = np.random.default_rng(arguments.seed)
    training = [recording for folder in arguments.train
                for recording in landing_reader.load_recordings(folder, arguments.min_visibility)]
    testing = landing_reader.load_recordings(arguments.test, arguments.min_visibility)
    recordings = training + testing
    measures = np.array([overstride_reader.label_measures(labels) for *_, labels in recordings])
    contacts, tracks = rough_contacts(recordings, generator, arguments.guess_error_ms / 1000)
    in_training = contacts["recording"] < len(training)
    if in_training.all() or not in_training.any():
        sys.exit("no contact with a whole window of landmarks to train or test on")
    print(f"contacts: {in_training.sum()} to train on ({len(training)} runners), {(~in_training).sum()} to test on")
    landing_precision("the rough guesses", contacts["guess"], contacts, in_training)
    offsets = cross_fitted(lambda: regressor(arguments.seed), contacts["row"], (contacts["true"] - contacts["guess"]) * 1000,
                           contacts["recording"], in_training)
    landings = contacts["guess"] + offsets / 1000
    landing_precision("each contact's window", landings, contacts, in_training)
    landings = refined_by_templates(recordings, contacts, tracks, landings, in_training, arguments.seed)
    landing_precision("and each runner's foot's template", landings, contacts, in_training)
    rows, kept = measure_rows(recordings, contacts, landings)
    owners, fits = contacts["recording"][kept], in_training[kept]
    if fits.all() or not fits.any():
        sys.exit("no landing with a whole window of landmarks to read the measures at, in training or test")
    readings = [regressor(arguments.seed).fit(rows[fits], measures[owners[fits], measure]).predict(rows[~fits])
                for measure in (0, 1)]
    overstride_reader.report(testing, owners[~fits] - len(training), readings, measures[len(training):])


if __name__ == "__main__":
    main()
