from svc.db.repositories.events import EventRepository
from svc.db.repositories.fans import FanRepository
from svc.db.repositories.matches import MatchRepository
from svc.db.repositories.settlement import SettlementRepository
from svc.db.repositories.stats import StatsRepository
from svc.db.repositories.teams import TeamRepository

__all__ = [
    "EventRepository",
    "FanRepository",
    "MatchRepository",
    "SettlementRepository",
    "StatsRepository",
    "TeamRepository",
]
