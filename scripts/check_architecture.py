"""Check the architecture rules that import-linter cannot express (see STYLE.md).

1. Rows are written only in services: no `.save()`, `.delete()`, `X.objects...create()` and the
   like outside `services.py` / `services/`, `migrations/` and `tests/`.
2. `django.http` is never imported by `models`, `selectors`, `services` or `domain` modules
   (import-linter can forbid only whole external packages such as `ninja`).

A line carrying `# architecture: allow` is exempt; say why next to it.
Usage: python scripts/check_architecture.py [ROOT ...]   (default: src/dossier)
"""

from __future__ import annotations

import ast
import sys
from collections.abc import Iterator
from pathlib import Path

DEFAULT_ROOT = Path(__file__).resolve().parent.parent / "src" / "dossier"
ALLOW = "# architecture: allow"
WRITERS = {"services"}
EXEMPT_DIRS = {"migrations", "tests"}
LOW_LAYERS = {"models", "selectors", "services", "domain"}
INSTANCE_WRITES = {"save", "delete"}
QUERYSET_WRITES = {"update", "delete"}
MANAGER_WRITES = {"create", "bulk_create", "bulk_update", "get_or_create", "update_or_create"}
MANAGER_WRITES |= QUERYSET_WRITES
QUERYSET_STARTS = {"filter", "exclude", "all"}
SAFE_RECEIVERS = {"session"}  # request.session.save() / .delete() write no model


def chain(node: ast.expr) -> Iterator[ast.expr]:
    """The receivers under a call: for `a.b(x).c`, yields `a.b(x)`, `a.b`, `a`."""
    while isinstance(node, ast.Attribute | ast.Call):
        node = node.value if isinstance(node, ast.Attribute) else node.func
        yield node


def names_in(node: ast.expr) -> set[str]:
    return {part.attr for part in chain(node) if isinstance(part, ast.Attribute)}


def model_write(call: ast.Call) -> str | None:
    """Why this call writes a model, or None."""
    if not isinstance(call.func, ast.Attribute):
        return None
    method, receiver = call.func.attr, call.func.value
    if method in MANAGER_WRITES and "objects" in names_in(call.func):
        return f"`.objects...{method}()` writes rows"
    calls_in_chain = {
        part.func.attr
        for part in chain(call.func)
        if isinstance(part, ast.Call) and isinstance(part.func, ast.Attribute)
    }
    if method in QUERYSET_WRITES and calls_in_chain & QUERYSET_STARTS:
        return f"queryset `.{method}()` writes rows"
    receiver_name = (
        receiver.attr if isinstance(receiver, ast.Attribute) else getattr(receiver, "id", "")
    )
    if method in INSTANCE_WRITES and not call.args and receiver_name not in SAFE_RECEIVERS:
        return f"`.{method}()` writes a model"
    return None


def http_import(node: ast.stmt) -> bool:
    if isinstance(node, ast.ImportFrom):
        module = node.module or ""
        return (
            module == "django.http"
            or module.startswith("django.http.")
            or (module == "django" and any(alias.name == "http" for alias in node.names))
        )
    if isinstance(node, ast.Import):
        return any(alias.name.startswith("django.http") for alias in node.names)
    return False


def check_file(path: Path, root: Path) -> Iterator[str]:
    parts = path.relative_to(root).parts
    if EXEMPT_DIRS & set(parts[:-1]):
        return
    source = path.read_text(encoding="utf-8")
    tree, lines = ast.parse(source, filename=str(path)), source.splitlines()
    module_names = {*parts[:-1], path.stem}
    may_write = bool(WRITERS & module_names)
    low_layer = bool(LOW_LAYERS & module_names)
    for node in ast.walk(tree):
        line = getattr(node, "lineno", 0)
        if line and ALLOW in lines[line - 1]:
            continue
        if isinstance(node, ast.Call) and not may_write and (why := model_write(node)):
            yield f"{path}:{line}: {why} outside services (rule: writes go through services)"
        if isinstance(node, ast.stmt) and low_layer and http_import(node):
            yield f"{path}:{line}: imports django.http (rule: no HTTP below api/views)"


def main(argv: list[str]) -> int:
    roots = [Path(arg) for arg in argv] or [DEFAULT_ROOT]
    problems = [
        problem
        for root in roots
        for path in sorted(root.rglob("*.py"))
        for problem in check_file(path, root)
    ]
    print("\n".join(problems) or "architecture: OK")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
