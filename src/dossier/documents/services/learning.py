"""Classification of uploaded files: the admins' rules, then what was learned from people's
confirmations and corrections. Below the calibrated threshold nothing is suggested."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from dossier.access.policy import require_write
from dossier.audit.services import record
from dossier.core import clock
from dossier.core.actor import Actor
from dossier.core.errors import NotFound
from dossier.documents import selectors
from dossier.documents.classify import Classifier, Rule, Suggestion, suggest
from dossier.documents.models import ClassifierState, Document, DocumentVersion

CONTENT_CHARS = 20_000


def _rules() -> list[Rule]:
    return [
        Rule(
            pattern=row.pattern,
            where=row.where,  # type: ignore[arg-type]
            regex=row.regex,
            doctype=row.doctype or None,
            folder=row.folder or None,
            tags=tuple(row.tags or ()),
            name=row.name,
        )
        for row in selectors.classification_rules()
    ]


def classifier() -> Classifier:
    state = selectors.classifier_state()
    return Classifier.from_json(state.data) if state and state.data else Classifier()


def suggest_for(*, filename: str, text: str) -> Suggestion | None:
    return suggest(_rules(), classifier(), filename=filename, text=text[:CONTENT_CHARS])


def as_json(suggestion: Suggestion | None) -> dict[str, Any]:
    if suggestion is None:
        return {}
    return {
        "doctype": suggestion.doctype,
        "folder": suggestion.folder,
        "tags": list(suggestion.tags),
        "confidence": round(suggestion.confidence, 3),
        "reason": suggestion.reason,
        "source": suggestion.source,
    }


def _original_and_text(document: Document) -> tuple[str, str]:
    version = DocumentVersion.objects.filter(document=document, number=document.current).first()
    return (version.original_name if version else document.name), document.text[:CONTENT_CHARS]


def _save(model: Classifier) -> None:
    state = ClassifierState.objects.select_for_update().first()
    if state is None:
        state = ClassifierState(updated_at=clock.now())
    state.data, state.updated_at = model.to_json(), clock.now()
    state.examples += 1
    state.save()


def teach(document: Document) -> None:
    """A person decided this file's type (chose it, confirmed or corrected a suggestion):
    learn from it, taking back what the file taught before under another type.

    Called inside the service that saved the change, so the lesson and the change are one;
    the label learned is kept in `suggestion["learned"]` so each file counts once."""
    learned = (document.suggestion or {}).get("learned")
    document.confirmed = True
    if learned == document.doctype:
        return
    filename, text = _original_and_text(document)
    model = classifier()
    if learned:
        model.unlearn(filename=filename, text=text, label=learned)
    model.learn(filename=filename, text=text, label=document.doctype)
    _save(model)
    document.suggestion = {**(document.suggestion or {}), "learned": document.doctype}


def confirm(actor: Actor, document_id: int) -> Document:
    """One click: the suggested type is right. The file teaches the classifier."""
    require_write(actor)
    if not selectors.readable(actor).filter(pk=document_id).exists():
        raise NotFound(_("There is no file %(id)s.") % {"id": document_id})
    document = Document.objects.select_for_update().get(pk=document_id)
    if not document.confirmed:
        teach(document)
        document.save(update_fields=["confirmed", "suggestion"])
        record(
            actor,
            "document.confirmed",
            object_type="document",
            object_id=document.pk,
            summary=document.doctype,
        )
    return document


def after_extraction(document: Document) -> Suggestion | None:
    """With the text known, a file whose type a person chose teaches the classifier, and an
    unconfirmed one (nobody has touched it: any change confirms) is classified again."""
    if document.confirmed:
        if not (document.suggestion or {}).get("learned"):
            teach(document)
        return None
    filename, text = _original_and_text(document)
    suggestion = suggest_for(filename=filename, text=text)
    if suggestion is not None:
        document.suggestion = as_json(suggestion)
    return suggestion
