import asyncio

from clinic import slots


class Taken(Exception):
    pass


class Booking:
    def __init__(self) -> None:
        self._book_lock = asyncio.Lock()

    async def book(self, doctor_id: int, day: str, hour: int, patient_id: int) -> None:
        if await slots.slot_taken(doctor_id, day, hour):  # expect: race-condition
            raise Taken(f"{day} {hour}:00 is taken")
        await slots.add_appointment(doctor_id, day, hour, patient_id)

    async def book_serialised(self, doctor_id: int, day: str, hour: int, patient_id: int) -> None:
        async with self._book_lock:
            if await slots.slot_taken(doctor_id, day, hour):
                raise Taken(f"{day} {hour}:00 is taken")
            await slots.add_appointment(doctor_id, day, hour, patient_id)

    async def check_in_all(self, patient_ids: list[int], day: str) -> int:
        added = 0
        for patient_id in patient_ids:
            seen = await slots.find_visit(patient_id, day)  # expect: race-condition
            if seen is not None:
                continue
            await slots.add_visit(patient_id, day)
            added += 1
        return added

    async def check_in(self, patient_id: int, day: str) -> None:
        if not await slots.find_visit(patient_id, day):  # expect: race-condition
            await slots.add_visit(patient_id, day)

    async def check_in_idempotent(self, patient_id: int, day: str) -> None:
        if not await slots.find_visit(patient_id, day):
            await slots.add_visit_once(patient_id, day)
