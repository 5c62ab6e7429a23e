"""Render worker processes: DOCX files made beside the builder, a few documents ahead of LibreOffice.

A worker is a fresh `python` running `serve()` (not a multiprocessing child: a forked one would share
the builder's memory, and `spawn` would run the caller's main script again). It reads jobs from
stdin and answers each on stdout, in order, as length-prefixed pickles between this process and its
own children only. At the end of stdin (the builder is done, or died) it exits.
"""

from __future__ import annotations

import json
import os
import pickle
import struct
import subprocess
import sys
from collections.abc import Callable
from typing import IO, Any

_BOOT = ("import json, sys; sys.path[:0] = json.loads(sys.argv[1]); "
         "from dossier.builder.renderer import serve; serve()")


def _send(stream: IO[bytes], obj: Any) -> None:
    data = pickle.dumps(obj, protocol=pickle.HIGHEST_PROTOCOL)
    stream.write(struct.pack("<Q", len(data)) + data)
    stream.flush()


def _receive(stream: IO[bytes]) -> Any:
    head = stream.read(8)
    if len(head) < 8:
        raise EOFError
    (size,) = struct.unpack("<Q", head)
    data = stream.read(size)
    if len(data) < size:
        raise EOFError
    return pickle.loads(data)


def serve() -> None:
    """The worker's loop: run each job `(function, argument)`, answer its result (or the exception)."""
    stdin, stdout = sys.stdin.buffer, sys.stdout.buffer
    sys.stdout = sys.stderr  # anything printed must not reach the answers
    while True:
        try:
            function, argument = _receive(stdin)
        except EOFError:
            return
        try:
            answer: tuple[bool, Any] = (True, function(argument))
        except Exception as exc:  # noqa: BLE001 - raised again in the builder
            answer = (False, exc)
        try:
            _send(stdout, answer)
        except (pickle.PicklingError, TypeError, AttributeError):  # an exception that does not pickle
            _send(stdout, (False, RuntimeError(f"{type(answer[1]).__name__}: {answer[1]}")))


class RenderWorker:
    """One worker process; `submit` a job, `result` the answers in the order of submission."""

    def __init__(self) -> None:
        paths = [p for p in sys.path if p]
        env = dict(os.environ, PYTHONUNBUFFERED="1")
        self.proc = subprocess.Popen([sys.executable, "-c", _BOOT, json.dumps(paths)], stdin=subprocess.PIPE,
                                     stdout=subprocess.PIPE, env=env)
        assert self.proc.stdin is not None and self.proc.stdout is not None
        self._stdin: IO[bytes] = self.proc.stdin
        self._stdout: IO[bytes] = self.proc.stdout
        self.jobs = 0
        """Jobs submitted so far."""

    def submit(self, function: Callable[[Any], Any], argument: Any) -> None:
        self.jobs += 1
        _send(self._stdin, (function, argument))

    def result(self) -> Any:
        try:
            ok, value = _receive(self._stdout)
        except EOFError:
            code = self.proc.wait()
            raise RuntimeError(f"render worker stopped (exit code {code})") from None
        if not ok:
            raise value
        return value

    def close(self) -> None:
        if self.proc.returncode is not None and self._stdout.closed:
            return
        try:
            self._stdin.close()
        except OSError:
            pass
        try:
            self.proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        self._stdout.close()
