"""The local directory of service points and places (SQLAlchemy, SQLite or PostgreSQL)."""
