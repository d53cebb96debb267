"""Writes the FID Inception parity fixtures (random weights; pytorch-fid's real weights are not
downloadable here).

Run with Debian's torch/torchvision:
    /usr/bin/python3 lib/src/test/python/gen_fid_inception_fixtures.py

1. Builds pytorch-fid's network exactly as pytorch_fid/inception.py does (torchvision's
   Inception3 with num_classes=1008, aux_logits=False, the Mixed blocks replaced by the FID
   variants whose forward() is copied below), and writes its state-dict key names and shapes
   to inception_keys_full.txt (what the real pt_inception-2015-12-05-6726825d.pth holds).
2. Writes the same network out with every channel count divided by a divisor (names unchanged),
   and checks that at divisor 1 it gives the same pool features as (1) with the same weights.
3. Saves the divisor-16 network with random weights by torch.save (zip format) as
   inception_w16.pt (without the unused classifier), three small PNG images (RGB, grayscale,
   RGBA), and the 128-d pool features PyTorch computes for them with pytorch-fid's
   preprocessing (inception_w16_expected.npz).
4. Saves a small state dict in torch's legacy (pre-1.6) format, for the reader's legacy path
   (its bytes differ from run to run: the legacy format records object ids).
"""
import os

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F
import torchvision.transforms.functional as TF
from PIL import Image
from torchvision.models import inception as tvi

OUT = os.path.join(os.path.dirname(__file__), '..', 'resources', 'fixtures', 'fid')


# ---- (1) pytorch-fid's blocks: forward() copied from pytorch_fid/inception.py (v0.3.0) ----
class FIDInceptionA(tvi.InceptionA):
    def forward(self, x):
        b1 = self.branch1x1(x)
        b5 = self.branch5x5_2(self.branch5x5_1(x))
        b3 = self.branch3x3dbl_3(self.branch3x3dbl_2(self.branch3x3dbl_1(x)))
        bp = F.avg_pool2d(x, kernel_size=3, stride=1, padding=1, count_include_pad=False)
        return torch.cat([b1, b5, b3, self.branch_pool(bp)], 1)


class FIDInceptionC(tvi.InceptionC):
    def forward(self, x):
        b1 = self.branch1x1(x)
        b7 = self.branch7x7_3(self.branch7x7_2(self.branch7x7_1(x)))
        bd = self.branch7x7dbl_1(x)
        bd = self.branch7x7dbl_5(self.branch7x7dbl_4(self.branch7x7dbl_3(self.branch7x7dbl_2(bd))))
        bp = F.avg_pool2d(x, kernel_size=3, stride=1, padding=1, count_include_pad=False)
        return torch.cat([b1, b7, bd, self.branch_pool(bp)], 1)


class FIDInceptionE(tvi.InceptionE):
    def __init__(self, in_channels, max_pool):
        super().__init__(in_channels)
        self.max_pool = max_pool

    def forward(self, x):
        b1 = self.branch1x1(x)
        b3 = self.branch3x3_1(x)
        b3 = torch.cat([self.branch3x3_2a(b3), self.branch3x3_2b(b3)], 1)
        bd = self.branch3x3dbl_2(self.branch3x3dbl_1(x))
        bd = torch.cat([self.branch3x3dbl_3a(bd), self.branch3x3dbl_3b(bd)], 1)
        if self.max_pool:  # FIDInceptionE_2
            bp = F.max_pool2d(x, kernel_size=3, stride=1, padding=1)
        else:  # FIDInceptionE_1
            bp = F.avg_pool2d(x, kernel_size=3, stride=1, padding=1, count_include_pad=False)
        return torch.cat([b1, b3, bd, self.branch_pool(bp)], 1)


