"""CRC-16/ARC, the checksum of the LAME tag (music CRC and tag CRC).

The music CRC covers every audio frame of an episode: megabytes. A byte-at-a-time Python loop
takes a third of a second there, holding the GIL all along, which stalls the speech thread of
a build. So long data is cut into equal lanes whose CRCs numpy computes side by side (a
column of bytes per step), and the lanes are folded together: CRC-16/ARC starts from 0 and
has no final XOR, so it is linear, and the CRC of `state` followed by a lane is `state` moved
over the lane's length (a fixed 16-bit linear map, two table look-ups) XOR the lane's own CRC.
"""

from __future__ import annotations

import functools

import numpy as np
import numpy.typing as npt

POLYNOMIAL = 0xA001  # x^16 + x^15 + x^2 + 1, bit-reversed (ARC reads bits LSB first)
LANE_BYTES = 512
SIDE_BY_SIDE_FROM = 8 * LANE_BYTES  # shorter data: the plain loop is as quick

Table = npt.NDArray[np.uint16]


@functools.cache
def _table() -> Table:
    table = []
    for byte in range(256):
        crc = byte
        for _ in range(8):
            crc = (crc >> 1) ^ POLYNOMIAL if crc & 1 else crc >> 1
        table.append(crc)
    return np.array(table, dtype=np.uint16)


@functools.cache
def _lookup() -> tuple[int, ...]:
    return tuple(int(value) for value in _table())


def _crc16_loop(data: bytes, crc: int) -> int:
    table = _lookup()
    for byte in data:
        crc = (crc >> 8) ^ table[(crc ^ byte) & 0xFF]
    return crc


def _lane_crcs(lanes: npt.NDArray[np.uint8], start: Table) -> Table:
    """The CRC of each row of `lanes`, from the registers `start`."""
    table = _table()
    crcs = start.copy()
    for column in np.ascontiguousarray(lanes.T):
        crcs = (crcs >> 8) ^ table[(crcs ^ column) & 0xFF]
    return crcs


@functools.cache
def _move_over_lane() -> tuple[tuple[int, ...], tuple[int, ...]]:
    """Where each register value goes over LANE_BYTES zero bytes, by its low and high byte
    (the map is linear, so a register moves to low[r & 0xFF] ^ high[r >> 8])."""
    values = np.arange(256, dtype=np.uint16)
    zeros = np.zeros((2 * 256, LANE_BYTES), dtype=np.uint8)
    moved = _lane_crcs(zeros, np.concatenate([values, values << 8]))
    return tuple(int(v) for v in moved[:256]), tuple(int(v) for v in moved[256:])


def crc16(data: bytes, crc: int = 0) -> int:
    """CRC-16/ARC of `data`, continuing from `crc` (the CRC of the bytes before it)."""
    if len(data) < SIDE_BY_SIDE_FROM:
        return _crc16_loop(data, crc)
    head = len(data) % LANE_BYTES
    crc = _crc16_loop(data[:head], crc)
    lanes = np.frombuffer(data, dtype=np.uint8, offset=head).reshape(-1, LANE_BYTES)
    low, high = _move_over_lane()
    for lane_crc in _lane_crcs(lanes, np.zeros(len(lanes), dtype=np.uint16)).tolist():
        crc = low[crc & 0xFF] ^ high[crc >> 8] ^ lane_crc
    return crc
