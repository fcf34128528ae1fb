"""The reader's data files in ``kg/resources``."""
from __future__ import annotations

from importlib import resources


def open_resource(*parts: str):
    return resources.files("kg").joinpath("resources", *parts).open(encoding="utf-8")
