from sqlalchemy import Column, Integer, String
from sqlalchemy.orm import declarative_base

Base = declarative_base()


class Seat(Base):
    __tablename__ = "seats"
    id = Column(Integer, primary_key=True)
    show_id = Column(Integer, nullable=False)
    guest = Column(String, nullable=False)
