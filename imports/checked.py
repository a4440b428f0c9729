"""The rows a check accepted, kept beside the job so the commit writes them without parsing the
file again (the file is read once per check, not once more per commit) and with flat memory: the
commit streams them back in chunks.

Plain CSV of ids, ISO days and integer counters (money in cents): nothing in it is the user's text.
"""

import os
import tempfile

import pandas as pd
from django.core.files import File

from reports.kpis import COUNTERS

KEY = ("campaign", "publisher", "platform", "day")
COLUMNS = ("line", *KEY, *COUNTERS)
CHUNK_ROWS = 100_000


def _name(job):
    return f"imports/checked/{job.pk}.csv"


def save_checked(job, frame):
    """Replace the job's checked rows with `frame` (line, KEY, counters present in the file)."""
    drop_checked(job)
    columns = [name for name in COLUMNS if name in frame]
    with tempfile.NamedTemporaryFile("w+b", suffix=".csv", delete=False) as spool:
        frame.to_csv(spool, columns=columns, index=False)
    try:
        with open(spool.name, "rb") as stream:
            job.file.storage.save(_name(job), File(stream))
    finally:
        os.unlink(spool.name)


def has_checked(job):
    return job.file.storage.exists(_name(job))


def drop_checked(job):
    if job.file.storage.exists(_name(job)):
        job.file.storage.delete(_name(job))


def checked_frames(job, columns=None, chunk_rows=CHUNK_ROWS):
    """The checked rows, chunk by chunk, typed as the check left them."""
    with job.file.storage.open(_name(job), "rb") as stream:
        for frame in pd.read_csv(stream, usecols=columns, chunksize=chunk_rows,
                                 dtype={"platform": str}, keep_default_na=False):
            if "day" in frame:
                frame["day"] = pd.to_datetime(frame["day"], format="%Y-%m-%d").dt.date
            yield frame
