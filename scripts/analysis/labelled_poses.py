"""Reading a runcoach-pose file with the report that holds its contacts (`events`), for the
scripts in this folder: the pair `runcoach simulate --truth` or `runcoach convert fukuchi` writes."""
import json
import sys


def load(poses_path, truth_path):
    """The poses and the truth report as JSON objects; exits with a message when either cannot be
    read or is not what it should be."""
    try:
        with open(poses_path) as file:
            poses = json.load(file)
        with open(truth_path) as file:
            truth = json.load(file)
    except (OSError, ValueError) as error:
        sys.exit(f"cannot read the inputs: {error}")
    if not isinstance(poses, dict) or poses.get("format") != "runcoach-pose" \
            or not isinstance(truth, dict) or not isinstance(truth.get("events"), list):
        sys.exit("expected a runcoach-pose file and a report with events "
                 "(runcoach simulate --truth or runcoach convert fukuchi writes both)")
    return poses, truth
