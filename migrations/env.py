"""Alembic environment: runs the directory migrations on the connection given by bot.directory.migrations."""

from alembic import context

from bot.directory.schema import Base

connection = context.config.attributes["connection"]
context.configure(
    connection=connection, target_metadata=Base.metadata, render_as_batch=connection.dialect.name == "sqlite"
)
with context.begin_transaction():
    context.run_migrations()
