"""Each role's navigation, in one table the base layout renders."""

from __future__ import annotations

from typing import NamedTuple

from trainer.auth.models import Role


class NavItem(NamedTuple):
    label: str
    endpoint: str


_COMMON_START = [NavItem("Home", "main.home"), NavItem("Scenarios", "library.catalogue")]
NAVIGATION: dict[Role, list[NavItem]] = {
    Role.TRAINEE: [*_COMMON_START, NavItem("History", "practice.history")],
    Role.MENTOR: [*_COMMON_START, NavItem("My team", "main.team")],
    Role.MANAGER: _COMMON_START,
    Role.ADMIN: [
        *_COMMON_START,
        NavItem("Users", "admin.users"),
        NavItem("Teams", "admin.teams"),
    ],
}


def navigation_for(role: Role) -> list[NavItem]:
    return NAVIGATION[role]
