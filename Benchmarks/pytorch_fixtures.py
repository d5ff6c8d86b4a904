"""Writes the PyTorch fixtures that Tests/NetworkTests/PyTorchFixtureTests.swift checks seplaw against.

For each network below (the paper's GFNN, ResNet basic ×4 and bottleneck ×4 at their true width of 8 channels,
VGG13 and AlexNet narrowed to 1/32 of their channels so that the files stay small), built by pytorch_models.py
from the same layer lists as seplaw's builders and initialised by PyTorch's default rules:

- PyTorch's initial weights (Float32, as PyTorch draws them), in `model.parameters()` order — which is seplaw's
  forward order (a residual block's body before its shortcut; weight before bias);
- one fixed batch (32 examples; 8 for the ResNets, whose classifier on 8,192 features dominates the file size):
  the first images of the Fashion-MNIST training set, normalised (x − 0.2860)/0.3530, padded
  from 28×28 to 32×32 (the convolutional networks) or area-resized to 10×10 and flattened (the GFNN), plus
  Gaussian noise of standard deviation 0.1 (constant backgrounds make exact ties in max-pooling windows, which
  implementations break differently), with their labels;
- the step-0 logits, mean cross-entropy loss and every parameter's gradient, in BatchNorm training mode;
- the losses of the first 10 optimiser steps on that same batch for Adam (lr 1e-4, betas (0.9, 0.999), eps 1e-8)
  and SGD with momentum (lr 1e-3, momentum 0.9), both with weight decay 5e-4 added to the gradient (PyTorch's
  `weight_decay`): 11 losses each, before every step and after the last.

The reference values are computed in Float64 from the Float32 weights and batch, so that they carry no Float32
rounding of their own. A training trajectory amplifies rounding (a ReLU decision that flips changes every later
step), and a deep narrow network's gradients do too, so how far a correct Float32 implementation may drift is
measured, not guessed: the header's `gradient_spread` (per parameter tensor, a norm) and `spread` (per step loss)
are the largest deviations from the reference of PyTorch's own Float32 run and of 3 Float64 runs from weights
perturbed by 16 Float32 roundings (relative 2^-20, random signs; `perturbation`); `torch_float32_error`
summarises the Float32 run. Such a perturbation flips the rare ReLU whose input lies within rounding of 0. (With a
noise-free batch, one such flip in a bottleneck ResNet — an input of 7e-7 in block 2 — moved that BatchNorm's β
gradient by 0.5 % and, through BatchNorm's mean subtraction, every earlier gradient by up to 1.5 %, while seplaw
in Float64 matched PyTorch to 3e-8: a property of the data and Float32, not of either implementation.)
The rates are small enough that this drift stays small; at lr 1e-2 with momentum the ResNets' losses jump to
8–36 within 10 steps and Float32 runs differ from Float64 by whole units.

File format (".fixture", little-endian):
    bytes 0–7     ASCII "SPLWFX01"
    bytes 8–15    UInt64: length H of the header
    next H bytes  UTF-8 JSON header: name, network (the spec keys), input_shape [C, H, W], classes, batch, labels,
                  loss, parameters [{name, shape}], gradient_spread, adam / momentum {lr, ..., losses,
                  losses_float32, spread}, torch_float32_error,
                  torch version, arrays [{name, offset, count}] (offset in Float32 values from the data start)
    the rest      Float32 values: the arrays "input" (batch × C·H·W), "logits" (batch × classes),
                  "weight.<i>" and "gradient.<i>" for every parameter i, at the offsets the header gives.

Usage (torch for the CPU in a virtual environment: `python3 -m venv .venv-bench && .venv-bench/bin/pip install
torch numpy`; the files in the repository were written with torch 2.13.0+cpu and seed 0):
    .venv-bench/bin/python Benchmarks/pytorch_fixtures.py [--out Tests/NetworkTests/Fixtures] [--data DIR]
"""
import argparse
import copy
import gzip
import json
import os
import struct

import numpy as np
import torch
from torch.nn import functional as F

import pytorch_models as models

MAGIC = b"SPLWFX01"
STEPS = 10
PERTURBED_RUNS = 3
NOISE = 0.1
# Relative size of the weight perturbations: 16 Float32 roundings (2^-24 each), about what a forward pass through a
# few layers accumulates, so that a ReLU whose input lies within that distance of 0 flips in some perturbed run.
PERTURBATION = 2.0 ** -20
ADAM = dict(lr=1e-4, betas=(0.9, 0.999), eps=1e-8, weight_decay=5e-4)
MOMENTUM = dict(lr=1e-3, momentum=0.9, weight_decay=5e-4)

