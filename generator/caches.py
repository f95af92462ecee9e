"""What the process keeps between calls, all of it registered here: one call forgets it all.

A build reads each released file, compiles each template, catalog and schema
once, and keeps the answer for the life of the process (the live preview
rebuilds on every edit). Every such cache is made with `kept` or handed to
`register`, so `forget` empties them all: the benchmark times builds that
read and compile everything anew, as `make site` in a new process does.

>>> @kept(maxsize=4)
... def square(n: int) -> int:
...     return n * n
>>> square(3), square.cache_info().currsize
(9, 1)
>>> forget(); square.cache_info().currsize
0
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any, TypeVar

F = TypeVar("F", bound=Callable[..., Any])

_CLEARS: list[Callable[[], None]] = []


def kept(maxsize: int | None = 128) -> Callable[[F], F]:
    """functools.lru_cache, registered to be forgotten."""

    def wrap(function: F) -> F:
        cached = functools.lru_cache(maxsize=maxsize)(function)
        _CLEARS.append(cached.cache_clear)
        return cached  # type: ignore[return-value]  # lru_cache keeps the signature

    return wrap


def register(clear: Callable[[], None]) -> None:
    """A cache of another kind (a dict, compiled templates), by the call that empties it."""
    _CLEARS.append(clear)


def forget() -> None:
    """Empty every cache of the process."""
    for clear in _CLEARS:
        clear()
