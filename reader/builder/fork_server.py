"""Imported by the fork server of `reader build --jobs N` (`reader.builder.pool`) alone, before
it forks any worker: the server then ends without the interpreter's teardown. Freeing the
build stages' modules one by one took half a second of the batch's end, while the command
waits for the server (to count its workers' CPU time as its own). Its forked workers never
run these exit handlers: they leave through `os._exit` already."""

from __future__ import annotations

import atexit
import os

atexit.register(os._exit, 0)
