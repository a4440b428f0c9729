"""Where an uploaded file's bytes come from, and how its text is encoded.

Files are read as binary streams (a path, an open file or bytes), never held whole: the encoding
is checked block by block, so a 1 GB export costs a few megabytes of memory here.
"""

import codecs
import io
from contextlib import contextmanager

from django.utils.translation import gettext as _

from socialcrm.uploads import UploadError

XLSX_MAGIC = b"PK\x03\x04"
BLOCK = 1024 * 1024
UTF16_SAMPLE = 4096


class NeedsChoice(UploadError):
    """The file can be read two ways; the user chooses at the mapping step (`field` names the choice)."""

    def __init__(self, message, field):
        super().__init__(message)
        self.field = field


@contextmanager
def opened(source):
    """A seekable binary stream for bytes, a path or a Django File; closed afterwards if we opened it."""
    if isinstance(source, bytes | bytearray | memoryview):
        yield io.BytesIO(source)
        return
    if isinstance(source, str) or hasattr(source, "__fspath__"):
        with open(source, "rb") as stream:
            yield stream
        return
    if hasattr(source, "open") and getattr(source, "closed", False):
        source.open("rb")
    source.seek(0)
    yield source


def head_of(stream, size=UTF16_SAMPLE):
    stream.seek(0)
    head = stream.read(size)
    stream.seek(0)
    return head


def is_xlsx(stream):
    return head_of(stream, 4) == XLSX_MAGIC


def detect_encoding(stream):
    """UTF-8 (BOM or not), UTF-16 LE/BE (BOM or not, Excel's "Unicode text"), else GB18030."""
    head = head_of(stream)
    if not head:
        raise UploadError(_("The file is empty."))
    if head.startswith(codecs.BOM_UTF8):
        encoding = "utf-8-sig"
    elif head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    elif b"\x00" in head:
        return _utf16_without_bom(head)
    elif _decodes(stream, "utf-8"):
        return "utf-8"
    else:
        encoding = "gb18030"
    if not _decodes(stream, encoding):
        raise UploadError(_("The file's text encoding is not UTF-8, GB18030/GBK or UTF-16."))
    return encoding


def _utf16_without_bom(head):
    even, odd = head[0::2], head[1::2]
    if odd.count(0) > len(odd) // 3 and not even.count(0):
        return "utf-16-le"
    if even.count(0) > len(even) // 3 and not odd.count(0):
        return "utf-16-be"
    raise UploadError(_("This does not look like a text (CSV) file."))


def _decodes(stream, encoding):
    decoder = codecs.getincrementaldecoder(encoding)()
    stream.seek(0)
    try:
        while block := stream.read(BLOCK):
            decoder.decode(block)
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return False
    finally:
        stream.seek(0)
    return True


def text_lines(stream, encoding, state):
    """Physical lines of the text; `state["ended_with_newline"]` tells whether the last one was cut."""
    for lines in text_blocks(stream, encoding, state):
        yield from lines


TEXT_BLOCK = 1024 * 1024  # characters


def text_blocks(stream, encoding, state):
    """The physical lines of the text in lists (a few MB of text each). Lines end at \n, \r or
    \r\n, as `open(newline="")` and the csv module split them; NUL characters are dropped."""
    stream.seek(0)
    wrapper = io.TextIOWrapper(stream, encoding=encoding, newline="")
    carry, last = "", "\n"
    try:
        while block := wrapper.read(TEXT_BLOCK):
            lines = io.StringIO(carry + block.replace("\x00", ""), newline="").readlines()
            carry = lines.pop() if lines else ""  # may go on in the next block (even a lone \r)
            if lines:
                last = lines[-1]
                yield lines
        if carry:
            last = carry
            yield [carry]
    finally:
        state["ended_with_newline"] = last.endswith(("\n", "\r"))
        wrapper.detach()  # leave the caller's stream open
