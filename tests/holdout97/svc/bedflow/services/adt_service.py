from __future__ import annotations

import logging

from ..clients.interface_engine import InterfaceEngineAck
from ..db.models import Bed, BedState
from ..errors import InvalidMessage, UnknownWard
from ..hl7.mapping import resolve_ward_code
from ..hl7.parser import ADMIT_EVENTS, CANCEL_EVENTS, DISCHARGE_EVENTS, TRANSFER_EVENTS, AdtMessage, build_ack
from ..infra.locks import KeyedLocks
from ..repositories.adt_events import AdtEventRepository
from ..repositories.beds import BedRepository
from ..repositories.patients import PatientRef, PatientRepository
from ..repositories.wards import WardRepository
from .bed_board import BedBoardService
from .capacity_service import CapacityService
from .cleaning_service import CleaningService
from .notifications import NotificationService

logger = logging.getLogger(__name__)


class AdtService:
    def __init__(
        self,
        events: AdtEventRepository,
        patients: PatientRepository,
        wards: WardRepository,
        beds: BedRepository,
        board: BedBoardService,
        cleaning: CleaningService,
        capacity: CapacityService,
        notifier: NotificationService,
        locks: KeyedLocks,
        ack: InterfaceEngineAck,
    ) -> None:
        self._events = events
        self._patients = patients
        self._wards = wards
        self._beds = beds
        self._board = board
        self._cleaning = cleaning
        self._capacity = capacity
        self._notifier = notifier
        self._locks = locks
        self._ack = ack
        self._by_mrn: dict[str, PatientRef] = {}

    async def _patient(self, message: AdtMessage) -> PatientRef:
        cached = self._by_mrn.get(message.mrn)
        if cached is not None and message.event_type not in ADMIT_EVENTS:
            return cached
        patient = await self._patients.upsert_by_mrn(
            message.mrn,
            message.patient_name,
            message.isolation_code,
            message.event_time if message.event_type in ADMIT_EVENTS else None,
        )
        self._by_mrn[message.mrn] = patient
        return patient

    async def _locate(self, facility: str, ward_code: str | None, bed_label: str | None) -> Bed | None:
        if not ward_code or not bed_label:
            return None
        ward = await self._wards.get_by_code(resolve_ward_code(facility, ward_code))
        if ward is None:
            raise UnknownWard(ward_code)
        return await self._beds.find_by_label(ward.id, bed_label)

    async def handle(self, message: AdtMessage) -> bool:
        patient = await self._patient(message)
        if not await self._events.record(message, patient.id):
            logger.info("duplicate ADT %s ignored", message.control_id)
            return False
        try:
            if message.event_type in ADMIT_EVENTS:
                await self._admit(message, patient)
            elif message.event_type in TRANSFER_EVENTS:
                await self._transfer(message, patient)
            elif message.event_type in DISCHARGE_EVENTS:
                await self._discharge(message)
            elif message.event_type in CANCEL_EVENTS:
                logger.info("cancel event %s for %s needs manual review", message.event_type, message.mrn)
        except (UnknownWard, InvalidMessage):
            logger.error("ADT message failed")
            await self._ack.send_ack(build_ack(message, "AE"))
            raise
        await self._ack.send_ack(build_ack(message))
        return True

    async def _admit(self, message: AdtMessage, patient: PatientRef) -> None:
        bed = await self._locate(message.sending_facility, message.ward_code, message.bed_label)
        if bed is None:
            return
        await self._beds.set_state(bed.id, BedState.OCCUPIED, patient.id)
        await self._capacity.record_admission(bed.ward_id)
        self._notifier.notify_ward(bed.ward_id, {"type": "admit", "bed_id": bed.id, "mrn": patient.mrn})

    async def _transfer(self, message: AdtMessage, patient: PatientRef) -> None:
        prior = await self._locate(message.sending_facility, message.prior_ward_code, message.prior_bed_label)
        target = await self._locate(message.sending_facility, message.ward_code, message.bed_label)
        if prior is not None:
            async with self._locks.bed(prior.id):
                await self._board.release_bed(prior)
            await self._cleaning.create_for_bed(prior, isolation_clean=bool(patient.isolation_code))
        if target is not None:
            await self._beds.set_state(target.id, BedState.OCCUPIED, patient.id)
            await self._notifier.notify_ward(target.ward_id, {"type": "transfer_in", "bed_id": target.id})

    async def _discharge(self, message: AdtMessage) -> None:
        bed = await self._locate(message.sending_facility, message.ward_code, message.bed_label)
        if bed is None:
            return
        await self._board.release_bed(bed)
        await self._capacity.record_discharge(bed.ward_id)
        await self._cleaning.create_for_bed(bed, isolation_clean=False)
