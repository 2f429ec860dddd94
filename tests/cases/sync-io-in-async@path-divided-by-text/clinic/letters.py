"""Letters rendered from templates kept next to the code."""
import asyncio
from string import Template

from .settings import ASSETS, EXPORTS


def _letter_template(kind: str) -> Template:
    return Template((ASSETS / f"{kind}.txt").read_text(encoding="utf-8"))  # expect: sync-io-in-async


def _save_copy(patient_id: int, body: str) -> None:
    (EXPORTS / "letters" / f"{patient_id}.txt").write_text(body)


async def reminder_letter(patient_id: int, name: str) -> str:
    template = _letter_template("reminder")
    body = template.substitute(name=name)
    await asyncio.to_thread(_save_copy, patient_id, body)
    return body


async def discharge_letter(patient_id: int, name: str) -> str:
    body = Template("Dear $name, you are discharged.").substitute(name=name)
    _save_copy(patient_id, body)  # expect: sync-io-in-async
    return body


def rate_per_hour(total: float, hours: float) -> float:
    return total / hours
