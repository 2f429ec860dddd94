from __future__ import annotations

from sqlalchemy.orm import DeclarativeBase


class Base(DeclarativeBase):
    pass


from .assignment import Assignment  # noqa: E402
from .call import Call  # noqa: E402
from .hospital import Hospital  # noqa: E402
from .incident import Incident, MutualAidRequest  # noqa: E402
from .unit import Unit  # noqa: E402

__all__ = ["Base", "Assignment", "Call", "Hospital", "Incident", "MutualAidRequest", "Unit"]
