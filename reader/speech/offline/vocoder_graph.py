"""The MB-MelGAN vocoder's graph, rewritten so that LiteRT's XNNPACK runs all its convolutions.

The vocoder is nine tenths of the offline voice's time. As converted, its graph holds three
constructs LiteRT runs slowly: reflect padding (MIRROR_PAD, a kernel that works element by
element: a fifth of the vocoder's time), transposed convolutions whose output shape is
computed while the graph runs (so XNNPACK leaves them to a generic path: a quarter of the
time), and dilated convolutions spelled SPACE_TO_BATCH_ND + convolution + BATCH_TO_SPACE_ND
with paddings computed at run time. Each is replaced by the same arithmetic in ops XNNPACK
runs or that only copy memory:

- reflect padding: the frames next to each edge, sliced backwards, joined around the input;
- a transposed convolution of stride s and kernel m·s: an m-tap convolution giving s·C
  channels per input frame, reshaped so that those become s frames of C, then trimmed;
- a dilated convolution: one CONV_2D with its dilation factor.

The shape computations and weights that fed the old ops are then unused and dropped; bias
additions are folded into the convolutions before them, and the last tensors are told their
channel count (XNNPACK takes no convolution whose input channels are unknown). The audio is
that of the original graph to within float rounding, and the same on any number of threads
(see `tests/test_offline_engine.py`).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
import numpy.typing as npt

_FLOAT32 = 0  # schema.TensorType
_INT32 = 2
_VALID = 1  # schema.Padding
_SAME = 0
_REFLECT = 0  # schema.MirrorPadMode


class _Graph:
    """The first subgraph of a model being rewritten: tensors, constants and ops to add."""

    def __init__(self, tree: Any) -> None:
        from ai_edge_litert import schema_py_generated as schema

        self.schema = schema
        self.tree = tree
        self.graph = tree.subgraphs[0]

    def opcode(self, op: Any) -> int:
        code = self.tree.operatorCodes[op.opcodeIndex]
        return int(max(code.builtinCode, code.deprecatedBuiltinCode))

    def _code_index(self, builtin: int) -> int:
        for index, code in enumerate(self.tree.operatorCodes):
            if max(code.builtinCode, code.deprecatedBuiltinCode) == builtin:
                return index
        code = self.schema.OperatorCodeT()
        code.builtinCode = builtin
        code.deprecatedBuiltinCode = builtin  # every op used here is below 127
        code.version = 1
        self.tree.operatorCodes.append(code)
        return len(self.tree.operatorCodes) - 1

    def constant(self, values: npt.NDArray[Any], name: str) -> int:
        buffer = self.schema.BufferT()
        buffer.data = np.frombuffer(values.tobytes(), dtype=np.uint8)
        self.tree.buffers.append(buffer)
        tensor = self.schema.TensorT()
        tensor.shape = np.array(values.shape, dtype=np.int32)
        tensor.type = _INT32 if values.dtype == np.int32 else _FLOAT32
        tensor.buffer = len(self.tree.buffers) - 1
        tensor.name = name.encode()
        self.graph.tensors.append(tensor)
        return len(self.graph.tensors) - 1

    def is_constant(self, tensor: int) -> bool:
        data = self.tree.buffers[self.graph.tensors[tensor].buffer].data
        return data is not None and len(data) > 0

    def values(self, tensor: int) -> npt.NDArray[Any]:
        """A constant tensor's values."""
        described = self.graph.tensors[tensor]
        dtype = np.int32 if described.type == _INT32 else np.float32
        data = bytes(self.tree.buffers[described.buffer].data)
        return np.frombuffer(data, dtype=dtype).reshape(described.shape)

    def activation(self, signature: Sequence[int], name: str) -> int:
        """A float tensor computed by the graph; -1 in `signature` is the time axis."""
        self.tree.buffers.append(self.schema.BufferT())
        tensor = self.schema.TensorT()
        tensor.shape = np.array([max(1, size) for size in signature], dtype=np.int32)
        tensor.shapeSignature = np.array(signature, dtype=np.int32)
        tensor.type = _FLOAT32
        tensor.buffer = len(self.tree.buffers) - 1
        tensor.name = name.encode()
        self.graph.tensors.append(tensor)
        return len(self.graph.tensors) - 1

    def signature(self, tensor: int) -> list[int]:
        described = self.graph.tensors[tensor]
        shape = described.shapeSignature
        return [int(size) for size in (shape if shape is not None else described.shape)]

    def op(
        self, builtin: int, inputs: Sequence[int], outputs: Sequence[int], options: Any = None
    ) -> Any:
        operator = self.schema.OperatorT()
        operator.opcodeIndex = self._code_index(builtin)
        operator.inputs = np.array(inputs, dtype=np.int32)
        operator.outputs = np.array(outputs, dtype=np.int32)
        if options is not None:
            kind = type(options).__name__.removesuffix("T")
            operator.builtinOptionsType = getattr(self.schema.BuiltinOptions, kind)
            operator.builtinOptions = options
        return operator

    def set_signature(self, tensor: int, signature: Sequence[int]) -> None:
        described = self.graph.tensors[tensor]
        described.shapeSignature = np.array(signature, dtype=np.int32)
        described.shape = np.array([max(1, size) for size in signature], dtype=np.int32)

    def strided_slice(
        self,
        source: int,
        begin: Sequence[int],
        end: Sequence[int],
        strides: Sequence[int],
        whole: int,
        out: int,
    ) -> Any:
        """The op writing `source` sliced into `out`; axes in the bit set `whole` are whole."""
        options = self.schema.StridedSliceOptionsT()
        options.beginMask = options.endMask = whole
        name = self.graph.tensors[out].name.decode()
        constants = [
            self.constant(np.array(values, dtype=np.int32), f"{name}/{part}")
            for part, values in (("begin", begin), ("end", end), ("strides", strides))
        ]
        return self.op(
            self.schema.BuiltinOperator.STRIDED_SLICE, [source, *constants], [out], options
        )


