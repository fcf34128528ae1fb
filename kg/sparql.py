"""SPARQL text as the query engine reads it: which parts are code and which are
strings, IRIs, comments and variables. Used to bind ``$name`` parameters as data, to
refuse ``SERVICE`` (a request to another address), and to refuse queries nested too
deeply for the engine, before a query reaches Oxigraph.

The scanner errs on the side of code: where it cannot tell, text counts as code, so a
check for a keyword can only refuse too much, never let one through.
"""
from __future__ import annotations

import re
import threading
from typing import Callable, Iterator, TypeVar

T = TypeVar("T")

MAX_NESTING = 200
"""Brackets ``(``, ``[`` and ``{`` open at once that a query may have (the engine's
parser and evaluator recurse once a level; thousands overflow its stack)."""

LARGE_STACK = 1 << 30
"""Bytes of stack for the thread a query runs on: reserved, used only as deep as the
engine recurses (a chain of 50,000 operators overflows the 8 MB of a main thread)."""

_TOKEN = re.compile(
    r"""(?P<space>\s+)
      | (?P<comment>\#[^\r\n]*)
      | (?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
      | (?P<string>'''(?:'{0,2}(?:[^'\\]|\\[\s\S]))*'''
                  | \"\"\"(?:"{0,2}(?:[^"\\]|\\[\s\S]))*\"\"\"
                  | '(?:[^'\\\n\r]|\\.)*'
                  | "(?:[^"\\\n\r]|\\.)*")
      | (?P<variable>[?$][\w\u00b7\u0300-\u036f\u203f\u2040]+)
      | (?P<code>\\.|[^\s#<'"?$\\]+|[\s\S])""",
    re.X,
)
_SERVICE = re.compile(r"service", re.I)
_OPEN, _CLOSE = "([{", ")]}"


class QueryRefused(ValueError):
    """A query this program will not run (a client error, not a failure)."""


def tokens(text: str) -> Iterator[tuple[str, str]]:
    """(kind, text) for each token: space, comment, iri, string, variable or code."""
    for match in _TOKEN.finditer(text):
        yield match.lastgroup, match.group()


def uses_service(text: str) -> bool:
    """Whether the query may call ``SERVICE``: the word in any code outside strings,
    IRIs, comments and variable names (a prefixed name holding it counts too)."""
    return any(kind == "code" and _SERVICE.search(token) for kind, token in tokens(text))


def nesting(text: str) -> int:
    """The most brackets open at once in the code of a query."""
    depth = deepest = 0
    for kind, token in tokens(text):
        if kind != "code":
            continue
        for char in token:
            if char in _OPEN:
                depth += 1
                deepest = max(deepest, depth)
            elif char in _CLOSE:
                depth = max(0, depth - 1)
    return deepest


def check(text: str, *, allow_service: bool = False) -> None:
    """Raise :class:`QueryRefused` for a query nested too deeply, or one calling
    ``SERVICE`` unless allowed."""
    depth = nesting(text)
    if depth > MAX_NESTING:
        raise QueryRefused(f"query too deeply nested: {depth} levels of brackets (at most {MAX_NESTING})")
    if not allow_service and uses_service(text):
        raise QueryRefused("SERVICE is not allowed: this query would make a request to another address "
                           "(kg serve --allow-service permits it; the word service in a prefixed name counts too)")


def literal(value: str) -> str:
    """``value`` as a SPARQL string literal: every quote, backslash and control
    character escaped, so the value can only ever be data."""
    out = []
    for char in value:
        if char in '"\\':
            out.append("\\" + char)
        elif ord(char) < 0x20 or 0x7F <= ord(char) < 0xA0 or 0xD800 <= ord(char) < 0xE000:
            out.append(f"\\u{ord(char):04X}")
        else:
            out.append(char)
    return '"' + "".join(out) + '"'


class Typed(str):
    """A parameter value to bind as a literal of ``datatype`` (an IRI), so that the store
    can look it up as a term instead of comparing every value as text."""

    datatype: str

    def __new__(cls, value: str, datatype: str) -> "Typed":
        made = super().__new__(cls, value)
        made.datatype = datatype
        return made


def bind(text: str, values: dict[str, str | int]) -> str:
    """``text`` with each variable ``$name`` of ``values`` replaced by its value as a
    string literal (an ``int`` as an integer, for LIMIT and OFFSET; a :class:`Typed` as a
    literal of its datatype), in one pass over the query's own code: values are never read
    as SPARQL, and ``$name`` inside a string, an IRI or a comment is left alone."""
    def value(name: str) -> str:
        given = values[name]
        if isinstance(given, int):
            return str(int(given))
        if isinstance(given, Typed) and re.fullmatch(r"[^<>\"{}|^`\\\x00-\x20]+", given.datatype):
            return f"{literal(given)}^^<{given.datatype}>"
        return literal(given)

    return "".join(value(token[1:]) if kind == "variable" and token[0] == "$" and token[1:] in values else token
                   for kind, token in tokens(text))


def on_large_stack(function: Callable[..., T], *args) -> T:
    """``function(*args)`` on a thread with :data:`LARGE_STACK` bytes of stack (the
    default stack where so large a one cannot be had); its result, or its exception
    raised here."""
    outcome: dict = {}

    def target() -> None:
        try:
            outcome["value"] = function(*args)
        except BaseException as error:  # noqa: BLE001 - raised again in the caller's thread
            outcome["error"] = error

    thread = None
    for size in (LARGE_STACK, 0):
        try:
            threading.stack_size(size)
            thread = threading.Thread(target=target, daemon=True)
            thread.start()
            break
        except (ValueError, RuntimeError):
            thread = None
        finally:
            threading.stack_size(0)
    if thread is None:
        return function(*args)
    thread.join()
    if "error" in outcome:
        raise outcome["error"]
    return outcome["value"]
