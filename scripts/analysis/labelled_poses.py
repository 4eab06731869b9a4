"""Reading a runcoach-pose file with the report that holds its contacts (`events`), for the
scripts in this folder: the pair `runcoach simulate --truth` or `runcoach convert fukuchi` writes."""
import json
import math
import statistics
import sys

HIP_AND_ANKLE = {"left": (23, 27), "right": (24, 28)}


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


def leg_length_pixels(poses, sides=("left", "right")):
    """Median hip-to-ankle landmark distance over the frames and the legs of `sides`, in pixels
    (the pose file's width and height); None where no frame has both landmarks."""
    lengths = []
    for frame in poses["frames"]:
        landmarks = frame.get("landmarks")
        for side in sides:
            hip, ankle = HIP_AND_ANKLE[side]
            if landmarks and landmarks[hip] is not None and landmarks[ankle] is not None:
                lengths.append(math.hypot((landmarks[hip][0] - landmarks[ankle][0]) * poses["width"],
                                          (landmarks[hip][1] - landmarks[ankle][1]) * poses["height"]))
    return statistics.median(lengths) if lengths else None