def _reflect_pad(graph: _Graph, op: Any) -> list[Any]:
    """MIRROR_PAD (reflect, along one axis) as two backward slices and a concatenation."""
    source, result = int(op.inputs[0]), int(op.outputs[0])
    widths = graph.values(int(op.inputs[1])).reshape(-1, 2)
    axis = int(np.flatnonzero(widths.sum(axis=1))[0])
    before, after = (int(width) for width in widths[axis])
    rank = len(widths)
    whole = sum(1 << other for other in range(rank) if other != axis)
    name = graph.graph.tensors[result].name.decode()

    def on_axis(value: int, elsewhere: int = 0) -> list[int]:
        return [value if position == axis else elsewhere for position in range(rank)]

    # x[before], ..., x[1] and x[T-2], ..., x[T-1-after]: the frames a reflection repeats.
    left = graph.activation(graph.signature(source), f"{name}/left")
    right = graph.activation(graph.signature(source), f"{name}/right")
    backwards = on_axis(-1, elsewhere=1)
    options = graph.schema.ConcatenationOptionsT()
    options.axis = axis
    return [
        graph.strided_slice(source, on_axis(before), on_axis(0), backwards, whole, left),
        graph.strided_slice(source, on_axis(-2), on_axis(-2 - after), backwards, whole, right),
        graph.op(
            graph.schema.BuiltinOperator.CONCATENATION, [left, source, right], [result], options
        ),
    ]


def _phase_weights(weights: npt.NDArray[Any], axis: int, stride: int) -> npt.NDArray[Any]:
    """The weights of the convolution that computes a transposed one's `stride` phases.

    `weights` is [C out, kernel H, kernel W, C in] with the kernel along `axis` (1 or 2).
    Output frame q·s + r of the transposed convolution (before its SAME trim) sums input frame
    q - j through kernel position r + j·s; tap t of a convolution over the input padded by
    taps - 1 frames reads input frame q - (taps - 1 - t). Output channel r·C + c is phase r
    of channel c, so a reshape puts the phases in order."""
    channels, kernel = weights.shape[0], weights.shape[axis]
    along = np.moveaxis(weights, axis, 1).reshape(channels, kernel, weights.shape[3])
    taps = kernel // stride
    phases = np.stack(
        [
            np.stack([along[:, r + (taps - 1 - tap) * stride, :] for tap in range(taps)], axis=1)
            for r in range(stride)
        ]
    )  # [s, C out, taps, C in]
    merged = phases.reshape(stride * channels, taps, weights.shape[3])
    return np.expand_dims(merged, 3 - axis).astype(np.float32)


