"""Refuse to start `make serve` on a port another program holds, in one line.

`mkdocs serve` binds its port only after the first full build, and a taken port
then ends in an `OSError: [Errno 98]` traceback. `make serve` runs this first:
it tries the bind itself, and prints which port is taken and how to pick another.
"""
from __future__ import annotations

import socket
import sys


def port_is_free(host: str, port: int) -> bool:
    """Whether a server could listen on host:port now (the way MkDocs' server binds it)."""
    with socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET) as probe:
        # As http.server does: a port left in TIME_WAIT by the last serve is free.
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError:
            return False
    return True


def main(argv: list[str]) -> int:
    if len(argv) != 2 or not argv[1].isdigit():
        print("usage: python -m scripts.check_port HOST PORT", file=sys.stderr)
        return 2
    host, port = argv[0], int(argv[1])
    if port_is_free(host, port):
        return 0
    print(
        f"error: port {port} on {host} is taken (another `make serve`?); pick another one: make serve PORT={port + 1}",
        file=sys.stderr,
    )
    return 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
