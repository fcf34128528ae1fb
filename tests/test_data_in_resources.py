"""Language data lives in kg/resources, not in the code: no string literal in kg/**/*.py
holds a Han character (docstrings aside, and a short allowlist below), and importing
the package reads no data file (every lexicon is read on first use)."""
from __future__ import annotations

import ast
import json
import re
import subprocess
import sys
from pathlib import Path

from kg import language_data

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "kg"
HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]+")

NOT_YET_MOVED: set[str] = set()
"""Modules whose Han literals are still to be moved to kg/resources (none now): a change
that moves them drops the entry (the test below insists)."""

ALLOWED = {
    "kg/gazetteer.py": {"\u3400": "first character of CJK Extension A, a bound of the Han test",
                        "\u9fff": "last character of the CJK Unified Ideographs block, a bound",
                        "\uf900": "first CJK Compatibility Ideograph, a bound",
                        "\ufaff": "last code point of the CJK Compatibility Ideographs block, a bound"},
    "kg/resolve.py": {"\u4e00": "first character of the CJK Unified Ideographs block, a bound of the Han test",
                      "\u9fff": "last character of that block, a bound"},
    "kg/cli.py": {"外交部": "an example argument in the command's --help text",
                  "雷海潮": "an example argument in the command's --help text",
                  "海南": "an example argument in the command's --help text"},
}
"""Han characters that are no language data: bounds of Unicode blocks, and example
arguments shown in the help text."""


def modules() -> list[Path]:
    return sorted(p for p in PACKAGE.rglob("*.py") if "resources" not in p.relative_to(PACKAGE).parts)


def han_literals(path: Path) -> list[tuple[int, str]]:
    """(line, literal) of every string constant holding a Han character, docstrings
    (a string standing alone as a statement) left out."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    documentation = {id(node.value) for node in ast.walk(tree)
                     if isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant)}
    return [(node.lineno, node.value) for node in ast.walk(tree)
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in documentation
            and HAN.search(node.value)]


def relative(path: Path) -> str:
    return path.relative_to(ROOT).as_posix()


def test_no_han_literal_outside_resources():
    found = []
    for path in modules():
        name = relative(path)
        if name in NOT_YET_MOVED:
            continue
        allowed = ALLOWED.get(name, {})
        for line, literal in han_literals(path):
            if not all(run in allowed for run in HAN.findall(literal)):
                found.append(f"{name}:{line}: {literal[:60]!r}")
    assert found == [], "Han literals in code; move them to kg/resources/<language>/:\n" + "\n".join(found)


def test_modules_not_yet_moved_still_hold_words():
    """An entry of NOT_YET_MOVED is dropped once its module is clean."""
    clean = [name for name in sorted(NOT_YET_MOVED) if not han_literals(ROOT / name)]
    assert clean == []


def test_allowlist_is_used():
    unused = []
    for name, allowed in ALLOWED.items():
        runs = {run for _, literal in han_literals(ROOT / name) for run in HAN.findall(literal)}
        unused += [f"{name}: {run}" for run in allowed if run not in runs]
    assert unused == []


def test_scan_finds_a_han_literal(tmp_path):
    """The scan sees literals in expressions and f-strings, not docstrings."""
    source = tmp_path / "sample.py"
    source.write_text('"""模块."""\nWORDS = ("会见", "x")\n\n\ndef f(a):\n    """函数."""\n    return f"{a}赴"\n',
                      encoding="utf-8")
    assert han_literals(source) == [(2, "会见"), (7, "赴")]


def test_import_reads_no_data_file():
    """Importing every module of the package opens nothing under kg/resources."""
    script = """
import importlib, pkgutil, sys
opened = []
sys.addaudithook(lambda event, args: opened.append(str(args[0])) if event == "open" else None)
import kg
for info in pkgutil.walk_packages(kg.__path__, "kg."):
    if info.name != "kg.__main__":
        importlib.import_module(info.name)
print("\\n".join(p for p in opened if p.startswith(sys.argv[1])))
"""
    resources = str(PACKAGE / "resources")
    result = subprocess.run([sys.executable, "-c", script, resources], capture_output=True, text=True, cwd=ROOT, check=True)
    assert result.stdout.strip() == ""


def data_files() -> list[Path]:
    return sorted(p for language in ("zh", "en") for p in (PACKAGE / "resources" / language).glob("*.json"))


def test_every_data_key_is_read():
    """Each file says what it holds, and each of its keys is named in the code."""
    code = "\n".join(path.read_text(encoding="utf-8") for path in modules())
    unread = []
    for path in data_files():
        data = json.loads(path.read_text(encoding="utf-8"))
        assert isinstance(data.get("about"), str) and data["about"], path
        unread += [f"{path.name}: {key}" for key in data if key != "about" and f'"{key}"' not in code]
    assert len(data_files()) >= 2
    assert unread == []


def test_data_read_once_as_tuples():
    first = language_data.zh("clauses")
    assert language_data.zh("clauses") is first
    assert isinstance(first["cue_prefixes"], tuple) and "并" in first["cue_prefixes"]
    assert "今天" in first["when"]
