"""Demo people: a user in every role and two teams."""

from __future__ import annotations

from faker import Faker

from dossier.accounts import services as accounts
from dossier.accounts.models import Team, User
from dossier.core.actor import Actor

DEMO_PASSWORD = "welcome-2026"

TEAMS = ["华东销售部", "华南销售部"]
# (user name, role, team, locale of the generated display name)
PEOPLE = [
    ("admin", "admin", None, "zh_CN"),
    ("manager", "manager", "华东销售部", "zh_CN"),
    ("sales1", "sales", "华东销售部", "zh_CN"),
    ("sales2", "sales", "华南销售部", "zh_CN"),
    ("sales3", "sales", "华南销售部", "en_US"),
    ("service", "service", "华东销售部", "zh_CN"),
    ("viewer", "viewer", "华南销售部", "en_US"),
]


def load_people(seed: int = 2026) -> list[tuple[str, str, str | None]]:
    """Create the demo people and teams; what exists already is left as it is."""
    system = Actor.system("cli")
    fakers = {locale: Faker(locale) for locale in ("zh_CN", "en_US")}
    for number, faker in enumerate(fakers.values()):
        faker.seed_instance(seed + number)
    for name in TEAMS:
        if not Team.objects.filter(name=name).exists():
            accounts.create_team(system, name)
    for username, role, team, locale in PEOPLE:
        if User.objects.filter(username=username).exists():
            continue
        faker = fakers[locale]
        accounts.create_user(
            system,
            accounts.NewUser(
                username=username,
                password=DEMO_PASSWORD,
                role=role,
                team=team,
                email=f"{username}@example.com",
                display_name=faker.name(),
            ),
        )
    if not Team.objects.filter(name="华东销售部", managers__isnull=False).exists():
        accounts.set_team_managers(system, "华东销售部", ["manager"])
    return [(username, role, team) for username, role, team, _locale in PEOPLE]
