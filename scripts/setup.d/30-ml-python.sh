#!/usr/bin/env bash
# Python packages the GaitML tests use to read back what the Swift code writes, in a git-ignored venv
# (.venv-ml): tensorboard (reads the training event files) and scikit-learn (the landing reader,
# scripts/analysis/landing_reader.py).
set -euo pipefail
cd "$(dirname "$0")/../.."
venv=.venv-ml
versions="import tensorboard, sklearn; print('tensorboard', tensorboard.__version__ + ',', 'scikit-learn', sklearn.__version__)"
if [ -x "$venv/bin/python" ] && "$venv/bin/python" -c "import tensorboard, sklearn" 2>/dev/null; then
    echo "    $venv: $("$venv/bin/python" -c "$versions") already installed"
    exit 0
fi
if ! python3 -c "import venv, ensurepip" 2>/dev/null; then
    echo "    installing python3-venv with apt-get"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-venv >/dev/null
fi
echo "    installing tensorboard and scikit-learn into $venv from PyPI"
[ -x "$venv/bin/python" ] || python3 -m venv "$venv"
"$venv/bin/pip" install --quiet --disable-pip-version-check "tensorboard==2.21.0" "scikit-learn==1.9.1"
echo "    $venv: $("$venv/bin/python" -c "$versions") installed"
