import httpx

from clinic.errors import PatientNotFound, ReferralRejected, SlotTaken, UnknownSpecialist

SPECIALISTS = {"cardiology": "dr-hart", "dermatology": "dr-skin"}


class ReferralDesk:
    def __init__(self, client: httpx.AsyncClient) -> None:
        self._client = client
        self._booked: set[str] = set()

    async def route(self, speciality: str) -> str:
        if speciality not in SPECIALISTS:
            raise UnknownSpecialist(speciality)
        return SPECIALISTS[speciality]

    async def forget(self, patient: str) -> None:
        resp = await self._client.delete(f"/patients/{patient}")
        if resp.status_code == 404:
            raise PatientNotFound(patient)

    async def send(self, patient: str, specialist: str) -> None:
        resp = await self._client.post("/referrals", json={"patient": patient, "to": specialist})
        if resp.status_code == 422:
            raise ReferralRejected(resp.text)
        resp.raise_for_status()

    async def book(self, patient: str, slot: str) -> None:
        if slot in self._booked:
            raise SlotTaken(slot)
        self._booked.add(slot)
