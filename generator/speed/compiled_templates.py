"""Compiled Jinja templates kept in memory, so a process compiles each template once, not once a build."""

from __future__ import annotations

import jinja2
from jinja2.bccache import Bucket


class CompiledTemplates(jinja2.BytecodeCache):
    """Compiled Jinja templates, kept in memory from one build of this process to the next.

    Each build makes new Jinja environments, which would compile every template again: ours
    (both sets: about 0.3 s) in the generator, and MkDocs' theme's (about 0.3 s) under
    `mkdocs serve`. Jinja keys each entry by the template's file and a checksum of its source,
    so an edited template is compiled afresh.
    """

    def __init__(self) -> None:
        self.compiled: dict[str, bytes] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        if bucket.key in self.compiled:
            bucket.bytecode_from_string(self.compiled[bucket.key])

    def dump_bytecode(self, bucket: Bucket) -> None:
        self.compiled[bucket.key] = bucket.bytecode_to_string()


OUR_TEMPLATES = CompiledTemplates()  # both template sets, compiled once per process
