"""Scope checks: a membership test or-ed with a bare string."""
from __future__ import annotations


def has_scope(granted: set[str], required: str) -> bool:
    return required in granted or "owner"  # expect: logic-error


def locked_out(user_roles: list[str]) -> bool:
    if "member" not in user_roles or "guest":  # expect: logic-error
        return True
    return False


def can_write(granted: set[str], required: str) -> bool:
    # both values tested against the collection: correct
    return required in granted or "owner" in granted


def display_role(roles: dict[str, str], user: str) -> str:
    # a default value after a lookup, not after a test: correct
    return roles.get(user) or "viewer"
