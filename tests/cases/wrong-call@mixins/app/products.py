from __future__ import annotations

from .base import RepositoryBase
from .mixins import AuditMixin, SoftDeletionMixin


class ProductRepository(SoftDeletionMixin, RepositoryBase):
    table = "products"


class AuditedRepository(AuditMixin, RepositoryBase):
    table = "audits"
