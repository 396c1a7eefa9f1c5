"""The gate (卡口): checkpoints, the append-only gate log, visitors, vehicles, passes with QR
check codes, the household rule and the day at the gate.

Every table the gate writes or needs is replicated (db/sync/registry.py), so a gate laptop runs
alone on a copy holding ``GATE_TABLES`` and hands its log to the office by sync.
"""

# What a gate laptop needs to work alone: the register's names, addresses and statuses, the
# passes and their key, the rule, and its own log. The sync issue can ship exactly these.
GATE_TABLES = ("community", "compound", "building", "unit", "household", "person", "membership",
               "checkpoint", "gate_secret", "gate_rule", "gate_pass", "visitor", "vehicle",
               "gate_log")
