"""Files written whole or not at all.

Every file a build writes (exports, the viewer page, summary.json) is written under a
temporary name beside its target and renamed over it only when complete, so a killed
build leaves the previous file as it was and no half-written one.
"""
from __future__ import annotations

import os
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator


@contextmanager
def atomic_path(target: str | os.PathLike, mode: int | None = 0o644) -> Iterator[Path]:
    """A temporary path beside ``target`` (``.NAME.*.part``) that replaces it when the
    block ends without an error, with permission bits ``mode`` (``None``: those of the
    file it replaces, 0o644 for a new one); on an error it is removed."""
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    if mode is None:
        mode = (target.stat().st_mode & 0o777) if target.exists() else 0o644
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=target.parent)
    os.close(fd)
    try:
        yield Path(tmp)
        os.chmod(tmp, mode)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_text(target: str | os.PathLike, text: str) -> None:
    """``text`` as UTF-8 with ``\\n`` line ends, on disk (fsync) before it replaces
    ``target``, which keeps its permission bits (a page a user made private stays so)."""
    with atomic_path(target, mode=None) as tmp:
        with open(tmp, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
