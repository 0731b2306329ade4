"""Tables of the directory: service points and their sources, opening hours, places and
aliases, the national address base (BAN) of the commune, and the log of imports.

Written for SQLAlchemy 1.4 in the 2.0 style (`select()`, `Session.execute`).
The Alembic migrations in migrations/versions/ create exactly these tables.
"""

from __future__ import annotations

from sqlalchemy import (
    Boolean,
    Column,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    Time,
    UniqueConstraint,
    false,
)
from sqlalchemy.orm import registry, relationship
from sqlalchemy.orm.decl_api import DeclarativeMeta

from bot.territory import LE_HAVRE_NAME

_registry = registry()


class Base(metaclass=DeclarativeMeta):
    """The declarative base, written as a class (what `declarative_base()` builds) so that type checkers
    see a class: SQLAlchemy 1.4 ships no type hints, so the mapped attributes stay untyped."""

    __abstract__ = True
    registry = _registry
    metadata = _registry.metadata
    __init__ = _registry.constructor


# Canonical `service_type` values of the contract (docs/intents.md).
# How precise a position is, from the most to the least precise.
PRECISIONS = ("address", "street", "quartier", "postcode", "commune")


class ServicePoint(Base):
    __tablename__ = "service_points"
    id = Column(Integer, primary_key=True)
    source_key = Column(String(200), nullable=False, unique=True)  # e.g. "anct:2826"
    name = Column(String(300), nullable=False)
    service_type = Column(String(40), nullable=False)
    kind = Column(String(120))  # French label shown: « Crèche municipale »
    address = Column(String(300))
    postcode = Column(String(10))
    city = Column(String(120), nullable=False, default=LE_HAVRE_NAME)
    quartier = Column(String(120))
    latitude = Column(Float)
    longitude = Column(Float)
    geo_precision = Column(String(20))  # one of PRECISIONS, or NULL without position
    geo_source = Column(Text)
    phone = Column(String(60))
    email = Column(String(200))
    website = Column(String(300))
    accessibility = Column(Text)
    hours_note = Column(Text)  # free text about the hours (appointments...)
    hours_verified = Column(Boolean, nullable=False, default=False)
    verified = Column(Boolean, nullable=False, default=False)
    caveat = Column(Text)  # why the row is not verified
    source = Column(Text, nullable=False)  # the primary source (the newest of its sources)
    source_date = Column(Date)  # date of the data in the source
    source_date_precision = Column(String(5))  # day | month | year: how much of source_date is known
    checked = Column(Date, nullable=False)  # date the row was copied or imported (not a confirmation)
    confirmed_on = Column(Date)  # a person or an official dataset confirmed it that day
    confirmed_by = Column(Text)  # who or what confirmed it
    confidence = Column(String(12))  # confirmed | probable | stale | unconfirmed
    commune = Column(String(5))  # INSEE code of the commune (bot.territory.LE_HAVRE_INSEE for Le Havre)
    hours = relationship("OpeningHours", cascade="all, delete-orphan", order_by="OpeningHours.weekday")
    exceptions = relationship("HoursException", cascade="all, delete-orphan")
    sources = relationship(
        "PointSource", cascade="all, delete-orphan", back_populates="point", order_by="PointSource.id"
    )

    __table_args__ = (
        Index("ix_service_points_type_lat_lon", "service_type", "latitude", "longitude"),
        Index("ix_service_points_lat_lon", "latitude", "longitude"),
    )


class PointSource(Base):
    """One source of a service point: a place named by several sources is one point with several rows.

    `record` keeps what this source says (JSON), so that the point can be rebuilt from the
    sources that remain when one of them is retired; `fingerprint` makes re-imports idempotent.
    """

    __tablename__ = "point_sources"
    id = Column(Integer, primary_key=True)
    point_id = Column(Integer, ForeignKey("service_points.id", ondelete="CASCADE"), nullable=False, index=True)
    source_key = Column(String(200), nullable=False, unique=True)  # e.g. "anct:2826"
    origin = Column(String(60), nullable=False, index=True)  # "anct", "dila", a CSV prefix, "seed"
    commune = Column(String(5))
    source = Column(Text, nullable=False)
    source_date = Column(Date)
    imported_on = Column(Date, nullable=False)  # first time this source gave the row
    seen_on = Column(Date, nullable=False)  # last import in which the row was present
    record = Column(Text)
    fingerprint = Column(String(64))
    point = relationship("ServicePoint", back_populates="sources")


