"""Every search read: ranked hits, facet counts and file-to-customer matching, within scope."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db.models import Exists, F, OuterRef, QuerySet

from dossier.access.policy import has_perm
from dossier.accounts.models import User
from dossier.core.actor import Actor
from dossier.core.text import Query, Term, index_terms, normalise, query_terms
from dossier.core.text.company import strip_han_suffixes
from dossier.customers import selectors as customers
from dossier.customers.selectors.text import TextMatches
from dossier.search.domain import API_KIND, Hit, credit_codes_in, numbers_in, snippet
from dossier.search.engines import engine, fetch, ranked_newest
from dossier.search.models import Entry, EntryScope, EntryTag, SavedSearch

TOP_TAGS = 20
TAG_BATCH = 500  # ids per IN list: old SQLite builds allow 999 parameters
# Counts and facets stop at this many matches, the newest first, as the customer lists' counts
# do: beyond it a count says "more than", and visiting every match of a surname or a common
# phrase at a million customers costs far more than the answer is worth.
COUNT_CAP = 1_000
# Broad queries rank the newest this many matches (and as many name matches), not all.
RANK_CAP = 200


@dataclass(frozen=True)
class SearchFilter:
    kind: str | None = None  # stored spelling: service_record
    category: str | None = None
    province: str | None = None
    owner: str | None = None  # user name
    tag: str | None = None
    date_from: date | None = None
    date_to: date | None = None


@dataclass
class Results:
    hits: list[Hit] = field(default_factory=list)
    total: int = 0
    facets: dict[str, dict[str, int]] = field(default_factory=dict)
    # False when there are more than COUNT_CAP matches: then `total` and the facets count the
    # newest COUNT_CAP of them (with a kind filter, those of that kind), a lower bound.
    total_exact: bool = True


def visible(actor: Actor) -> QuerySet[EntryScope]:
    """The entries of objects the actor may see: of readable customers, files only with
    document.view. Tested on each entry's copy of its customer's scope (kept in step by
    search.services), by the rule of customers.selectors.readable."""
    rows = EntryScope.objects.filter(live=True)
    condition = customers.scope_condition(actor, customer="customer_id", shares_now=True)
    if condition is not None:
        rows = rows.filter(condition)
    if not has_perm(actor, "document.view"):
        rows = rows.exclude(kind="document")
    return rows


def _filtered(
    rows: QuerySet[EntryScope], f: SearchFilter, *, with_kind: bool
) -> QuerySet[EntryScope]:
    if f.kind and with_kind:
        rows = rows.filter(kind=f.kind)
    if f.category:
        rows = rows.filter(
            category_id__in=customers.categories().filter(code=f.category).values("pk")
        )
    if f.province:
        rows = rows.filter(province=f.province)
    if f.owner:
        rows = rows.filter(owner_id__in=User.objects.filter(username=f.owner).values("pk"))
    if f.tag:
        rows = rows.filter(Exists(EntryTag.objects.filter(entry_id=OuterRef("pk"), name=f.tag)))
    if f.date_from:
        rows = rows.filter(day__gte=f.date_from)
    if f.date_to:
        rows = rows.filter(day__lte=f.date_to)
    return rows


def _sql(rows: QuerySet[Any]) -> tuple[str, list[Any]]:
    sql, params = rows.query.sql_with_params()
    return sql, list(params)


_OF_ENTRY = {"name_key": F("entry__name_key"), "name_terms": F("entry__name_terms")}


def _columns(rows: QuerySet[EntryScope], *names: str) -> tuple[str, list[Any]]:
    """SQL selecting `id` (the entry's, which the engine matches) and the named columns, in
    that order; the name key and terms come from the entry, for the rows that pass."""
    wanted = {name: _OF_ENTRY[name] for name in names if name in _OF_ENTRY}
    return _sql(rows.annotate(id=F("entry_id"), **wanted).values("id", *names))


def search(
    actor: Actor, q: str, filters: SearchFilter | None = None, *, limit: int = 20, offset: int = 0
) -> Results:
    """Ranked hits (exact names first), the total and facet counts, all within scope."""
    filters = filters or SearchFilter()
    query = query_terms(q)
    if not query:
        return Results()
    engine().prepare()
    base = visible(actor)
    window = _window(base, query, filters)
    results = Results(facets=_facets(window, filters), total_exact=not window.more)
    results.total = (
        results.facets["kind"].get(API_KIND.get(filters.kind or "", ""), 0)
        if filters.kind
        else sum(results.facets["kind"].values())
    )
    rows, key = _filtered(base, filters, with_kind=True), normalise(q).strip()
    exact = [
        (pk, True, names)
        for pk, names in rows.filter(entry__name_key=key).values_list(
            "entry_id", "entry__name_terms"
        )[: limit + offset]
    ]
    known = [
        (pk, name_key == key, names)
        for pk, kind, _, _, _, name_key, names in window.rows
        if not filters.kind or kind == filters.kind
    ]
    ranked = ranked_newest(
        _columns(rows, "name_key", "name_terms"),
        query,
        key,
        limit,
        offset,
        cap=RANK_CAP,
        exact=exact,
        known=known,
        complete=not window.more,
    )
    results.hits = _hits(ranked, q)
    return results


def _hits(ranked: list[tuple[int, float]], q: str) -> list[Hit]:
    entries = Entry.objects.in_bulk([pk for pk, _ in ranked])
    return [
        Hit(
            kind=API_KIND[e.kind],
            object_id=e.object_id,
            customer_id=e.customer_id,
            title=e.title,
            snippet=snippet(e.body, q),
            score=round(score, 4),
        )
        for pk, score in ranked
        if (e := entries.get(pk)) is not None
    ]


@dataclass(frozen=True)
class Window:
    """The newest COUNT_CAP matches, newest first, whatever their kind: (id, kind, category id,
    province, owner id, name key, name terms); `more` when there are older ones."""

    rows: list[tuple[Any, ...]]
    more: bool


def _window(base: QuerySet[EntryScope], query: Query, f: SearchFilter) -> Window:
    """One read of the matches serves the counts, the facets and the ranking."""
    inner = _columns(
        _filtered(base, f, with_kind=False),
        *("kind", "category_id", "province", "owner_id", "name_key", "name_terms"),
    )
    rows = fetch(*engine().matching(inner, query, cap=COUNT_CAP + 1))
    return Window(rows[:COUNT_CAP], len(rows) > COUNT_CAP)


def _facets(window: Window, f: SearchFilter) -> dict[str, dict[str, int]]:
    """Facet counts over the window. Kind counts ignore the kind filter (they are the tabs);
    the others apply every filter."""
    kinds: Counter[str] = Counter(API_KIND[row[1]] for row in window.rows)
    chosen = [row for row in window.rows if not f.kind or row[1] == f.kind]
    category: Counter[int] = Counter(row[2] for row in chosen)
    region: Counter[str] = Counter(row[3] for row in chosen if row[3])
    owner: Counter[int] = Counter(row[4] for row in chosen)
    codes = dict(customers.categories().values_list("pk", "code"))
    names = dict(User.objects.filter(pk__in=owner).values_list("pk", "username"))
    return {
        "kind": dict(kinds.most_common()),
        "category": {codes.get(pk, str(pk)): n for pk, n in category.most_common()},
        "region": dict(region.most_common()),
        "owner": {names.get(pk, str(pk)): n for pk, n in owner.most_common()},
        "tag": _tag_facet([row[0] for row in chosen]),
    }


def _tag_facet(entry_ids: list[int]) -> dict[str, int]:
    tags: Counter[str] = Counter()
    for start in range(0, len(entry_ids), TAG_BATCH):
        batch = entry_ids[start : start + TAG_BATCH]
        # Plain SQL: the ORM prepares each of a foreign key's IN values, 2 ms per 500 ids.
        marks = ", ".join(["%s"] * len(batch))
        found = fetch(f"SELECT name FROM search_entrytag WHERE entry_id IN ({marks})", batch)  # noqa: S608 (placeholders only)
        tags.update(name for (name,) in found)
    return dict(sorted(tags.items(), key=lambda item: (-item[1], item[0]))[:TOP_TAGS])


def customers_matching(
    actor: Actor, q: str, filters: customers.CustomerFilter, *, cap: int
) -> TextMatches:
    """The customer list's `q`: the customers the actor may see whose own entry matches (name,
    pinyin, company, phone, e-mail, address, region, tags, template fields), newest first, no
    more than `cap`; narrowed first by the list filters the scope rows hold."""
    query = query_terms(q)
    if not query:
        return TextMatches(engine().id_list([]), complete=True)
    engine().prepare()
    known = SearchFilter(category=filters.category, province=filters.province, owner=filters.owner)
    rows = _filtered(visible(actor).filter(kind="customer"), known, with_kind=False)
    inner = _sql(rows.annotate(id=F("entry_id")).values("id", "customer_id"))
    newest = fetch(*engine().matching(inner, query, cap=cap + 1))
    ids = [customer_id for _, customer_id in newest[:cap]]
    return TextMatches(engine().id_list(ids), complete=len(newest) <= cap)


def saved_searches(actor: Actor) -> QuerySet[SavedSearch]:
    if actor.user_id is None:
        return SavedSearch.objects.none()
    return SavedSearch.objects.filter(user_id=actor.user_id)


# ---- which customer a loose file belongs to --------------------------------------------------

MATCH_TEXT = 20_000
NAME_TERMS = 300
CANDIDATES = 100
_SCORES = {"credit code": 5.0, "phone": 3.0, "name in file name": 4.0, "name in text": 2.0}


@dataclass(frozen=True)
class Match:
    customer_id: int
    name: str
    score: float
    reason: str


def match_customers(actor: Actor, *, filename: str, text: str, limit: int = 5) -> list[Match]:
    """The customers a file names: their credit codes, phones, names or contacts' names in it,
    found through the index, best first. Only customers the actor may see."""
    sample = f"{filename}\n{text[:MATCH_TEXT]}"
    found: dict[int, dict[str, float]] = {}
    people = visible(actor).filter(kind__in=["customer", "contact"])
    for code in credit_codes_in(sample)[:10]:
        hits = _matching(people.filter(kind="customer"), query_terms(code))
        _note(found, hits, f"credit code {code}", _SCORES["credit code"])
    for number in numbers_in(sample)[:20]:
        hits = _matching(people, Query(((Term(number),),)))
        _note(found, hits, f"phone {number}", _SCORES["phone"])
    _by_names(people, filename, sample, found)
    return _ranked_matches(actor, found, limit)


def _matching(rows: QuerySet[EntryScope], query: Query, *, names_only: bool = False) -> list[Entry]:
    if not query:
        return []
    inner = _columns(rows, "name_key")
    ranked = engine().ranked(inner, query, "", CANDIDATES, names_only=names_only)
    found = Entry.objects.in_bulk([pk for pk, _ in ranked])
    return list(found.values())


def _note(
    found: dict[int, dict[str, float]], entries: list[Entry], reason: str, weight: float
) -> None:
    for entry in entries:
        found.setdefault(entry.customer_id, {})[reason] = weight


def _by_names(
    rows: QuerySet[EntryScope], filename: str, sample: str, found: dict[int, dict[str, float]]
) -> None:
    terms = [t for t in index_terms(sample[:3000], "text") if len(t) > 1 and not t.isdigit()]
    query = Query((tuple(Term(t) for t in dict.fromkeys(terms[:NAME_TERMS])),))
    in_name, in_text = normalise(filename), normalise(sample)
    for entry in _matching(rows, query, names_only=True):
        for name in _spellings(entry.title):
            if name in in_name or name in in_text:
                where = "file name" if name in in_name else "text"
                who = "name" if entry.kind == "customer" else f"contact {entry.title}"
                score = _SCORES[f"name in {where}"] * (1.0 if entry.kind == "customer" else 0.75)
                reasons = found.setdefault(entry.customer_id, {})
                reasons[f"{who} in {where}"] = max(score, reasons.get(f"{who} in {where}", 0))
                break


def _spellings(name: str) -> list[str]:
    """A name and its bare form (华为 for 华为技术有限公司), each at least two characters."""
    full = normalise(name).strip()
    bare = strip_han_suffixes(full)
    return [s for s in dict.fromkeys([full, bare]) if len(s) >= 2]


def _ranked_matches(actor: Actor, found: dict[int, dict[str, float]], limit: int) -> list[Match]:
    names = dict(customers.readable(actor).filter(pk__in=found).values_list("pk", "name"))
    matches = [
        Match(pk, names[pk], round(sum(reasons.values()), 2), "; ".join(reasons))
        for pk, reasons in found.items()
        if pk in names
    ]
    return sorted(matches, key=lambda m: (-m.score, m.customer_id))[:limit]
