"""The Le Havre / CAF « accès aux droits » assistant, as packages by domain.

The top-level modules are small helpers every package may use (paths, settings,
text, formatting, replies, audience, clock, openfisca_api). The packages, from
the bottom layer up, are listed in docs/architecture.md; a package imports only
the layers below its own.
"""
