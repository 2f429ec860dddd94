"""Wires long-lived clients and services once per process."""
from __future__ import annotations

from dataclasses import dataclass

from redis.asyncio import Redis

from svc.cache.stores import ClinicDirectory, SlotCache, clinic_directory
from svc.clients.messaging import SmsGateway, email_client, sms_gateway
from svc.clients.formulary import FormularyClient
from svc.clients.insurance_api import InsuranceClient, insurance_client
from svc.clients.lab_partner import LabPartnerClient
from svc.clients.payment_provider import PaymentProviderClient
from svc.config import get_settings
from svc.services.booking import BookingService, SlotService
from svc.services.checkin import CheckinService
from svc.services.invoicing import InvoicingService
from svc.services.lab_ingest import LabIngestService
from svc.services.notifications import Notifier
from svc.services.payments import PaymentService
from svc.services.pets_service import PetRecords, pet_records
from svc.services.pharmacy import PharmacyService
from svc.services.waiting_board import BoardHub, StaffChannel, board_hub


@dataclass
class Services:
    redis: Redis
    clinics: ClinicDirectory
    slots: SlotService
    booking: BookingService
    checkin: CheckinService
    board: BoardHub
    staff_channel: StaffChannel
    pets: PetRecords
    lab_client: LabPartnerClient
    lab_ingest: LabIngestService
    pharmacy: PharmacyService
    formulary: FormularyClient
    invoicing: InvoicingService
    payments: PaymentService
    payment_provider: PaymentProviderClient
    insurance: InsuranceClient
    sms: SmsGateway


def build_services(redis: Redis, pubsub_redis: Redis) -> Services:
    settings = get_settings()
    notifier = Notifier(email_client)
    slot_cache = SlotCache(redis)
    formulary = FormularyClient(settings.insurance_client_id, settings.insurance_client_secret)
    provider = PaymentProviderClient()
    return Services(
        redis=redis,
        clinics=clinic_directory,
        slots=SlotService(slot_cache),
        booking=BookingService(notifier, slot_cache),
        checkin=CheckinService(redis),
        board=board_hub,
        staff_channel=StaffChannel(pubsub_redis),
        pets=pet_records,
        lab_client=LabPartnerClient(),
        lab_ingest=LabIngestService(notifier),
        pharmacy=PharmacyService(formulary),
        formulary=formulary,
        invoicing=InvoicingService(redis, insurance_client),
        payments=PaymentService(provider),
        payment_provider=provider,
        insurance=insurance_client,
        sms=sms_gateway,
    )
