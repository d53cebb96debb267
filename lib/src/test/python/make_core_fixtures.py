#!/usr/bin/env python3
"""Writes the reference fixtures for the core layer parity tests.

Run with Debian's PyTorch (``/usr/bin/python3 lib/src/test/python/make_core_fixtures.py``).
Every fixture is a small JSON file of flat float lists and shapes, computed in float64 with
PyTorch 1.13 from fixed seeds, so the Java tests need no Python.

Fixtures:
- conv_transpose.json: ConvTranspose2d(k=4, s=2, p=1) forward and gradients (dense and
  depthwise, groups = channels, with bias).
- instance_norm.json: InstanceNorm2d(affine=True) forward and gradients, per-instance stats.
- gradient_penalty.json: a tiny PatchGAN-like critic; the WGAN-GP term
  mean((||d D(x_hat)/d x_hat||_2 - 1)^2) and its gradients with respect to every parameter.
"""
import json
import os
import sys

import torch
import torch.nn as nn

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "resources", "fixtures",
                   "core")


def flat(t):
    return [float(v) for v in t.detach().reshape(-1).tolist()]


def entry(t):
    return {"shape": list(t.shape), "data": flat(t)}


def write(name, obj):
    os.makedirs(OUT, exist_ok=True)
    with open(os.path.join(OUT, name), "w") as f:
        json.dump(obj, f, separators=(",", ":"))
    print("wrote", name, file=sys.stderr)


def conv_transpose_case(seed, cin, cout, groups, bias, n, h, w):
    torch.manual_seed(seed)
    layer = nn.ConvTranspose2d(cin, cout, 4, 2, 1, groups=groups, bias=bias).double()
    x = torch.randn(n, cin, h, w, dtype=torch.float64, requires_grad=True)
    y = layer(x)
    gout = torch.randn_like(y)
    y.backward(gout)
    case = {"groups": groups, "x": entry(x), "weight": entry(layer.weight), "y": entry(y),
            "gradOut": entry(gout), "gradX": entry(x.grad), "gradWeight": entry(layer.weight.grad)}
    if bias:
        case["bias"] = entry(layer.bias)
        case["gradBias"] = entry(layer.bias.grad)
    return case


def instance_norm_case(seed, n, c, h, w):
    torch.manual_seed(seed)
    layer = nn.InstanceNorm2d(c, affine=True).double()
    with torch.no_grad():
        layer.weight.uniform_(0.5, 1.5)
        layer.bias.uniform_(-0.5, 0.5)
    x = (torch.randn(n, c, h, w, dtype=torch.float64) * 3 + 1).requires_grad_(True)
    y = layer(x)
    gout = torch.randn_like(y)
    y.backward(gout)
    return {"x": entry(x), "weight": entry(layer.weight), "bias": entry(layer.bias),
            "y": entry(y), "gradOut": entry(gout), "gradX": entry(x.grad),
            "gradWeight": entry(layer.weight.grad), "gradBias": entry(layer.bias.grad)}


class TinyCritic(nn.Module):
    """Two strided 4x4 convs with LeakyReLU(0.01), then a 3x3 patch head (StarGAN's D shape)."""

    def __init__(self, channels, width):
        super().__init__()
        self.c1 = nn.Conv2d(channels, width, 4, 2, 1)
        self.c2 = nn.Conv2d(width, 2 * width, 4, 2, 1)
        self.head = nn.Conv2d(2 * width, 1, 3, 1, 1, bias=False)
        self.act = nn.LeakyReLU(0.01)

    def forward(self, x):
        return self.head(self.act(self.c2(self.act(self.c1(x)))))


def gradient_penalty_case(seed):
    torch.manual_seed(seed)
    critic = TinyCritic(2, 4).double()
    real = torch.randn(3, 2, 8, 8, dtype=torch.float64)
    fake = torch.randn(3, 2, 8, 8, dtype=torch.float64)
    alpha = torch.rand(3, 1, 1, 1, dtype=torch.float64)
    x_hat = (alpha * real + (1 - alpha) * fake).requires_grad_(True)
    out = critic(x_hat)
    dydx = torch.autograd.grad(out, x_hat, grad_outputs=torch.ones_like(out),
                               retain_graph=True, create_graph=True, only_inputs=True)[0]
    dydx = dydx.view(dydx.size(0), -1)
    norm = torch.sqrt(torch.sum(dydx ** 2, dim=1))
    gp = torch.mean((norm - 1) ** 2)
    gp.backward()
    params = {name: entry(p) for name, p in critic.named_parameters()}
    grads = {name: entry(p.grad) for name, p in critic.named_parameters()}
    return {"real": entry(real), "fake": entry(fake), "alpha": entry(alpha),
            "penalty": float(gp), "params": params, "grads": grads}


def main():
    torch.set_default_dtype(torch.float64)
    write("conv_transpose.json", {
        "dense": conv_transpose_case(1, 3, 5, 1, False, 2, 4, 5),
        "denseBias": conv_transpose_case(2, 4, 2, 1, True, 1, 3, 3),
        "depthwise": conv_transpose_case(3, 4, 4, 4, False, 2, 3, 4),
    })
    write("instance_norm.json", instance_norm_case(4, 2, 3, 5, 4))
    write("gradient_penalty.json", gradient_penalty_case(5))


if __name__ == "__main__":
    main()
