"""Special care (特殊群体关爱) and isolation follow-up (居家隔离随访).

Kept apart from the register on purpose: the gate role must never see care or health details,
so every way into this data goes through ``CareBook`` and ``IsolationBook`` (and the plain
functions in ``imports`` and ``paper`` built on them), which a role check can wrap in one place.
"""
