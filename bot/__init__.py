"""Application package of the Le Havre / CAF "accès aux droits" assistant."""
