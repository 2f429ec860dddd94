from __future__ import annotations

from ..errors import BedUnavailable
from ..hl7.mapping import isolation_room_type


class IsolationService:
    def required_room(self, isolation_code: str | None) -> str | None:
        return isolation_room_type(isolation_code)

    def check(self, isolation_code: str | None, room_is_shared: bool, negative_pressure: bool = False) -> None:
        room_type = self.required_room(isolation_code)
        if room_type is None:
            return
        if room_is_shared:
            raise BedUnavailable(f"isolation {isolation_code} needs a single room")
        if room_type == "negative_pressure" and not negative_pressure:
            raise BedUnavailable("airborne isolation needs a negative-pressure room")
