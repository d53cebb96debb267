#!/usr/bin/python3
"""Times one StarGAN training iteration in PyTorch: the reference for `./dwgan bench`.

Written for this project from the StarGAN paper (Choi et al. 2018, appendix: generator,
PatchGAN discriminator with a domain head, WGAN-GP) and the layouts of our Java models
(io.github.dwgan.model): the four DepthwiseGANs architectures, the same losses and the same
step order as io.github.dwgan.train.GanStep. Only the speed is compared; the weights are
PyTorch's default initialisation with a fixed seed and the data are random.

Prints one JSON line: the seconds of each timed iteration for the discriminator step (with the
gradient penalty) and its Adam update, and for the generator step and its Adam update, the CPU
seconds of each step (all threads; less sensitive than wall time to other jobs on a shared
machine), plus the process's peak resident memory.

Usage (Debian's python3-torch):
  /usr/bin/python3 bench/pytorch_reference.py --arch StarGAN --image-size 128 --batch 4
  /usr/bin/python3 bench/pytorch_reference.py --matmul 2048
"""

import argparse
import json
import resource
import time

import torch
import torch.nn as nn
import torch.nn.functional as F

ARCHS = ("StarGAN", "DepthwiseG", "DepthwiseDG", "DeeperDepthwiseG")


def conv(separable, cin, cout, k, stride, pad, bias):
    """Returns a standard convolution, or depthwise (k x k, groups=cin) then pointwise 1x1."""
    if not separable:
        return nn.Conv2d(cin, cout, k, stride, pad, bias=bias)
    return nn.Sequential(
        nn.Conv2d(cin, cin, k, stride, pad, groups=cin, bias=False),
        nn.Conv2d(cin, cout, 1, 1, 0, bias=bias),
    )


class SubPixelConvTranspose(nn.Module):
    """ConvTranspose2d(cin, cout, 4, 2, 1, bias=False) as four 2x2 convolutions, interleaved.

    The same computation as the Java layer io.github.dwgan.nn.ConvTranspose2d; used only with
    --upsample subpixel to separate the cost of Debian torch's own transposed convolution.
    """

    def __init__(self, cin, cout):
        super().__init__()
        self.weight = nn.ConvTranspose2d(cin, cout, 4, 2, 1, bias=False).weight

    def forward(self, x):
        n, _, h, w = x.shape
        flipped = self.weight.flip(2, 3)
        padded = F.pad(x, (1, 1, 1, 1))
        rows = []
        for a in range(2):
            cols = []
            for b in range(2):
                k = flipped[:, :, a::2, b::2].transpose(0, 1)
                cols.append(F.conv2d(padded[:, :, a:a + h + 1, b:b + w + 1], k))
            rows.append(torch.stack(cols, 4))
        y = torch.stack(rows, 3)
        return y.reshape(n, -1, 2 * h, 2 * w)


class ResidualBlock(nn.Module):
    def __init__(self, c, separable):
        super().__init__()
        self.body = nn.Sequential(
            conv(separable, c, c, 3, 1, 1, False),
            nn.InstanceNorm2d(c, affine=True, track_running_stats=True),
            nn.ReLU(inplace=True),
            conv(separable, c, c, 3, 1, 1, False),
            nn.InstanceNorm2d(c, affine=True, track_running_stats=True),
        )

    def forward(self, x):
        return x + self.body(x)


