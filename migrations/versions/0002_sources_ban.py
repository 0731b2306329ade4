"""Sources of each service point, honest dates, the national address base, derived points, imports log.

- service_points: source_date_precision, confirmed_on, confirmed_by, confidence, commune;
- point_sources: one row per source of a point (merge, idempotent re-imports, prune); the
  existing points get one source each, built from their own columns;
- places: derived_latitude/longitude/source (points derived from the address base);
- place_aliases: weak (an alias used only when nothing else is named, e.g. « la mairie »);
- ban_streets, ban_addresses: the BAN of the commune; import_runs: the log of imports.

Revision ID: 0002
Revises: 0001
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

LE_HAVRE = "76351"


def upgrade() -> None:
    with op.batch_alter_table("service_points") as batch:
        batch.add_column(sa.Column("source_date_precision", sa.String(5)))
        batch.add_column(sa.Column("confirmed_on", sa.Date))
        batch.add_column(sa.Column("confirmed_by", sa.Text))
        batch.add_column(sa.Column("confidence", sa.String(12)))
        batch.add_column(sa.Column("commune", sa.String(5)))
    op.create_table(
        "point_sources",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("point_id", sa.Integer, sa.ForeignKey("service_points.id", ondelete="CASCADE"), nullable=False),
        sa.Column("source_key", sa.String(200), nullable=False, unique=True),
        sa.Column("origin", sa.String(60), nullable=False),
        sa.Column("commune", sa.String(5)),
        sa.Column("source", sa.Text, nullable=False),
        sa.Column("source_date", sa.Date),
        sa.Column("imported_on", sa.Date, nullable=False),
        sa.Column("seen_on", sa.Date, nullable=False),
        sa.Column("record", sa.Text),
        sa.Column("fingerprint", sa.String(64)),
    )
    op.create_index("ix_point_sources_point_id", "point_sources", ["point_id"])
    op.create_index("ix_point_sources_origin", "point_sources", ["origin"])
    with op.batch_alter_table("places") as batch:
        batch.add_column(sa.Column("derived_latitude", sa.Float))
        batch.add_column(sa.Column("derived_longitude", sa.Float))
        batch.add_column(sa.Column("derived_source", sa.Text))
    with op.batch_alter_table("place_aliases") as batch:
        batch.add_column(sa.Column("weak", sa.Boolean, nullable=False, server_default=sa.false()))
    op.create_table(
        "ban_streets",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("commune", sa.String(5), nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("key", sa.String(200), nullable=False),
        sa.Column("postcode", sa.String(10)),
        sa.Column("old_commune", sa.String(120)),
        sa.Column("latitude", sa.Float, nullable=False),
        sa.Column("longitude", sa.Float, nullable=False),
        sa.Column("numbers", sa.Integer, nullable=False),
        sa.UniqueConstraint("commune", "key", name="uq_ban_streets_commune_key"),
    )
    op.create_table(
        "ban_addresses",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("street_id", sa.Integer, sa.ForeignKey("ban_streets.id", ondelete="CASCADE"), nullable=False),
        sa.Column("number", sa.Integer, nullable=False),
        sa.Column("suffix", sa.String(10)),
        sa.Column("latitude", sa.Float, nullable=False),
        sa.Column("longitude", sa.Float, nullable=False),
    )
    op.create_index("ix_ban_addresses_street_number", "ban_addresses", ["street_id", "number"])
    op.create_table(
        "import_runs",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("kind", sa.String(60), nullable=False),
        sa.Column("file", sa.String(300)),
        sa.Column("commune", sa.String(10)),
        sa.Column("started", sa.DateTime, nullable=False),
        sa.Column("finished", sa.DateTime),
        sa.Column("fingerprint", sa.String(64)),
        sa.Column("summary", sa.Text),
    )
    op.create_index("ix_import_runs_kind", "import_runs", ["kind"])
    # Every existing point gets its own source row (origin = the prefix of its key).
    op.execute(
        sa.text("UPDATE service_points SET commune = :le_havre WHERE lower(city) = 'le havre'").bindparams(
            le_havre=LE_HAVRE
        )
    )
    points = sa.table(
        "service_points",
        sa.column("id"),
        sa.column("source_key"),
        sa.column("commune"),
        sa.column("source"),
        sa.column("source_date"),
        sa.column("checked"),
    )
    sources = sa.table(
        "point_sources",
        sa.column("point_id"),
        sa.column("source_key"),
        sa.column("origin"),
        sa.column("commune"),
        sa.column("source"),
        sa.column("source_date"),
        sa.column("imported_on"),
        sa.column("seen_on"),
    )
    rows = op.get_bind().execute(sa.select(points)).mappings().all()
    if rows:
        op.bulk_insert(
            sources,
            [
                {
                    "point_id": row["id"],
                    "source_key": row["source_key"],
                    "origin": row["source_key"].split(":", 1)[0],
                    "commune": row["commune"],
                    "source": row["source"],
                    "source_date": row["source_date"],
                    "imported_on": row["checked"],
                    "seen_on": row["checked"],
                }
                for row in rows
            ],
        )


def downgrade() -> None:
    for table in ("import_runs", "ban_addresses", "ban_streets", "point_sources"):
        op.drop_table(table)
    with op.batch_alter_table("place_aliases") as batch:
        batch.drop_column("weak")
    with op.batch_alter_table("places") as batch:
        for column in ("derived_source", "derived_longitude", "derived_latitude"):
            batch.drop_column(column)
    with op.batch_alter_table("service_points") as batch:
        for column in ("commune", "confidence", "confirmed_by", "confirmed_on", "source_date_precision"):
            batch.drop_column(column)
