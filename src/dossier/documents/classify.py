"""Suggest a customer file's type, folder and tags: the users' rules first, then naive Bayes."""

from __future__ import annotations

import json
import math
import re
import unicodedata
import warnings
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, replace
from functools import cache, lru_cache
from typing import Any, Literal, cast

from dossier.core.text import index_terms, normalise

with warnings.catch_warnings():
    # re's own parser is the only way to see a pattern's structure; the module name is
    # deprecated, the parser behind it is what re.compile uses.
    warnings.simplefilter("ignore", DeprecationWarning)
    import sre_parse

DOCTYPES: dict[str, str] = {
    "contract": "合同",
    "quote": "报价单",
    "invoice": "发票",
    "email": "邮件",
    "minutes": "会议纪要",
    "feedback": "客户反馈",
    "material": "资料",
    "other": "其他",
}
RULE_SCAN_CHARS = 100_000  # a rule never reads further into a file's text
FEATURE_CHARS = 20_000  # nor does the classifier: the opening says what a file is
MAX_PATTERN = 200
FILENAME_WEIGHT = 2  # a file name is short and chosen by a person: each of its words counts more
_FILENAME = "f:"
_SHAPE = "#"
_VERSION = 1
# Out-of-fold log-scores are divided by one of these; the one with the best held-out log-loss
# wins. Naive Bayes counts correlated words as independent evidence, so it is overconfident.
_TEMPERATURES = tuple(2 ** (k / 4) for k in range(0, 41))
_MIN_BAND = 10  # held-out suggestions in the least confident band
_NEVER = 1.01  # a threshold no probability reaches: no precision target could be met


