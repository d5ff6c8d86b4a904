#!/usr/bin/env python3
"""Export a PyTorch model's per-layer features for `seplaw measure`.

Writes one directory per model in the format `seplaw measure` reads:

    DIR/labels.npy        int64 class labels, shape (n,)
    DIR/NN_<name>.npy     one float32 array per measured layer, shape (n, ...) in C order
    DIR/layers.txt        the layer files in layer order
    DIR/test/             the same for test points (optional)

Only NumPy is needed to write a directory from arrays you already have (`write_feature_directory`);
`collect_features` / `export` also need PyTorch. Features are read with forward hooks on the chosen
modules (their outputs, flattened per point) on the first `count` points of a dataset.

BatchNorm mode (`bn_mode`), as in He & Su's protocol:
  "train"  BatchNorm layers normalise with the statistics of consecutive chunks of `chunk` points
           (100 by default), everything else (dropout) in eval mode; running statistics are left unchanged.
  "eval"   the whole model in eval mode (running statistics).

Example (a torchvision ResNet-18 trained on CIFAR-10):

    import torch, torchvision
    from export_features import export
    model = torchvision.models.resnet18(num_classes=10)
    model.load_state_dict(torch.load("resnet18-cifar10.pt"))
    to_tensor = torchvision.transforms.ToTensor()
    train = torchvision.datasets.CIFAR10("data", train=True, transform=to_tensor)
    test = torchvision.datasets.CIFAR10("data", train=False, transform=to_tensor)
    export(model, train, ["layer1", "layer2", "layer3", "layer4", "avgpool"], count=1000,
           directory="features/resnet18", test_dataset=test, test_count=1000)

then `seplaw measure features/resnet18 --pca 100`.
"""
import os
import re

import numpy as np


def write_feature_directory(directory, layers, labels, test=None):
    """Writes `layers` (a list of (name, array of shape (n, ...)) in layer order) and `labels` (n integers)
    to `directory`; `test`, when given, is a (layers, labels) pair written to `directory/test`."""
    labels = np.asarray(labels)
    if labels.ndim != 1 or not np.issubdtype(labels.dtype, np.integer):
        raise ValueError(f"labels must be a 1-d integer array, got {labels.dtype} of shape {labels.shape}")
    os.makedirs(directory, exist_ok=True)
    names = []
    for index, (name, values) in enumerate(layers):
        values = np.asarray(values)
        if values.dtype.kind != "f" or values.dtype.itemsize not in (2, 4, 8):
            values = values.astype(np.float32)
        if values.ndim < 2 or values.shape[0] != labels.shape[0]:
            raise ValueError(f"layer {name!r}: shape {values.shape} does not hold one row per label ({labels.shape[0]})")
        if not np.isfinite(values).all():
            raise ValueError(f"layer {name!r} holds NaN or infinite values")
        file = f"{index:02d}_{re.sub(r'[^A-Za-z0-9_-]', '_', name)}.npy"
        np.save(os.path.join(directory, file), np.ascontiguousarray(values))
        names.append(file)
    np.save(os.path.join(directory, "labels.npy"), labels.astype(np.int64))
    with open(os.path.join(directory, "layers.txt"), "w") as manifest:
        manifest.write("\n".join(names) + "\n")
    if test is not None:
        write_feature_directory(os.path.join(directory, "test"), test[0], test[1])


def collect_features(model, inputs, modules, bn_mode="train", chunk=100, include_input=True):
    """The outputs of `modules` (names from `model.named_modules()`) on `inputs` (a tensor of n points), as
    a list of (name, float32 array (n, ...)), preceded by the input itself when `include_input`."""
    import torch

    if bn_mode not in ("train", "eval"):
        raise ValueError(f"bn_mode must be 'train' or 'eval', got {bn_mode!r}")
    named = dict(model.named_modules())
    missing = [m for m in modules if m not in named]
    if missing:
        raise ValueError(f"no modules named {missing}; available: {[n for n in named if n]}")
    outputs = {m: [] for m in modules}
    hooks = [named[m].register_forward_hook(lambda _, __, out, m=m: outputs[m].append(out.detach().float().cpu()))
             for m in modules]
    was_training = model.training
    norms = [m for m in model.modules() if isinstance(m, torch.nn.modules.batchnorm._BatchNorm)]
    saved = [(m.momentum, m.running_mean.clone() if m.running_mean is not None else None,
              m.running_var.clone() if m.running_var is not None else None,
              m.num_batches_tracked.clone() if m.num_batches_tracked is not None else None) for m in norms]
    try:
        model.eval()
        if bn_mode == "train":
            for m in norms:
                m.train()
        with torch.no_grad():
            step = chunk if bn_mode == "train" else 256
            for start in range(0, inputs.shape[0], step):
                model(inputs[start:start + step])
    finally:
        for h in hooks:
            h.remove()
        for m, (momentum, mean, var, tracked) in zip(norms, saved):
            m.momentum = momentum
            if mean is not None:
                m.running_mean.copy_(mean)
            if var is not None:
                m.running_var.copy_(var)
            if tracked is not None:
                m.num_batches_tracked.copy_(tracked)
        model.train(was_training)
    layers = [("input", inputs.detach().float().cpu().numpy())] if include_input else []
    for m in modules:
        layers.append((m, torch.cat(outputs[m]).numpy()))
    return layers


def first_points(dataset, count):
    """The first `count` points of a map-style dataset as (inputs tensor, labels array)."""
    import torch

    count = min(count, len(dataset))
    pairs = [dataset[i] for i in range(count)]
    return torch.stack([torch.as_tensor(x) for x, _ in pairs]), np.array([int(y) for _, y in pairs], dtype=np.int64)


def export(model, dataset, modules, count, directory, bn_mode="train", chunk=100, include_input=True,
           test_dataset=None, test_count=None):
    """Writes the features of `modules` on the first `count` points of `dataset` (and of `test_dataset`)."""
    inputs, labels = first_points(dataset, count)
    layers = collect_features(model, inputs, modules, bn_mode, chunk, include_input)
    test = None
    if test_dataset is not None:
        test_inputs, test_labels = first_points(test_dataset, test_count or count)
        test = (collect_features(model, test_inputs, modules, bn_mode, chunk, include_input), test_labels)
    write_feature_directory(directory, layers, labels, test)
