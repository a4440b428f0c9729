"""Checking a draft's copy against the compliance term list before a compliance decision."""

import re
from dataclasses import dataclass

from django.utils import translation

from campaigns.models import ComplianceTerm


@dataclass(frozen=True)
class Flag:
    term: str
    category: str
    count: int
    reason_en: str
    reason_zh: str

    @property
    def reason(self):
        """The reason in the reader's language."""
        return self.reason_zh if (translation.get_language() or "").startswith("zh") else self.reason_en

    def as_json(self):
        return {"term": self.term, "category": self.category, "count": self.count,
                "reason_en": self.reason_en, "reason_zh": self.reason_zh}

    @classmethod
    def from_json(cls, data):
        return cls(**data)


def _pattern(term):
    """Latin words match whole words, case-insensitively; Chinese terms and symbols anywhere."""
    escaped = re.escape(term)
    if re.fullmatch(r"[A-Za-z][A-Za-z .\-]*[A-Za-z.]", term):
        return re.compile(rf"(?<![A-Za-z]){escaped}(?![A-Za-z])", re.IGNORECASE)
    return re.compile(escaped, re.IGNORECASE)


def find_flags(text, terms):
    """The terms found in `text`, most frequent first."""
    flags = []
    for term in terms:
        count = len(_pattern(term.term).findall(text or ""))
        if count:
            flags.append(Flag(term.term, term.category, count, term.reason_en, term.reason_zh))
    return sorted(flags, key=lambda flag: (-flag.count, flag.term))


def check_copy(text):
    return find_flags(text, ComplianceTerm.objects.filter(is_active=True))
