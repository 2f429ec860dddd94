from __future__ import annotations

import asyncio
import logging
from dataclasses import asdict

from sqlalchemy.ext.asyncio import AsyncSession

from readroom.clients.his_client import send_ack_sync
from readroom.errors import HL7ParseError, OrderNotFound
from readroom.repositories.orders import OrderRepository
from readroom.repositories.referrers import ReferrerRepository
from readroom.services.hl7_parser import ParsedOrder, contrast_screening, order_observations, parse_adt, parse_order
from readroom.services.worklist_service import WorklistService
from readroom.utils.timeutil import utcnow

log = logging.getLogger(__name__)

# Last messages seen, shown on the interface-engine status page.
RECENT_MESSAGES: list[dict] = []


class OrderIntakeService:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session
        self.orders = OrderRepository(session)
        self.referrers = ReferrerRepository(session)
        self.worklist = WorklistService(session)
        self._raw = ""

    async def handle_message(self, raw: str) -> dict:
        self._raw = raw
        try:
            parsed = parse_order(raw)
        except HL7ParseError as exc:
            log.warning("rejecting HL7 message: %s", exc.message)
            control_id = _control_id(raw)
            if control_id:
                await asyncio.to_thread(send_ack_sync, control_id, "AR", exc.message[:80])
            raise

        RECENT_MESSAGES.append(
            {"control_id": parsed.control_id, "accession": parsed.accession_number,
             "control": parsed.order_control, "received_at": utcnow().isoformat()}
        )

        if parsed.order_control in ("CA", "OC", "DC"):
            order_id = await self._cancel(parsed)
        elif parsed.order_control in ("XO", "SC"):
            order_id = await self._update(parsed)
        else:
            order_id = await self._create(parsed)
        await self.session.commit()

        send_ack_sync(parsed.control_id, "AA")
        return {"order_id": order_id, "accession": parsed.accession_number, "control": parsed.order_control}

    async def _create(self, parsed: ParsedOrder) -> int:
        patient_id = await self.orders.upsert_patient(
            mrn=parsed.mrn,
            family=parsed.family_name,
            given=parsed.given_name,
            birth_date=parsed.birth_date,
            sex=parsed.sex,
        )
        referrer_id = None
        if parsed.referrer_npi:
            referrer = await self.referrers.upsert(
                npi=parsed.referrer_npi, display_name=parsed.referrer_name or parsed.referrer_npi, fax=None, email=None
            )
            referrer_id = referrer.id
        order_id = await self.orders.upsert_order(
            {
                "accession_number": parsed.accession_number,
                "placer_order_number": parsed.placer_order_number,
                "filler_order_number": parsed.filler_order_number,
                "patient_id": patient_id,
                "referrer_id": referrer_id,
                "modality": parsed.modality,
                "procedure_code": parsed.procedure_code,
                "procedure_description": parsed.procedure_description,
                "priority": parsed.priority,
                "station_aet": parsed.station_aet,
                "scheduled_at": parsed.scheduled_at,
                "status": "SCHEDULED",
                "clinical_history": parsed.clinical_history,
            }
        )
        if parsed.station_aet and parsed.scheduled_at:
            await self.worklist.publish(order_id, parsed)
        screening = contrast_screening(order_observations(self._raw)) if self._raw else {}
        if screening.get("contrast_caution"):
            log.info("order %s flagged for contrast review (eGFR %s)", parsed.accession_number, screening["egfr"])
            await self.orders.set_status(order_id, "NEEDS_REVIEW")
        return order_id

    async def _update(self, parsed: ParsedOrder) -> int:
        order = await self.orders.get_by_placer(parsed.placer_order_number)
        if order is None:
            return await self._create(parsed)
        order.priority = parsed.priority
        order.scheduled_at = parsed.scheduled_at or order.scheduled_at
        order.station_aet = parsed.station_aet or order.station_aet
        order.clinical_history = parsed.clinical_history or order.clinical_history
        if order.station_aet and order.scheduled_at:
            await self.worklist.publish(order.id, parsed)
        return order.id

    async def _cancel(self, parsed: ParsedOrder) -> int:
        order = await self.orders.get_by_placer(parsed.placer_order_number)
        if order is None:
            raise OrderNotFound(f"no order for placer {parsed.placer_order_number}")
        await self.orders.set_status(order.id, "CANCELLED")
        await self.worklist.withdraw(order.id)
        return order.id


def _control_id(raw: str) -> str | None:
    first = raw.replace("\n", "\r").split("\r", 1)[0]
    parts = first.split("|")
    return parts[9] if len(parts) > 9 else None


def summarize(parsed: ParsedOrder) -> dict:
    data = asdict(parsed)
    data.pop("clinical_history", None)
    return data


class AdtService:
    """Keeps patient demographics in step with the HIS master patient index."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session
        self.orders = OrderRepository(session)

    async def handle(self, raw: str) -> dict:
        adt = parse_adt(raw)
        if adt.event in ("A08", "A31"):
            patient_id = await self.orders.upsert_patient(
                mrn=adt.mrn, family=adt.family_name, given=adt.given_name, birth_date=adt.birth_date, sex=adt.sex
            )
            await self.session.commit()
            return {"event": adt.event, "patient_id": patient_id}
        surviving_id = await self.orders.upsert_patient(
            mrn=adt.mrn, family=adt.family_name, given=adt.given_name, birth_date=adt.birth_date, sex=adt.sex
        )
        moved = await self.orders.merge_patient(adt.prior_mrn or "", surviving_id)
        await self.session.commit()
        log.info("merged MRN %s into %s (%d orders moved)", adt.prior_mrn, adt.mrn, moved)
        return {"event": adt.event, "patient_id": surviving_id, "orders_moved": moved}
