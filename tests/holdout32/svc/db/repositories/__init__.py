from svc.db.repositories.base import BaseRepository
from svc.db.repositories.matches import MatchRepository
from svc.db.repositories.players import PlayerRepository, RatingRepository
from svc.db.repositories.reports import ReportRepository
from svc.db.repositories.seasons import SeasonRepository
from svc.db.repositories.store import StoreRepository

__all__ = [
    "BaseRepository",
    "MatchRepository",
    "PlayerRepository",
    "RatingRepository",
    "ReportRepository",
    "SeasonRepository",
    "StoreRepository",
]
