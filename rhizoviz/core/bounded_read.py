"""Reading a user's file safely: only a regular file, and never more than a byte bound.

A path might name a FIFO (``open`` would block), a device (endless bytes) or a huge
file; none of them must hang or flood the app. Used for progress and case files.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path


class UserFileError(ValueError):
    """The file cannot be used; the one-line message names it."""


def read_regular_file(path: str | os.PathLike[str], max_bytes: int) -> bytes:
    """The bytes of ``path`` if it is a regular file of at most ``max_bytes``.

    Raises :class:`UserFileError` naming the file otherwise, or when it cannot be read.
    """
    path = Path(path)
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):
            raise UserFileError(f"{path}: not a regular file")
        if info.st_size > max_bytes:
            raise UserFileError(f"{path}: file is {info.st_size} bytes (at most {max_bytes})")
        # O_NONBLOCK: should the path be swapped for a FIFO after the check, open cannot hang
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        with os.fdopen(fd, "rb") as fh:
            if not stat.S_ISREG(os.fstat(fh.fileno()).st_mode):
                raise UserFileError(f"{path}: not a regular file")
            raw = fh.read(max_bytes + 1)
    except OSError as exc:
        raise UserFileError(f"{path}: cannot read ({exc.strerror or exc})") from None
    if len(raw) > max_bytes:
        raise UserFileError(f"{path}: file is over {max_bytes} bytes")
    return raw