def pytorch_fid_inception():
    net = tvi.Inception3(num_classes=1008, aux_logits=False, init_weights=False)
    net.Mixed_5b = FIDInceptionA(192, pool_features=32)
    net.Mixed_5c = FIDInceptionA(256, pool_features=64)
    net.Mixed_5d = FIDInceptionA(288, pool_features=64)
    net.Mixed_6b = FIDInceptionC(768, channels_7x7=128)
    net.Mixed_6c = FIDInceptionC(768, channels_7x7=160)
    net.Mixed_6d = FIDInceptionC(768, channels_7x7=160)
    net.Mixed_6e = FIDInceptionC(768, channels_7x7=192)
    net.Mixed_7b = FIDInceptionE(1280, max_pool=False)
    net.Mixed_7c = FIDInceptionE(2048, max_pool=True)
    return net


def pool_features_tv(net, x):
    """pytorch-fid's InceptionV3 blocks 0-3 (output_blocks=[3]) on an input already in [-1, 1]."""
    for name in ['Conv2d_1a_3x3', 'Conv2d_2a_3x3', 'Conv2d_2b_3x3', 'maxpool1', 'Conv2d_3b_1x1',
                 'Conv2d_4a_3x3', 'maxpool2', 'Mixed_5b', 'Mixed_5c', 'Mixed_5d', 'Mixed_6a',
                 'Mixed_6b', 'Mixed_6c', 'Mixed_6d', 'Mixed_6e', 'Mixed_7a', 'Mixed_7b',
                 'Mixed_7c']:
        x = getattr(net, name)(x)
    return F.adaptive_avg_pool2d(x, (1, 1)).flatten(1)


# ---- (2) the same network with channel counts divided by k ----
def conv(i, o, k, **kw):
    m = nn.Module()
    m.conv = nn.Conv2d(i, o, k, bias=False, **kw)
    m.bn = nn.BatchNorm2d(o, eps=0.001)
    m.forward = lambda x: F.relu(m.bn(m.conv(x)))
    return m


