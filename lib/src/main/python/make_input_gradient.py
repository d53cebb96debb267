"""Writes the TorchScript module behind io.github.dwgan.loss.InputGradient.

The module computes torch.autograd.grad(out, x, ones_like(out), create_graph=True): the
input gradient that the WGAN-GP penalty needs, without accumulating into any .grad (DJL 0.33
only exposes Tensor.backward, which does; see InputGradient's Javadoc). It has no weights.

Run with Debian's PyTorch (any 1.x/2.x that libtorch 2.5 can load):
    /usr/bin/python3 lib/src/main/python/make_input_gradient.py
"""
import pathlib
from typing import List, Optional

import torch

OUT = (pathlib.Path(__file__).resolve().parents[1]
       / "resources" / "io" / "github" / "dwgan" / "loss" / "input_gradient.pt")


class InputGradient(torch.nn.Module):
    """forward(out, x) returns d(sum(out))/dx with its graph."""

    def forward(self, out: torch.Tensor, x: torch.Tensor) -> torch.Tensor:
        ones: List[Optional[torch.Tensor]] = [torch.ones_like(out)]
        grads = torch.autograd.grad([out], [x], ones, retain_graph=True, create_graph=True)
        grad = grads[0]
        assert grad is not None, "x does not reach out"
        return grad


if __name__ == "__main__":
    torch.jit.script(InputGradient()).save(str(OUT))
    print(f"wrote {OUT} ({OUT.stat().st_size} bytes) with torch {torch.__version__}")
