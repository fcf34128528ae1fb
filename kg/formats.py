"""What every format of a registry has: a name, a media type, a file extension and a
line for ``--help``. The registries are :data:`kg.export.EXPORT_FORMATS` (what
``kg export`` writes) and :data:`kg.query.RESULT_FORMATS` (what ``kg query`` and
``kg serve`` answer a query with); each entry also holds its writer."""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class Format:
    name: str
    media_type: str
    extension: str
    description: str


def listing(heading: str, formats: Iterable[Format]) -> str:
    """``heading`` and a line per format (name, what it is, media type), for the end of
    a command's ``--help``."""
    formats = list(formats)
    width = max(len(f.name) for f in formats)
    lines = [f"  {f.name:{width}}  {f.description} ({f.media_type})" for f in formats]
    return "\n".join([heading, *lines]) + "\n"