class Generator(nn.Module):
    def __init__(self, arch, channels, domains, width=64, res_blocks=6, upsample="native"):
        super().__init__()
        sep = arch != "StarGAN"
        downs = 3 if arch == "DeeperDepthwiseG" else 2
        layers = [
            conv(sep, channels + domains, width, 7, 1, 3, False),
            nn.InstanceNorm2d(width, affine=True, track_running_stats=True),
            nn.ReLU(inplace=True),
        ]
        cur = width
        for _ in range(downs):
            layers += [
                conv(sep, cur, cur * 2, 4, 2, 1, False),
                nn.InstanceNorm2d(cur * 2, affine=True, track_running_stats=True),
                nn.ReLU(inplace=True),
            ]
            cur *= 2
        layers += [ResidualBlock(cur, sep) for _ in range(res_blocks)]
        for _ in range(downs):
            up = (
                nn.ConvTranspose2d(cur, cur // 2, 4, 2, 1, bias=False)
                if upsample == "native"
                else SubPixelConvTranspose(cur, cur // 2)
            )
            layers += [
                up,
                nn.InstanceNorm2d(cur // 2, affine=True, track_running_stats=True),
                nn.ReLU(inplace=True),
            ]
            cur //= 2
        layers += [conv(sep, cur, channels, 7, 1, 3, False), nn.Tanh()]
        self.main = nn.Sequential(*layers)

    def forward(self, x, c):
        c = c.view(c.size(0), c.size(1), 1, 1).expand(-1, -1, x.size(2), x.size(3))
        return self.main(torch.cat([x, c], dim=1))


class Discriminator(nn.Module):
    def __init__(self, arch, image_size, channels, domains, width=64, repeat=6):
        super().__init__()
        layers = []
        cin, cur = channels, width
        for i in range(repeat):
            sep = arch == "DepthwiseDG" and i < repeat - 1
            layers += [conv(sep, cin, cur, 4, 2, 1, True), nn.LeakyReLU(0.01)]
            cin, cur = cur, cur * 2
        self.main = nn.Sequential(*layers)
        self.src = nn.Conv2d(cin, 1, 3, 1, 1, bias=False)
        self.cls = nn.Conv2d(cin, domains, image_size >> repeat, bias=False)

    def forward(self, x):
        h = self.main(x)
        return self.src(h), self.cls(h).view(h.size(0), -1)


def classification_loss(logits, target):
    return F.binary_cross_entropy_with_logits(logits, target, reduction="sum") / logits.size(0)


def gradient_penalty(out, x):
    grad = torch.autograd.grad(
        outputs=out, inputs=x, grad_outputs=torch.ones_like(out),
        retain_graph=True, create_graph=True, only_inputs=True)[0]
    norm = grad.view(grad.size(0), -1).pow(2).sum(1).sqrt()
    return ((norm - 1) ** 2).mean()


def sync(device):
    """Waits for queued GPU kernels, so that wall-clock timers see finished work."""
    if device.type == "cuda":
        torch.cuda.synchronize(device)


def discriminator_step(g, d, real, labels, targets, alpha, opt_d, opt_g, lam_cls, lam_gp):
    """Returns the seconds of D's forward/backward and of its Adam update, and its CPU seconds."""
    dev = real.device
    sync(dev)
    c0 = time.process_time()
    t0 = time.perf_counter()
    opt_d.zero_grad()
    opt_g.zero_grad()
    src, cls = d(real)
    loss_real = -src.mean()
    loss_cls = classification_loss(cls, labels)
    with torch.no_grad():
        fake = g(real, targets)
    src, _ = d(fake)
    loss_fake = src.mean()
    x_hat = (alpha * real + (1 - alpha) * fake).requires_grad_(True)
    src, _ = d(x_hat)
    gp = gradient_penalty(src, x_hat)
    loss = loss_real + loss_fake + lam_cls * loss_cls + lam_gp * gp
    for v in (loss_real, loss_fake, loss_cls, gp, loss):
        v.item()
    loss.backward()
    sync(dev)
    t1 = time.perf_counter()
    opt_d.step()
    sync(dev)
    return t1 - t0, time.perf_counter() - t1, time.process_time() - c0


def generator_step(g, d, real, labels, targets, opt_d, opt_g, lam_cls, lam_rec):
    """Returns the seconds of G's forward/backward and of its Adam update, and its CPU seconds."""
    dev = real.device
    sync(dev)
    c0 = time.process_time()
    t0 = time.perf_counter()
    opt_d.zero_grad()
    opt_g.zero_grad()
    fake = g(real, targets)
    src, cls = d(fake)
    loss_fake = -src.mean()
    loss_cls = classification_loss(cls, targets)
    rec = g(fake, labels)
    loss_rec = (real - rec).abs().mean()
    loss = loss_fake + lam_rec * loss_rec + lam_cls * loss_cls
    for v in (loss_fake, loss_rec, loss_cls, loss):
        v.item()
    loss.backward()
    sync(dev)
    t1 = time.perf_counter()
    opt_g.step()
    sync(dev)
    return t1 - t0, time.perf_counter() - t1, time.process_time() - c0


def run_steps(args):
    torch.manual_seed(1234)
    dev = torch.device(args.device)
    g = Generator(args.arch, args.channels, args.domains, upsample=args.upsample).to(dev)
    d = Discriminator(args.arch, args.image_size, args.channels, args.domains,
                      repeat=args.d_repeat).to(dev)
    opt_g = torch.optim.Adam(g.parameters(), 1e-4, betas=(0.5, 0.999))
    opt_d = torch.optim.Adam(d.parameters(), 1e-4, betas=(0.5, 0.999))
    n, s = args.batch, args.image_size
    times = {"d": [], "d_adam": [], "g": [], "g_adam": [], "d_cpu": [], "g_cpu": []}
    for i in range(args.warmup + args.iterations):
        real = (torch.rand(n, args.channels, s, s) * 2 - 1).to(dev)
        labels = (torch.rand(n, args.domains) > 0.5).float().to(dev)
        targets = (torch.rand(n, args.domains) > 0.5).float().to(dev)
        alpha = torch.rand(n, 1, 1, 1).to(dev)
        dt, da, dc = discriminator_step(g, d, real, labels, targets, alpha, opt_d, opt_g, 1.0, 10.0)
        gt, ga, gc = generator_step(g, d, real, labels, targets, opt_d, opt_g, 1.0, 10.0)
        if i >= args.warmup:
            keys = ("d", "d_adam", "g", "g_adam", "d_cpu", "g_cpu")
            for k, v in zip(keys, (dt + da, da, gt + ga, ga, dc, gc)):
                times[k].append(v)
    return times


def matmul_gflops(size, repeats=5):
    a = torch.randn(size, size)
    b = torch.randn(size, size)
    a @ b
    best = float("inf")
    for _ in range(repeats):
        t0 = time.perf_counter()
        a @ b
        best = min(best, time.perf_counter() - t0)
    return 2.0 * size ** 3 / best / 1e9


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--arch", choices=ARCHS, default="StarGAN")
    p.add_argument("--image-size", type=int, default=128)
    p.add_argument("--batch", type=int, default=4)
    p.add_argument("--channels", type=int, default=3)
    p.add_argument("--domains", type=int, default=5)
    p.add_argument("--d-repeat", type=int, default=6)
    p.add_argument("--warmup", type=int, default=1)
    p.add_argument("--iterations", type=int, default=3)
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--upsample", choices=("native", "subpixel"), default="native",
                   help="nn.ConvTranspose2d (as a user would) or our sub-pixel replacement")
    p.add_argument("--device", default="cpu", help="cpu or cuda (cuda:0)")
    p.add_argument("--matmul", type=int, default=0, help="only time an NxN matmul")
    args = p.parse_args()
    torch.set_num_threads(args.threads)
    torch.set_num_interop_threads(1)
    result = {"impl": "pytorch", "torch": torch.__version__, "threads": args.threads}
    if args.matmul:
        result["matmul_gflops"] = matmul_gflops(args.matmul)
    else:
        result.update(arch=args.arch, image_size=args.image_size, batch=args.batch,
                      device="gpu" if args.device.startswith("cuda") else "cpu",
                      upsample=args.upsample, **run_steps(args))
    result["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0
    print(json.dumps(result))


if __name__ == "__main__":
    main()
