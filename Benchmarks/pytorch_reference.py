"""PyTorch reference for `seplaw bench`: trains the paper's GFNN exactly as the authors' code does
(Linear+BatchNorm1d+ReLU blocks, cross-entropy, batch 128 reshuffled every epoch, MultiStepLR at
epochs/3 and 2·epochs/3, weight decay in the optimiser) on the CPU and prints its training wall time.

The data have the job's shapes (n points of dimension d, 10 balanced classes); timing does not depend on
the values, so they are drawn here rather than read. One JSON line per run on standard output.
"""
import argparse
import json
import time

import torch
from torch import nn


def gfnn(d, width, depth, classes=10):
    layers, previous = [], d
    for _ in range(depth + 1):
        layers += [nn.Linear(previous, width), nn.BatchNorm1d(width), nn.ReLU()]
        previous = width
    layers.append(nn.Linear(previous, classes))
    return nn.Sequential(*layers)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--depth", type=int, required=True)
    parser.add_argument("--width", type=int, default=100)
    parser.add_argument("--input", type=int, default=100)
    parser.add_argument("--points", type=int, default=1000)
    parser.add_argument("--epochs", type=int, default=600)
    parser.add_argument("--optimizer", choices=["sgd", "momentum", "adam"], default="sgd")
    parser.add_argument("--lr", type=float, required=True)
    parser.add_argument("--threads", type=int, default=1)
    args = parser.parse_args()

    torch.set_num_threads(args.threads)
    torch.manual_seed(0)
    x = torch.randn(args.points, args.input)
    y = torch.arange(args.points) % 10
    model = gfnn(args.input, args.width, args.depth)
    if args.optimizer == "adam":
        optimizer = torch.optim.Adam(model.parameters(), lr=args.lr, weight_decay=5e-4)
    else:
        momentum = 0.9 if args.optimizer == "momentum" else 0.0
        optimizer = torch.optim.SGD(model.parameters(), lr=args.lr, momentum=momentum, weight_decay=5e-4)
    milestones = [args.epochs // 3, 2 * args.epochs // 3]
    scheduler = torch.optim.lr_scheduler.MultiStepLR(optimizer, milestones=milestones, gamma=0.1)
    loss_function = nn.CrossEntropyLoss()

    model.train()
    start = time.perf_counter()
    for _ in range(args.epochs):
        order = torch.randperm(args.points)
        for first in range(0, args.points, 128):
            batch = order[first:first + 128]
            optimizer.zero_grad()
            loss = loss_function(model(x[batch]), y[batch])
            loss.backward()
            optimizer.step()
        scheduler.step()
    seconds = time.perf_counter() - start
    print(json.dumps({"depth": args.depth, "width": args.width, "optimizer": args.optimizer, "epochs": args.epochs,
                      "threads": args.threads, "seconds": seconds, "final_loss": float(loss.detach()), "torch": torch.__version__}))


if __name__ == "__main__":
    main()
