#!/usr/bin/env bash
# The main job: installs what is missing (Fashion-MNIST, the notebook environment), trains the
# quick preset of the four architectures, scores them, and runs the five notebooks headless at the
# quick budget. Everything lands under results/ (about 25 minutes on two CPU cores).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

FMNIST=/usr/share/datasets/fashion-mnist
if [ ! -f "$FMNIST/train-images-idx3-ubyte.gz" ]; then
  if [ "$(id -u)" = 0 ]; then
    echo "main-job: installing Debian's dataset-fashion-mnist" >&2
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq dataset-fashion-mnist
  else
    echo "main-job: Fashion-MNIST is missing: run 'sudo apt-get install dataset-fashion-mnist'" >&2
    exit 1
  fi
fi
environment/install.sh

./dwgan params --csv results/params.csv
./dwgan ablation --preset quick --no-progress --resume
./dwgan evaluate results/runs/quick-stargan results/runs/quick-depthwiseg \
  results/runs/quick-depthwisedg results/runs/quick-deeperdepthwiseg --out results/eval
environment/run-notebooks.sh quick
