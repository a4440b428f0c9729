"""Connectors: one adapter per platform export format of comments and mentions.

An adapter says which headers it recognises and turns a row into a `Heard` item (or raises
`RowError` naming the column). Uploaded files, the API and any future platform pull all end in
`social.listening.ingest`. Adding a platform format is one class here and one line in `ADAPTERS`.
"""

from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from social.post_rows import parse_datetime


class RowError(ValueError):
    def __init__(self, column, reason):
        super().__init__(reason)
        self.column, self.reason = column, reason


@dataclass(frozen=True)
class Heard:
    """A comment or mention as a platform reported it."""

    platform: str
    external_id: str
    text: str
    published_at: object
    author: str = ""
    post_external_id: str = ""  # set for a comment on a post
    url: str = ""


class Adapter:
    code = ""
    label = ""
    platform = ""
    columns = {}  # Heard field -> header in the export

    def recognizes(self, headers):
        required = [self.columns[name] for name in ("external_id", "text", "published_at")]
        return all(header in headers for header in required)

    def heard(self, values):
        def cell(name):
            header = self.columns.get(name)
            return (values.get(header) or "").strip() if header else ""

        for name in ("external_id", "text", "published_at"):
            if not cell(name):
                raise RowError(self.columns[name], _("Empty."))
        published_at = parse_datetime(cell("published_at"))
        if published_at is None:
            raise RowError(self.columns["published_at"], _("Not a date and time like 2026-03-01 14:30."))
        platform = self.platform or cell("platform").lower()
        return Heard(platform=platform, external_id=cell("external_id")[:100], text=cell("text")[:10000],
                     published_at=published_at, author=cell("author")[:150],
                     post_external_id=cell("post_external_id")[:100], url=cell("url")[:500])


class WeiboComments(Adapter):
    """微博 comment export (评论管理 → 导出)."""

    code, label, platform = "weibo_comments", gettext_lazy("Weibo comment export"), "weibo"
    columns = {"external_id": "评论ID", "text": "评论内容", "published_at": "评论时间", "author": "评论者昵称",
               "post_external_id": "微博ID", "url": "评论链接"}


class DouyinComments(Adapter):
    """抖音 creator centre comment export."""

    code, label, platform = "douyin_comments", gettext_lazy("Douyin comment export"), "douyin"
    columns = {"external_id": "评论ID", "text": "评论内容", "published_at": "评论时间", "author": "用户昵称",
               "post_external_id": "视频ID"}


class MetaComments(Adapter):
    """Meta Business Suite comment export."""

    code, label, platform = "meta_comments", gettext_lazy("Meta Business Suite comment export"), "meta"
    columns = {"external_id": "Comment ID", "text": "Message", "published_at": "Created Time", "author": "Author",
               "post_external_id": "Post ID", "url": "Permalink"}


class MentionExport(Adapter):
    """A listening tool's mention export, any platform (the platform is a column)."""

    code, label = "mentions", gettext_lazy("A listening tool's mention export")
    columns = {"platform": "platform", "external_id": "id", "text": "text", "published_at": "published_at",
               "author": "author", "url": "url", "post_external_id": "post_id"}


ADAPTERS = {adapter.code: adapter for adapter in (WeiboComments(), DouyinComments(), MetaComments(),
                                                   MentionExport())}


def adapter_for(headers, code=""):
    """The adapter named by `code`, or the first one recognising the headers, or None."""
    if code:
        adapter = ADAPTERS.get(code)
        return adapter if adapter and adapter.recognizes(headers) else None
    return next((adapter for adapter in ADAPTERS.values() if adapter.recognizes(headers)), None)
