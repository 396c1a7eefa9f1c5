"""Figures travelling upward (issue 19): a street office holding its communities' replicas
(street.py), the district's or city's PostgreSQL fed by the same packages (pg.py, schema.py),
and what a community lets go upward at all (privacy.py)."""
