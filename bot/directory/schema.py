"""Tables of the directory: service points, their opening hours, places and aliases.

Written for SQLAlchemy 1.4 in the 2.0 style (`select()`, `Session.execute`).
The Alembic migrations in migrations/versions/ create exactly these tables.
"""
from __future__ import annotations

from sqlalchemy import Boolean, Column, Date, Float, ForeignKey, Index, Integer, String, Text, Time, UniqueConstraint
from sqlalchemy.orm import declarative_base, relationship

Base = declarative_base()

# Canonical `service_type` values of the contract (docs/intents.md).
# How precise a position is, from the most to the least precise.
PRECISIONS = ("address", "street", "quartier", "postcode", "commune")


class ServicePoint(Base):
    __tablename__ = "service_points"
    id = Column(Integer, primary_key=True)
    source_key = Column(String(200), nullable=False, unique=True)  # e.g. "anct:2826"
    name = Column(String(300), nullable=False)
    service_type = Column(String(40), nullable=False)
    kind = Column(String(120))                 # French label shown: « Crèche municipale »
    address = Column(String(300))
    postcode = Column(String(10))
    city = Column(String(120), nullable=False, default="Le Havre")
    quartier = Column(String(120))
    latitude = Column(Float)
    longitude = Column(Float)
    geo_precision = Column(String(20))          # one of PRECISIONS, or NULL without position
    geo_source = Column(Text)
    phone = Column(String(60))
    email = Column(String(200))
    website = Column(String(300))
    accessibility = Column(Text)
    hours_note = Column(Text)                  # free text about the hours (appointments...)
    hours_verified = Column(Boolean, nullable=False, default=False)
    verified = Column(Boolean, nullable=False, default=False)
    caveat = Column(Text)                       # why the row is not verified
    source = Column(Text, nullable=False)
    source_date = Column(Date)                  # date of the data in the source
    checked = Column(Date, nullable=False)      # date the row was checked against the source
    hours = relationship("OpeningHours", cascade="all, delete-orphan", order_by="OpeningHours.weekday")
    exceptions = relationship("HoursException", cascade="all, delete-orphan")

    __table_args__ = (
        Index("ix_service_points_type_lat_lon", "service_type", "latitude", "longitude"),
        Index("ix_service_points_lat_lon", "latitude", "longitude"),
    )


class OpeningHours(Base):
    """One opening interval on a weekday (0 = Monday); several per day are allowed."""
    __tablename__ = "opening_hours"
    id = Column(Integer, primary_key=True)
    service_id = Column(Integer, ForeignKey("service_points.id", ondelete="CASCADE"),
                        nullable=False, index=True)
    weekday = Column(Integer, nullable=False)
    opens = Column(Time, nullable=False)
    closes = Column(Time, nullable=False)


class HoursException(Base):
    """A dated exception: closed that day, or open at other hours."""
    __tablename__ = "hours_exceptions"
    id = Column(Integer, primary_key=True)
    service_id = Column(Integer, ForeignKey("service_points.id", ondelete="CASCADE"),
                        nullable=False, index=True)
    day = Column(Date, nullable=False)
    closed = Column(Boolean, nullable=False, default=True)
    opens = Column(Time)
    closes = Column(Time)
    label = Column(String(200))


class Place(Base):
    """A quartier, postcode, landmark or street people name to say where they are."""
    __tablename__ = "places"
    id = Column(Integer, primary_key=True)
    kind = Column(String(20), nullable=False)    # quartier | postcode | landmark | street | commune
    name = Column(String(200), nullable=False)
    postcode = Column(String(40))
    latitude = Column(Float)
    longitude = Column(Float)
    geo_precision = Column(String(20))
    source = Column(Text, nullable=False)
    checked = Column(Date, nullable=False)
    aliases = relationship("PlaceAlias", cascade="all, delete-orphan")
    __table_args__ = (UniqueConstraint("kind", "name", name="uq_places_kind_name"),)


class PlaceAlias(Base):
    """A folded spelling of a place (no accents, abbreviations): what matching compares."""
    __tablename__ = "place_aliases"
    id = Column(Integer, primary_key=True)
    place_id = Column(Integer, ForeignKey("places.id", ondelete="CASCADE"), nullable=False,
                      index=True)
    alias = Column(String(200), nullable=False, index=True)