GREY32 = models.Shape(1, 32, 32)
NETWORKS = [
    # name, input shape, spec keys (pytorch_models.network_plan), batch
    ("gfnn", models.flat(100), dict(arch="gfnn", depth=2, width=100), 32),
    ("resnet-basic4", GREY32, dict(arch="resnet", block="basic", depth=4), 8),
    ("resnet-bottleneck4", GREY32, dict(arch="resnet", block="bottleneck", depth=4), 8),
    ("vgg13", GREY32, dict(arch="vgg", depth=13, width_multiplier=1 / 32), 32),
    ("alexnet", GREY32, dict(arch="alexnet", width_multiplier=1 / 32), 32),
]


def read_idx(path):
    with gzip.open(path, "rb") as handle:
        data = handle.read()
    dims = data[3]
    shape = struct.unpack(">" + "I" * dims, data[4:4 + 4 * dims])
    return np.frombuffer(data, dtype=np.uint8, offset=4 + 4 * dims).reshape(shape)


def batch_for(shape, count, data):
    """The first `count` Fashion-MNIST training images as (N × C·H·W float32, labels)."""
    images = read_idx(os.path.join(data, "train-images-idx3-ubyte.gz"))[:count]
    labels = read_idx(os.path.join(data, "train-labels-idx1-ubyte.gz"))[:count]
    x = torch.tensor((images.astype(np.float32) / 255 - 0.2860) / 0.3530).unsqueeze(1)
    if shape.height == 1:  # the GFNN: 10×10, flattened
        side = int(round(shape.channels ** 0.5))
        x = F.interpolate(x, size=(side, side), mode="area").reshape(count, -1)
    else:
        pad = (shape.height - 28) // 2
        x = F.pad(x, (pad, pad, pad, pad), value=float((0 - 0.2860) / 0.3530))
    # Noise breaks the exact ties of constant backgrounds: equal values in a max-pooling window or equal inputs near a
    # ReLU's kink are decided by rounding, differently in every implementation.
    noise = torch.randn(x.shape, generator=torch.Generator().manual_seed(2)) * NOISE
    return (x + noise).contiguous().to(torch.float32), torch.tensor(labels.astype(np.int64))


def losses_of_steps(model, x, y, optimizer_class, settings):
    """The loss before each of STEPS steps on the batch (x, y), and after the last."""
    model = copy.deepcopy(model)
    optimizer = optimizer_class(model.parameters(), **settings)
    losses = []
    for _ in range(STEPS):
        optimizer.zero_grad()
        loss = F.cross_entropy(model(x), y)
        losses.append(loss.item())
        loss.backward()
        optimizer.step()
    with torch.no_grad():
        losses.append(F.cross_entropy(model(x), y).item())
    return losses


def step_zero(model, x, y):
    model = copy.deepcopy(model)
    logits = model(x)
    loss = F.cross_entropy(logits, y)
    loss.backward()
    return logits.detach(), loss.item(), [p.grad.detach().clone() for p in model.parameters()]


def relative(a, b):
    return float((a.double() - b.double()).norm() / max(b.double().norm(), 1e-300))


