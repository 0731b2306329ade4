"""The directory: service points, opening hours and exceptions, places and aliases.

Revision ID: 0001
Revises:
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "service_points",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("source_key", sa.String(200), nullable=False, unique=True),
        sa.Column("name", sa.String(300), nullable=False),
        sa.Column("service_type", sa.String(40), nullable=False),
        sa.Column("kind", sa.String(120)),
        sa.Column("address", sa.String(300)),
        sa.Column("postcode", sa.String(10)),
        sa.Column("city", sa.String(120), nullable=False),
        sa.Column("quartier", sa.String(120)),
        sa.Column("latitude", sa.Float),
        sa.Column("longitude", sa.Float),
        sa.Column("geo_precision", sa.String(20)),
        sa.Column("geo_source", sa.Text),
        sa.Column("phone", sa.String(60)),
        sa.Column("email", sa.String(200)),
        sa.Column("website", sa.String(300)),
        sa.Column("accessibility", sa.Text),
        sa.Column("hours_note", sa.Text),
        sa.Column("hours_verified", sa.Boolean, nullable=False),
        sa.Column("verified", sa.Boolean, nullable=False),
        sa.Column("caveat", sa.Text),
        sa.Column("source", sa.Text, nullable=False),
        sa.Column("source_date", sa.Date),
        sa.Column("checked", sa.Date, nullable=False),
    )
    op.create_index("ix_service_points_type_lat_lon", "service_points", ["service_type", "latitude", "longitude"])
    op.create_index("ix_service_points_lat_lon", "service_points", ["latitude", "longitude"])
    for table in ("opening_hours", "hours_exceptions"):
        columns = [
            sa.Column("id", sa.Integer, primary_key=True),
            sa.Column("service_id", sa.Integer, sa.ForeignKey("service_points.id", ondelete="CASCADE"), nullable=False),
        ]
        if table == "opening_hours":
            columns += [
                sa.Column("weekday", sa.Integer, nullable=False),
                sa.Column("opens", sa.Time, nullable=False),
                sa.Column("closes", sa.Time, nullable=False),
            ]
        else:
            columns += [
                sa.Column("day", sa.Date, nullable=False),
                sa.Column("closed", sa.Boolean, nullable=False),
                sa.Column("opens", sa.Time),
                sa.Column("closes", sa.Time),
                sa.Column("label", sa.String(200)),
            ]
        op.create_table(table, *columns)
        op.create_index(f"ix_{table}_service_id", table, ["service_id"])
    op.create_table(
        "places",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("postcode", sa.String(40)),
        sa.Column("latitude", sa.Float),
        sa.Column("longitude", sa.Float),
        sa.Column("geo_precision", sa.String(20)),
        sa.Column("source", sa.Text, nullable=False),
        sa.Column("checked", sa.Date, nullable=False),
        sa.UniqueConstraint("kind", "name", name="uq_places_kind_name"),
    )
    op.create_table(
        "place_aliases",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("place_id", sa.Integer, sa.ForeignKey("places.id", ondelete="CASCADE"), nullable=False),
        sa.Column("alias", sa.String(200), nullable=False),
    )
    op.create_index("ix_place_aliases_place_id", "place_aliases", ["place_id"])
    op.create_index("ix_place_aliases_alias", "place_aliases", ["alias"])


def downgrade() -> None:
    for table in ("place_aliases", "places", "hours_exceptions", "opening_hours", "service_points"):
        op.drop_table(table)