class Scaled(nn.Module):
    def __init__(self, k):
        super().__init__()
        s = lambda c: c // k
        self.Conv2d_1a_3x3 = conv(3, s(32), 3, stride=2)
        self.Conv2d_2a_3x3 = conv(s(32), s(32), 3)
        self.Conv2d_2b_3x3 = conv(s(32), s(64), 3, padding=1)
        self.Conv2d_3b_1x1 = conv(s(64), s(80), 1)
        self.Conv2d_4a_3x3 = conv(s(80), s(192), 3)
        self.Mixed_5b = self.a(s(192), s(32), s)
        self.Mixed_5c = self.a(s(256), s(64), s)
        self.Mixed_5d = self.a(s(288), s(64), s)
        self.Mixed_6a = nn.Module()
        self.Mixed_6a.branch3x3 = conv(s(288), s(384), 3, stride=2)
        self.Mixed_6a.branch3x3dbl_1 = conv(s(288), s(64), 1)
        self.Mixed_6a.branch3x3dbl_2 = conv(s(64), s(96), 3, padding=1)
        self.Mixed_6a.branch3x3dbl_3 = conv(s(96), s(96), 3, stride=2)
        self.Mixed_6b = self.c(s(768), s(128), s)
        self.Mixed_6c = self.c(s(768), s(160), s)
        self.Mixed_6d = self.c(s(768), s(160), s)
        self.Mixed_6e = self.c(s(768), s(192), s)
        d = self.Mixed_7a = nn.Module()
        d.branch3x3_1 = conv(s(768), s(192), 1)
        d.branch3x3_2 = conv(s(192), s(320), 3, stride=2)
        d.branch7x7x3_1 = conv(s(768), s(192), 1)
        d.branch7x7x3_2 = conv(s(192), s(192), (1, 7), padding=(0, 3))
        d.branch7x7x3_3 = conv(s(192), s(192), (7, 1), padding=(3, 0))
        d.branch7x7x3_4 = conv(s(192), s(192), 3, stride=2)
        self.Mixed_7b = self.e(s(1280), s)
        self.Mixed_7c = self.e(s(2048), s)
        self.fc = nn.Linear(s(2048), 1008)

    @staticmethod
    def a(i, pool, s):
        m = nn.Module()
        m.branch1x1 = conv(i, s(64), 1)
        m.branch5x5_1 = conv(i, s(48), 1)
        m.branch5x5_2 = conv(s(48), s(64), 5, padding=2)
        m.branch3x3dbl_1 = conv(i, s(64), 1)
        m.branch3x3dbl_2 = conv(s(64), s(96), 3, padding=1)
        m.branch3x3dbl_3 = conv(s(96), s(96), 3, padding=1)
        m.branch_pool = conv(i, pool, 1)
        m.forward = lambda x: FIDInceptionA.forward(m, x)
        return m

    @staticmethod
    def c(i, c7, s):
        m = nn.Module()
        m.branch1x1 = conv(i, s(192), 1)
        m.branch7x7_1 = conv(i, c7, 1)
        m.branch7x7_2 = conv(c7, c7, (1, 7), padding=(0, 3))
        m.branch7x7_3 = conv(c7, s(192), (7, 1), padding=(3, 0))
        m.branch7x7dbl_1 = conv(i, c7, 1)
        m.branch7x7dbl_2 = conv(c7, c7, (7, 1), padding=(3, 0))
        m.branch7x7dbl_3 = conv(c7, c7, (1, 7), padding=(0, 3))
        m.branch7x7dbl_4 = conv(c7, c7, (7, 1), padding=(3, 0))
        m.branch7x7dbl_5 = conv(c7, s(192), (1, 7), padding=(0, 3))
        m.branch_pool = conv(i, s(192), 1)
        m.forward = lambda x: FIDInceptionC.forward(m, x)
        return m

    @staticmethod
    def e(i, s):
        m = nn.Module()
        m.branch1x1 = conv(i, s(320), 1)
        m.branch3x3_1 = conv(i, s(384), 1)
        m.branch3x3_2a = conv(s(384), s(384), (1, 3), padding=(0, 1))
        m.branch3x3_2b = conv(s(384), s(384), (3, 1), padding=(1, 0))
        m.branch3x3dbl_1 = conv(i, s(448), 1)
        m.branch3x3dbl_2 = conv(s(448), s(384), 3, padding=1)
        m.branch3x3dbl_3a = conv(s(384), s(384), (1, 3), padding=(0, 1))
        m.branch3x3dbl_3b = conv(s(384), s(384), (3, 1), padding=(1, 0))
        m.branch_pool = conv(i, s(192), 1)
        m.max_pool = i == s(2048)
        m.forward = lambda x: FIDInceptionE.forward(m, x)
        return m

    def forward(self, x):
        """pytorch-fid's InceptionV3(resize_input=True, normalize_input=True) for block 3."""
        x = F.interpolate(x, size=(299, 299), mode='bilinear', align_corners=False)
        x = 2 * x - 1
        for n in ['Conv2d_1a_3x3', 'Conv2d_2a_3x3', 'Conv2d_2b_3x3']:
            x = getattr(self, n)(x)
        x = F.max_pool2d(x, kernel_size=3, stride=2)
        x = self.Conv2d_4a_3x3(self.Conv2d_3b_1x1(x))
        x = F.max_pool2d(x, kernel_size=3, stride=2)
        x = self.Mixed_5d(self.Mixed_5c(self.Mixed_5b(x)))
        b = self.Mixed_6a
        x = torch.cat([b.branch3x3(x),
                       b.branch3x3dbl_3(b.branch3x3dbl_2(b.branch3x3dbl_1(x))),
                       F.max_pool2d(x, kernel_size=3, stride=2)], 1)
        x = self.Mixed_6e(self.Mixed_6d(self.Mixed_6c(self.Mixed_6b(x))))
        d = self.Mixed_7a
        x = torch.cat([d.branch3x3_2(d.branch3x3_1(x)),
                       d.branch7x7x3_4(d.branch7x7x3_3(d.branch7x7x3_2(d.branch7x7x3_1(x)))),
                       F.max_pool2d(x, kernel_size=3, stride=2)], 1)
        x = self.Mixed_7c(self.Mixed_7b(x))
        return F.adaptive_avg_pool2d(x, (1, 1)).flatten(1)


