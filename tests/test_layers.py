"""The modules of kg import each other without a cycle.

The import graph is read from the source, so it counts every import a module can make:
at the top, inside functions and classes, relative and absolute, and a module named by
its dotted name in a string (``"kg.serve"``, imported later with importlib; not the
package's bare name, which ``resources.files("kg")`` uses for its data), and the
packages a module sits in (importing ``kg.extract.common`` runs ``kg/extract/__init__.py``
first). The block under ``if __name__ == "__main__":`` is left out: it runs only when
the file is run as a script, as the module ``__main__``, never when another module
imports it.
"""
from __future__ import annotations

import ast
from pathlib import Path

import kg

PACKAGE_ROOT = Path(kg.__file__).resolve().parent


def module_names(root: Path, package: str) -> dict[str, Path]:
    """Dotted name → file, for every module of the package in folder ``root``."""
    found = {}
    for path in sorted(root.rglob("*.py")):
        parts = [package, *path.relative_to(root).with_suffix("").parts]
        if parts[-1] == "__init__":
            parts.pop()
        found[".".join(parts)] = path
    return found


def _is_main_guard(node: ast.stmt) -> bool:
    test = getattr(node, "test", None) if isinstance(node, ast.If) else None
    return (isinstance(test, ast.Compare) and isinstance(test.left, ast.Name) and test.left.id == "__name__"
            and any(isinstance(c, ast.Constant) and c.value == "__main__" for c in test.comparators))


def _nodes(tree: ast.Module):
    """Every node of a module but those under a ``__main__`` guard at its top level."""
    for statement in tree.body:
        if not _is_main_guard(statement):
            yield from ast.walk(statement)


def imports_of(name: str, path: Path, modules: dict[str, Path]) -> set[str]:
    """The package's modules that module ``name`` (the file ``path``) imports."""
    is_package = path.name == "__init__.py"
    here = name if is_package else name.rpartition(".")[0]

    def known(target: str) -> str | None:
        while target and target not in modules:  # a name inside a module: the module
            target = target.rpartition(".")[0]
        return target or None

    targets: set[str | None] = set()
    for node in _nodes(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            targets.update(known(alias.name) for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = here.rsplit(".", node.level - 1)[0] if node.level > 1 else here
                base = f"{base}.{node.module}" if node.module else base
            else:
                base = node.module or ""
            for alias in node.names:
                targets.add(f"{base}.{alias.name}" if f"{base}.{alias.name}" in modules else known(base))
        elif isinstance(node, ast.Constant) and isinstance(node.value, str) and "." in node.value and node.value in modules:
            targets.add(node.value)
    explicit = {t for t in targets if t is not None and t != name}
    return explicit | {p for p in _packages_run(explicit) if not _inside(name, p)}


def _packages_run(targets: set[str]) -> set[str]:
    """The packages whose ``__init__`` Python runs on the way to ``targets`` (importing
    ``a.b.c`` runs ``a/b/__init__.py``), but for the top package: Python runs it before
    any of its modules, whoever imports them."""
    return {".".join(t.split(".")[:end]) for t in targets for end in range(2, t.count(".") + 1)}


def _inside(name: str, target: str) -> bool:
    """Whether ``target`` is module ``name`` itself or a package holding it (which
    Python runs before ``name``)."""
    return name == target or name.startswith(target + ".")


def import_graph(root: Path, package: str) -> dict[str, set[str]]:
    """Module → the package's modules it imports."""
    modules = module_names(root, package)
    return {name: imports_of(name, path, modules) for name, path in modules.items()}


def find_cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """One cycle through each group of modules that reach one another (Tarjan's
    strongly connected components), as a path that returns to its first module."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in sorted(graph.get(node, ())):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == node:
                    break
            if len(group) > 1 or node in graph.get(node, ()):
                groups.append(sorted(group))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return sorted(_cycle_through(group, graph) for group in groups)


def _cycle_through(group: list[str], graph: dict[str, set[str]]) -> list[str]:
    """The shortest path from the group's first module back to itself inside the group."""
    start, members = group[0], set(group)
    paths = {start: [start]}
    frontier = [start]
    while frontier:
        following = []
        for node in frontier:
            for target in sorted(graph.get(node, ())):
                if target == start:
                    return paths[node] + [start]
                if target in members and target not in paths:
                    paths[target] = paths[node] + [target]
                    following.append(target)
        frontier = following
    raise AssertionError(f"{group} is not a cycle")


def test_the_cycle_finder_names_each_cycle_and_passes_a_graph_without_one():
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a", "d"}, "d": set(), "e": {"a", "e"}, "f": {"g"}, "g": {"f"}}
    assert find_cycles(graph) == [["a", "b", "c", "a"], ["e", "e"], ["f", "g", "f"]]
    assert find_cycles({"a": {"b", "c"}, "b": {"c"}, "c": set()}) == []


def test_the_import_graph_counts_every_kind_of_import(tmp_path):
    package = tmp_path / "pkg"
    (package / "sub").mkdir(parents=True)
    files = {
        "__init__.py": 'VERSION = "1"\n',
        "top.py": "import pkg.sub.leaf\nfrom pkg.sub import inner as renamed\nfrom . import VERSION\n",
        "late.py": "def f():\n    from .sub.leaf import name\n\nclass C:\n    def g(self):\n        import pkg.top\n",
        "named.py": 'PLUGINS = ["pkg.late", "pkg.nothing", "not a module"]\n'
                    'if __name__ == "__main__":\n    from . import top\n',
        "sub/__init__.py": '"""Nothing imported."""\n',
        "sub/inner.py": "from . import leaf\nfrom .leaf import name\nfrom .. import named\nfrom ..top import x\n",
        "sub/leaf.py": "name = 1\n\ndef h():\n    from ..late import f\n",
    }
    for relative, text in files.items():
        (package / relative).write_text(text, encoding="utf-8")
    assert import_graph(package, "pkg") == {
        "pkg": set(),
        "pkg.top": {"pkg", "pkg.sub", "pkg.sub.leaf", "pkg.sub.inner"},  # pkg.sub: importing its modules runs it
        "pkg.late": {"pkg.sub", "pkg.sub.leaf", "pkg.top"},
        "pkg.named": {"pkg.late"},
        "pkg.sub": set(),
        "pkg.sub.inner": {"pkg.sub.leaf", "pkg.named", "pkg.top"},
        "pkg.sub.leaf": {"pkg.late"},
    }
    assert find_cycles(import_graph(package, "pkg")) == [["pkg.late", "pkg.sub.leaf", "pkg.late"]]


def test_kg_modules_import_each_other_without_a_cycle():
    graph = import_graph(PACKAGE_ROOT, "kg")
    assert {"kg", "kg.cli", "kg.extract.common", "kg.store"} <= set(graph)
    assert "kg.extract.common" in graph["kg.extract.dispatch"]  # relative
    assert "kg.pipeline" in graph["kg"] and "kg.serve" in graph["kg.cli"]  # inside a function; named in a string
    assert "kg" in graph["kg.serve"] and "kg.extract" in graph["kg.kinds"]  # kg.__version__; kg/extract/__init__.py
    cycles = find_cycles(graph)
    assert not cycles, "import cycles among kg modules: " + "; ".join(" -> ".join(c) for c in cycles)
