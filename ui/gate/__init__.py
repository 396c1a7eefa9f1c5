"""Widgets of the gate page."""

# Event areas the gate emits (DataEvents.notify): none of them changes the register.
GATE_AREAS = frozenset({"gate", "gate_passes", "gate_settings"})
