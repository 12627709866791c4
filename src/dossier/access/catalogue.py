"""Every permission a role can hold, with the built-in roles made of them."""

from __future__ import annotations

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

PERMISSIONS: dict[str, Promise] = {
    "customer.view": _("See own customers"),
    "scope.team": _("See the customers of one's own team"),
    "scope.managed_teams": _("See the customers of the teams one manages"),
    "customer.change_in_scope": _("Change every customer one can see, not only one's own"),
    "customer.add": _("Add customers"),
    "customer.change": _("Change customers in scope"),
    "customer.delete": _("Delete customers in scope"),
    "customer.share": _("Share own customers with colleagues and teams"),
    "customer.view_sensitive": _("See sensitive fields unmasked"),
    "customer.export": _("Export customers"),
    "interaction.add": _("Log interactions and service records"),
    "document.view": _("See files"),
    "document.add": _("Upload files"),
    "document.change": _("Change files"),
    "document.delete": _("Delete files"),
    "report.view": _("See reports"),
    "audit.view": _("See the audit trail"),
    "users.manage": _("Manage users, teams and roles"),
    "settings.manage": _("Manage templates, naming rules and settings"),
    "trash.purge": _("Purge the trash"),
}

ALL = "*"

BUILTIN_ROLES: dict[str, tuple[str, list[str]]] = {
    "admin": ("Administrator", [ALL]),
    "manager": (
        "Manager",
        ["customer.view", "scope.managed_teams", "customer.export", "document.view", "report.view"],
    ),
    "sales": (
        "Sales",
        [
            "customer.view",
            "customer.add",
            "customer.change",
            "customer.share",
            "interaction.add",
            "document.view",
            "document.add",
            "document.change",
            "report.view",
        ],
    ),
    # Service reps see the customers assigned to them, which is a share with them.
    "service": ("Service", ["customer.view", "interaction.add", "document.view", "document.add"]),
    "viewer": ("Viewer", ["customer.view", "scope.team", "document.view"]),
}
