"""Problem codes from the value rules, as sentences in the user's language."""

from __future__ import annotations

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from dossier.customfields.domain import Problem

MESSAGES: dict[str, Promise] = {
    "required": _("This field is required."),
    "unknown_field": _("There is no such field in this template."),
    "blank": _("This field cannot be blank."),
    "type": _("Expected text."),
    "choice": _("“%(value)s” is not one of the choices: %(choices)s."),
    "phone_invalid": _("Not a valid phone number."),
    "email_invalid": _("Not a valid e-mail address."),
    "url_invalid": _("Not a valid web address."),
    "id_invalid": _("Not a valid resident ID number."),
    "id_old_format": _("Use the 18-digit resident ID number."),
    "credit_code_invalid": _("Not a valid unified social credit code."),
    "date_invalid": _("There is no such date."),
    "date_format": _("Expected a date such as 2024-03-05 or 2024年3月5日."),
    "datetime_format": _("Expected a date and time such as 2024-03-05 14:30."),
    "number_invalid": _("Expected a number such as 1234.50."),
    "integer_invalid": _("Expected a whole number."),
    "decimal_places": _("Too many decimal places."),
    "bool_invalid": _("Expected yes or no."),
    "too_short": _("Too short: at least %(min)s characters."),
    "too_long": _("Too long: at most %(max)s characters."),
    "too_small": _("Too small: at least %(min)s."),
    "too_large": _("Too large: at most %(max)s."),
    "pattern": _("Does not have the expected format."),
    "pattern_broken": _("The format rule of this field is broken; tell an admin."),
    "currency_invalid": _("A currency is a three-letter code such as CNY."),
    "link_invalid": _("Expected a customer."),
    "taken": _("This value is used by another record already."),
    "not_found": _("No such record."),
    "cycle": _("This would make a referral cycle."),
}


def describe(problem: Problem, label: str | None = None) -> str:
    template = MESSAGES.get(problem.code)
    if template is None:
        text = problem.message
    else:
        try:
            text = str(template) % dict(problem.params)
        except (KeyError, TypeError, ValueError):
            text = problem.message
    if not label:
        return text
    return str(_("%(label)s: %(message)s")) % {"label": label, "message": text}