class BadRule(ValueError):
    """A rule that cannot be saved; ``message`` says why, for the person who wrote it."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class Rule:
    pattern: str
    where: Literal["filename", "content", "any"] = "any"
    regex: bool = False  # else a plain keyword, matched after NFKC + case folding
    doctype: str | None = None
    folder: str | None = None
    tags: tuple[str, ...] = ()
    name: str = ""  # shown as the reason


@dataclass(frozen=True)
class Suggestion:
    doctype: str | None
    folder: str | None
    tags: tuple[str, ...]
    confidence: float  # 1.0 for a rule
    reason: str
    source: Literal["rule", "learned"]


# ---------------------------------------------------------------------------------------- rules


def check_rule(rule: Rule) -> None:
    """Raise BadRule unless the rule can match something and sets something when it does."""
    problem = rule_problem(rule)
    if problem:
        raise BadRule(problem)


def rule_problem(rule: Rule) -> str | None:
    """What is wrong with a rule, in words for the person who wrote it; None if nothing."""
    if not rule.pattern.strip():
        return "The pattern is empty."
    if len(rule.pattern) > MAX_PATTERN:
        return f"The pattern is longer than {MAX_PATTERN} characters."
    if rule.where not in ("filename", "content", "any"):
        return "A rule looks at the file name, the content, or both."
    if rule.doctype is None and not rule.folder and not rule.tags:
        return "The rule sets no document type, folder or tag."
    if rule.doctype is not None and rule.doctype not in DOCTYPES:
        return f"Unknown document type “{rule.doctype}”."
    if any(not tag.strip() for tag in rule.tags):
        return "A tag is empty."
    return _regex_problem(rule.pattern) if rule.regex else None


@lru_cache(maxsize=512)
def _regex_problem(pattern: str) -> str | None:
    try:
        compiled = _compiled(pattern)
    except re.error as error:
        return f"The regular expression is invalid: {error.msg} (at {error.pos})."
    if compiled.fullmatch(""):
        return "The regular expression matches an empty text, so it matches every file."
    if _nested_repeat(sre_parse.parse(compiled.pattern), outer=False):
        return (
            "The regular expression repeats a repetition, such as (a+)+, or refers back to a "
            "group; on some files that takes very long. Please simplify it."
        )
    return None


@lru_cache(maxsize=512)
def _compiled(pattern: str) -> re.Pattern[str]:
    # Full-width letters and digits in the pattern mean the ASCII ones, as in the text.
    return re.compile(unicodedata.normalize("NFKC", pattern), re.IGNORECASE)


def _nested_repeat(pattern: sre_parse.SubPattern, *, outer: bool) -> bool:
    """True for an unbounded repeat inside a repeat, or a back-reference: the slow shapes."""
    for op, value in pattern.data:
        if op is sre_parse.GROUPREF or op is sre_parse.GROUPREF_EXISTS:
            return True
        if op in (sre_parse.MAX_REPEAT, sre_parse.MIN_REPEAT):
            _, high, body = cast(tuple[int, int, sre_parse.SubPattern], value)
            if outer and high == sre_parse.MAXREPEAT:
                return True
            if _nested_repeat(body, outer=outer or high > 1):
                return True
        elif any(_nested_repeat(sub, outer=outer) for sub in _subpatterns(value)):
            return True
    return False


def _subpatterns(value: Any) -> Iterator[sre_parse.SubPattern]:
    # Groups, branches and look-arounds keep their parts in differently shaped tuples.
    if isinstance(value, sre_parse.SubPattern):
        yield value
    elif isinstance(value, tuple | list):
        for part in value:
            yield from _subpatterns(part)


_PLACES = {"filename": "file name", "content": "content"}
Fold = Callable[[str], str]


def _match(rule: Rule, nfkc: Fold, folded: Fold) -> str | None:
    """What matched, in words, or None."""
    places = ("filename", "content") if rule.where == "any" else (rule.where,)
    for place in places:
        if rule.regex:
            if _compiled(rule.pattern).search(nfkc(place)):
                return f"{_PLACES[place]} matches /{rule.pattern}/"
        elif normalise(rule.pattern) in folded(place):
            return f"{_PLACES[place]} contains “{rule.pattern}”"
    return None


def apply_rules(rules: Sequence[Rule], *, filename: str, text: str) -> Suggestion | None:
    """The first matching rule's outcome; rules are in priority order. Bad rules are skipped:
    they cannot be saved, and one that went bad must not stop an upload."""
    raw = {"filename": filename, "content": text[:RULE_SCAN_CHARS]}
    # Each place is folded once, however many rules look at it, and only if one does.
    nfkc: Fold = cache(lambda place: unicodedata.normalize("NFKC", raw[place]))
    folded: Fold = cache(lambda place: normalise(raw[place]))
    for rule in rules:
        matched = rule_problem(rule) is None and _match(rule, nfkc, folded)
        if matched:
            reason = f"rule “{rule.name or rule.pattern}”: {matched}"
            return Suggestion(rule.doctype, rule.folder, rule.tags, 1.0, reason, "rule")
    return None


# ----------------------------------------------------------------------------------- classifier


def _shape(term: str) -> str:
    # Long numbers (invoice numbers, amounts) are nearly all unique: their length is the signal.
    return f"{_SHAPE}{len(term)}" if term.isdigit() and len(term) > 4 else term


def features(filename: str, text: str) -> Counter[str]:
    """The classifier's view of a file: index_terms of its name (prefixed) and its opening."""
    found: Counter[str] = Counter()
    for term in index_terms(filename, "text"):
        found[_FILENAME + _shape(term)] = FILENAME_WEIGHT
    for term in index_terms(text[:FEATURE_CHARS], "text"):
        found[_shape(term)] += 1
    return found


