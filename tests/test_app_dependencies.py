"""The arrows between the apps point one way: dashboards → commitments → departments."""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
# The project apps each app may import (itself always). Django, the standard library and
# third-party packages are not limited here.
MAY_IMPORT = {
    "departments": {"pagecache"},
    "commitments": {"departments", "pagecache"},
    "evidence": {"commitments", "departments", "pagecache"},
    "dashboards": {"commitments", "departments", "evidence", "pagecache"},
    "pagecache": set(),
    "planwatch": {"pagecache"},
    "bench": {"commitments", "departments", "evidence", "pagecache"},
}
# The public pages are reached through the root URLconf only.
ALSO_MAY_IMPORT = {"planwatch/urls.py": {"dashboards"}}


def modules(folder):
    return sorted(path for path in (ROOT / folder).rglob("*.py") if "__pycache__" not in path.parts)


def imported(path):
    """Every module `path` imports, at the top or inside a function, relative ones resolved."""
    package = path.relative_to(ROOT).parts[:-1]
    names = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = package[: len(package) - node.level + 1] if node.level else ()
            module = ".".join([*base, *filter(None, [node.module])])
            names.append(module)
    return names


@pytest.mark.parametrize("app", sorted(MAY_IMPORT))
def test_app_imports_only_the_apps_its_arrows_point_to(app):
    wrong = []
    for path in modules(app):
        name = path.relative_to(ROOT).as_posix()
        allowed = {app} | MAY_IMPORT[app] | ALSO_MAY_IMPORT.get(name, set())
        for module in imported(path):
            top = module.split(".")[0]
            if top in MAY_IMPORT and top not in allowed:
                wrong.append(f"{name} imports {module}")
    assert wrong == []


def test_parser_imports_nothing_of_django_nor_of_the_apps():
    wrong = [
        f"{path.relative_to(ROOT)} imports {module}"
        for path in modules("commitments/parsing")
        for module in imported(path)
        if module.split(".")[0] in {"django", *MAY_IMPORT}
        and not module.startswith("commitments.parsing")
    ]
    assert wrong == []
