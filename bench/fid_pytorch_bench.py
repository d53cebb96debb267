"""Measures FID Inception feature extraction in PyTorch: images per second on the CPU, the
reference for the Java FeatureBenchmark (io.github.dwgan.fid.FeatureBenchmark).

Run with Debian's torch and torchvision (bench/fid_feature_benchmark.sh runs both sides):
    /usr/bin/python3 bench/fid_pytorch_bench.py --work /tmp/dwgan-fidbench --threads 2

The network is pytorch-fid's (the FID blocks of lib/src/test/python/gen_fid_inception_fixtures.py
on torchvision's Inception3) at full width with random weights, since the real weights file cannot
be downloaded here; speed does not depend on the weight values, and the random weights keep
activations in a normal range (no denormals). Into --work it writes, once:
  fid_random_full.pth   the state dict, saved by torch.save in the real file's format (~100 MB)
  images/NNN.png        --images random 299 x 299 RGB images (seeded)
and on every run:
  features.npz          the 2048-d features of those images ('features', N x 2048, float64),
                        which the Java side compares with its own
  pytorch.csv           the measured rows (the Java side reads its settings from them)

Two stages are timed, each after a warm-up pass, as the fastest of --repeats passes over all
images (the fastest, because the machines here are shared and other jobs only ever slow a pass):
  end_to_end  decoded images -> ToTensor -> bilinear resize to 299 -> 2x - 1 -> pool features as
              numpy, as pytorch-fid's get_activations does after its DataLoader decodes
  network     the network alone on a ready N x 3 x 299 x 299 tensor in [-1, 1]
Beside images per second (wall time), the CPU seconds per image of the whole process are
recorded: on a shared machine they move less with other jobs than the wall time does.
"""
import argparse
import csv
import os
import sys
import time

import numpy as np
import torch
import torch.nn.functional as F
import torchvision.transforms.functional as TF
from PIL import Image

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'lib', 'src',
                                'test', 'python'))
import gen_fid_inception_fixtures as fid  # noqa: E402

WEIGHTS = 'fid_random_full.pth'
HEADER = ['implementation', 'version', 'stage', 'threads', 'batch', 'images', 'repeats',
          'seconds_best', 'images_per_sec', 'cpu_seconds_per_image', 'load_avg_1m']


def write_inputs(work, images):
    """Writes the random full-width weights and the random images, unless they exist."""
    path = os.path.join(work, WEIGHTS)
    if not os.path.exists(path):
        net = fid.pytorch_fid_inception().eval()
        fid.randomize(net, torch.Generator().manual_seed(1234))
        torch.save(net.state_dict(), path)
        print('wrote', path, os.path.getsize(path) // 2**20, 'MiB')
    folder = os.path.join(work, 'images')
    os.makedirs(folder, exist_ok=True)
    rng = np.random.default_rng(7)
    for i in range(images):
        f = os.path.join(folder, '%03d.png' % i)
        pixels = rng.integers(0, 256, (299, 299, 3), dtype=np.uint8)
        if not os.path.exists(f):
            Image.fromarray(pixels, 'RGB').save(f)


def pool_features(net, batch):
    """pytorch-fid's InceptionV3 (resize_input, normalize_input) up to the pool features."""
    x = F.interpolate(batch, size=(299, 299), mode='bilinear', align_corners=False)
    return fid.pool_features_tv(net, 2 * x - 1)


def end_to_end(net, images):
    with torch.no_grad():
        batch = torch.stack([TF.to_tensor(im) for im in images])
        return pool_features(net, batch).numpy()


def network_only(net, x):
    with torch.no_grad():
        return fid.pool_features_tv(net, x)


def timed(step, batches, repeats):
    """Runs step on every batch, after a warm-up pass; returns the fastest pass in seconds of
    wall time and the smallest in seconds of this process's CPU time (all threads)."""
    for b in batches:
        step(b)
    wall, cpu = [], []
    for _ in range(repeats):
        t0, c0 = time.perf_counter(), time.process_time()
        for b in batches:
            step(b)
        wall.append(time.perf_counter() - t0)
        cpu.append(time.process_time() - c0)
    return min(wall), min(cpu)


def main():
    p = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    p.add_argument('--work', default='/tmp/dwgan-fidbench')
    p.add_argument('--threads', type=int, default=2)
    p.add_argument('--images', type=int, default=16)
    p.add_argument('--batch', type=int, default=8)
    p.add_argument('--repeats', type=int, default=2)
    a = p.parse_args()
    torch.set_num_threads(a.threads)
    torch.set_num_interop_threads(1)
    os.makedirs(a.work, exist_ok=True)
    write_inputs(a.work, a.images)

    net = fid.pytorch_fid_inception().eval()
    net.load_state_dict(torch.load(os.path.join(a.work, WEIGHTS)))
    images = [Image.open(os.path.join(a.work, 'images', '%03d.png' % i)).convert('RGB')
              for i in range(a.images)]
    for im in images:
        im.load()
    groups = [images[i:i + a.batch] for i in range(0, a.images, a.batch)]
    tensors = [2 * torch.stack([TF.to_tensor(im) for im in g]) - 1 for g in groups]

    rows = []
    for stage, step, batches in [('end_to_end', lambda g: end_to_end(net, g), groups),
                                 ('network', lambda x: network_only(net, x), tensors)]:
        sec, cpu = timed(step, batches, a.repeats)
        rows.append(['pytorch', torch.__version__, stage, torch.get_num_threads(), a.batch,
                     a.images, a.repeats, '%.3f' % sec, '%.3f' % (a.images / sec),
                     '%.3f' % (cpu / a.images), '%.2f' % os.getloadavg()[0]])
        print('PyTorch %s %-10s %d threads: %.3f images/s' % (
            torch.__version__, stage, torch.get_num_threads(), a.images / sec))

    features = np.concatenate([end_to_end(net, g) for g in groups]).astype(np.float64)
    np.savez(os.path.join(a.work, 'features.npz'), features=features)
    with open(os.path.join(a.work, 'pytorch.csv'), 'w', newline='') as f:
        w = csv.writer(f)
        w.writerow(HEADER)
        w.writerows(rows)


if __name__ == '__main__':
    main()
