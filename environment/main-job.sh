#!/usr/bin/env bash
# The main job: installs what is missing, then trains the quick preset of the four
# architectures on Fashion-MNIST and writes their samples, checkpoints, metrics, provenance,
# the comparison table and figures under results/.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

FMNIST=/usr/share/datasets/fashion-mnist
if [ ! -f "$FMNIST/train-images-idx3-ubyte.gz" ]; then
  if [ "$(id -u)" = 0 ]; then
    echo "main-job: installing Debian's dataset-fashion-mnist" >&2
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq dataset-fashion-mnist
  else
    echo "main-job: Fashion-MNIST is missing: run 'sudo apt-get install dataset-fashion-mnist'" >&2
    exit 1
  fi
fi

./dwgan params --csv results/params.csv
./dwgan ablation --preset quick --no-progress "$@"
