"""Writing while checking: for an import the user asked to run straight away when every row is
good, the checked chunks are upserted on a second database connection while the check reads on.

PostgreSQL does the upsert (and, with the constraints made immediate, the foreign-key checks) on
its own core while Python types the next chunk, so a clean file costs about the longer of the two
instead of their sum. Everything goes into one transaction that stays open until the check has
decided: `finish` commits it (with the job's bookkeeping), `abandon` rolls it back, so a file
with an error, a question to ask, or keys to sum writes nothing here and goes the ordinary way.
A failure of the writer never fails the check: the writer stops taking rows and the import
commits the ordinary way afterwards.
"""

import logging
import queue
import threading

from django.db import connection, transaction

from imports.writer import Written, upsert_checked_records

logger = logging.getLogger(__name__)

QUEUED_CHUNKS = 2  # the check is at most this many chunks ahead: memory stays flat
WRITE, FINISH, ABANDON = "write", "finish", "abandon"


class _Abandoned(Exception):  # noqa: N818 - control flow: roll back the writer's transaction
    pass


def early_writer(counters):
    """An EarlyWriter, or None where writing while checking cannot help or cannot see the rows:
    not PostgreSQL, or the caller holds a transaction (a second connection would not see its
    uncommitted rows)."""
    if connection.vendor != "postgresql" or connection.in_atomic_block:
        return None
    return EarlyWriter(counters)


class EarlyWriter:
    def __init__(self, counters):
        self.written, self.failed = Written(), False
        self._commands = queue.Queue(maxsize=QUEUED_CHUNKS)
        self._done = threading.Event()
        self._thread = threading.Thread(target=self._run, args=(list(counters),), daemon=True,
                                        name="import-early-write")
        self._thread.start()

    def put(self, records):
        """Queue checked records (imports.checked) for the upsert; dropped once the writer failed."""
        self._send((WRITE, records))

    def finish(self, bookkeeping):
        """Run `bookkeeping(written)` in the writer's transaction and commit it; True when the rows
        are written, False when the writer had failed (then nothing was written)."""
        self._send((FINISH, bookkeeping))
        self._thread.join()
        return not self.failed

    def abandon(self):
        """Roll back whatever was written; nothing of it remains. False when there was nothing left
        to roll back (the writer had finished, or failed and rolled back by itself)."""
        was_open = not self._done.is_set()
        self._send((ABANDON, None))
        self._thread.join()
        return was_open

    def _send(self, command):
        while not self._done.is_set():
            try:
                self._commands.put(command, timeout=0.2)
                return
            except queue.Full:
                continue

    def _run(self, counters):
        try:
            with transaction.atomic():
                with connection.cursor() as cursor:
                    cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # checked beside the reading
                self._take_commands(counters)
        except _Abandoned:
            pass
        except Exception:
            logger.exception("Writing an import while checking it failed; it will be written afterwards")
            self.failed = True
        finally:
            self._done.set()
            connection.close()

    def _take_commands(self, counters):
        while True:
            kind, payload = self._commands.get()
            if kind == WRITE:
                self.written.add(upsert_checked_records(payload, counters))
            elif kind == FINISH:
                payload(self.written)
                return
            else:
                raise _Abandoned
