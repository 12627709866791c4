"""Markdown tables out of the results of bench/customers.py."""

from __future__ import annotations

from typing import Any


def _n(value: float | None, digits: int = 1) -> str:
    if value is None:
        return "–"
    return f"{value:,.{digits}f}"


def create_table(create: dict[str, Any]) -> list[str]:
    service, raw = create["service"], create["raw"]
    profile = service["profile"]
    lines = [
        "### Create through the service layer",
        "",
        "| path | rows | seconds | rows/s | vs raw |",
        "| --- | ---: | ---: | ---: | ---: |",
        f"| `customers.services.create_customer`, {service['batch']} per transaction "
        f"| {service['count']:,} | {_n(service['seconds'], 2)} | {_n(service['rows_per_s'])} "
        f"| 1/{_n(create['raw_over_service'], 0)} |",
        f"| baseline: raw `executemany`, same rows + tag links, {service['batch']} per "
        f"transaction | {raw['count']:,} | {_n(raw['seconds'], 3)} | {_n(raw['rows_per_s'])} "
        "| 1 |",
        "",
        f"SQL statements per create: {profile['statements_per_create']} "
        f"({', '.join(f'{k} {v}' for k, v in profile['by_statement'].items())}), "
        f"counted over {profile['creates']} extra creates. CPU used by other processes during "
        f"the creates: {service['cpu']['others_pct']} % of the machine. Rows in the service "
        "database afterwards: "
        + ", ".join(f"{k} {v:,}" for k, v in service.get("rows_after", {}).items())
        + ".",
        "",
        "| where create time goes (cProfile, cumulative) | ms per create |",
        "| --- | ---: |",
    ]
    lines += [
        f"| `{row['function']}` | {row['ms_per_create']} |" for row in profile["hot_functions"]
    ]
    return [*lines, ""]


def load_line(load: dict[str, Any]) -> list[str]:
    if not load:
        return ["### List database (set-up, not a target)", "", "Copied from an earlier run.", ""]
    total = (
        load["generate_seconds"]
        + load["insert_seconds"]
        + load["index_seconds"]
        + load["analyze_seconds"]
    )
    return [
        "### List database (set-up, not a target)",
        "",
        f"{load['customers']:,} customers, {load['tag_links']:,} tag links, "
        f"{load['deleted']:,} in the trash; {load['db_bytes'] / 2**20:,.0f} MiB. Loaded in "
        f"{total:,.1f} s: generate {load['generate_seconds']:,.1f} s, insert "
        f"{load['insert_seconds']:,.1f} s, rebuild {len(load['indexes_rebuilt'])} indexes "
        f"{load['index_seconds']:,.1f} s, ANALYZE {load['analyze_seconds']:,.1f} s."
        + (
            f" Search index (`dossier reindex`, which `q` reads): "
            f"{load['search_index_seconds']:,.0f} s."
            if "search_index_seconds" in load
            else ""
        ),
        "",
    ]


def http_table(results: dict[str, Any]) -> list[str]:
    target = results["target_p95_ms"]
    http, sql, in_process = results["http"]["kinds"], results["sql"], results["in_process"]
    clients = results["arguments"]["clients"]
    lines = [
        f"### List over HTTP, {clients} concurrent clients",
        "",
        f"| query | rows matched | SQL per request | raw SQL p50 ms: page + count = all "
        "| count share "
        f"| Django in-process p50 | HTTP 1 client p50 | {clients} clients p50 | p95 | p99 "
        f"| req/s | errors | CPU of others | p95 target ≤ {target:.0f} ms |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: "
        "| ---: | --- |",
    ]
    others = []
    for kind, measured in http.items():
        alone, together = measured["single_client"], measured["concurrent"]
        others.append(together.get("others_pct", 0.0))
        if kind in sql:
            timing, matches = sql[kind]["timing"], sql[kind]["matches"]
            page, count = timing["page"]["p50_ms"], timing.get("count", {}).get("p50_ms", 0.0)
            total = timing["total"]["p50_ms"]
            row = [
                kind,
                f"{min(matches):,}–{max(matches):,}"
                if len(set(matches)) > 1
                else f"{matches[0]:,}",
                str(in_process.get("queries_per_request", {}).get(kind, "–")),
                f"{_n(page)} + {_n(count)} = {_n(total)}",
                f"{100 * count / total:.0f} %" if total else "–",
                _n(in_process["median_ms"].get(kind)),
            ]
            verdict = _verdict(together, target)
        else:
            row, verdict = [f"*baseline:* {kind}", "", "", "", "", ""], "baseline"
        row += [
            _n(alone["p50_ms"]),
            _n(together["p50_ms"]),
            _n(together["p95_ms"]),
            _n(together["p99_ms"]),
            _n(together["req_per_s"]),
            f"{together['errors']}/{together['requests']}"
            + (f" ({together['not_sent']} not sent)" if together.get("not_sent") else ""),
            f"{together.get('others_pct', 0.0):.0f} %",
            verdict,
        ]
        lines.append("| " + " | ".join(row) + " |")
    lines += [
        "",
        "*CPU of others*: share of the machine's CPU capacity used by processes "
        "other than the benchmark and its servers during the concurrent run "
        f"({min(others):.0f}–"
        f"{max(others):.0f} %).",
        "",
    ]
    return lines


