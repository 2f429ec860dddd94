from xml.etree.ElementTree import ParseError, fromstring

import redis.asyncio as redis
from redis.exceptions import WatchError

from clinic.dosing import daily_dose, parse_line
from clinic.errors import InvalidDosage, PrescriptionParseError, PatientNotFound, SlotTaken, UnknownSpecialist
from clinic.referrals import ReferralDesk


def pharmacy_lines(orders: list[dict]) -> list[str]:
    lines = []
    for order in orders:
        try:
            total = daily_dose(order["drug"], order["mg"], order["times"])
        except InvalidDosage:  # expect: swallowed-exception
            continue
        lines.append(f"{order['patient']}: {order['drug']} {total} mg/day")
    return lines


async def refer_all(desk: ReferralDesk, referrals: list[tuple[str, str]]) -> int:
    sent = 0
    for patient, speciality in referrals:
        try:
            specialist = await desk.route(speciality)
        except UnknownSpecialist:  # expect: swallowed-exception
            continue
        await desk.send(patient, specialist)
        sent += 1
    return sent


async def preferred_specialist(desk: ReferralDesk, speciality: str) -> str:
    specialist = "general-practice"
    try:
        specialist = await desk.route(speciality)
    except UnknownSpecialist:
        pass
    return specialist


async def forget_all(desk: ReferralDesk, patients: list[str]) -> None:
    for patient in patients:
        try:
            await desk.forget(patient)
        except PatientNotFound:
            continue


async def book_first_free(desk: ReferralDesk, patient: str, slots: list[str]) -> str | None:
    for slot in slots:
        try:
            await desk.book(patient, slot)
            return slot
        except SlotTaken:
            continue
    return None


async def bump_counter(client: redis.Redis, key: str) -> None:
    async with client.pipeline() as pipe:
        while True:
            try:
                await pipe.watch(key)
                value = int(await pipe.get(key) or 0)
                pipe.multi()
                pipe.set(key, value + 1)
                await pipe.execute()
                return
            except WatchError:
                continue


def safe_lines(orders: list[dict]) -> list[str]:
    lines = []
    for order in orders:
        try:
            total = daily_dose(order["drug"], order["mg"], order["times"])
        except InvalidDosage:
            # flagged orders go through the pharmacist's own review queue
            continue
        lines.append(f"{order['patient']}: {total}")
    return lines


def parsed_lines(lines: list[str]) -> list[tuple[str, int]]:
    parsed = []
    for line in lines:
        try:
            parsed.append(parse_line(line))
        except PrescriptionParseError:  # expect: swallowed-exception
            continue
    return parsed


def xml_orders(documents: list[str]) -> list:
    """Look-alike: a library's parse error, its policy rather than the project's own check."""
    roots = []
    for document in documents:
        try:
            roots.append(fromstring(document))
        except ParseError:
            continue
    return roots


def first_valid_dosage(candidates: list[dict]) -> int | None:
    """The first candidate dose that passes the check: a rejected one is the search moving on."""
    for candidate in candidates:
        try:
            return daily_dose(candidate["drug"], candidate["mg"], candidate["times"])
        except InvalidDosage:
            continue
    return None


def valid_dosages_or_none(candidates: list[dict]) -> list[int] | None:
    doses = []
    for candidate in candidates:
        try:
            doses.append(daily_dose(candidate["drug"], candidate["mg"], candidate["times"]))
        except InvalidDosage:  # expect: swallowed-exception
            continue
    return doses or None
