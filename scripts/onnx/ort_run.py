"""Runs an ONNX model in ONNX Runtime for GaitONNX (`ONNXRuntime` in Swift), optionally checking it first.

Reads the input from a float32 .npy file, writes every output as OUT/<output name>.npy and prints one JSON
line: versions, whether onnx.checker passed, the model's metadata_props, and the output names.
With --benchmark S it instead times session.run for S seconds per input file (after one warm-up run, at
least 5 runs) and reports the 10th percentile of the per-run times and batch / that time (the statistic of
`runcoach bench model` and `bench onnx`: on a shared machine a low percentile is what the engine does with
the cores when it has them).

usage: ort_run.py --model gait_model.onnx --input in.npy [--input in2.npy ...] --out DIR [--check] [--threads 2]
                  [--benchmark SECONDS]
"""
import argparse
import json
import os
import sys
import time

import numpy as np
import onnx
import onnxruntime as ort


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--model", required=True)
    parser.add_argument("--input", action="append", required=True)
    parser.add_argument("--out")
    parser.add_argument("--check", action="store_true", help="run onnx.checker (full check) first")
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--benchmark", type=float, default=0)
    args = parser.parse_args()

    result = {"onnx": onnx.__version__, "onnxruntime": ort.__version__}
    if args.check:
        onnx.checker.check_model(onnx.load(args.model), full_check=True)
        result["checker"] = "passed"
    options = ort.SessionOptions()
    options.intra_op_num_threads = args.threads
    options.inter_op_num_threads = 1
    session = ort.InferenceSession(args.model, options, providers=["CPUExecutionProvider"])
    result["metadata"] = session.get_modelmeta().custom_metadata_map
    input_name = session.get_inputs()[0].name
    result["outputs"] = [output.name for output in session.get_outputs()]

    if args.benchmark > 0:
        result["timings"] = []
        for path in args.input:
            feed = {input_name: np.load(path)}
            session.run(None, feed)  # warm-up
            durations = []
            start = time.perf_counter()
            while time.perf_counter() - start < args.benchmark or len(durations) < 5:
                before = time.perf_counter()
                session.run(None, feed)
                durations.append(time.perf_counter() - before)
            batch = feed[input_name].shape[0]
            typical = sorted(durations)[len(durations) // 10]
            result["timings"].append({"batch": batch, "p10_ms": typical * 1000, "sequences_per_s": batch / typical})
    else:
        outputs = session.run(None, {input_name: np.load(args.input[0])})
        os.makedirs(args.out, exist_ok=True)
        for name, value in zip(result["outputs"], outputs):
            np.save(os.path.join(args.out, name + ".npy"), np.ascontiguousarray(value, dtype=np.float32))
    print(json.dumps(result))


if __name__ == "__main__":
    try:
        main()
    except Exception as error:  # one line the Swift side shows as the reason
        print(f"{type(error).__name__}: {error}", file=sys.stderr)
        sys.exit(1)
