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
- training_steps.json: two iterations of a tiny StarGAN in float32 (initial weights, batches,
  losses of every step, weights after Adam); training_steps_depthwise_g.json: the same with
  DepthwiseG's generator (separable input, downsampling, residual and output convolutions).
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
    torch.set_default_dtype(torch.float32)
    write("training_steps.json", training_case(6))
    write("training_steps_depthwise_g.json", training_case(7, separable_g=True))



# ---------------------------------------------------------------------------------------------
# Two training iterations of a tiny StarGAN (the layout of io.github.dwgan.model), for
# TrainingStepParityTest: iteration 1 updates D; iteration 2 updates D, then G (n_critic = 2).
# ---------------------------------------------------------------------------------------------

def conv(separable, cin, cout, k, stride, pad):
    """A convolution without bias, or its depthwise separable form (depthwise, then 1x1)."""
    if not separable:
        return nn.Conv2d(cin, cout, k, stride, pad, bias=False)
    return nn.Sequential(nn.Conv2d(cin, cin, k, stride, pad, groups=cin, bias=False),
                         nn.Conv2d(cin, cout, 1, 1, 0, bias=False))


def tiny_generator(channels, domains, width, sep=False):
    layers = [conv(sep, channels + domains, width, 7, 1, 3),
              nn.InstanceNorm2d(width, affine=True), nn.ReLU()]
    cur = width
    for _ in range(2):
        layers += [conv(sep, cur, cur * 2, 4, 2, 1),
                   nn.InstanceNorm2d(cur * 2, affine=True), nn.ReLU()]
        cur *= 2
    layers += [Residual(cur, sep)]
    for _ in range(2):
        layers += [nn.ConvTranspose2d(cur, cur // 2, 4, 2, 1, bias=False),
                   nn.InstanceNorm2d(cur // 2, affine=True), nn.ReLU()]
        cur //= 2
    layers += [conv(sep, cur, channels, 7, 1, 3), nn.Tanh()]
    return nn.Sequential(*layers)


class Residual(nn.Module):
    def __init__(self, c, sep=False):
        super().__init__()
        self.body = nn.Sequential(conv(sep, c, c, 3, 1, 1),
                                  nn.InstanceNorm2d(c, affine=True), nn.ReLU(),
                                  conv(sep, c, c, 3, 1, 1),
                                  nn.InstanceNorm2d(c, affine=True))

    def forward(self, x):
        return x + self.body(x)


class TinyD(nn.Module):
    def __init__(self, channels, domains, width, repeat, size):
        super().__init__()
        layers = [nn.Conv2d(channels, width, 4, 2, 1), nn.LeakyReLU(0.01)]
        cur = width
        for _ in range(1, repeat):
            layers += [nn.Conv2d(cur, cur * 2, 4, 2, 1), nn.LeakyReLU(0.01)]
            cur *= 2
        self.main = nn.Sequential(*layers)
        self.src = nn.Conv2d(cur, 1, 3, 1, 1, bias=False)
        self.cls = nn.Conv2d(cur, domains, size >> repeat, bias=False)

    def forward(self, x):
        h = self.main(x)
        return self.src(h), self.cls(h).view(h.size(0), -1)


def translate(g, x, c):
    maps = c.view(c.size(0), c.size(1), 1, 1).repeat(1, 1, x.size(2), x.size(3))
    return g(torch.cat([x, maps], dim=1))


def training_case(seed, separable_g=False):
    torch.manual_seed(seed)
    n, ch, doms, size, lr = 4, 1, 3, 8, 1e-3
    g = tiny_generator(ch, doms, 2, separable_g).float()
    d = TinyD(ch, doms, 2, 2, size).float()
    with torch.no_grad():
        for m in g.modules():
            if isinstance(m, nn.InstanceNorm2d):
                m.weight.uniform_(0.5, 1.5)
                m.bias.uniform_(-0.2, 0.2)
    init_g = {k: entry(v) for k, v in g.named_parameters()}
    init_d = {k: entry(v) for k, v in d.named_parameters()}
    g_opt = torch.optim.Adam(g.parameters(), lr, betas=(0.5, 0.999))
    d_opt = torch.optim.Adam(d.parameters(), lr, betas=(0.5, 0.999))
    steps = []
    for it in range(2):
        x = torch.rand(n, ch, size, size) * 2 - 1
        org = torch.randint(0, doms, (n,))
        trg = org[torch.randperm(n)]
        c_org = torch.nn.functional.one_hot(org, doms).float()
        c_trg = torch.nn.functional.one_hot(trg, doms).float()
        alpha = torch.rand(n, 1, 1, 1)
        step = {"x": entry(x), "labels": entry(c_org), "targets": entry(c_trg),
                "alpha": entry(alpha)}
        out_src, out_cls = d(x)
        d_real = -out_src.mean()
        d_cls = torch.nn.functional.cross_entropy(out_cls, org)
        fake = translate(g, x, c_trg)
        out_src, _ = d(fake.detach())
        d_fake = out_src.mean()
        x_hat = (alpha * x + (1 - alpha) * fake.detach()).requires_grad_(True)
        out_src, _ = d(x_hat)
        grad = torch.autograd.grad(out_src, x_hat, torch.ones_like(out_src),
                                   retain_graph=True, create_graph=True)[0]
        gp = ((grad.view(n, -1).norm(dim=1) - 1) ** 2).mean()
        d_loss = d_real + d_fake + d_cls + 10 * gp
        g_opt.zero_grad()
        d_opt.zero_grad()
        d_loss.backward()
        d_opt.step()
        step["D"] = {"D/loss_real": float(d_real), "D/loss_fake": float(d_fake),
                     "D/loss_cls": float(d_cls), "D/loss_gp": float(gp)}
        if it == 1:
            fake = translate(g, x, c_trg)
            out_src, out_cls = d(fake)
            g_fake = -out_src.mean()
            g_cls = torch.nn.functional.cross_entropy(out_cls, trg)
            rec = translate(g, fake, c_org)
            g_rec = (x - rec).abs().mean()
            g_loss = g_fake + 10 * g_rec + g_cls
            g_opt.zero_grad()
            d_opt.zero_grad()
            g_loss.backward()
            g_opt.step()
            step["G"] = {"G/loss_fake": float(g_fake), "G/loss_rec": float(g_rec),
                         "G/loss_cls": float(g_cls)}
        steps.append(step)
    return {"lr": lr, "initG": init_g, "initD": init_d, "steps": steps,
            "finalG": {k: entry(v) for k, v in g.named_parameters()},
            "finalD": {k: entry(v) for k, v in d.named_parameters()}}



if __name__ == "__main__":
    main()