def _transposed_conv(graph: _Graph, op: Any) -> list[Any]:
    """TRANSPOSE_CONV (SAME, stride s along one axis, kernel m·s) as PAD, an m-tap CONV_2D
    with s·C outputs, RESHAPE (each frame's s·C channels become s frames) and a trim."""
    schema = graph.schema
    options = op.builtinOptions
    weights = graph.values(int(op.inputs[1]))  # [C out, kernel H, kernel W, C in]
    source, result = int(op.inputs[2]), int(op.outputs[0])
    axis = 1 if options.strideH > 1 else 2
    stride = options.strideH if axis == 1 else options.strideW
    kernel, channels = weights.shape[axis], weights.shape[0]
    if options.padding != _SAME or kernel % stride or weights.shape[3 - axis] != 1:
        raise ValueError("unexpected transposed convolution in the vocoder")
    taps = kernel // stride
    name = graph.graph.tensors[result].name.decode()
    ops: list[Any] = []
    if taps > 1:
        rows = [[0, 0]] * 4
        rows[axis] = [taps - 1, taps - 1]
        pad_values = graph.constant(np.array(rows, dtype=np.int32), f"{name}/pad")
        padded = graph.activation(graph.signature(source), f"{name}/padded")
        ops.append(graph.op(schema.BuiltinOperator.PAD, [source, pad_values], [padded]))
        source = padded
    conv_options = schema.Conv2DOptionsT()
    conv_options.padding = _VALID
    conv_options.strideH = conv_options.strideW = 1
    conv_options.dilationHFactor = conv_options.dilationWFactor = 1
    wide = graph.activation([*graph.signature(source)[:3], stride * channels], f"{name}/phases")
    conv_inputs = [
        source,
        graph.constant(_phase_weights(weights, axis, stride), f"{name}/weights"),
        graph.constant(np.zeros(stride * channels, dtype=np.float32), f"{name}/bias"),
    ]
    ops.append(graph.op(schema.BuiltinOperator.CONV_2D, conv_inputs, [wide], conv_options))
    shape = [1, 1, 1, channels]
    shape[axis] = -1
    trim_before = (kernel - stride) // 2  # as LiteRT pads a SAME transposed convolution
    trim_after = kernel - stride - trim_before
    interleaved = graph.activation(shape, f"{name}/interleaved") if trim_after else result
    reshape_options = schema.ReshapeOptionsT()
    reshape_options.newShape = list(shape)
    shape_values = graph.constant(np.array(shape, dtype=np.int32), f"{name}/shape")
    ops.append(
        graph.op(
            schema.BuiltinOperator.RESHAPE, [wide, shape_values], [interleaved], reshape_options
        )
    )
    graph.set_signature(result, shape)  # the graph had the channels as unknown here
    if trim_after:
        begin, end = [0, 0, 0, 0], [0, 0, 0, 0]
        begin[axis], end[axis] = trim_before, -trim_after
        whole = sum(1 << other for other in range(4) if other != axis)
        ops.append(graph.strided_slice(interleaved, begin, end, [1, 1, 1, 1], whole, result))
    return ops


def _dilate(graph: _Graph, space_to_batch: Any, ops: list[Any]) -> None:
    """SPACE_TO_BATCH_ND + (EXPAND_DIMS, CONV_2D, SQUEEZE) + BATCH_TO_SPACE_ND: the
    convolution told its dilation, fed and read directly (the two reshuffles then unused)."""
    schema = graph.schema
    block = int(graph.values(int(space_to_batch.inputs[1]))[0])
    consumers = {int(tensor): op for op in ops for tensor in op.inputs}
    expand = consumers[int(space_to_batch.outputs[0])]
    conv = consumers[int(expand.outputs[0])]
    squeeze = consumers[int(conv.outputs[0])]
    batch_to_space = consumers[int(squeeze.outputs[0])]
    if (
        graph.opcode(expand) != schema.BuiltinOperator.EXPAND_DIMS
        or int(graph.values(int(expand.inputs[1]))) != -3  # time becomes the width
        or graph.opcode(conv) != schema.BuiltinOperator.CONV_2D
        or graph.opcode(batch_to_space) != schema.BuiltinOperator.BATCH_TO_SPACE_ND
        or conv.builtinOptions.padding != _VALID
    ):
        raise ValueError("unexpected dilated convolution in the vocoder")
    expand.inputs = np.array([space_to_batch.inputs[0], *expand.inputs[1:]], dtype=np.int32)
    conv.builtinOptions.dilationWFactor = block
    for op in ops:
        op.inputs = np.where(op.inputs == batch_to_space.outputs[0], squeeze.outputs[0], op.inputs)
    for tensor in (*expand.outputs, *conv.outputs, *squeeze.outputs):  # batch 1, not `block`
        described = graph.graph.tensors[int(tensor)]
        described.shape = np.array([1, *described.shape[1:]], dtype=np.int32)
        if described.shapeSignature is not None:
            signature = described.shapeSignature
            described.shapeSignature = np.array([1, *signature[1:]], dtype=np.int32)