def write(path, header, arrays):
    blob, entries, offset = [], [], 0
    for name, tensor in arrays:
        values = tensor.detach().to(torch.float32).contiguous().numpy().astype("<f4").ravel()
        entries.append(dict(name=name, offset=offset, count=int(values.size)))
        offset += values.size
        blob.append(values.tobytes())
    header = dict(header, arrays=entries)
    text = json.dumps(header, separators=(",", ":")).encode()
    with open(path, "wb") as handle:
        handle.write(MAGIC + struct.pack("<Q", len(text)) + text + b"".join(blob))
    return os.path.getsize(path)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", default=os.path.join(os.path.dirname(__file__), "..", "Tests", "NetworkTests", "Fixtures"))
    parser.add_argument("--data", default="/usr/share/datasets/fashion-mnist")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--adam-lr", type=float, default=ADAM["lr"])
    parser.add_argument("--momentum-lr", type=float, default=MOMENTUM["lr"])
    parser.add_argument("--only", nargs="*", help="write only these networks")
    args = parser.parse_args()
    os.makedirs(args.out, exist_ok=True)
    torch.set_num_threads(1)
    ADAM["lr"], MOMENTUM["lr"] = args.adam_lr, args.momentum_lr
    for name, shape, keys, batch in NETWORKS:
        if args.only and name not in args.only:
            continue
        torch.manual_seed(args.seed)
        plan = models.network_plan(shape, **keys)
        model32 = models.build(plan).train()
        x32, y = batch_for(shape, batch, args.data)
        if shape.height > 1:
            x32 = x32.reshape(batch, *shape)
        weights = [p.detach().clone() for p in model32.parameters()]
        model64 = copy.deepcopy(model32).double()
        x64 = x32.double()

        logits, loss, gradients = step_zero(model64, x64, y)
        adam = losses_of_steps(model64, x64, y, torch.optim.Adam, ADAM)
        momentum = losses_of_steps(model64, x64, y, torch.optim.SGD, MOMENTUM)
        # How far rounding at the Float32 level moves these results: PyTorch's own Float32 run, and Float64 runs
        # from weights perturbed at the Float32 rounding level (PERTURBATION, random signs).
        runs = [(step_zero(model32, x32, y), losses_of_steps(model32, x32, y, torch.optim.Adam, ADAM),
                 losses_of_steps(model32, x32, y, torch.optim.SGD, MOMENTUM))]
        adam32, momentum32 = runs[0][1], runs[0][2]
        generator = torch.Generator().manual_seed(1)
        for _ in range(PERTURBED_RUNS):
            perturbed = copy.deepcopy(model64)
            with torch.no_grad():
                for p in perturbed.parameters():
                    signs = torch.randint(0, 2, p.shape, generator=generator, dtype=torch.float64) * 2 - 1
                    p.mul_(1 + signs * PERTURBATION)
            runs.append((step_zero(perturbed, x64, y), losses_of_steps(perturbed, x64, y, torch.optim.Adam, ADAM),
                         losses_of_steps(perturbed, x64, y, torch.optim.SGD, MOMENTUM)))
        gradient_spread = [max(float((run[0][2][i].double() - g).norm()) for run in runs)
                           for i, g in enumerate(gradients)]
        adam_spread = [max(abs(run[1][k] - adam[k]) for run in runs) for k in range(len(adam))]
        momentum_spread = [max(abs(run[2][k] - momentum[k]) for run in runs) for k in range(len(momentum))]
        logits32, loss32, gradients32 = runs[0][0]
        float32_error = dict(
            logits=relative(logits32, logits), loss=abs(loss32 - loss),
            gradient=max(relative(a, b) for a, b in zip(gradients32, gradients) if b.norm() > 1e-6),
            adam=max(abs(a - b) for a, b in zip(adam32, adam)),
            momentum=max(abs(a - b) for a, b in zip(momentum32, momentum)))

        names = [n for n, _ in model32.named_parameters()]
        header = dict(
            name=name, network=keys, input_shape=list(shape), classes=plan.classes, batch=batch,
            parameter_count=sum(w.numel() for w in weights), labels=y.tolist(), loss=loss,
            parameters=[dict(name=n, shape=list(w.shape)) for n, w in zip(names, weights)],
            gradient_spread=gradient_spread,
            adam=dict(ADAM, betas=list(ADAM["betas"]), steps=STEPS, losses=adam, losses_float32=adam32,
                      spread=adam_spread),
            momentum=dict(MOMENTUM, steps=STEPS, losses=momentum, losses_float32=momentum32, spread=momentum_spread),
            torch_float32_error=float32_error, perturbation=PERTURBATION, torch=torch.__version__, seed=args.seed)
        arrays = [("input", x32), ("logits", logits)]
        arrays += [(f"weight.{i}", w) for i, w in enumerate(weights)]
        arrays += [(f"gradient.{i}", g) for i, g in enumerate(gradients)]
        size = write(os.path.join(args.out, f"{name}.fixture"), header, arrays)
        print(f"{name:<20} {header['parameter_count']:>8,} parameters  {size / 1024:7.1f} KiB  loss {loss:.6f}  "
              f"adam {adam[0]:.4f} → {adam[-1]:.4f}  momentum {momentum[0]:.4f} → {momentum[-1]:.4f}  "
              f"float32 error {json.dumps({k: float(f'{v:.2g}') for k, v in float32_error.items()})}")


if __name__ == "__main__":
    main()
