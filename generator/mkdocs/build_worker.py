"""Builds for `mkdocs serve` in a process of their own, forked at startup while single-threaded.

`mkdocs serve` rebuilds while its web server and file watcher threads run, and a process with
threads must not fork (parallel.py), so its rebuilds would use one core. So at startup, before
those threads exist, the plugin forks this worker; every build then runs in the worker, which has
one thread and so may share its stages with forked copies, and which keeps a `Reuse` from one
build to the next. The plugin sends the build's settings and gets back what it reports: the
problems and the counts. The worker saves the build cache after answering, while MkDocs builds
the site; when the build cache answered instead, it runs the pipeline once more meanwhile, so that
the first edit finds what it can keep. When the worker is gone, the plugin builds in its own process again.
"""

from __future__ import annotations

import os
import pickle
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import BinaryIO

from generator.build import BuildReport, build
from generator.config import BuildConfig
from generator.problem_lines import report_lines
from generator.progress import Progress
from generator.speed.parallel import outcome_of, result_of
from generator.speed.reuse import Reuse


class WorkerGone(RuntimeError):
    """The worker process ended (killed, crashed): its builds must run elsewhere."""


@dataclass(slots=True)
class BuildSummary:
    """What the plugin reports of a build, wherever it ran."""

    papers: int
    written: int
    unchanged: int
    removed: int
    problems: list[str] = field(default_factory=list)  # one line per cause (problem_lines.py)
    reused: str = ""  # Reuse.summary()
    ignored: list[str] = field(default_factory=list)  # what a rule left out of seeds/


def summarize(report: BuildReport, reuse: Reuse | None) -> BuildSummary:
    written = report.written
    return BuildSummary(len(report.library.papers), len(written.written), written.unchanged, len(written.removed),
                        report_lines(report.library.problems), reuse.summary() if reuse else "",
                        [str(ignored) for ignored in report.library.ignored])


class BuildWorker:
    """The forked build process, and the two pipes to it: settings in, summaries out."""

    def __init__(self) -> None:
        requests_in, requests_out = os.pipe()
        answers_in, answers_out = os.pipe()
        self.pid = os.fork()
        if self.pid == 0:  # the worker: build until the plugin closes its end, never return into mkdocs
            try:
                os.close(requests_out)
                os.close(answers_in)
                with os.fdopen(requests_in, "rb") as requests, os.fdopen(answers_out, "wb") as answers:
                    _build_on_request(requests, answers)
            finally:
                os._exit(0)
        os.close(requests_in)
        os.close(answers_out)
        self._requests = os.fdopen(requests_out, "wb")
        self._answers = os.fdopen(answers_in, "rb")

    def build(self, config: BuildConfig) -> BuildSummary:
        """Build in the worker and wait for it: WorkerError if the build raised, WorkerGone if the
        worker is not there to answer."""
        try:
            pickle.dump(config, self._requests, protocol=pickle.HIGHEST_PROTOCOL)
            self._requests.flush()
            outcome = pickle.load(self._answers)
        except (OSError, EOFError, pickle.UnpicklingError) as error:
            self.close()
            raise WorkerGone(f"the build worker (process {self.pid}) stopped") from error
        return result_of(outcome)

    def close(self) -> None:
        """Close the pipes, which ends the worker, and wait for it."""
        for stream in (self._requests, self._answers):
            try:
                stream.close()
            except OSError:
                pass  # a pipe whose reader is gone cannot flush; closing is all that matters
        try:
            os.waitpid(self.pid, 0)
        except ChildProcessError:
            pass  # already waited for


def _build_on_request(requests: BinaryIO, answers: BinaryIO) -> None:
    reuse = Reuse()
    while True:
        try:
            config = pickle.load(requests)
        except (EOFError, KeyboardInterrupt):  # the plugin closed its end, or Ctrl-C in the terminal
            return
        reports: list[BuildReport] = []

        def summarized() -> BuildSummary:
            reports.append(build(config, Progress.for_terminal(), reuse, save_cache_later=True))
            return summarize(reports[0], reuse)

        pickle.dump(outcome_of(summarized), answers, protocol=pickle.HIGHEST_PROTOCOL)
        answers.flush()
        if not reports:
            continue
        if reports[0].save_cache is not None:  # the plugin goes on meanwhile: MkDocs builds the site
            _save_cache(reports[0].save_cache)
        elif reuse.last_build is None:  # the build cache answered, so nothing is kept for the first edit yet
            _warm_up(config, reuse)


def _warm_up(config: BuildConfig, reuse: Reuse) -> None:
    """Run the pipeline once to fill `reuse`, so that the first edit after `mkdocs serve` started
    from the build cache is as quick as the next ones. It writes nothing: the cache has just shown
    that every file is as this build makes it. A failure is reported; the next build redoes it."""
    started = time.perf_counter()
    try:
        build(config, Progress(), reuse, use_cache=False)
    except Exception as error:  # noqa: BLE001 - the worker must stay up to serve the next build
        print(f"reading-list: preparing quick rebuilds failed: {error!r}", file=sys.stderr)
        return
    print(f"reading-list: ready for quick rebuilds ({time.perf_counter() - started:.1f} s)", file=sys.stderr)


def _save_cache(save: Callable[[], None]) -> None:
    """Save the build cache; a failure costs only the next run's shortcut, so it is reported, not raised."""
    try:
        save()
    except OSError as error:
        print(f"reading-list: the build cache was not saved: {error}", file=sys.stderr)
