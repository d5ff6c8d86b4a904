"""seplaw's networks in PyTorch, for the CPU reference of `seplaw bench` (pytorch_reference.py).

The builders below transliterate the Swift ones line by line (Sources/Network/Model/Architectures/*.swift, the job →
builder mapping of Sources/Sweep/Engine/JobSpec+Engine.swift) into the same layer vocabulary as LayerSpec.swift;
`to_torch` then turns a layer list into PyTorch modules, one module per LayerSpec. Shapes, measured points and the
parameter count are also computed from the layer list alone (`infer`, the floor rule of NetworkPlan.window and
the parameter tensors of Dense/Conv2d/BatchNorm), so a reference model can be checked against its plan.

Only the standard library and torch; `python pytorch_models.py` prints every architecture's plan summary.
"""
import math
from collections import namedtuple

import torch
from torch import nn
from torch.nn import functional as F

# ---------------------------------------------------------------------------------------------------------------
# The layer vocabulary (LayerSpec.swift).

Dense = namedtuple("Dense", "outputs")
BatchNorm = namedtuple("BatchNorm", "rectify")
ReLU = namedtuple("ReLU", "")
Convolution = namedtuple("Convolution", "outputs kernel stride padding bias")
MaxPool = namedtuple("MaxPool", "kernel stride padding")
AveragePool = namedtuple("AveragePool", "kernel stride padding")
GlobalAveragePool = namedtuple("GlobalAveragePool", "")
RepeatChannels = namedtuple("RepeatChannels", "times")
Residual = namedtuple("Residual", "body shortcut rectify")
Concatenate = namedtuple("Concatenate", "branches")
Measure = namedtuple("Measure", "name")

# A tensor shape: channels × height × width; a flat vector of d features is d × 1 × 1 (TensorShape.flat).
Shape = namedtuple("Shape", "channels height width")


def flat(dimension):
    return Shape(dimension, 1, 1)


def count(shape):
    return shape.channels * shape.height * shape.width


Plan = namedtuple("Plan", "name input_shape classes layers points parameters feature_shape")
"""`points`: (name, Shape) of every measured point, the input first, as NetworkPlan.measuredPoints."""


# ---------------------------------------------------------------------------------------------------------------
# The builders (NetworkPlan+*.swift).

def swift_rounded(value):
    """Swift's `Double.rounded()`: to nearest, ties away from zero (Python's round() ties to even)."""
    magnitude = abs(value)
    whole = math.floor(magnitude)
    if magnitude - whole >= 0.5:
        whole += 1
    return int(math.copysign(whole, value))


def scaled(channels, multiplier):
    """`max(1, Int((Double(channels) * multiplier).rounded()))` (NetworkPlan+Convolutional.swift)."""
    return max(1, swift_rounded(channels * multiplier))


