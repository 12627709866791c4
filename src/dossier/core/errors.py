"""Typed errors with stable codes; `dossier.api` and `dossier.web` map them to HTTP once."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class FieldError:
    """One problem with one input field, named so a user can fix it."""

    field: str
    message: str
    code: str = "invalid"


class DossierError(Exception):
    """Base of every expected failure; `status` is the HTTP status it maps to."""

    status = 400
    code = "bad_request"

    def __init__(
        self,
        message: str,
        *,
        code: str | None = None,
        field: str | None = None,
        details: dict[str, object] | None = None,
    ):
        super().__init__(message)
        self.message = message
        self.field = field
        self.details = details or {}
        if code is not None:
            self.code = code

    def as_body(self) -> dict[str, object]:
        """The API error body; `details` add context, such as a conflict's current version."""
        return {**self.details, "code": self.code, "message": self.message, "field": self.field}


class NotFound(DossierError):
    """Also raised for objects the actor may not see, so their existence does not leak."""

    status = 404
    code = "not_found"


class NotAuthenticated(DossierError):
    status = 401
    code = "not_authenticated"


class PermissionDenied(DossierError):
    status = 403
    code = "permission_denied"


class Conflict(DossierError):
    status = 409
    code = "conflict"


class TooLarge(DossierError):
    status = 413
    code = "too_large"


class Throttled(DossierError):
    status = 429
    code = "throttled"


class Invalid(DossierError):
    """Input that breaks one or more rules; every broken rule is listed with its field."""

    status = 422
    code = "invalid"

    def __init__(self, errors: list[FieldError]):
        self.errors = errors or [FieldError("", "invalid input")]
        first = self.errors[0]
        super().__init__(first.message, field=first.field or None)

    @classmethod
    def single(cls, field_name: str, message: str, code: str = "invalid") -> Invalid:
        return cls([FieldError(field_name, message, code)])

    def as_body(self) -> dict[str, object]:
        body = super().as_body()
        body["errors"] = [
            {"field": e.field, "message": e.message, "code": e.code} for e in self.errors
        ]
        return body