class Classifier:
    """Multinomial naive Bayes with Laplace smoothing, taught one confirmed file at a time.

    index_terms yields each term once per field, so a count is the number of files with the
    term (binarised naive Bayes, as good as raw counts on short texts and harder to sway by
    repetition). Counts are kept by term (term → label → count), so scoring visits only the
    counts a term actually has."""

    def __init__(self, *, alpha: float = 1.0, threshold: float = 0.9, temperature: float = 1.0):
        self.alpha = alpha
        self.threshold = threshold
        self.temperature = temperature
        self._docs: dict[str, int] = {}
        self._totals: dict[str, int] = {}
        self._terms: dict[str, dict[str, int]] = {}

    @property
    def documents(self) -> int:
        return sum(self._docs.values())

    def learn(self, *, filename: str, text: str, label: str) -> None:
        self.learn_features(features(filename, text), label)

    def unlearn(self, *, filename: str, text: str, label: str) -> None:
        self.unlearn_features(features(filename, text), label)

    def learn_features(self, found: Counter[str], label: str) -> None:
        self._docs[label] = self._docs.get(label, 0) + 1
        self._totals[label] = self._totals.get(label, 0) + sum(found.values())
        for term, count in found.items():
            per_label = self._terms.setdefault(term, {})
            per_label[label] = per_label.get(label, 0) + count

    def unlearn_features(self, found: Counter[str], label: str) -> None:
        """Take back one learnt file. Counts stop at zero: the text may have been re-extracted
        since it was learnt, and a count must never go negative."""
        if label not in self._docs:
            raise ValueError(f"No file was learnt as “{label}”.")
        self._docs[label] -= 1
        for term, count in found.items():
            per_label = self._terms.get(term, {})
            had = per_label.pop(label, 0)
            self._totals[label] -= min(count, had)
            if had > count:
                per_label[label] = had - count
            elif not per_label:  # zeros go, so the model stays compact
                self._terms.pop(term, None)
        if not self._docs[label]:
            del self._docs[label], self._totals[label]
            for term in [term for term, per_label in self._terms.items() if label in per_label]:
                del self._terms[term][label]
                if not self._terms[term]:
                    del self._terms[term]

    def scores(self, found: Counter[str]) -> dict[str, float] | None:
        """Untempered log-joint per label (sorted), or None without two labels or any evidence."""
        labels = sorted(self._docs)
        known = [(self._terms[term], count) for term, count in found.items() if term in self._terms]
        if len(labels) < 2 or not known:
            return None
        # log P(t|c) = log(n + alpha) - log(total + alpha * V); log(alpha) is taken out of each
        # term, so only the counts a term has under a label need visiting.
        log_alpha, size = math.log(self.alpha), self.alpha * len(self._terms)
        evidence = dict.fromkeys(labels, 0.0)
        for per_label, count in known:
            for label, n in per_label.items():
                evidence[label] += count * (math.log(n + self.alpha) - log_alpha)
        weight, docs = sum(count for _, count in known), self.documents
        return {
            label: math.log((self._docs[label] + 1) / (docs + len(labels)))
            + weight * (log_alpha - math.log(self._totals[label] + size))
            + evidence[label]
            for label in labels
        }

    def predict_features(self, found: Counter[str]) -> tuple[str, float] | None:
        """The likeliest label and its probability, if at least the threshold."""
        best = _best(self.scores(found), self.temperature)
        return best if best is not None and best[1] >= self.threshold else None

    def predict(self, *, filename: str, text: str) -> tuple[str, float] | None:
        return self.predict_features(features(filename, text))

    def evidence(self, found: Counter[str], label: str, versus: str, k: int = 3) -> list[str]:
        """The words of the file that most favour ``label`` over ``versus``, for the reason."""
        if label not in self._docs or versus not in self._docs:
            return []
        gain = {
            term: count * (self._log_p(label, term) - self._log_p(versus, term))
            for term, count in found.items()
            if term in self._terms and not term.startswith(_SHAPE)
        }
        ranked = sorted((term for term in gain if gain[term] > 0), key=lambda t: (-gain[t], t))
        return list(dict.fromkeys(term.removeprefix(_FILENAME) for term in ranked))[:k]

    def _log_p(self, label: str, term: str) -> float:
        n, size = self._terms[term].get(label, 0), self.alpha * len(self._terms)
        return math.log((n + self.alpha) / (self._totals[label] + size))

    def calibrate(
        self,
        examples: Sequence[tuple[str, str, str]],
        *,
        target_precision: float = 0.9,
        folds: int = 5,
    ) -> float:
        """Choose temperature and threshold from cross-validation over (filename, text, label)
        examples, usually the confirmed files this classifier learnt: the lowest threshold at
        which held-out suggestions are right at least ``target_precision`` of the time."""
        if len(examples) < 2:
            raise ValueError("Calibration needs at least two labelled files.")
        found = [features(filename, text) for filename, text, _ in examples]
        labels = [label for _, _, label in examples]
        held_out = _out_of_fold(found, labels, min(folds, len(examples)), self.alpha)
        self.temperature = _fit_temperature(held_out)
        ranked = [
            (best, truth) for scores, truth in held_out if (best := _best(scores, self.temperature))
        ]
        self.threshold = _lowest_threshold(
            [(p, label == truth) for (label, p), truth in ranked], target_precision
        )
        return self.threshold

    def to_json(self) -> str:
        """Counts by label and the calibrated numbers; totals are derived on load."""
        counts: dict[str, dict[str, int]] = {label: {} for label in sorted(self._docs)}
        for term in sorted(self._terms):
            for label, n in self._terms[term].items():
                counts[label][term] = n
        data = {
            "version": _VERSION,
            "alpha": self.alpha,
            "threshold": self.threshold,
            "temperature": self.temperature,
            "docs": dict(sorted(self._docs.items())),
            "counts": counts,
        }
        return json.dumps(data, ensure_ascii=False, separators=(",", ":"))

    @classmethod
    def from_json(cls, data: str) -> Classifier:
        loaded = json.loads(data)
        if loaded.get("version") != _VERSION:
            raise ValueError(f"Unknown classifier version {loaded.get('version')!r}.")
        classifier = cls(
            alpha=loaded["alpha"], threshold=loaded["threshold"], temperature=loaded["temperature"]
        )
        classifier._docs = dict(loaded["docs"])
        for label, counts in loaded["counts"].items():
            classifier._totals[label] = sum(counts.values())
            for term, n in counts.items():
                classifier._terms.setdefault(term, {})[label] = n
        return classifier


