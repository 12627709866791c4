"""What a server process loads: the libraries that only some work needs stay out until it comes.

A fresh interpreter sets Django up, imports every view and API route as `dossier serve` does,
and tokenises a name and a company as the first customer write does; then none of these may
be loaded (each is tens of MB that a server must not carry for nothing; docs/PERFORMANCE.md).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# Text extraction (a PDF, a DOCX, an XLSX, bytes of unknown encoding), the folder import's
# fuzzy matching, and the libraries whose dictionaries the tokeniser replaced with compact ones.
ON_DEMAND = [
    "pypdf",
    "docx",
    "lxml",
    "python_calamine",
    "charset_normalizer",
    "rapidfuzz",
    "jieba",
    "pypinyin",
    "openpyxl",
]

SERVER = """
import json, sys
import django
django.setup()
import dossier.urls
from dossier.core.text import index_terms, query_terms
index_terms("张伟", "name")
index_terms("華為技術有限公司", "company")
query_terms("zw 华为")
print(json.dumps(sorted({name.split(".")[0] for name in sys.modules})))
"""


def test_a_server_loads_no_library_before_the_work_that_needs_it() -> None:
    done = subprocess.run(
        [sys.executable, "-c", SERVER],
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "tests.settings"},
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    loaded = set(json.loads(done.stdout.splitlines()[-1]))
    assert loaded.isdisjoint(ON_DEMAND), sorted(loaded & set(ON_DEMAND))
