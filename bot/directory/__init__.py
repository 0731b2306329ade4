"""The local directory of service points and places (SQLAlchemy, SQLite or PostgreSQL):
schema, migrations, seed, importers, opening hours, locating a person, nearest search,
and the nearby-services answers built from it.

May import: knowledge and the top-level helpers (never rights, which is on the same layer).
"""
