"""The AST architecture check passes on the tree and catches what it is meant to catch."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

SCRIPT = Path(__file__).resolve().parent.parent / "scripts" / "check_architecture.py"


def run_check(*roots: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(SCRIPT), *map(str, roots)],
        capture_output=True,
        text=True,
        check=False,
    )


def plant(root: Path, relative: str, source: str) -> Path:
    path = root / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(source, encoding="utf-8")
    return path


def test_the_source_tree_keeps_the_rules() -> None:
    result = run_check()
    assert result.returncode == 0, result.stdout + result.stderr


def test_a_model_write_in_a_view_is_flagged(tmp_path: Path) -> None:
    views = plant(
        tmp_path,
        "customers/views.py",
        "def create(request):\n    Customer.objects.create(name='张伟')\n",
    )
    result = run_check(tmp_path)
    assert result.returncode == 1
    assert f"{views}:2:" in result.stdout
    assert "outside services" in result.stdout


def test_writes_in_services_migrations_and_allowed_lines_pass(tmp_path: Path) -> None:
    write = "Customer.objects.filter(id=1).update(name='x')\n"
    plant(tmp_path, "customers/services.py", write)
    plant(tmp_path, "customers/services/records.py", write)
    plant(tmp_path, "customers/migrations/0002_data.py", write)
    plant(
        tmp_path,
        "customers/views.py",
        "request.session.save()\ncache.delete('k')\nsettings.update(a=1)\n"
        "form.save()  # architecture: allow -- a plain Form, no model behind it\n",
    )
    result = run_check(tmp_path)
    assert result.returncode == 0, result.stdout


def test_instance_and_queryset_writes_are_flagged(tmp_path: Path) -> None:
    plant(
        tmp_path,
        "sales/api.py",
        "opportunity.save()\nopportunity.delete()\n"
        "readable(actor).filter(stage=1).delete()\nStage.objects.bulk_update(rows, ['a'])\n",
    )
    result = run_check(tmp_path)
    assert result.returncode == 1
    assert len(result.stdout.splitlines()) == 4, result.stdout


def test_django_http_below_the_views_is_flagged(tmp_path: Path) -> None:
    plant(tmp_path, "customers/selectors.py", "from django.http import Http404\n")
    plant(tmp_path, "customers/views.py", "from django.http import HttpResponse\n")
    result = run_check(tmp_path)
    assert result.returncode == 1
    assert "selectors.py:1: imports django.http" in result.stdout
    assert "views.py" not in result.stdout
