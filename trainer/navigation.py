"""Each role's navigation, in one table the base layout renders."""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple

from trainer.auth.models import Role, User
from trainer.review.queue import waiting_count


class NavItem(NamedTuple):
    label: str
    endpoint: str
    count: Callable[[User], int] | None = None  # a number shown beside the label when not 0


_COMMON_START = [NavItem("Home", "main.home"), NavItem("Scenarios", "library.catalogue")]
_TRAINEES = NavItem("Trainees", "progress.team")
_CALIBRATION = NavItem("Calibration", "calibration.overview")
_HIRING = NavItem("Hiring", "hiring.assignments")
NAVIGATION: dict[Role, list[NavItem]] = {
    Role.TRAINEE: [
        *_COMMON_START,
        NavItem("History", "practice.history"),
        NavItem("Progress", "progress.dashboard"),
    ],
    Role.MENTOR: [
        *_COMMON_START,
        NavItem("My team", "progress.team"),
        NavItem("Reviews", "review.queue", waiting_count),
        _CALIBRATION,
    ],
    Role.MANAGER: [*_COMMON_START, _HIRING, _TRAINEES, _CALIBRATION],
    Role.ADMIN: [
        *_COMMON_START,
        _TRAINEES,
        NavItem("Users", "admin.users"),
        NavItem("Teams", "admin.teams"),
        _HIRING,
        _CALIBRATION,
    ],
}


_AUTHORING = NavItem("Authoring", "authoring.drafts")


def navigation_for(role: Role, is_author: bool = False) -> list[NavItem]:
    """The role's navigation, with *Authoring* for the users an admin made authors."""
    return [*NAVIGATION[role], _AUTHORING] if is_author else NAVIGATION[role]
