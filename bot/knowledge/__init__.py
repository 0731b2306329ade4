"""What the assistant knows and says about rights: knowledge entries and their dated figures,
topics, facets, contacts, place names and service types, and the answers rendered from them.

May import: the top-level helpers only.
"""
