"""Two pieces of work at once: one in this process, one in a forked copy of it.

The pipeline is pure Python, so one process uses one core. The stages that are loops over
independent pieces (topics per paper, pages per paper) give part of the loop to a forked copy of
the process, which already holds everything the work reads; it sends its result back, pickled,
through a pipe. The result is the same as a serial run's, in the same order. Three ways to share:
`in_parallel` (two given pieces of work), `map_in_halves` (a loop, cut in two) and
`first_then_map` (a loop the copy starts on alone while this process does something else first).
Under all three lies `Forked`: work started in a copy, whose outcome is read when it is needed.

Nothing is forked, and the work runs here one piece after the other, when:
- the system is not Linux: Windows has no fork, and on macOS system libraries (Accelerate, which
  numpy may use, among them) are not safe in a forked copy; Python's multiprocessing does not
  fork there either;
- other threads run, as under `mkdocs serve`: a fork copies only the calling thread, and a lock
  another thread held at that moment would stay locked in the copy forever;
- the environment sets READING_LIST_WORKERS=1;
- the work is too small to repay a fork (`worth_forking`).
"""

from __future__ import annotations

import os
import pickle
import struct
import sys
import threading
import traceback
from collections.abc import Callable, Sequence
from typing import TypeVar

A = TypeVar("A")
B = TypeVar("B")
Item = TypeVar("Item")
Result = TypeVar("Result")

WORKERS_VARIABLE = "READING_LIST_WORKERS"
MIN_ITEMS = 200  # below this a fork (and pickling the result back) costs more than it saves
CHUNK = 32  # items `first_then_map` hands out at a time
MAX_CHUNKS = 4096  # so the chunks' starts (4 bytes each) fit in a pipe without waiting


class WorkerError(RuntimeError):
    """Work in a forked process raised; the message carries its traceback."""


def can_fork() -> bool:
    """Whether forking is possible and safe here (see the module docstring)."""
    return (sys.platform.startswith("linux") and threading.active_count() == 1
            and os.environ.get(WORKERS_VARIABLE, "").strip() != "1")


def worth_forking(items: int) -> bool:
    return items >= MIN_ITEMS and can_fork()


def in_parallel(here: Callable[[], A], there: Callable[[], B], fork: bool = True) -> tuple[A, B]:
    """`(here(), there())`, with `there()` computed in a forked copy while this process does `here()`.

    `there` must not change anything `here` or later code reads: its changes stay in the copy.
    When the copy dies without an answer (killed, out of memory), `there()` runs here instead;
    an exception it raised is raised here, as a WorkerError with the copy's traceback.
    """
    if not (fork and can_fork()):
        return here(), there()
    try:
        copy = Forked(there)
    except OSError:  # no fork to be had (out of memory or processes): the same work, here
        return here(), there()
    try:
        mine = here()
    finally:
        outcome = copy.outcome()
    if outcome is None:
        return mine, there()
    return mine, result_of(outcome)


class Forked:
    """Work started in a forked copy of this process; `outcome()` waits for what it sent back.

    The copy sends its outcome through a pipe when the work is done and leaves at once, without
    returning into the code that forked it. Call `can_fork()` first; OSError if the fork fails.
    """

    def __init__(self, work: Callable[[], object]) -> None:
        reader, writer = os.pipe()
        try:
            self.pid = os.fork()
        except OSError:
            os.close(reader)
            os.close(writer)
            raise
        if self.pid == 0:  # the copy: compute, send, and leave
            try:
                os.close(reader)
                _send(writer, work)
            finally:
                os._exit(0)
        os.close(writer)
        self.reader: int | None = reader

    def outcome(self) -> Outcome | None:
        """What the work returned or raised (see `outcome_of`), or None if the copy died first."""
        assert self.reader is not None, "the outcome is read once"
        reader, self.reader = self.reader, None
        with os.fdopen(reader, "rb") as pipe:
            answer = pipe.read()  # read before waiting: the copy blocks until its answer is read
        os.waitpid(self.pid, 0)
        try:
            return pickle.loads(answer) if answer else None
        except (pickle.UnpicklingError, EOFError):  # cut short: the copy died while sending it
            return None


Outcome = tuple[bool, object]  # (True, what the work returned) or (False, the traceback of what it raised)


def outcome_of(work: Callable[[], object]) -> Outcome:
    """What `work()` returned, or what it raised as text: either can be pickled to another process."""
    try:
        return True, work()
    except BaseException:  # noqa: BLE001 - every failure goes back to the other process
        return False, traceback.format_exc()


def result_of(outcome: Outcome) -> object:
    """The result of work done in another process, or a WorkerError carrying its traceback."""
    succeeded, value = outcome
    if not succeeded:
        raise WorkerError(f"work in another process failed:\n{value}")
    return value


def _send(writer: int, work: Callable[[], object]) -> None:
    """`work`'s outcome through the pipe; a result that cannot be pickled sends nothing (then the parent redoes it)."""
    with os.fdopen(writer, "wb") as pipe:
        pipe.write(pickle.dumps(outcome_of(work), protocol=pickle.HIGHEST_PROTOCOL))


def map_in_halves(function: Callable[[Item], Result], items: Sequence[Item]) -> list[Result]:
    """`[function(item) for item in items]`, the second half computed in a forked copy."""
    middle = len(items) // 2
    first, second = in_parallel(lambda: [function(item) for item in items[:middle]],
                                lambda: [function(item) for item in items[middle:]],
                                fork=worth_forking(len(items)))
    return first + second


def first_then_map(first: Callable[[], A], function: Callable[[Item], Result],
                   items: Sequence[Item]) -> tuple[A, list[Result]]:
    """`(first(), [function(item) for item in items])`, sharing the map between two processes.

    A forked copy starts mapping at once; this process runs `first()`, then joins in. Both take
    chunks of items from one queue (a pipe holding each chunk's start, read 4 bytes at a time,
    which a pipe hands out whole to one reader), so neither waits while the other has work left,
    however long `first()` takes. A chunk the copy took but did not return (it died) is mapped here.
    """
    if not worth_forking(len(items)):
        return first(), [function(item) for item in items]
    size = max(CHUNK, -(-len(items) // MAX_CHUNKS))
    starts = range(0, len(items), size)
    queue, filler = os.pipe()
    os.write(filler, b"".join(struct.pack("<I", start) for start in starts))  # under a pipe's 64 KB: no wait
    os.close(filler)

    def take_chunks() -> dict[int, list[Result]]:
        done = {}
        while chunk := os.read(queue, 4):
            start = struct.unpack("<I", chunk)[0]
            done[start] = [function(item) for item in items[start:start + size]]
        return done

    try:
        (result, mine), theirs = in_parallel(lambda: (first(), take_chunks()), take_chunks)
    finally:
        os.close(queue)
    done = {**mine, **theirs}
    mapped: list[Result] = []
    for start in starts:
        mapped.extend(done[start] if start in done else [function(item) for item in items[start:start + size]])
    return result, mapped
