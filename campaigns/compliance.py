"""Checking a draft's copy against the compliance term list before a compliance decision."""

import re
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import translation

from audit.services import diff, record, snapshot
from campaigns.models import ComplianceTerm
from socialcrm.visibility import can_manage_compliance_terms

TERM_FIELDS = ("term", "category", "reason_en", "reason_zh", "is_active")


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


def merge_flags(flag_lists):
    """One flag per term over several texts (pasted copy, attached drafts), counts added up."""
    merged = {}
    for flags in flag_lists:
        for flag in flags:
            seen = merged.get(flag.term)
            merged[flag.term] = flag if seen is None else Flag(
                flag.term, flag.category, seen.count + flag.count, flag.reason_en, flag.reason_zh)
    return sorted(merged.values(), key=lambda flag: (-flag.count, flag.term))


def save_term(*, actor, term, request=None):
    """Add or change a term of the list (admins); switching it off keeps it, unchecked."""
    if not can_manage_compliance_terms(actor):
        raise PermissionDenied
    before = snapshot(ComplianceTerm.objects.get(pk=term.pk), fields=TERM_FIELDS) if term.pk else None
    with transaction.atomic():
        term.save()
        after = snapshot(term, fields=TERM_FIELDS)
        record(actor=actor, action="campaigns.compliance_term." + ("changed" if before else "added"),
               target=term, request=request, changes=diff(before, after) if before else after)
    return term
