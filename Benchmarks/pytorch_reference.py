"""PyTorch reference for `seplaw bench`: trains one job's network on the CPU as seplaw does and prints its training
wall time. Cross-entropy, mini-batches reshuffled every epoch (the last one partial), MultiStepLR at the job's
milestones, weight decay in the optimiser (L2 added to the gradient, as seplaw), model.train() throughout.

- gfnn (the default): the paper's GFNN exactly as the authors' code builds it (Linear+BatchNorm1d+ReLU blocks)
  on flat input of dimension --input.
- mlp, vgg, alexnet, resnet, densenet, googlenet: seplaw's network rebuilt from its plan (pytorch_models.py) on
  images of shape --shape C,H,W. Before training, the model's output shape, its measured points (names and
  feature counts) and its parameter count are checked against the plan.

The data have the job's shapes (n points, 10 balanced classes); timing does not depend on the values, so they are
drawn here rather than read. One JSON line per run on standard output, with the measured points' feature counts
("points") and the parameter count, so that the caller can compare them with seplaw's result.
"""
import argparse
import json
import time

import torch
from torch import nn

import pytorch_models as models


def gfnn(d, width, depth, classes=10):
    layers, previous = [], d
    for _ in range(depth + 1):
        layers += [nn.Linear(previous, width), nn.BatchNorm1d(width), nn.ReLU()]
        previous = width
    layers.append(nn.Linear(previous, classes))
    return nn.Sequential(*layers)


def integers(text):
    return [int(v) for v in text.split(",") if v.strip()]


def floats(text):
    return [float(v) for v in text.split(",") if v.strip()]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--arch", choices=["gfnn", "mlp", "vgg", "alexnet", "resnet", "densenet", "googlenet"],
                        default="gfnn")
    parser.add_argument("--depth", type=int, default=2,
                        help="gfnn: m; vgg: the variant; resnet: blocks (of each kind when mixed); densenet: layers per "
                             "block; googlenet: inception blocks")
    parser.add_argument("--width", type=int, default=100, help="gfnn hidden width")
    parser.add_argument("--widths", type=integers, default=[], help="mlp hidden widths, comma-separated")
    parser.add_argument("--no-batchnorm", dest="batchnorm", action="store_false", help="gfnn, mlp")
    parser.add_argument("--activation", choices=["relu", "none"], default="relu", help="gfnn, mlp")
    parser.add_argument("--width-multiplier", type=float, default=1.0)
    parser.add_argument("--repeat", type=int, default=None, help="channel repetition (default vgg 16, alexnet 32, else 8)")
    parser.add_argument("--block", choices=["basic", "bottleneck", "mixed"], default="basic")
    parser.add_argument("--per", choices=["block", "layer"], default="block")
    parser.add_argument("--input", type=int, default=100, help="flat input dimension (gfnn, mlp without --shape)")
    parser.add_argument("--shape", type=integers, default=None, help="input C,H,W (images)")
    parser.add_argument("--classes", type=int, default=10)
    parser.add_argument("--points", type=int, default=1000)
    parser.add_argument("--epochs", type=int, default=600)
    parser.add_argument("--batch-size", type=int, default=128)
    parser.add_argument("--optimizer", choices=["sgd", "momentum", "adam"], default="sgd")
    parser.add_argument("--lr", type=float, required=True)
    parser.add_argument("--momentum", type=float, default=0.9)
    parser.add_argument("--betas", type=floats, default=[0.9, 0.999])
    parser.add_argument("--eps", type=float, default=1e-8)
    parser.add_argument("--weight-decay", type=float, default=5e-4)
    parser.add_argument("--milestones", type=integers, default=None, help="default: epochs/3, 2·epochs/3")
    parser.add_argument("--gamma", type=float, default=0.1)
    parser.add_argument("--threads", type=int, default=1)
    args = parser.parse_args()

    torch.set_num_threads(args.threads)
    torch.manual_seed(0)
    if args.shape is not None:
        if len(args.shape) != 3:
            parser.error("--shape needs C,H,W")
        shape = models.Shape(*args.shape)
    else:
        shape = models.flat(args.input)
    image = shape.height * shape.width > 1
    x = torch.randn(args.points, *shape) if image else torch.randn(args.points, models.count(shape))
    y = torch.arange(args.points) % args.classes

    plan = models.network_plan(shape, arch=args.arch, depth=args.depth, width=args.width, widths=args.widths,
                               batchnorm=args.batchnorm, activation=args.activation,
                               width_multiplier=args.width_multiplier, repeat=args.repeat, block=args.block,
                               per=args.per, classes=args.classes)
    authors_gfnn = args.arch == "gfnn" and args.batchnorm and args.activation == "relu" and not image
    with torch.random.fork_rng(enabled=authors_gfnn):  # the GFNN's weights and batches as without the check
        checked = models.build(plan)  # raises unless output shape, measured points and parameters match the plan
    if authors_gfnn:
        model = gfnn(models.count(shape), args.width, args.depth, args.classes)  # the authors' module, unchanged
        if sum(p.numel() for p in model.parameters()) != plan.parameters:
            raise AssertionError("gfnn: parameter count differs from the plan")
    else:
        model = checked

    parameters = model.parameters()
    if args.optimizer == "adam":
        optimizer = torch.optim.Adam(parameters, lr=args.lr, betas=tuple(args.betas[:2]), eps=args.eps,
                                     weight_decay=args.weight_decay)
    else:
        momentum = args.momentum if args.optimizer == "momentum" else 0.0
        optimizer = torch.optim.SGD(parameters, lr=args.lr, momentum=momentum, weight_decay=args.weight_decay)
    milestones = args.milestones if args.milestones is not None else [args.epochs // 3, 2 * args.epochs // 3]
    if args.milestones is not None and 0 in milestones:
        # seplaw applies a milestone m from epoch m on (0-based); MultiStepLR never reaches epoch 0.
        for group in optimizer.param_groups:
            group["lr"] *= args.gamma ** milestones.count(0)
    scheduler = torch.optim.lr_scheduler.MultiStepLR(optimizer, milestones=milestones, gamma=args.gamma)
    loss_function = nn.CrossEntropyLoss()

    loss = None
    model.train()
    start = time.perf_counter()
    for _ in range(args.epochs):
        order = torch.randperm(args.points)
        for first in range(0, args.points, args.batch_size):
            batch = order[first:first + args.batch_size]
            optimizer.zero_grad()
            loss = loss_function(model(x[batch]), y[batch])
            loss.backward()
            optimizer.step()
        scheduler.step()
    seconds = time.perf_counter() - start
    print(json.dumps({"arch": args.arch, "network": plan.name, "depth": args.depth, "width": args.width,
                      "width_multiplier": args.width_multiplier, "optimizer": args.optimizer, "epochs": args.epochs,
                      "threads": args.threads, "seconds": seconds,
                      "final_loss": None if loss is None else float(loss.detach()),
                      "parameters": plan.parameters, "points": [[n, models.count(s)] for n, s in plan.points],
                      "torch": torch.__version__}))


if __name__ == "__main__":
    main()
