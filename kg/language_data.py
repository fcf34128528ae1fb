"""Language data: the cue words, phrase lists and pattern pieces each language's rules
read, one JSON file per purpose under ``kg/resources/<language>/`` (``zh``, ``en``).

A file is read the first time a rule asks for it and kept, so importing a module reads
none. Arrays come back as tuples, ready for ``str.startswith`` and ``in``. Keys the
file's ``about`` names as patterns hold regular expressions or pieces of them: a whole
one is compiled once by ``pattern``, pieces are joined with ``|`` (or placed in a
pattern of the code's own) and compiled once by the module that reads them.
"""
from __future__ import annotations

import json
import re
from functools import cache
from importlib import resources


def _frozen(value):
    if isinstance(value, list):
        return tuple(_frozen(v) for v in value)
    if isinstance(value, dict):
        return {k: _frozen(v) for k, v in value.items()}
    return value


@cache
def load(language: str, name: str) -> dict:
    """``kg/resources/<language>/<name>.json``, read once."""
    with resources.files("kg").joinpath("resources", language, name + ".json").open(encoding="utf-8") as fh:
        return _frozen(json.load(fh))


def zh(name: str) -> dict:
    """Chinese data of one purpose (``zh("clauses")``)."""
    return load("zh", name)


def en(name: str) -> dict:
    """English data of one purpose (``en("dates")``)."""
    return load("en", name)


@cache
def pattern(language: str, name: str, key: str) -> re.Pattern:
    """The regular expression under ``key`` in a data file, compiled once."""
    return re.compile(load(language, name)[key])