class OpeningHours(Base):
    """One opening interval on a weekday (0 = Monday); several per day are allowed."""

    __tablename__ = "opening_hours"
    id = Column(Integer, primary_key=True)
    service_id = Column(Integer, ForeignKey("service_points.id", ondelete="CASCADE"), nullable=False, index=True)
    weekday = Column(Integer, nullable=False)
    opens = Column(Time, nullable=False)
    closes = Column(Time, nullable=False)


class HoursException(Base):
    """A dated exception: closed that day, or open at other hours."""

    __tablename__ = "hours_exceptions"
    id = Column(Integer, primary_key=True)
    service_id = Column(Integer, ForeignKey("service_points.id", ondelete="CASCADE"), nullable=False, index=True)
    day = Column(Date, nullable=False)
    closed = Column(Boolean, nullable=False, default=True)
    opens = Column(Time)
    closes = Column(Time)
    label = Column(String(200))


class Place(Base):
    """A quartier, postcode, landmark or street people name to say where they are."""

    __tablename__ = "places"
    id = Column(Integer, primary_key=True)
    kind = Column(String(20), nullable=False)  # quartier | postcode | landmark | street | commune
    name = Column(String(200), nullable=False)
    postcode = Column(String(40))
    latitude = Column(Float)
    longitude = Column(Float)
    geo_precision = Column(String(20))
    source = Column(Text, nullable=False)
    checked = Column(Date, nullable=False)
    # A point derived from the address base when the place has no sourced point of its own
    # (bot/directory/derived_points.py); approximate by nature, never overwritten by the seed.
    derived_latitude = Column(Float)
    derived_longitude = Column(Float)
    derived_source = Column(Text)
    aliases = relationship("PlaceAlias", cascade="all, delete-orphan")
    __table_args__ = (UniqueConstraint("kind", "name", name="uq_places_kind_name"),)


class PlaceAlias(Base):
    """A folded spelling of a place (no accents, abbreviations): what matching compares."""

    __tablename__ = "place_aliases"
    id = Column(Integer, primary_key=True)
    place_id = Column(Integer, ForeignKey("places.id", ondelete="CASCADE"), nullable=False, index=True)
    alias = Column(String(200), nullable=False, index=True)
    weak = Column(Boolean, nullable=False, default=False, server_default=false())  # « la mairie »: used alone only


class BanStreet(Base):
    """A street (voie) of the national address base, with the centre of its numbers."""

    __tablename__ = "ban_streets"
    id = Column(Integer, primary_key=True)
    commune = Column(String(5), nullable=False)
    name = Column(String(200), nullable=False)  # as the BAN writes it: « Rue Jules Lecesne »
    key = Column(String(200), nullable=False)  # bot/directory/street_names.py street_key()
    postcode = Column(String(10))
    old_commune = Column(String(120))  # nom_ancienne_commune (Sanvic, Bléville, Graville...)
    latitude = Column(Float, nullable=False)
    longitude = Column(Float, nullable=False)
    numbers = Column(Integer, nullable=False)
    addresses = relationship("BanAddress", cascade="all, delete-orphan", passive_deletes=True)
    __table_args__ = (UniqueConstraint("commune", "key", name="uq_ban_streets_commune_key"),)


class BanAddress(Base):
    """One numbered address of the national address base."""

    __tablename__ = "ban_addresses"
    id = Column(Integer, primary_key=True)
    street_id = Column(Integer, ForeignKey("ban_streets.id", ondelete="CASCADE"), nullable=False)
    number = Column(Integer, nullable=False)
    suffix = Column(String(10))  # rep: bis, ter, a...
    latitude = Column(Float, nullable=False)
    longitude = Column(Float, nullable=False)
    __table_args__ = (Index("ix_ban_addresses_street_number", "street_id", "number"),)


class ImportRun(Base):
    """One import (or seed): what file, which commune, its fingerprint and its report."""

    __tablename__ = "import_runs"
    id = Column(Integer, primary_key=True)
    kind = Column(String(60), nullable=False, index=True)  # ban, anct, dila, csv:<prefix>, seed
    file = Column(String(300))
    commune = Column(String(10))
    started = Column(DateTime, nullable=False)
    finished = Column(DateTime)
    fingerprint = Column(String(64))
    summary = Column(Text)
