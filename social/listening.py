"""Listening: comments on the brand's posts and mentions of the brand become `Mention`s.

- A comment is tied to the account's post it answers (matched by the post's ID on the platform).
- Any other item is a mention only when one of the account's keyword rules matches it (a
  keyword in the text, none of the rule's exclusions); the rest is not about the brand: ignored.
- An item already heard (same account, platform and ID) is skipped: re-ingesting adds nothing.
- Each gets a sentiment from the one analyser; one that needs an answer (negative, or a question)
  opens an item in the feedback inbox, with its SLA, kept for good.
"""

import re
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.services import record
from feedback.models import Feedback
from feedback.services import save_new_feedback
from imports.reader.plain import read_rows
from imports.reader.report import row_error
from social import sentiment
from social.connectors import RowError, adapter_for
from social.models import KeywordRule, Mention, Post, SocialPlatform
from socialcrm.visibility import ensure_can_work_on_social

QUESTION = re.compile(r"[?？]|吗|请问|怎么|如何|\bhow\b|\bwhy\b|\bwhen\b|\bwhere\b", re.IGNORECASE)
MAX_ITEMS = 20_000


@dataclass
class IngestResult:
    created: int = 0
    duplicates: int = 0
    ignored: int = 0
    inbox_items: int = 0
    errors: list = field(default_factory=list)  # {line, column, reason}

    def as_dict(self):
        return {"created": self.created, "duplicates": self.duplicates, "ignored": self.ignored,
                "inbox_items": self.inbox_items, "errors": self.errors}


def matched_keywords(text, rules):
    """The keywords of the first rule matching `text` (none of its exclusions), or []."""
    folded = (text or "").casefold()
    for rule in rules:
        if any(term in folded for term in rule.exclusion_list()):
            continue
        found = [term for term in rule.keyword_list() if term in folded]
        if found:
            return found
    return []


def needs_answer(mention):
    return mention.sentiment == sentiment.NEGATIVE or bool(QUESTION.search(mention.text))


def ingest(*, actor, account, items, request=None, source=""):
    """`items`: [(line, Heard)]. Writes the new mentions (and inbox items) in one transaction."""
    ensure_can_work_on_social(actor, account)
    result = IngestResult()
    rules = list(KeywordRule.objects.filter(account=account, is_active=True))
    posts = dict(Post.objects.filter(profile__account=account, profile__competitor_name="")
                 .values_list("external_id", "pk"))
    known = set(Mention.objects.filter(account=account, external_id__in=[heard.external_id for _l, heard in items])
                .values_list("platform", "external_id"))
    with transaction.atomic():
        for line, heard in items:
            if heard.platform not in SocialPlatform.values:
                result.errors.append(row_error(line, "platform", _("'%(value)s' is not a platform we know.")
                                               % {"value": heard.platform[:40]}))
                continue
            if (heard.platform, heard.external_id) in known:
                result.duplicates += 1
                continue
            post_id = posts.get(heard.post_external_id) if heard.post_external_id else None
            keywords = matched_keywords(heard.text, rules)
            if post_id is None and not keywords:
                result.ignored += 1
                continue
            known.add((heard.platform, heard.external_id))
            mention = Mention(
                account=account, platform=heard.platform, external_id=heard.external_id, post_id=post_id,
                kind=Mention.Kind.COMMENT if post_id else Mention.Kind.MENTION, author=heard.author,
                text=heard.text, url=heard.url, published_at=min(heard.published_at, timezone.now()),
                sentiment=sentiment.classify(heard.text), matched_keywords=keywords)
            mention.save()
            result.created += 1
            if needs_answer(mention):
                mention.feedback = _open_inbox_item(actor, mention)
                mention.save(update_fields=["feedback"])
                result.inbox_items += 1
        if result.errors:
            transaction.set_rollback(True)
            return IngestResult(errors=result.errors)
        record(actor=actor, action="social.mentions_ingested", target=account, request=request,
               changes={"source": source, **{k: v for k, v in result.as_dict().items() if k != "errors"}})
    return result


def _open_inbox_item(actor, mention):
    negative = mention.sentiment == sentiment.NEGATIVE
    return save_new_feedback(
        source=Feedback.Source.PUBLIC, account=mention.account, created_by=actor,
        kind=Feedback.Kind.COMPLAINT if negative else Feedback.Kind.CONTENT,
        channel=f"{mention.get_platform_display()} {mention.get_kind_display()}"[:50],
        text=mention.text, received_at=mention.published_at, author_name=mention.author,
        external_id=f"{mention.platform}:{mention.external_id}"[:100], sentiment=mention.sentiment)


def ingest_export(*, actor, account, uploaded_file, connector="", request=None):
    """A comment or mention export through the tolerant reader and its platform's adapter."""
    ensure_can_work_on_social(actor, account)
    table = read_rows(uploaded_file)
    adapter = adapter_for(table.header, connector)
    if adapter is None:
        return IngestResult(errors=[row_error(0, "", _(
            "This file is not a comment or mention export we know. Its columns: %(columns)s")
            % {"columns": ", ".join(table.header)[:300]})])
    errors = list(table.errors)
    items = []
    if len(table.rows) > MAX_ITEMS:
        return IngestResult(errors=[row_error(0, "", _("At most %(max)s rows per file.") % {"max": MAX_ITEMS})])
    for row in table.rows:
        try:
            items.append((row.line, adapter.heard(row.values)))
        except RowError as error:
            errors.append(row_error(row.line, error.column, error.reason))
    if errors:
        return IngestResult(errors=sorted(errors, key=lambda error: error["line"]))
    return ingest(actor=actor, account=account, items=items, request=request, source=adapter.code)
