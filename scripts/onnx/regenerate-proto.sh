#!/usr/bin/env bash
# Regenerates Sources/GaitONNX/Generated/onnx.pb.swift from ONNX's own onnx.proto.
#
# Run by hand, only when the ONNX schema version changes; CI never runs it (CI compiles the
# committed generated file). What it uses:
#   - onnx.proto from the `onnx` wheel on PyPI, version ONNX_VERSION below (the wheel ships
#     onnx/onnx.proto; its SHA-256 is checked so that a changed file is noticed);
#   - protoc from Debian's protobuf-compiler (installed with apt-get when missing);
#   - protoc-gen-swift built from apple/swift-protobuf at SWIFT_PROTOBUF_VERSION, the version
#     Package.swift depends on (a release build of the plugin: 1.5 minutes on the development VM,
#     up to 10 on slower machines; kept in .build-onnx-proto/ and reused by later runs).
# usage: bash scripts/onnx/regenerate-proto.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
ONNX_VERSION=1.23.2
ONNX_PROTO_SHA256=547214dd049486a4d5ecbae593e9c72d90b5e8d603944b722eff469e0b5a9cc9
SWIFT_PROTOBUF_VERSION=1.39.0
work=.build-onnx-proto
output=Sources/GaitONNX/Generated
mkdir -p "$work" "$output"

if ! command -v protoc >/dev/null 2>&1; then
    echo "==> installing protoc (Debian protobuf-compiler)"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq protobuf-compiler >/dev/null
fi
echo "==> $(protoc --version)"

echo "==> onnx.proto from the onnx $ONNX_VERSION wheel"
rm -rf "$work/wheel" && mkdir -p "$work/wheel"
python3 -m pip download --quiet --no-deps --only-binary :all: --platform manylinux_2_28_x86_64 \
    --python-version 3.11 --dest "$work/wheel" "onnx==$ONNX_VERSION"
python3 - "$work/wheel" "$work/onnx.proto" <<'PY'
import glob, sys, zipfile
wheel = glob.glob(sys.argv[1] + "/onnx-*.whl")[0]
with zipfile.ZipFile(wheel) as archive, open(sys.argv[2], "wb") as out:
    out.write(archive.read("onnx/onnx.proto"))
PY
echo "$ONNX_PROTO_SHA256  $work/onnx.proto" | sha256sum --check --quiet

plugin="$work/swift-protobuf/.build/release/protoc-gen-swift"
if [ ! -x "$plugin" ]; then
    echo "==> building protoc-gen-swift $SWIFT_PROTOBUF_VERSION (release build, a few minutes)"
    rm -rf "$work/swift-protobuf"
    git -c advice.detachedHead=false clone --quiet --depth 1 --branch "$SWIFT_PROTOBUF_VERSION" https://github.com/apple/swift-protobuf "$work/swift-protobuf"
    (cd "$work/swift-protobuf" && swift build -c release --product protoc-gen-swift)
fi

echo "==> generating $output/onnx.pb.swift"
protoc --plugin=protoc-gen-swift="$plugin" --proto_path="$work" \
    --swift_opt=Visibility=Internal --swift_out="$output" "$work/onnx.proto"
{
    echo "// Generated from onnx.proto of the onnx $ONNX_VERSION wheel (sha256 $ONNX_PROTO_SHA256)"
    echo "// by protoc-gen-swift $SWIFT_PROTOBUF_VERSION. Do not edit: run scripts/onnx/regenerate-proto.sh."
    cat "$output/onnx.pb.swift"
} > "$output/onnx.pb.swift.tmp"
mv "$output/onnx.pb.swift.tmp" "$output/onnx.pb.swift"
echo "==> done: $(wc -l < "$output/onnx.pb.swift") lines"
