#!/usr/bin/env bash
# Python packages the ONNX export tests use to check what the Swift exporter writes, in a git-ignored
# venv (.venv-onnx): onnx (onnx.checker) and onnxruntime (runs the exported model), with numpy.
# Same versions as the reference benchmark's venv (BENCHMARKS.md).
set -euo pipefail
cd "$(dirname "$0")/../.."
venv=.venv-onnx
packages=("onnx==1.23.2" "onnxruntime==1.32.0" "numpy==2.4.6")
check='import onnx, onnxruntime, numpy; print(f"onnx {onnx.__version__}, onnxruntime {onnxruntime.__version__}, numpy {numpy.__version__}")'
if [ -x "$venv/bin/python" ] && versions=$("$venv/bin/python" -c "$check" 2>/dev/null) \
    && [ "$versions" = "onnx 1.23.2, onnxruntime 1.32.0, numpy 2.4.6" ]; then
    echo "    $venv: $versions already installed"
    exit 0
fi
if ! python3 -c "import venv, ensurepip" 2>/dev/null; then
    echo "    installing python3-venv with apt-get"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-venv >/dev/null
fi
echo "    creating $venv and installing ${packages[*]} from PyPI"
python3 -m venv "$venv"
"$venv/bin/pip" install --quiet --disable-pip-version-check "${packages[@]}"
echo "    $venv: $("$venv/bin/python" -c "$check") installed"
