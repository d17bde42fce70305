"""Starts moto servers for the tests by forking one process that has already imported moto.

A moto server spends about a second of CPU importing moto and its EC2 code before it answers its
first EC2 call, and the tests start one per test. This process pays that once: each child it forks
starts with the modules imported and nothing else from its parent (no backend exists yet, and its
random generators are reseeded), so it is a fresh moto, like `moto_server`'s.

testkit writes one command per line on stdin and reads one answer per line on stdout:
    start PORT  -> forks a moto server on 127.0.0.1:PORT; answers its pid
    stop PID    -> kills that server (one it started) and waits for it; answers "stopped"
At the end of stdin (the test process has exited, however it ended) every server it started is
killed, and it exits. Settings read at import (the validation switches, MOTO_AMIS_PATH) come from
this process's environment, so testkit keeps one of these per set of them.
"""

import ctypes
import importlib
import os
import random
import signal
import sys

from moto import server
from moto.backends import get_backend
from moto.moto_api._internal import mock_random

SERVICES = ("ec2", "iam", "sts", "cloudwatch")
PR_SET_PDEATHSIG = 1


def preload():
    """Imports the code of each service the tests use: its models, responses and URLs. Nothing is
    made: a service's backends are made on its first call, in the child."""
    for service in SERVICES:
        get_backend(service)
        importlib.import_module(f"moto.{service}.responses")
        importlib.import_module(f"moto.{service}.urls")


def serve(port, parent):
    """The child: a moto server on 127.0.0.1:port, with this process's pipes let go. It is killed
    if this process ends first."""
    ctypes.CDLL(None).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    if os.getppid() != parent:
        os._exit(0)
    devnull = os.open(os.devnull, os.O_RDWR)
    for fd in (0, 1, 2):
        os.dup2(devnull, fd)
    os.close(devnull)
    random.seed()
    mock_random.seed()
    try:
        server.main(["-H", "127.0.0.1", "-p", str(port)])
    finally:
        os._exit(0)


def stop(pid):
    try:
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
    except (ProcessLookupError, ChildProcessError):
        pass


def main():
    preload()
    children = set()
    for line in sys.stdin:
        command, _, arg = line.strip().partition(" ")
        number = int(arg) if arg.isdigit() else None
        if command == "start" and number is not None:
            parent = os.getpid()
            pid = os.fork()
            if pid == 0:
                serve(number, parent)
            children.add(pid)
            answer = str(pid)
        elif command == "stop" and number in children:
            stop(number)
            children.discard(number)
            answer = "stopped"
        else:
            answer = f"error: {line.strip()!r} is not a command for a server of this process"
        sys.stdout.write(answer + "\n")
        sys.stdout.flush()
    for pid in children:
        stop(pid)


if __name__ == "__main__":
    main()
