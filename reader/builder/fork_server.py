"""Imported by the fork server of `reader build --jobs N` (`reader.builder.pool`) alone, first,
before the build's stages and before it forks any worker.

Ctrl-C is the command's to handle (it stops the workers itself): the server ignores it from
now on, so a Ctrl-C while it imports the stages prints no traceback, and the workers it forks
start with it ignored. And the server ends without the interpreter's teardown: freeing the
stages' modules one by one took half a second of the batch's end, while the command waits
for the server (to count its workers' CPU time as its own). Its workers never run these exit
handlers: they leave through `os._exit` already.
"""

from __future__ import annotations

import atexit
import os
import signal

signal.signal(signal.SIGINT, signal.SIG_IGN)
atexit.register(os._exit, 0)
