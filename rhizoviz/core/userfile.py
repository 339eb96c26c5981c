"""Reading a file a user names: a bounded number of bytes, and only from a regular file.

A scenario or lesson path typed or picked by a user can name anything the file system
holds. A link to ``/dev/zero`` reports a size of 0 and never ends; opening a named pipe
waits for a writer that never comes; a folder or a device is no document. Every file
the app or the command line reads on a user's behalf goes through :func:`read_user_file`,
which opens without blocking (``O_NONBLOCK``: a pipe opens at once), checks what was
opened (``fstat`` on the open descriptor, so nothing can be swapped in between a check
and the read), refuses what is not a regular file after links are followed, and reads at
most ``limit + 1`` bytes, so a file that grows while it is read is still refused
rather than read to the end. Problems are one line that starts with the file's path.

Output a user names (a figure, a handout, a worksheet) is checked by
:func:`check_output_path` before any work is done, with each caller's own wording and
error class, and written by :func:`write_atomic`: beside the target, then renamed into
place, so a failed write never leaves half a file where a good one was.
"""

from __future__ import annotations

import os
import secrets
import stat
from collections.abc import Callable
from pathlib import Path

_OPEN_FLAGS = (
    os.O_RDONLY
    | getattr(os, "O_NONBLOCK", 0)  # a FIFO opens at once instead of waiting for a writer
    | getattr(os, "O_NOCTTY", 0)  # a terminal device never becomes our controlling terminal
    | getattr(os, "O_BINARY", 0)  # Windows: no newline translation
)
_CHUNK = 1 << 16


class UserFileError(ValueError):
    """A user's file cannot be read: missing, not a regular file, unreadable or too large."""


def _kind(mode: int) -> str:
    """What a non-regular file is, in a user's words."""
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a named pipe"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    return "a special file"


def read_user_file(
    path: str | os.PathLike[str],
    limit: int,
    error: Callable[[str], Exception] = UserFileError,
) -> bytes:
    """The bytes of the regular file at ``path`` (links followed), at most ``limit`` of them.

    Anything else raises ``error(message)`` with a one-line message naming ``path``:
    callers pass their own error class (``ScenarioError``, ``LessonError``) so their
    callers catch one kind of error.
    """
    where = Path(path)
    try:
        fd = os.open(where, _OPEN_FLAGS)
    except IsADirectoryError:
        raise error(f"{where}: is a folder, not a regular file") from None
    except OSError as exc:
        raise error(f"{where}: cannot read ({exc.strerror or exc})") from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise error(f"{where}: is {_kind(info.st_mode)}, not a regular file")
        if info.st_size > limit:
            raise error(f"{where}: file is {info.st_size} bytes (at most {limit})")
        chunks: list[bytes] = []
        got = 0
        while got <= limit:
            chunk = os.read(fd, min(_CHUNK, limit + 1 - got))
            if not chunk:
                break
            chunks.append(chunk)
            got += len(chunk)
    except OSError as exc:
        raise error(f"{where}: cannot read ({exc.strerror or exc})") from None
    finally:
        os.close(fd)
    if got > limit:
        raise error(f"{where}: file is over {limit} bytes")
    return b"".join(chunks)


def check_output_path(
    path: str | os.PathLike[str],
    suffixes: tuple[str, ...],
    must: str,
    error: Callable[[str], Exception],
) -> Path:
    """``path`` as a :class:`Path` if it ends in one of ``suffixes`` (lower case, any
    case accepted) and can be written in an existing folder, checked before any work.

    Else ``error`` with one line ``cannot write 'PATH': REASON``; a wrong suffix gives
    ``must`` as the reason (e.g. "the output must be a .png file").
    """
    out = Path(path)
    if out.suffix.lower() not in suffixes:
        raise error(f"cannot write {str(out)!r}: {must}")
    folder = out.parent if str(out.parent) else Path(".")
    if not folder.is_dir():
        raise error(f"cannot write {str(out)!r}: folder {str(folder)!r} does not exist")
    if out.is_dir():
        raise error(f"cannot write {str(out)!r}: it is a folder")
    if not os.access(folder, os.W_OK) or (out.exists() and not os.access(out, os.W_OK)):
        raise error(f"cannot write {str(out)!r}: permission denied")
    return out


def write_atomic(path: str | os.PathLike[str], fill: Callable[[Path], object]) -> Path:
    """Write ``path`` atomically: ``fill(tmp)`` writes a file beside it (same suffix,
    hidden, unique to this process), which is then renamed into place.

    For writers that want a file name (an image or PDF library). Whatever ``fill``
    raises removes the temporary file and propagates; callers turn ``OSError`` into
    their own one-line error.
    """
    out = Path(path)
    tmp = out.with_name(f".{out.stem}.{os.getpid()}.{secrets.token_hex(4)}{out.suffix}")
    try:
        fill(tmp)
        os.replace(tmp, out)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return out
