"""Offset-map plumbing shared by every repair rule.

Each rule rewrites the text and must say, for every output character, which raw-file
character it came from; evidence quotes are later shown in the original file through this
map. Offsets live in a compact `array` (4 bytes a character) instead of a tuple of ints,
so a 50 MB file needs ~70 MB for its map rather than ~600 MB.
"""

from __future__ import annotations

from array import array
from collections.abc import Iterator, Sequence
from typing import overload

_INT32_MAX = 2**31 - 1


def new_array(raw_length: int) -> array:
    """An empty offset array wide enough for offsets up to `raw_length`."""
    return array("i" if raw_length < _INT32_MAX else "q")


def identity(raw_length: int) -> array:
    """The map of an untouched text: char i comes from raw offset i (plus the end entry)."""
    offsets = new_array(raw_length)
    offsets.extend(range(raw_length + 1))
    return offsets


class OffsetMap(Sequence[int]):
    """Read-only sequence of raw offsets (len(text) + 1 entries), backed by an array.

    Compares equal to any sequence (tuple, list) with the same values, so callers can treat
    it like the `tuple[int, ...]` the record declares.
    """

    __slots__ = ("_data",)

    def __init__(self, data: array | Sequence[int]) -> None:
        if isinstance(data, array):
            self._data = data
        else:
            values = list(data)
            self._data = new_array(max(values, default=0))
            self._data.extend(values)

    @overload
    def __getitem__(self, index: int) -> int: ...

    @overload
    def __getitem__(self, index: slice) -> OffsetMap: ...

    def __getitem__(self, index: int | slice) -> int | OffsetMap:
        if isinstance(index, slice):
            return OffsetMap(self._data[index])
        return self._data[index]

    def __len__(self) -> int:
        return len(self._data)

    def __iter__(self) -> Iterator[int]:
        return iter(self._data)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, OffsetMap):
            return self._data == other._data
        if isinstance(other, Sequence) and not isinstance(other, str):
            if len(other) != len(self._data):
                return False
            return all(a == b for a, b in zip(self._data, other, strict=True))
        return NotImplemented

    def __hash__(self) -> int:
        return hash((len(self._data), self._data[:64].tobytes(), self._data[-64:].tobytes()))

    def __repr__(self) -> str:
        head = ", ".join(str(v) for v in self._data[:8])
        return f"OffsetMap([{head}{', …' if len(self._data) > 8 else ''}], len={len(self._data)})"

    @property
    def array(self) -> array:
        """The backing array (do not mutate)."""
        return self._data


class Rewriter:
    """Builds a rewritten text and its offset map by copying, skipping and inserting spans.

    Rules walk their input left to right (usually over regex matches) and call `copy`,
    `skip` or `insert`; unchanged stretches are copied as slices, so the cost is linear and
    mostly in C even on very large files.
    """

    __slots__ = ("_text", "_offsets", "_parts", "_out", "_pos")

    def __init__(self, text: str, offsets: array) -> None:
        self._text = text
        self._offsets = offsets
        self._parts: list[str] = []
        self._out = array(offsets.typecode)
        self._pos = 0

    @property
    def pos(self) -> int:
        return self._pos

    def copy(self, end: int) -> None:
        """Keep the input from the current position up to `end`."""
        if end > self._pos:
            self._parts.append(self._text[self._pos:end])
            self._out.extend(self._offsets[self._pos:end])
            self._pos = end

    def skip(self, end: int) -> None:
        """Drop the input from the current position up to `end`."""
        if end > self._pos:
            self._pos = end

    def insert(self, text: str, raw_offset: int) -> None:
        """Emit `text` that has no input of its own; every char maps to `raw_offset`."""
        if text:
            self._parts.append(text)
            self._out.extend([raw_offset] * len(text))

    def replace(self, end: int, text: str) -> None:
        """Replace input [pos, end) by `text`; char j maps to input char min(pos + j, end - 1)."""
        start = self._pos
        if text:
            if end - start == len(text):
                self._parts.append(text)
                self._out.extend(self._offsets[start:end])
            else:
                last = max(start, end - 1)
                self._parts.append(text)
                self._out.extend(self._offsets[min(start + j, last)] for j in range(len(text)))
        self._pos = max(end, start)

    def raw(self, index: int) -> int:
        """Raw offset of input char `index`."""
        return self._offsets[index]

    def finish(self) -> tuple[str, array]:
        """Copy the rest and return (text, offsets) with the end entry appended."""
        self.copy(len(self._text))
        self._out.append(self._offsets[len(self._text)])
        return "".join(self._parts), self._out
