"""PyTorch (CPU) and ONNX Runtime timings of GaitNet for `runcoach bench model`, printed as one JSON line.

The model is scripts/golden/gaitnet_torch.py's GaitNet (the same architecture and size as the Swift one),
float32, with the same thread count for every engine. Training = forward, loss, backward and an Adam step.
ONNX Runtime runs the model exported by torch.onnx (reference only; the project's own exporter is Swift).

Needs torch, onnx, onnxruntime (a git-ignored venv, see BENCHMARKS.md); not needed by CI.
usage: reference.py --threads 2 --seconds 5 --train-batches 8,16,64
"""
import argparse
import json
import os
import sys
import tempfile
import time

import warnings

import torch

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "golden"))
from gaitnet_torch import GaitNet, gait_loss  # noqa: E402

FRAMES, FEATURES = 30, 132


def measure(body, seconds):
    """Seconds per iteration: the 10th percentile over `seconds` of runs (at least 5), as the Swift side
    (ModelBenchmark) measures: on a shared machine a low percentile is what the engine does with the cores."""
    body()  # warm-up
    durations = []
    start = time.perf_counter()
    while time.perf_counter() - start < seconds or len(durations) < 5:
        before = time.perf_counter()
        body()
        durations.append(time.perf_counter() - before)
    durations.sort()
    return durations[len(durations) // 10]


def targets(batch, generator):
    return (torch.randint(0, 4, (batch, FRAMES), generator=generator), torch.rand(batch, generator=generator) * 10,
            torch.randint(0, 2, (batch, 3), generator=generator).float())


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--seconds", type=float, default=5)
    parser.add_argument("--train-batches", default="8,16,64")
    args = parser.parse_args()
    warnings.filterwarnings("ignore", module="torch.onnx")  # legacy-exporter notices, not results
    torch.set_num_threads(args.threads)
    torch.set_num_interop_threads(1)
    generator = torch.Generator().manual_seed(0)
    result = {"torch": torch.__version__, "threads": args.threads, "pytorch": {}, "onnxruntime": {}}

    for batch in [int(b) for b in args.train_batches.split(",")]:
        model = GaitNet()
        model.train()
        optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
        x = torch.randn(batch, FRAMES, FEATURES, generator=generator)
        labels = targets(batch, generator)

        def step():
            optimizer.zero_grad()
            loss, _ = gait_loss(model(x), *labels)
            loss.backward()
            optimizer.step()
        rate = 1 / measure(step, args.seconds)
        result["pytorch"][f"train_batch_{batch}_seq_per_s"] = batch * rate
        print(f"reference: pytorch train batch {batch}: {batch * rate:.1f} seq/s", file=sys.stderr)

    model = GaitNet()
    model.train(False)
    x1 = torch.randn(1, FRAMES, FEATURES, generator=generator)
    x64 = torch.randn(64, FRAMES, FEATURES, generator=generator)
    with torch.inference_mode():
        latency = measure(lambda: model(x1), args.seconds)
        rate = 1 / measure(lambda: model(x64), args.seconds)
    result["pytorch"]["infer_batch_1_ms"] = latency * 1000
    result["pytorch"]["infer_batch_64_seq_per_s"] = 64 * rate
    print(f"reference: pytorch infer {latency * 1000:.2f} ms, {64 * rate:.1f} seq/s", file=sys.stderr)

    try:
        import onnxruntime as ort
        with tempfile.TemporaryDirectory() as folder:
            path = os.path.join(folder, "gaitnet.onnx")
            torch.onnx.export(model, (x1,), path, input_names=["pose_sequence"],
                              output_names=["phase_logits", "form_score", "issue_logits", "confidence_logit"],
                              dynamic_axes={"pose_sequence": {0: "batch"}}, opset_version=17, dynamo=False)
            options = ort.SessionOptions()
            options.intra_op_num_threads = args.threads
            options.inter_op_num_threads = 1
            session = ort.InferenceSession(path, options, providers=["CPUExecutionProvider"])
            feed1, feed64 = {"pose_sequence": x1.numpy()}, {"pose_sequence": x64.numpy()}
            latency = measure(lambda: session.run(None, feed1), args.seconds)
            rate = 1 / measure(lambda: session.run(None, feed64), args.seconds)
            result["onnxruntime"] = {"version": ort.__version__, "infer_batch_1_ms": latency * 1000,
                                     "infer_batch_64_seq_per_s": 64 * rate}
            print(f"reference: onnxruntime infer {latency * 1000:.2f} ms, {64 * rate:.1f} seq/s", file=sys.stderr)
    except Exception as error:  # report, don't hide, a missing or failing ONNX Runtime
        result["onnxruntime"] = {"error": str(error)}
    print(json.dumps(result))


if __name__ == "__main__":
    main()
