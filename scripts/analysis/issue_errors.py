#!/usr/bin/env python3
"""Where a GaitNet evaluation's issue errors come from, from the recordings.csv that
`runcoach evaluate` writes (docs/training.md, "Evaluation").

Usage: python3 scripts/analysis/issue_errors.py RUN/recordings.csv [ISSUE ...]

For each issue (all three by default) it prints:
- the recordings and the model's wrong flags by label target band (0.1 wide): wrong flags near
  target 0.5 are runners just either side of a threshold;
- the model's error in z units, z = Φ⁻¹(probability) − Φ⁻¹(target), on the recordings with
  |Φ⁻¹(target)| < 2 (the others are clear cases). One z unit is one rule softness: 2° of shank
  angle or 0.03 leg lengths of overstride (overstriding), 0.9 % vertical ratio or 1 cm of
  vertical oscillation (verticalBounce), 0.35 % contact-time balance (asymmetry);
- the F1 a reader would get whose z error were Gaussian with standard deviation s, on these same
  recordings (mean of 200 draws): the precision an F1 target asks for;
- the correlations of the z error with each numeric detail column (truth.*, sim.*) and with the
  recording's contact timing by the model's phases (initial_contact_bias_ms, toe_off_bias_ms),
  largest first.

Standard library only.
"""
import csv
import random
import statistics
import sys
from statistics import NormalDist

ISSUES = ["overstriding", "verticalBounce", "asymmetry"]
NOISE_LEVELS = [0.1, 0.2, 0.25, 0.3, 0.4, 0.5, 0.7]


def z(probability):
    return NormalDist().inv_cdf(min(max(probability, 1e-6), 1 - 1e-6))


def f1(truth, predicted):
    tp = sum(t and p for t, p in zip(truth, predicted))
    wrong = sum(t != p for t, p in zip(truth, predicted))
    return 2 * tp / (2 * tp + wrong) if tp + wrong else float("nan")


def correlation(a, b):
    sa, sb = statistics.pstdev(a), statistics.pstdev(b)
    if sa == 0 or sb == 0:
        return 0.0
    ma, mb = statistics.mean(a), statistics.mean(b)
    return sum((x - ma) * (y - mb) for x, y in zip(a, b)) / len(a) / sa / sb


def report(rows, issue, details):
    target = [float(r[issue + "_target"]) for r in rows]
    probability = [float(r[issue + "_probability"]) for r in rows]
    flag = [r[issue + "_flag"] == "1" for r in rows]
    wrong = [(p >= 0.5) != f for p, f in zip(probability, flag)]
    print(f"{issue}: F1 {f1(flag, [p >= 0.5 for p in probability]):.3f}, {sum(wrong)} of {len(rows)} flags wrong")
    for band in range(10):
        low, high = band / 10, (band + 1) / 10
        inside = [w for t, w in zip(target, wrong) if low <= t < high or (band == 9 and t == 1)]
        print(f"  target {low:.1f}-{high:.1f}: {len(inside):4d} recordings, {sum(inside):3d} wrong")
    near = [i for i, t in enumerate(target) if abs(z(t)) < 2]
    if len(near) < 10:
        print("  fewer than 10 recordings near the threshold: no error analysis")
        return
    error = [z(probability[i]) - z(target[i]) for i in near]
    print(f"  z error on the {len(near)} recordings with |z(target)| < 2: "
          f"mean {statistics.mean(error):+.2f}, sd {statistics.pstdev(error):.2f}")
    exact = [z(t) for t in target]
    line = []
    for s in NOISE_LEVELS:
        draws = [f1(flag, [zt + generator.gauss(0, s) >= 0 for zt in exact])
                 for generator in (random.Random(seed) for seed in range(200))]
        line.append(f"s {s:.2f}: {statistics.mean(draws):.3f}")
    print("  F1 of a reader with z error s: " + ", ".join(line))
    found = []
    for column in details:
        pairs = [(e, float(rows[i][column])) for e, i in zip(error, near) if rows[i][column] != ""]
        if len(pairs) >= 10:
            found.append((correlation([p[0] for p in pairs], [p[1] for p in pairs]), column))
    found.sort(key=lambda item: -abs(item[0]))
    if found:
        print("  z error correlates with: " + ", ".join(f"{c} {r:+.2f}" for r, c in found[:8]))


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__.strip().splitlines()[2])
    try:
        with open(sys.argv[1], newline="") as file:
            rows = list(csv.DictReader(file))
    except OSError as error:
        sys.exit(f"{sys.argv[1]}: {error.strerror}")
    issues = sys.argv[2:] or ISSUES
    if not rows or any(issue + "_target" not in rows[0] for issue in issues):
        sys.exit(f"{sys.argv[1]}: not a recordings.csv with the issues {', '.join(issues)} (written by runcoach evaluate)")
    timing = ["initial_contact_bias_ms", "toe_off_bias_ms"]
    details = [c for c in rows[0] if c.startswith("truth.") or c.startswith("sim.") or c in timing]
    for issue in issues:
        report(rows, issue, details)


if __name__ == "__main__":
    main()
