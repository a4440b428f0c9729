"""The rows a check accepted, kept beside the job so the commit writes them without parsing the
file again, with flat memory on both sides.

They are written chunk by chunk while the file is checked, as the tuples of PostgreSQL's binary
COPY format (fixed-width: a line number, ids, a platform index, a day and integer counters, money
in cents), so the commit streams the stored bytes straight into `COPY ... (FORMAT binary)`.
Nothing in it is the user's text. Only the natural key of each row stays in memory during the
check (8 bytes a row), to find rows that share a key across chunks.
"""

import os
import tempfile
from datetime import date

import numpy as np
import pandas as pd
from django.core.files import File

from accounts.models import Platform
from reports.kpis import COUNTERS

KEY = ("campaign", "publisher", "platform", "day")
COLUMNS = ("line", *KEY, *COUNTERS)
CHUNK_ROWS = 100_000
PLATFORMS = tuple(Platform.values)  # the spool stores a platform as its index here
EPOCH = date(2000, 1, 1)  # PostgreSQL's binary dates count days from here
EPOCH_ORDINAL = EPOCH.toordinal()
WIDTHS = {"line": 4, "campaign": 8, "publisher": 8, "platform": 2, "day": 4, **{name: 8 for name in COUNTERS}}
RECORD = np.dtype([("fields", ">i2"), *[pair for name in COLUMNS for pair in (
    (f"{name}_size", ">i4"), (name, f">i{WIDTHS[name]}"))]])
COPY_HEADER = b"PGCOPY\n\xff\r\n\x00" + b"\x00" * 8
COPY_TRAILER = b"\xff\xff"


def _name(job):
    return f"imports/checked/{job.pk}.bin"


def as_records(frame):
    """A checked frame (line, KEY, counters present in the file; money in cents) -> records."""
    records = np.zeros(len(frame), dtype=RECORD)
    records["fields"] = len(COLUMNS)
    for name in COLUMNS:
        records[f"{name}_size"] = WIDTHS[name]
    records["line"] = frame["line"].to_numpy()
    records["campaign"] = frame["campaign"].to_numpy()
    records["publisher"] = frame["publisher"].to_numpy()
    records["platform"] = platform_indexes(frame["platform"])
    records["day"] = day_numbers(frame["day"])
    for name in COUNTERS:
        if name in frame:
            records[name] = frame[name].to_numpy()
    return records


def platform_indexes(platforms):
    codes, uniques = pd.factorize(platforms)
    return np.array([PLATFORMS.index(code) for code in uniques], dtype=np.int16)[codes] if len(uniques) else codes


def day_numbers(days):
    codes, uniques = pd.factorize(days)
    numbers = np.array([day.toordinal() - EPOCH_ORDINAL for day in uniques], dtype=np.int32)
    return numbers[codes] if len(uniques) else codes.astype(np.int32)


def as_frame(records, columns=COLUMNS):
    """Records -> a checked frame (days as dates, platforms as codes)."""
    frame = pd.DataFrame({name: records[name].astype(np.int64) for name in columns if name not in ("platform", "day")})
    if "platform" in columns:
        frame["platform"] = np.array(PLATFORMS, dtype=object)[records["platform"].astype(np.int64)]
    if "day" in columns:
        numbers, uniques = pd.factorize(records["day"].astype(np.int32))
        frame["day"] = np.array([date.fromordinal(int(day) + EPOCH_ORDINAL) for day in uniques],
                                dtype=object)[numbers] if len(uniques) else []
    return frame[[name for name in columns if name in frame]]


class Spool:
    """A local temporary file the check appends records to; stored beside the job at the end."""

    def __init__(self):
        handle, self.path = tempfile.mkstemp(suffix=".bin")
        self.stream = os.fdopen(handle, "w+b")
        self.rows = 0

    def append(self, records):
        self.stream.write(records.tobytes())
        self.rows += len(records)

    def chunks(self, chunk_rows=CHUNK_ROWS):
        self.stream.flush()
        with open(self.path, "rb") as stream:
            yield from _read_records(stream, chunk_rows)

    def replace(self, records):
        self.stream.seek(0)
        self.stream.truncate()
        self.rows = 0
        self.append(records)

    def save(self, job):
        drop_checked(job)
        self.stream.flush()
        self.stream.seek(0)
        job.file.storage.save(_name(job), File(self.stream))

    def close(self):
        self.stream.close()
        if os.path.exists(self.path):
            os.unlink(self.path)


def _read_records(stream, chunk_rows):
    while block := stream.read(chunk_rows * RECORD.itemsize):
        yield np.frombuffer(block, dtype=RECORD)


def save_checked(job, frame):
    """Replace the job's checked rows with `frame` (line, KEY, counters present in the file)."""
    spool = Spool()
    try:
        spool.append(as_records(frame))
        spool.save(job)
    finally:
        spool.close()


def has_checked(job):
    return job.file.storage.exists(_name(job))


def drop_checked(job):
    if job.file.storage.exists(_name(job)):
        job.file.storage.delete(_name(job))


def checked_records(job, chunk_rows=CHUNK_ROWS):
    """The checked rows as records, chunk by chunk."""
    with job.file.storage.open(_name(job), "rb") as stream:
        yield from _read_records(stream, chunk_rows)


def checked_frames(job, columns=COLUMNS, chunk_rows=CHUNK_ROWS):
    """The checked rows, chunk by chunk, as frames."""
    for records in checked_records(job, chunk_rows):
        yield as_frame(records, columns)


class RowKeys:
    """The natural key of every checked row as one int64 (8 bytes a row): a number per distinct
    campaign x publisher x platform series, and the day."""

    def __init__(self):
        self.parts, self.series = [], {}

    def add(self, records):
        """Keep the keys of a chunk of records; True when two rows of the chunk itself share one."""
        if not len(records):
            return False
        platforms = len(PLATFORMS)
        campaigns, campaign_ids = pd.factorize(records["campaign"].astype(np.int64))
        publishers, publisher_ids = pd.factorize(records["publisher"].astype(np.int64))
        local = (campaigns.astype(np.int64) * len(publisher_ids) + publishers) * platforms \
            + records["platform"].astype(np.int64)
        codes, uniques = pd.factorize(local)
        series = np.array([self.series.setdefault(
            (campaign_ids[value // (len(publisher_ids) * platforms)],
             publisher_ids[value // platforms % len(publisher_ids)], value % platforms), len(self.series))
            for value in uniques.tolist()], dtype=np.int64)
        part = series[codes] * 2**23 + records["day"].astype(np.int64) + 2**22
        self.parts.append(part)
        return len(np.unique(part)) < len(part)

    def repeated(self):
        """Whether two rows share a key (memory: twice the keys, for the sort)."""
        if not self.parts:
            return False
        keys = np.sort(np.concatenate(self.parts))
        self.parts = [keys]
        return bool((keys[1:] == keys[:-1]).any())

    def combine(self, spool, headers, counters):
        """rows.combine over the spool when keys repeat (a breakdown to sum, or repeated rows
        to report); the spool is rewritten with the result. Nothing to do otherwise."""
        from imports.rows import Combined, combine

        if not self.repeated():
            return Combined(frame=None)
        frame = pd.concat([as_frame(records) for records in spool.chunks()], ignore_index=True)
        combined = combine([frame], headers, counters)
        spool.replace(as_records(combined.frame))
        return combined
