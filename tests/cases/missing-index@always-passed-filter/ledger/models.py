"""Position updates recorded per strategy file, in the bot's local database."""
from sqlalchemy import BigInteger, Column, Index, Integer, Text
from sqlalchemy.orm import declarative_base

Base = declarative_base()


class PositionUpdate(Base):
    __tablename__ = "position_update"
    __table_args__ = (Index("pu_strategy_index", "strategy_file", "timestamp"),)

    id = Column(Integer, primary_key=True)
    strategy_file = Column(Text, nullable=False)
    venue = Column(Text, nullable=False)
    timestamp = Column(BigInteger, nullable=False)
    amount = Column(Text)
