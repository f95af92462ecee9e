"""Run one task per language side by side: a forked process for each language.

The languages of a site are independent builds into their own folders, so
they can run at the same time. Each gets its own process, even where there
are fewer cores than languages: three equal builds in two processes on two
cores leave one core idle for the last third of the time, while three
processes share the two cores and end together (in two processes the same
build took a sixth longer; `make bench` gives the wall clock against plain
MkDocs). The task reaches the workers by fork (a copy of this process, the site plan included), never
pickled; only the language goes out and only the task's result (a small
value) or an error comes back. Errors are raised in the order of the
languages, as a build one language after another would raise them. On one
core, or where fork does not exist, the tasks run here, one after another.
"""

from __future__ import annotations

import ctypes
import gc
import multiprocessing
import os
import signal
import sys
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import TypeVar, cast

from generator.findings import Failure

T = TypeVar("T")
_task: Callable[[str], object] | None = None  # what a forked worker runs; set only while a pool lives


def cores() -> int:
    """The cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def for_each_language(task: Callable[[str], T], languages: Sequence[str], jobs: int | None = None) -> list[T]:
    """task(lang) for every language, in up to `jobs` processes (default: one per language where there is
    more than one core); the results in the languages' order (a small value: it is pickled back from the worker).

    >>> for_each_language(str.upper, ["fi", "sv"], jobs=1)
    ['FI', 'SV']
    """
    global _task
    jobs = min(len(languages), jobs or (len(languages) if cores() > 1 else 1))
    if jobs <= 1 or "fork" not in multiprocessing.get_all_start_methods():
        return [task(lang) for lang in languages]
    _task = task
    gc.freeze()  # the workers' collections leave the inherited objects alone: fewer of their pages get copied
    try:
        with ProcessPoolExecutor(
            jobs, mp_context=multiprocessing.get_context("fork"), initializer=_die_with, initargs=(os.getpid(),)
        ) as pool:
            try:  # a worker killed early breaks the pool while the languages are still being handed out
                futures = [pool.submit(_run, lang) for lang in languages]
                return [cast(T, future.result()) for future in futures]  # _run returned what `task` did: a T
            except BrokenProcessPool:
                raise Failure(
                    "the build of a language stopped: its process was killed; nothing was replaced, "
                    "run the command again"
                ) from None
            except BaseException:
                pool.shutdown(wait=True, cancel_futures=True)
                raise
    finally:
        gc.unfreeze()
        _task = None


def _die_with(parent: int) -> None:
    """A worker never outlives the build (killed, it would wait for work forever, holding the site's lock)."""
    if sys.platform.startswith("linux"):
        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    if os.getppid() != parent:  # the build died before the line above
        os._exit(1)


def _run(lang: str) -> object:
    assert _task is not None, "a worker runs only in a pool's fork"
    return _task(lang)
