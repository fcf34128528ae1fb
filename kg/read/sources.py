"""Which files to read: files, folders (recursive, following links to folders but not
into a loop) and glob patterns, each file once; and their bytes."""
from __future__ import annotations

import glob
import os
from pathlib import Path
from typing import Any, Iterator

from ..model import ReadFailure
from .errors import LINK_LOOP, NO_SUCH_FILE, ReadError


def _as_list(paths: Any) -> list:
    if paths is None:
        return []
    if isinstance(paths, (str, bytes, os.PathLike)):
        return [paths]
    return list(paths)


def _hidden(name: str) -> bool:
    return name.startswith(".")


def _walk_dir(root: Path) -> Iterator[Path | ReadFailure]:
    """The files under ``root``; links to folders are followed unless they lead back
    to a folder being read (a loop, reported), links that lead nowhere are reported."""
    errors: list[OSError] = []
    found: list[Path] = []
    bad: list[ReadFailure] = []
    for dirpath, dirnames, filenames in os.walk(root, onerror=errors.append, followlinks=True):
        here = os.path.realpath(dirpath)
        keep = []
        for d in sorted(d for d in dirnames if not _hidden(d)):
            target = os.path.realpath(os.path.join(dirpath, d))
            if here == target or here.startswith(target.rstrip(os.sep) + os.sep):
                bad.append(ReadFailure(os.path.join(dirpath, d), LINK_LOOP))
            else:
                keep.append(d)
        dirnames[:] = keep
        for name in filenames:
            if not _hidden(name):
                p = Path(dirpath) / name
                if p.is_file():
                    found.append(p)
                elif p.is_symlink():
                    try:
                        os.stat(p)
                    except OSError as err:
                        bad.append(ReadFailure(str(p), os_reason(err)))
    found.sort(key=lambda p: p.relative_to(root).parts)
    yield from found
    yield from sorted(bad, key=lambda f: f.path)
    for err in errors:
        yield ReadFailure(str(err.filename or root), os_reason(err))


def iter_sources(paths: Any) -> Iterator[Path | ReadFailure]:
    """Expand files, folders (recursive, sorted, hidden skipped) and glob patterns.

    A path that does not exist and matches nothing yields
    ``ReadFailure(path, "no such file or directory")``. A file named twice is given once.
    """
    seen: set[str] = set()

    def once(p: Path) -> bool:
        key = os.path.normcase(os.path.abspath(p))
        if key in seen:
            return False
        seen.add(key)
        return True

    for arg in _as_list(paths):
        try:
            s = os.fsdecode(arg) if isinstance(arg, bytes) else os.fspath(arg)
        except TypeError:
            yield ReadFailure(repr(arg), "not a path")
            continue
        try:
            yield from _expand(s, once)
        except (OSError, ValueError) as e:
            yield ReadFailure(s, os_reason(e) if isinstance(e, OSError) else f"bad path: {e}")


def _expand(s: str, once) -> Iterator[Path | ReadFailure]:
    """One argument of iter_sources: a folder, a file, or a glob pattern."""
    p = Path(os.path.expanduser(s))
    if p.is_dir():
        yield from (x for x in _walk_dir(p) if isinstance(x, ReadFailure) or once(x))
    elif p.exists() or p.is_symlink():
        if once(p):
            yield p
    elif glob.has_magic(s):
        matches = sorted(glob.glob(os.path.expanduser(s), recursive=True))
        if not matches:
            yield ReadFailure(s, NO_SUCH_FILE)
        for m in matches:
            mp = Path(m)
            if mp.is_dir():
                yield from (x for x in _walk_dir(mp) if isinstance(x, ReadFailure) or once(x))
            elif once(mp):
                yield mp
    else:
        yield ReadFailure(s, NO_SUCH_FILE)


def os_reason(e: OSError) -> str:
    if isinstance(e, PermissionError):
        return "cannot read: permission denied"
    if isinstance(e, FileNotFoundError):
        return NO_SUCH_FILE
    if isinstance(e, IsADirectoryError):
        return "cannot read: is a directory"
    return f"cannot read: {(e.strerror or str(e)).lower()}"


def read_bytes(p: Path) -> bytes:
    try:
        return p.read_bytes()
    except OSError as e:
        raise ReadError(os_reason(e)) from None
