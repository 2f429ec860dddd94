from __future__ import annotations

from dataclasses import dataclass

from readroom.clients.email_api import EmailClient
from readroom.clients.fax_api import FaxClient
from readroom.clients.his_client import HisClient
from readroom.clients.pacs_client import PacsClient
from readroom.clients.pager_client import PagerClient
from readroom.clients.speech_api import SpeechClient
from readroom.db.pg_pool import get_pool
from readroom.repositories.reading_queue import ReadingQueueRepository
from readroom.services.critical_alerts import CriticalAlertService
from readroom.services.dictation import DictationService, DictationThrottle
from readroom.services.distribution_service import DistributionService
from readroom.services.metadata_extract import MetadataExtractor
from readroom.services.priors import PrefetchService
from readroom.services.priors import PriorService
from readroom.services.queue_snapshot import QueueSnapshot
from readroom.services.study_ingest import StudyIngestService
from readroom.services.tat_stats import TatStatsService
from readroom.settings import get_settings


@dataclass
class Services:
    pacs: PacsClient
    speech: SpeechClient
    fax: FaxClient
    email: EmailClient
    his: HisClient
    pager: PagerClient
    extractor: MetadataExtractor
    priors: PriorService
    prefetch: PrefetchService
    ingest: StudyIngestService
    dictation: DictationService
    throttle: DictationThrottle
    alerts: CriticalAlertService
    distribution: DistributionService
    tat: TatStatsService
    snapshot: QueueSnapshot

    async def aclose(self) -> None:
        await self.pacs.aclose()
        await self.speech.aclose()
        await self.pager.aclose()


def build_services() -> Services:
    s = get_settings()
    pacs = PacsClient()
    speech = SpeechClient()
    fax = FaxClient()
    email = EmailClient()
    pager = PagerClient()
    extractor = MetadataExtractor(pacs)
    priors = PriorService(pacs)
    return Services(
        pacs=pacs,
        speech=speech,
        fax=fax,
        email=email,
        his=HisClient(),
        pager=pager,
        extractor=extractor,
        priors=priors,
        prefetch=PrefetchService(pacs),
        ingest=StudyIngestService(extractor, priors),
        dictation=DictationService(speech),
        throttle=DictationThrottle(s.dictation_rate_per_minute),
        alerts=CriticalAlertService(pager),
        distribution=DistributionService(fax, email),
        tat=TatStatsService(),
        snapshot=QueueSnapshot(ReadingQueueRepository(get_pool())),
    )
