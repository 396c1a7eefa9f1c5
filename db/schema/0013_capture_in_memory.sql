-- Captured writes now wait in memory until their transaction commits (db/sync/capture.py):
-- writing them to sync_pending and deleting them again cost as much disk as the change log.
DROP TABLE sync_pending;
