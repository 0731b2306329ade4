"""Importers of public directories into the service points table (see docs/directory.md)."""
