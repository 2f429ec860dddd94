"""Mixins that rely on what the repository they are mixed into provides."""
from __future__ import annotations

from .base import StatementSource


class SoftDeletionMixin:
    def get_live(self, id: int) -> dict | None:
        # the repositories combining this mixin get both methods from RepositoryBase
        return self.fetch_one(self.base_statement() + f" WHERE id = {id} AND deleted_at IS NULL")


class LookupMixin:
    def get_by_slug(self: StatementSource, slug: str) -> dict | None:
        # `self` is typed by the protocol the method relies on
        return self.fetch_one(self.base_statement() + f" WHERE slug = '{slug}'")


class AuditMixin:
    def audit(self) -> str:
        return self.audit_statement()  # expect: wrong-call