def randomize(net, gen):
    """Random weights that keep activations in a sensible range through 90+ layers."""
    with torch.no_grad():
        for name, p in net.state_dict().items():
            if name.endswith('conv.weight'):
                fan_in = p[0].numel()
                p.copy_(torch.randn(p.shape, generator=gen) * (2.0 / fan_in) ** 0.5)
            elif name.endswith('bn.weight'):
                p.copy_(0.5 + torch.rand(p.shape, generator=gen))
            elif name.endswith('bn.bias') or name.endswith('running_mean'):
                p.copy_(0.2 * torch.randn(p.shape, generator=gen))
            elif name.endswith('running_var'):
                p.copy_(0.5 + torch.rand(p.shape, generator=gen))
            elif name.startswith('fc.'):
                p.copy_(0.01 * torch.randn(p.shape, generator=gen))


def main():
    os.makedirs(OUT, exist_ok=True)
    gen = torch.Generator().manual_seed(1234)

    full = pytorch_fid_inception().eval()
    with open(os.path.join(OUT, 'inception_keys_full.txt'), 'w') as f:
        for k, v in full.state_dict().items():
            if not k.endswith('num_batches_tracked'):
                f.write('%s %s\n' % (k, ' '.join(str(s) for s in v.shape)))

    # (2) the written-out network equals pytorch-fid's at divisor 1.
    randomize(full, gen)
    mirror = Scaled(1).eval()
    mirror.load_state_dict(full.state_dict())
    x = torch.rand(1, 3, 299, 299, generator=gen)
    with torch.no_grad():
        a = pool_features_tv(full, 2 * x - 1)
        b = mirror(x)
    print('divisor 1 vs pytorch-fid: max abs diff', (a - b).abs().max().item(),
          'max abs', a.abs().max().item())
    assert torch.allclose(a, b, rtol=0, atol=1e-5)

    # (3) the divisor-16 fixture.
    net = Scaled(16).eval()
    randomize(net, gen)
    # The 1008-class classifier (516 kB here) is left out: features do not use it.
    weights = {k: v for k, v in net.state_dict().items() if not k.startswith('fc.')}
    torch.save(weights, os.path.join(OUT, 'inception_w16.pt'))
    rng = np.random.default_rng(7)
    imgs = {
        'img_rgb.png': Image.fromarray(rng.integers(0, 256, (37, 45, 3), dtype=np.uint8), 'RGB'),
        'img_gray.png': Image.fromarray(rng.integers(0, 256, (32, 32), dtype=np.uint8), 'L'),
        'img_rgba.png': Image.fromarray(rng.integers(0, 256, (50, 41, 4), dtype=np.uint8), 'RGBA'),
    }
    feats = {}
    for name, im in imgs.items():
        im.save(os.path.join(OUT, name))
        # pytorch-fid's ImagePathDataset: Image.open(path).convert('RGB'), then ToTensor.
        t = TF.to_tensor(Image.open(os.path.join(OUT, name)).convert('RGB')).unsqueeze(0)
        with torch.no_grad():
            feats[name[:-4]] = net(t)[0].double().numpy()
    print('feature range', min(v.min() for v in feats.values()),
          max(v.max() for v in feats.values()))
    np.savez(os.path.join(OUT, 'inception_w16_expected.npz'), **feats)

    # (4) legacy format.
    small = {'a.weight': torch.arange(6, dtype=torch.float32).reshape(2, 3),
             'b.bias': torch.tensor([1.5, -2.5], dtype=torch.float64),
             'bn.num_batches_tracked': torch.tensor(3)}
    torch.save(small, os.path.join(OUT, 'legacy_small.pt'), _use_new_zipfile_serialization=False)
    torch.save(small, os.path.join(OUT, 'zip_small.pt'))


if __name__ == '__main__':
    main()