def _fuse_biases(graph: _Graph, ops: list[Any]) -> list[Any]:
    """CONV_2D (zero bias) + SQUEEZE + ADD of a constant per channel: the constant made the
    convolution's bias, so the sum is done in the convolution's kernel, not in a pass of its own."""
    schema = graph.schema
    users: dict[int, int] = {}
    for op in ops:
        for tensor in op.inputs:
            users[int(tensor)] = users.get(int(tensor), 0) + 1
    made = {int(tensor): op for op in ops for tensor in op.outputs}
    fused: list[Any] = []
    for op in ops:
        squeeze = made.get(int(op.inputs[0])) if len(op.inputs) == 2 else None
        conv = made.get(int(squeeze.inputs[0])) if squeeze is not None else None
        if (
            graph.opcode(op) == schema.BuiltinOperator.ADD
            and squeeze is not None
            and conv is not None
            and graph.opcode(squeeze) == schema.BuiltinOperator.SQUEEZE
            and graph.opcode(conv) == schema.BuiltinOperator.CONV_2D
            and graph.is_constant(int(op.inputs[1]))
            and users[int(op.inputs[0])] == 1
            and users[int(squeeze.inputs[0])] == 1
            and not graph.values(int(conv.inputs[2])).any()
            and graph.values(int(op.inputs[1])).shape == graph.values(int(conv.inputs[2])).shape
        ):
            bias = graph.values(int(op.inputs[1])).astype(np.float32)
            name = graph.graph.tensors[int(op.outputs[0])].name.decode()
            conv.inputs = np.array(
                [*conv.inputs[:2], graph.constant(bias, f"{name}/bias")], dtype=np.int32
            )
            squeeze.outputs = np.array(op.outputs, dtype=np.int32)
            continue
        fused.append(op)
    return fused


def _settle_channels(graph: _Graph, ops: list[Any]) -> None:
    """Give the tensors after the last transposed convolution their channel count (the graph
    leaves it unknown there, and XNNPACK will not take a convolution whose input channels are
    unknown). SQUEEZE, PAD and EXPAND_DIMS here never change the last axis."""
    schema = graph.schema
    keep_channels = {
        schema.BuiltinOperator.SQUEEZE,
        schema.BuiltinOperator.PAD,
        schema.BuiltinOperator.EXPAND_DIMS,
    }
    for op in ops:
        if graph.opcode(op) not in keep_channels:
            continue
        channels = graph.signature(int(op.inputs[0]))[-1]
        described = graph.graph.tensors[int(op.outputs[0])]
        signature = graph.signature(int(op.outputs[0]))
        if channels > 0 and signature[-1] < 0:
            signature[-1] = channels
            described.shapeSignature = np.array(signature, dtype=np.int32)
            described.shape = np.array([max(1, size) for size in signature], dtype=np.int32)


def _live(graph: _Graph, ops: list[Any]) -> list[Any]:
    """`ops` without those whose results nothing uses."""
    needed = {int(tensor) for tensor in graph.graph.outputs}
    kept: list[Any] = []
    for op in reversed(ops):
        if any(int(tensor) in needed for tensor in op.outputs):
            kept.append(op)
            needed.update(int(tensor) for tensor in op.inputs if tensor >= 0)
    return kept[::-1]


def _drop_unused_constants(graph: _Graph, ops: list[Any]) -> None:
    """Empty the buffers of constants no op reads any more (the replaced ops' weights)."""
    read = {int(tensor) for op in ops for tensor in op.inputs}
    for index, tensor in enumerate(graph.graph.tensors):
        if index not in read and graph.is_constant(index):
            graph.tree.buffers[tensor.buffer].data = None


def rewrite_vocoder(model: bytes) -> bytes:
    """The vocoder's graph with the three constructs replaced (see the module docstring)."""
    import flatbuffers
    from ai_edge_litert import schema_py_generated as schema

    tree = schema.ModelT.InitFromPackedBuf(model, 0)
    graph = _Graph(tree)
    codes = schema.BuiltinOperator
    ops: list[Any] = []
    for op in graph.graph.operators:
        code = graph.opcode(op)
        if code == codes.MIRROR_PAD and op.builtinOptions.mode == _REFLECT:
            ops += _reflect_pad(graph, op)
        elif code == codes.TRANSPOSE_CONV:
            ops += _transposed_conv(graph, op)
        else:
            ops.append(op)
    for op in list(ops):
        if graph.opcode(op) == codes.SPACE_TO_BATCH_ND:
            _dilate(graph, op, ops)
    ops = _fuse_biases(graph, _live(graph, ops))
    _settle_channels(graph, ops)
    _drop_unused_constants(graph, ops)
    graph.graph.operators = ops
    builder = flatbuffers.Builder(len(model) + 65536)
    builder.Finish(tree.Pack(builder), file_identifier=b"TFL3")
    return bytes(builder.Output())
