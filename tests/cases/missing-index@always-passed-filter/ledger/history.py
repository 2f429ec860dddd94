"""History commands: updates since a start time, for the strategy file in use."""
from typing import List, Optional

from ledger.models import PositionUpdate


class HistoryCommand:
    def __init__(self, session_factory, strategy_file: str) -> None:
        self._sessions = session_factory
        self.strategy_file = strategy_file

    def _updates_since(self, session, start: int, strategy_file: Optional[str] = None) -> List[PositionUpdate]:
        query = session.query(PositionUpdate).filter(PositionUpdate.timestamp >= start)
        if strategy_file:
            query = query.filter(PositionUpdate.strategy_file == strategy_file)
        return query.order_by(PositionUpdate.timestamp).all()

    def _venue_updates(self, session, start: int, venue: Optional[str] = None) -> List[PositionUpdate]:
        query = session.query(PositionUpdate).filter(PositionUpdate.timestamp >= start)  # expect: missing-index
        if venue:
            query = query.filter(PositionUpdate.venue == venue)  # expect: missing-index
        return query.all()

    def history(self, start: int) -> list:
        with self._sessions() as session:
            return self._updates_since(session, start, strategy_file=self.strategy_file)

    def export(self, start: int) -> list:
        with self._sessions() as session:
            return [u.amount for u in self._updates_since(session, start, self.strategy_file)]

    def venues(self, start: int) -> list:
        with self._sessions() as session:
            return self._venue_updates(session, start) + self._venue_updates(session, start, "binance")