def _verdict(together: dict[str, Any], target: float) -> str:
    p95 = together["p95_ms"]
    if p95 is None:
        return "not met (no successful requests)"
    if together["errors"]:
        return f"not met ({together['errors']} errors)"
    if p95 <= target:
        return f"met ({p95 / target:.2f}× target)"
    return f"not met ({p95 / target:.1f}× target)"


def paced_table(results: dict[str, Any]) -> list[str]:
    http = results["http"]["kinds"]
    first = next(iter(http.values()))
    if "paced" not in first:
        return []
    lines = [
        f"### Same clients with {first['paced']['think_ms']:.0f} ms between a client's requests",
        "",
        "| query | p50 | p95 | p99 | req/s | errors | CPU of others |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for kind, measured in http.items():
        paced = measured["paced"]
        lines.append(
            f"| {kind} | {_n(paced['p50_ms'])} | {_n(paced['p95_ms'])} "
            f"| {_n(paced['p99_ms'])} | {_n(paced['req_per_s'])} "
            f"| {paced['errors']}/{paced['requests']} | {paced.get('others_pct', 0.0):.0f} % |"
        )
    return [*lines, ""]


def two_servers_table(results: dict[str, Any]) -> list[str]:
    two = results["http"].get("two_servers") or {}
    if not two:
        return []
    one = results["http"]["kinds"]
    lines = [
        "### One `dossier serve` process against two (clients split evenly)",
        "",
        "| query | 1 process p50 / p95 / req/s | 2 processes p50 / p95 / req/s |",
        "| --- | ---: | ---: |",
    ]
    for kind, measured in two.items():
        a, b = one[kind]["concurrent"], measured["concurrent"]
        lines.append(
            f"| {kind} | {_n(a['p50_ms'])} / {_n(a['p95_ms'])} / {_n(a['req_per_s'])} "
            f"| {_n(b['p50_ms'])} / {_n(b['p95_ms'])} / {_n(b['req_per_s'])} |"
        )
    return [*lines, ""]


def profile_table(in_process: dict[str, Any]) -> list[str]:
    lines = [
        f"### Where a list request's time goes in-process (cProfile, kind "
        f"“{in_process['profiled_kind']}”)",
        "",
        "| part | share of the request |",
        "| --- | ---: |",
    ]
    lines += [f"| {part} | {share} % |" for part, share in in_process["profile_share_pct"].items()]
    return [*lines, ""]


def what_if_table(results: dict[str, Any]) -> list[str]:
    what, sql = results["what_if"], results["sql"]
    lines = [
        "### Same run, other choices (raw SQL, p50 ms): the index set before migration "
        "customers 0006, and the count without its cap",
        "",
        f"Previous indexes rebuilt on a copy in {what['build_seconds']:,.1f} s; the code's "
        f"count stops at {what['count_cap']:,} (+1). “now” is the database as migrated; "
        "“all” adds every part of the list SQL (scope, probe, page, tags, count).",
        "",
        "| query | page: now / before 0006 | page index now / before 0006 "
        "| count: now / before 0006 / now uncapped | all: now / before 0006 |",
        "| --- | ---: | --- | ---: | ---: |",
    ]
    for kind, item in what["kinds"].items():
        now = sql.get(kind)
        before, uncapped = item["before"], item["exact_count"]
        page_now = _n(now["timing"]["page"]["p50_ms"], 2) if now else "–"
        count_now = _n(now["timing"].get("count", {}).get("p50_ms"), 2) if now else "–"
        index_now = ", ".join(now["indexes"].get("page", [])) if now else "–"
        all_now = _n(now["timing"]["total"]["p50_ms"]) if now else "–"
        lines.append(
            f"| {kind} | {page_now} / {_n(before['page']['p50_ms'], 2)} "
            f"| {index_now or 'none'} / {', '.join(item['indexes'].get('page', [])) or 'none'} "
            f"| {count_now} / {_n(before.get('count', {}).get('p50_ms'), 2)} "
            f"/ {_n(uncapped.get('p50_ms'), 2)} | {all_now} / {_n(before['total']['p50_ms'])} |"
        )
    now, was = what.get("write_now"), what.get("write_before")
    if now and was:
        lines += [
            "",
            f"Write cost of the indexes ({now['rows']:,} customers, 500 per transaction, raw "
            "sqlite3, rolled back), ms per 1,000: insert "
            f"{_n(now['insert_ms_per_1000'])} now / {_n(was['insert_ms_per_1000'])} before 0006; "
            f"update of updated_at {_n(now['update_ms_per_1000'])} now / "
            f"{_n(was['update_ms_per_1000'])} before 0006.",
        ]
    return [*lines, ""]


def sql_table(results: dict[str, Any]) -> list[str]:
    """The raw SQL and in-process timings alone (a --sql-only run)."""
    sql, in_process = results["sql"], results["in_process"]
    lines = [
        "### List SQL (raw sqlite3) and Django in-process, p50 ms",
        "",
        "| query | rows matched | SQL per request | page | count | all parts | in-process |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for kind, item in sql.items():
        timing, matches = item["timing"], item["matches"]
        lines.append(
            f"| {kind} | {min(matches):,}–{max(matches):,} "
            f"| {in_process.get('queries_per_request', {}).get(kind, '–')} "
            f"| {_n(timing['page']['p50_ms'], 2)} "
            f"| {_n(timing.get('count', {}).get('p50_ms'), 2)} "
            f"| {_n(timing['total']['p50_ms'], 2)} | {_n(in_process['median_ms'].get(kind))} |"
        )
    return [*lines, ""]


def plan_table(sql: dict[str, Any]) -> list[str]:
    lines = [
        "### Query plans (EXPLAIN QUERY PLAN, first parameter set)",
        "",
        "| query | page query plan | count query plan |",
        "| --- | --- | --- |",
    ]
    for kind, item in sql.items():
        page = "<br>".join(f"`{line}`" for line in item["plan"].get("page", []))
        count = "<br>".join(f"`{line}`" for line in item["plan"].get("count", []))
        lines.append(f"| {kind} | {page} | {count} |")
    return [*lines, ""]


def markdown(results: dict[str, Any]) -> str:
    m = results["machine"]
    lines = [
        f"## Customers benchmark, {m['date']}",
        "",
        f"{m['cpus']} CPUs, {m['platform']}, Python {m['python']}, SQLite {m['sqlite']}, "
        f"Django {m['django']}, commit {m['commit']}; wall time "
        f"{results.get('wall_seconds', 0):,.0f} s.",
        "",
    ]
    if "create" in results:
        lines += create_table(results["create"])
    if "load" in results:
        lines += load_line(results["load"])
    if "http" in results and results["arguments"].get("paced_only"):
        lines += paced_table(results)
    elif "http" in results:
        lines += http_table(results)
        lines += paced_table(results)
        lines += two_servers_table(results)
    elif "sql" in results:
        lines += sql_table(results)
    if "sql" in results:
        lines += profile_table(results["in_process"])
        lines += plan_table(results["sql"])
    if "what_if" in results:
        lines += what_if_table(results)
    return "\n".join(lines)
