"""Writes the TorchScript modules through which the library calls libtorch ops DJL 0.33 lacks.

input_gradient.pt (io.github.dwgan.loss.InputGradient): forward(out, x) returns
torch.autograd.grad(out, x, ones_like(out), create_graph=True), the input gradient that the
WGAN-GP penalty needs, without accumulating into any .grad (DJL only exposes Tensor.backward,
which does; see InputGradient's Javadoc).

fused_adam.pt (io.github.dwgan.train.Adam): forward(params, grads, exp_avgs, exp_avg_sqs,
steps, lr, beta1, beta2, eps) runs libtorch's fused Adam kernel, the one behind
torch.optim.Adam(fused=True): one pass over each parameter, its gradient and its two moments.
DJL offers no fused or in-place multiply-add ops, so the same update written with DJL's ops
makes about fifteen passes over memory (measured: 0.20 s against 0.04 s for StarGAN's 44.8M
discriminator parameters on two cores; docs/bench.md).

Neither module holds weights (under 3 kB each). The op names are resolved by the libtorch that
loads the file (DJL's 2.5.1), which has CPU and CUDA kernels for both.

Run with Debian's PyTorch (any 1.13+ that libtorch 2.5 can load):
    /usr/bin/python3 lib/src/main/python/make_torchscript_ops.py
"""
import pathlib
from typing import List, Optional

import torch

RESOURCES = pathlib.Path(__file__).resolve().parents[1] / "resources" / "io" / "github" / "dwgan"


class InputGradient(torch.nn.Module):
    """forward(out, x) returns d(sum(out))/dx with its graph."""

    def forward(self, out: torch.Tensor, x: torch.Tensor) -> torch.Tensor:
        ones: List[Optional[torch.Tensor]] = [torch.ones_like(out)]
        grads = torch.autograd.grad([out], [x], ones, retain_graph=True, create_graph=True)
        grad = grads[0]
        assert grad is not None, "x does not reach out"
        return grad


class FusedAdam(torch.nn.Module):
    """forward(...) updates params, exp_avgs and exp_avg_sqs in place (no weight decay).

    steps holds each parameter's step count after this update, as a float tensor, as
    torch.optim.Adam keeps it.
    """

    def forward(self, params: List[torch.Tensor], grads: List[torch.Tensor],
                exp_avgs: List[torch.Tensor], exp_avg_sqs: List[torch.Tensor],
                steps: List[torch.Tensor], lr: float, beta1: float, beta2: float,
                eps: float) -> None:
        torch._fused_adam_(params, grads, exp_avgs, exp_avg_sqs, [], steps, lr=lr,
                           beta1=beta1, beta2=beta2, weight_decay=0.0, eps=eps,
                           amsgrad=False, maximize=False)


def save(module: torch.nn.Module, path: pathlib.Path) -> None:
    torch.jit.script(module).save(str(path))
    print(f"wrote {path} ({path.stat().st_size} bytes) with torch {torch.__version__}")


if __name__ == "__main__":
    save(InputGradient(), RESOURCES / "loss" / "input_gradient.pt")
    save(FusedAdam(), RESOURCES / "train" / "fused_adam.pt")
