"""The household register (一院一档、一房一户): compounds, buildings, units, households, people.

The package is split along what each part is:

- ``forms``: what a clerk types (``PersonForm``, ``HouseholdForm``), cleaned and checked;
- ``queries``: the SQL that lists people and households, and records made from its rows;
- ``rules``: the household rules, one function each, called by dialogs, imports and sync;
- ``places``: the deterministic ids of compounds, buildings and units;
- ``usecases``: ``Register``, the use cases the window and the command line call;
- ``batch``: ``RegisterBatch``, many writes in one transaction (a ledger import);
- ``rows``: stamping and writing a row.

The names other modules used from the one-file ``desktop/register.py`` are kept here.
"""
from desktop.register.batch import RegisterBatch
from desktop.register.forms import HouseholdForm, PersonForm
from desktop.register.queries import (HOUSEHOLD_SELECT, PERSON_FROM, PERSON_SELECT,
                                      household_from_row, person_from_row)
from desktop.register.places import person_order
from desktop.register.rows import now_text
from desktop.register.usecases import Register

__all__ = ["Register", "RegisterBatch", "PersonForm", "HouseholdForm", "now_text", "PERSON_SELECT",
           "PERSON_FROM", "HOUSEHOLD_SELECT", "person_from_row", "household_from_row", "person_order"]
