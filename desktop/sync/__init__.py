"""Sync by USB stick, the storage-independent part: the package file (envelope.py, payload.py),
the stick as a mailbox (mailbox.py), finding removable drives (drives.py) and the refusals
(errors.py). This layer takes and gives plain Python data; it never reads the register."""
