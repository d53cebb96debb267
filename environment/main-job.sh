#!/usr/bin/env bash
# The main job: installs what is missing (Fashion-MNIST, the notebook environment), trains the
# quick preset of the four architectures, scores them, and runs the five notebooks headless at the
# quick budget. Everything lands under results/ (about 7 minutes on two CPU cores, on tcmalloc).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

# Debian packages: the dataset, and tcmalloc (faster training steps; environment/allocator.sh).
FMNIST=/usr/share/datasets/fashion-mnist
PKGS=()
[ -f "$FMNIST/train-images-idx3-ubyte.gz" ] || PKGS+=(dataset-fashion-mnist)
. environment/allocator.sh
[ -n "$(DWGAN_MALLOC=tcmalloc dwgan_malloc_library)" ] || PKGS+=(libtcmalloc-minimal4)
if [ ${#PKGS[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ]; then
    echo "main-job: installing Debian's ${PKGS[*]}" >&2
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${PKGS[@]}"
  elif [[ " ${PKGS[*]} " == *" dataset-fashion-mnist "* ]]; then
    echo "main-job: Fashion-MNIST is missing: run 'sudo apt-get install ${PKGS[*]}'" >&2
    exit 1
  else
    echo "main-job: tcmalloc is missing ('sudo apt-get install libtcmalloc-minimal4' makes" \
      "training faster); continuing with glibc's malloc" >&2
  fi
fi
MALLOC_LIB=$(dwgan_malloc_library || true)
echo "main-job: native allocator: ${MALLOC_LIB:-glibc malloc (slower, see docs/bench.md)}"
environment/install.sh

./dwgan params --csv results/params.csv
./dwgan ablation --preset quick --no-progress --resume
./dwgan evaluate results/runs/quick-stargan results/runs/quick-depthwiseg \
  results/runs/quick-depthwisedg results/runs/quick-deeperdepthwiseg --out results/eval
environment/run-notebooks.sh quick