def convolution_block(outputs, kernel, stride=1, bias=True):
    return [Convolution(outputs, kernel, stride, kernel // 2, bias), BatchNorm(True)]


def fully_connected_block(outputs, name):
    return [Dense(outputs), BatchNorm(True), Measure(name)]


def repetition(times):
    return [RepeatChannels(times)] if times > 1 else []


def mlp_layers(widths, batchnorm=True, activation="relu"):
    layers = []
    for index, width in enumerate(widths):
        layers.append(Dense(width))
        if batchnorm:
            layers.append(BatchNorm(activation == "relu"))
        elif activation == "relu":
            layers.append(ReLU())
        layers.append(Measure(f"hidden{index + 1}"))
    return layers


def gfnn_layers(depth, width, batchnorm=True, activation="relu"):
    if depth < 0:
        raise ValueError(f"gfnn: depth {depth} must not be negative")
    return mlp_layers([width] * (depth + 1), batchnorm, activation)


VGG_LAYOUTS = {
    11: [64, None, 128, None, 256, 256, None, 512, 512, None, 512, 512, None],
    13: [64, 64, None, 128, 128, None, 256, 256, None, 512, 512, None, 512, 512, None],
    16: [64, 64, None, 128, 128, None, 256, 256, 256, None, 512, 512, 512, None, 512, 512, 512, None],
}


def vgg_layers(variant, multiplier=1.0, times=16, kernel=5):
    if variant not in VGG_LAYOUTS:
        raise ValueError(f"vgg: variant {variant} is not one of {sorted(VGG_LAYOUTS)}")
    layers = repetition(times)
    convolution = 0
    for entry in VGG_LAYOUTS[variant]:
        if entry is not None:
            convolution += 1
            layers += convolution_block(scaled(entry, multiplier), kernel)
            layers.append(Measure(f"conv{convolution}"))
        else:
            layers.append(MaxPool(2, 2, 0))
    hidden = scaled(4096, multiplier)
    layers += fully_connected_block(hidden, "fc1") + fully_connected_block(hidden, "fc2")
    return layers


def alexnet_layers(multiplier=1.0, times=32):
    pool = MaxPool(3, 2, 1)
    layers = repetition(times)
    for index, channels in enumerate([64, 192, 384, 256, 256]):
        layers += convolution_block(scaled(channels, multiplier), 5)
        layers.append(Measure(f"conv{index + 1}"))
        if index in (0, 1, 4):
            layers.append(pool)
    hidden = scaled(4096, multiplier)
    layers += fully_connected_block(hidden, "fc1") + fully_connected_block(hidden, "fc2")
    return layers


def resnet_layers(blocks, input_shape, multiplier=1.0, times=8, per="block"):
    """`blocks`: "basic" or "bottleneck" per residual block, in order; 8 channels at width 1, no pooling head."""
    if not blocks:
        raise ValueError("resnet: needs at least one block")
    channels = scaled(8, multiplier)
    layers = repetition(times)
    incoming = input_shape.channels * times
    for index, kind in enumerate(blocks):
        name = f"block{index + 1}"
        kernel = 3 if kind == "basic" else 5
        convolutions = 2 if kind == "basic" else 3
        body = []
        for step in range(1, convolutions + 1):
            body.append(Convolution(channels, kernel, 1, kernel // 2, False))
            last = step == convolutions
            body.append(BatchNorm(not last))
            if not last and per == "layer":
                body.append(Measure(f"{name}.conv{step}"))
        shortcut = [] if incoming == channels else [Convolution(channels, 1, 1, 0, False), BatchNorm(False)]
        layers.append(Residual(body, shortcut, True))
        layers.append(Measure(name))
        incoming = channels
    return layers


def densenet_layers(layers_per_block, blocks=3, growth=32, multiplier=1.0, times=8):
    if layers_per_block < 1 or blocks < 1:
        raise ValueError("densenet: needs at least one block of at least one layer")
    rate = scaled(growth, multiplier)
    channels = 2 * rate
    layers = repetition(times) + convolution_block(channels, 3, bias=False)
    layers.append(Measure("stem"))
    for block in range(1, blocks + 1):
        for _ in range(layers_per_block):
            new_features = [BatchNorm(True), Convolution(rate, 3, 1, 1, False)]
            layers.append(Concatenate([[], new_features]))
            channels += rate
        layers.append(Measure(f"block{block}"))
        if block < blocks:
            channels = max(1, channels // 2)
            layers += [BatchNorm(True), Convolution(channels, 1, 1, 0, False), AveragePool(2, 2, 0)]
    layers += [BatchNorm(True), GlobalAveragePool()]
    return layers


def googlenet_layers(blocks, multiplier=1.0, times=8):
    if blocks < 1:
        raise ValueError("googlenet: needs at least one inception block")
    width = max(16, (scaled(256, multiplier) + 8) // 16 * 16)  # Swift integer division: operands are positive

    def unit(outputs, kernel):
        return convolution_block(outputs, kernel, bias=False)

    layers = repetition(times) + unit(scaled(64, multiplier), 3)
    layers.append(Measure("stem"))
    for block in range(1, blocks + 1):
        branches = [
            unit(width // 4, 1),
            unit(width // 4, 1) + unit(width // 2, 3),
            unit(width // 16, 1) + unit(width // 8, 5),
            [MaxPool(3, 1, 1)] + unit(width // 8, 1),
        ]
        layers.append(Concatenate(branches))
        layers.append(Measure(f"inception{block}"))
        if block % 2 == 0 and block < blocks:
            layers.append(MaxPool(3, 2, 1))
    layers.append(GlobalAveragePool())
    return layers


def effective_repeat(arch, repeat=None):
    """ModelConfig.effectiveRepeat: the spec's value, else vgg 16, alexnet 32, the others 8."""
    if repeat is not None:
        return repeat
    return {"vgg": 16, "alexnet": 32}.get(arch, 8)


def network_plan(input_shape, arch="gfnn", depth=2, width=100, widths=(), batchnorm=True, activation="relu",
                 width_multiplier=1.0, repeat=None, block="basic", per="block", classes=10):
    """JobSpec.networkPlan: the hidden layers of the job's network, then the classifier `Dense(classes)`."""
    times = effective_repeat(arch, repeat)
    m = width_multiplier
    if arch == "mlp":
        hidden, name = mlp_layers(list(widths), batchnorm, activation), "mlp"
    elif arch == "vgg":
        hidden, name = vgg_layers(depth, m, times), f"vgg{depth}"
    elif arch == "alexnet":
        hidden, name = alexnet_layers(m, times), "alexnet"
    elif arch == "resnet":
        if block == "bottleneck":
            kinds = ["bottleneck"] * depth
        elif block == "mixed":
            kinds = ["bottleneck"] * depth + ["basic"] * depth
        else:
            kinds = ["basic"] * depth
        hidden = resnet_layers(kinds, input_shape, m, times, "layer" if per == "layer" else "block")
        name = f"resnet-{'mixed' if len(set(kinds)) > 1 else kinds[0]}{len(kinds)}"
    elif arch == "densenet":
        hidden, name = densenet_layers(depth, multiplier=m, times=times), "densenet"
    elif arch == "googlenet":
        hidden, name = googlenet_layers(depth, m, times), "googlenet"
    else:
        hidden, name = gfnn_layers(depth, width, batchnorm, activation), "gfnn"
    points = [("input", input_shape)]
    feature_shape, parameters = infer(hidden, input_shape, points)
    parameters += count(feature_shape) * classes + classes
    return Plan(name, input_shape, classes, hidden + [Dense(classes)], points, parameters, feature_shape)


# ---------------------------------------------------------------------------------------------------------------
# Shapes and parameter count from the layer list (NetworkPlan.infer).

def window(shape, channels, kernel, stride, padding):
    height = shape.height + 2 * padding - kernel
    width = shape.width + 2 * padding - kernel
    if height < 0 or width < 0:
        raise ValueError(f"a {kernel}×{kernel} window does not fit its input {tuple(shape)} (padding {padding})")
    return Shape(channels, height // stride + 1, width // stride + 1)


def infer(layers, shape, points):
    """The output shape of `layers` on `shape` and their parameter count; appends measured points to `points`."""
    parameters = 0
    for layer in layers:
        if isinstance(layer, Dense):
            parameters += count(shape) * layer.outputs + layer.outputs
            shape = flat(layer.outputs)
        elif isinstance(layer, BatchNorm):
            parameters += 2 * shape.channels  # γ and β per channel; a flat shape is d × 1 × 1
        elif isinstance(layer, ReLU):
            pass
        elif isinstance(layer, Convolution):
            parameters += layer.outputs * shape.channels * layer.kernel ** 2 + (layer.outputs if layer.bias else 0)
            shape = window(shape, layer.outputs, layer.kernel, layer.stride, layer.padding)
        elif isinstance(layer, (MaxPool, AveragePool)):
            shape = window(shape, shape.channels, layer.kernel, layer.stride, layer.padding)
        elif isinstance(layer, GlobalAveragePool):
            shape = flat(shape.channels)
        elif isinstance(layer, RepeatChannels):
            shape = Shape(shape.channels * layer.times, shape.height, shape.width)
        elif isinstance(layer, Residual):
            out, body = infer(layer.body, shape, points)
            skip, shortcut = infer(layer.shortcut, shape, [])
            if out != skip:
                raise ValueError(f"residual body gives {tuple(out)} but the shortcut {tuple(skip)}")
            parameters += body + shortcut
            shape = out
        elif isinstance(layer, Concatenate):
            outs = []
            for branch in layer.branches:
                out, branch_parameters = infer(branch, shape, [])
                parameters += branch_parameters
                outs.append(out)
            if len({(o.height, o.width) for o in outs}) != 1:
                raise ValueError("concatenated branches differ in height × width")
            shape = Shape(sum(o.channels for o in outs), outs[0].height, outs[0].width)
        elif isinstance(layer, Measure):
            points.append((layer.name, shape))
        else:
            raise TypeError(f"unknown layer {layer!r}")
    return shape, parameters


# ---------------------------------------------------------------------------------------------------------------
# PyTorch modules.

class MeasurePoint(nn.Identity):
    """A measured point: passes its input on; while `MeasurePoint.recorded` is a list, appends the input's shape."""
    recorded = None

    def __init__(self, name):
        super().__init__()
        self.name = name

    def forward(self, x):
        if MeasurePoint.recorded is not None:
            MeasurePoint.recorded.append((self.name, tuple(x.shape[1:])))
        return x


class ChannelRepeat(nn.Module):
    def __init__(self, times):
        super().__init__()
        self.times = times

    def forward(self, x):
        return x.repeat(1, self.times, 1, 1)


class GlobalAverage(nn.Module):
    """C×H×W → C (flat), as seplaw's globalAveragePool."""

    def forward(self, x):
        return x.mean(dim=(2, 3))


class ResidualBlock(nn.Module):
    """`body(x) + shortcut(x)` (identity when the shortcut is empty), then ReLU when `rectify`."""

    def __init__(self, body, shortcut, rectify):
        super().__init__()
        self.body = body
        self.shortcut = shortcut
        self.rectify = rectify

    def forward(self, x):
        y = self.body(x)
        y += self.shortcut(x) if self.shortcut is not None else x
        return F.relu(y, inplace=True) if self.rectify else y


class Concatenation(nn.Module):
    """The branches' outputs stacked along channels, in order; an empty branch (None) passes the input through."""

    def __init__(self, branches):
        super().__init__()
        self.branches = nn.ModuleList([nn.Identity() if b is None else b for b in branches])

    def forward(self, x):
        return torch.cat([branch(x) for branch in self.branches], dim=1)


def to_torch(layers, spatial):
    """nn.Sequential for `layers` on a 4-D (N×C×H×W, `spatial`) or 2-D (N×d) input; returns (module, spatial after).

    BatchNorm is BatchNorm2d on 4-D tensors and BatchNorm1d on flat ones, followed by ReLU when rectified; Dense
    flattens a 4-D input first. Every module is created in forward order, so initialisation is reproducible."""
    modules, channels = [], None

    def add(module):
        modules.append(module)

    for layer in layers:
        if isinstance(layer, Dense):
            if spatial:
                add(nn.Flatten(1))
                spatial = False
            add(nn.LazyLinear(layer.outputs))
        elif isinstance(layer, BatchNorm):
            add(nn.LazyBatchNorm2d() if spatial else nn.LazyBatchNorm1d())
            if layer.rectify:
                add(nn.ReLU(inplace=True))
        elif isinstance(layer, ReLU):
            add(nn.ReLU(inplace=True))
        elif isinstance(layer, Convolution):
            add(nn.LazyConv2d(layer.outputs, layer.kernel, layer.stride, layer.padding, bias=layer.bias))
        elif isinstance(layer, MaxPool):
            add(nn.MaxPool2d(layer.kernel, layer.stride, layer.padding))
        elif isinstance(layer, AveragePool):
            add(nn.AvgPool2d(layer.kernel, layer.stride, layer.padding))
        elif isinstance(layer, GlobalAveragePool):
            add(GlobalAverage())
            spatial = False
        elif isinstance(layer, RepeatChannels):
            add(ChannelRepeat(layer.times))
        elif isinstance(layer, Residual):
            body, after = to_torch(layer.body, spatial)
            shortcut = to_torch(layer.shortcut, spatial)[0] if layer.shortcut else None
            add(ResidualBlock(body, shortcut, layer.rectify))
            spatial = after
        elif isinstance(layer, Concatenate):
            add(Concatenation([to_torch(b, spatial)[0] if b else None for b in layer.branches]))
        elif isinstance(layer, Measure):
            add(MeasurePoint(layer.name))
        else:
            raise TypeError(f"unknown layer {layer!r}")
    return nn.Sequential(*modules), spatial


def build(plan, batch=2):
    """The PyTorch network of `plan`, its lazy layers materialised by one forward pass on a batch of zeros, and
    checked: the output shape, the measured points (names and feature counts) and the parameter count."""
    spatial = plan.input_shape.height * plan.input_shape.width > 1
    model, _ = to_torch(plan.layers, spatial)
    example = torch.zeros((batch, *plan.input_shape) if spatial else (batch, count(plan.input_shape)))
    MeasurePoint.recorded = []
    try:
        with torch.no_grad():
            output = model(example)
        recorded = MeasurePoint.recorded
    finally:
        MeasurePoint.recorded = None
    if tuple(output.shape) != (batch, plan.classes):
        raise AssertionError(f"{plan.name}: output shape {tuple(output.shape)}, expected {(batch, plan.classes)}")
    expected = [(name, count(shape)) for name, shape in plan.points[1:]]
    measured = [(name, math.prod(shape)) for name, shape in recorded]
    if measured != expected:
        raise AssertionError(f"{plan.name}: measured points {measured}, the plan has {expected}")
    parameters = sum(p.numel() for p in model.parameters())
    if parameters != plan.parameters:
        raise AssertionError(f"{plan.name}: {parameters} parameters in PyTorch, the plan has {plan.parameters}")
    for module in model.modules():  # fresh running statistics, as an untrained seplaw network
        if isinstance(module, nn.modules.batchnorm._BatchNorm):
            module.reset_running_stats()
    return model


if __name__ == "__main__":
    fashion = Shape(1, 32, 32)
    for arguments in [dict(arch="vgg", depth=13, width_multiplier=0.125), dict(arch="alexnet", width_multiplier=0.125),
                      dict(arch="resnet", depth=4),
                      dict(arch="resnet", depth=4, per="layer"),
                      dict(arch="resnet", block="bottleneck", depth=4),
                      dict(arch="resnet", block="mixed", depth=2),
                      dict(arch="densenet", depth=4, width_multiplier=0.5),
                      dict(arch="googlenet", depth=6, width_multiplier=0.125)]:
        plan = network_plan(fashion, **arguments)
        build(plan)
        print(f"{plan.name:<18} {plan.parameters:>10,} parameters  {len(plan.points)} points: "
              + " ".join(str(count(s)) for _, s in plan.points))
    plan = network_plan(flat(100), arch="gfnn", depth=2, width=100)
    build(plan)
    print(f"{plan.name:<18} {plan.parameters:>10,} parameters  {len(plan.points)} points")
