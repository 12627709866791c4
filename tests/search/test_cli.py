"""`dossier search QUERY --json`, `dossier search match FILE` and `dossier reindex`."""

from __future__ import annotations

import json
from pathlib import Path

from tests.cli.conftest import Dossier, database_url, dossier  # noqa: F401 (fixtures)


def test_search_json_match_and_reindex(dossier: Dossier, tmp_path: Path) -> None:  # noqa: F811
    dossier("customers", "add", "华为技术有限公司", "--phone", "0755-2878 0808", "--owner", "root")
    body = json.loads(dossier("search", "华为", "--json").stdout)
    assert body["total"] == 1 and body["results"][0]["title"] == "华为技术有限公司"
    assert set(body["results"][0]) == {"kind", "id", "title", "snippet", "score"}
    letter = tmp_path / "华为_报价.txt"
    letter.write_text("致华为技术有限公司：报价如下。联系电话 0755-28780808", encoding="utf-8")
    matched = json.loads(dossier("search", "match", str(letter), "--json").stdout)
    assert matched[0]["name"] == "华为技术有限公司" and "phone" in matched[0]["reason"]
    assert "Indexed 1 objects" in dossier("reindex").stdout
    assert json.loads(dossier("search", "huawei", "--json").stdout)["total"] == 1