def _best(scores: dict[str, float] | None, temperature: float) -> tuple[str, float] | None:
    if scores is None:
        return None
    top = max(scores.values())
    weights = {label: math.exp((s - top) / temperature) for label, s in scores.items()}
    label = max(weights, key=lambda name: (weights[name], name))
    return label, weights[label] / sum(weights.values())


HeldOut = list[tuple[dict[str, float] | None, str]]


def _out_of_fold(found: list[Counter[str]], labels: list[str], k: int, alpha: float) -> HeldOut:
    # Interleaved folds: files arrive in time order, and each fold should span the whole time.
    held_out: HeldOut = []
    for fold in range(k):
        model = Classifier(alpha=alpha)
        for i, (item, label) in enumerate(zip(found, labels, strict=True)):
            if i % k != fold:
                model.learn_features(item, label)
        held_out.extend((model.scores(found[i]), labels[i]) for i in range(fold, len(found), k))
    return held_out


def _fit_temperature(held_out: HeldOut) -> float:
    def loss(temperature: float) -> float:
        total = 0.0
        for scores, truth in held_out:
            if scores is not None and truth in scores:
                top = max(scores.values())
                log_sum = math.log(sum(math.exp((s - top) / temperature) for s in scores.values()))
                total += log_sum - (scores[truth] - top) / temperature
        return total

    return min(_TEMPERATURES, key=loss)


def _lowest_threshold(ranked: list[tuple[float, bool]], target: float) -> float:
    """The lowest p such that held-out suggestions with probability ≥ p are right at least
    ``target`` of the time, overall and in the band of the least confident of them: without
    the band, a mass of easy files would pay for guesses on the hard ones."""
    ranked = sorted(ranked, key=lambda item: -item[0])
    band = max(_MIN_BAND, len(ranked) // 10)
    threshold, right = _NEVER, 0
    for i, (p, correct) in enumerate(ranked):
        right += correct
        recent = sum(ok for _, ok in ranked[max(0, i + 1 - band) : i + 1])
        if recent < target * min(band, i + 1) and i + 1 >= band:
            break
        tied = i + 1 < len(ranked) and ranked[i + 1][0] == p
        if not tied and right >= target * (i + 1):
            threshold = p
    return threshold


# ------------------------------------------------------------------------------------ together


def suggest(
    rules: Sequence[Rule], classifier: Classifier | None, *, filename: str, text: str
) -> Suggestion | None:
    """Rules first, then the classifier; None rather than a guess below its threshold. A rule
    that sets only a folder or tags leaves the type to the classifier, if it is sure enough."""
    ruled = apply_rules(rules, filename=filename, text=text)
    if ruled is not None and ruled.doctype is not None:
        return ruled
    learned = _learned(classifier, filename, text) if classifier is not None else None
    if ruled is None or learned is None:
        return ruled or learned
    reason = f"{ruled.reason}; {learned.reason}"
    return replace(learned, folder=ruled.folder, tags=ruled.tags, reason=reason, source="rule")


def _learned(classifier: Classifier, filename: str, text: str) -> Suggestion | None:
    found = features(filename, text)
    scores = classifier.scores(found)
    best = _best(scores, classifier.temperature)
    if scores is None or best is None or best[1] < classifier.threshold:
        return None
    label, p = best
    runner_up = max((other for other in scores if other != label), key=scores.__getitem__)
    reason = f"learned from {classifier.documents} confirmed files: {DOCTYPES.get(label, label)}"
    reason += f" ({p:.2f})"
    words = classifier.evidence(found, label, runner_up)
    if words:
        reason += ", for " + ", ".join(f"“{word}”" for word in words)
    return Suggestion(label, None, (), p, reason, "learned")
