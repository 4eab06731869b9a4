#!/usr/bin/env bash
# Python packages the GaitML tests use to read back what the Swift code writes, in a git-ignored venv
# (.venv-ml): tensorboard (reads the training event files).
set -euo pipefail
cd "$(dirname "$0")/../.."
venv=.venv-ml
if [ -x "$venv/bin/python" ] && "$venv/bin/python" -c "import tensorboard" 2>/dev/null; then
    echo "    $venv: tensorboard $("$venv/bin/python" -c 'import tensorboard; print(tensorboard.__version__)') already installed"
    exit 0
fi
if ! python3 -c "import venv, ensurepip" 2>/dev/null; then
    echo "    installing python3-venv with apt-get"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-venv >/dev/null
fi
echo "    creating $venv and installing tensorboard from PyPI"
python3 -m venv "$venv"
"$venv/bin/pip" install --quiet --disable-pip-version-check "tensorboard==2.21.0"
echo "    $venv: tensorboard $("$venv/bin/python" -c 'import tensorboard; print(tensorboard.__version__)') installed"
