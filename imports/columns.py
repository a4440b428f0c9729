"""The fields a performance file can fill, and the header names platforms use for them."""

import re

from django.utils.translation import gettext_lazy as _

from reports.kpis import COUNTERS

IDENTITY_FIELDS = ("day", "campaign", "publisher", "platform")
PLATFORM_ID_FIELDS = ("campaign_external_id", "publisher_external_id")
FIELDS = (*IDENTITY_FIELDS, *PLATFORM_ID_FIELDS, *COUNTERS)
MONEY_FIELDS = ("spend", "revenue")

LABELS = {
    "day": _("Day"), "campaign": _("Campaign"), "publisher": _("Publisher"), "platform": _("Platform"),
    "campaign_external_id": _("Platform campaign ID"), "publisher_external_id": _("Platform account ID"),
    "impressions": _("Impressions"), "reach": _("Reach"), "clicks": _("Clicks"),
    "conversions": _("Conversions"), "spend": _("Spend"), "revenue": _("Revenue"), "likes": _("Likes"),
    "comments": _("Comments"), "shares": _("Shares"), "follows": _("New followers"),
}

SYNONYMS = {
    "day": ("day", "date", "reporting starts", "日期", "时间", "统计日期"),
    "campaign": ("campaign", "campaign name", "ad campaign", "广告计划名称", "广告计划", "计划名称",
                 "活动名称", "campaign_name"),
    "publisher": ("publisher", "account", "account name", "kol", "媒体", "账号", "达人", "发布者"),
    "platform": ("platform", "channel", "平台", "渠道"),
    "campaign_external_id": ("campaign id", "campaign_id", "广告计划id", "计划id", "推广计划id"),
    "publisher_external_id": ("account id", "account_id", "customer id", "广告主id", "账户id", "账号id"),
    "impressions": ("impressions", "impr", "views", "展示数", "展现量", "展示量", "曝光量", "曝光"),
    "reach": ("reach", "覆盖人数", "触达人数"),
    "clicks": ("clicks", "link clicks", "点击数", "点击量"),
    "conversions": ("conversions", "results", "conv", "转化数", "转化量"),
    "spend": ("spend", "cost", "amount spent", "消耗", "花费", "消费"),
    "revenue": ("revenue", "conv value", "conversion value", "purchase value", "收入", "成交金额",
                "转化价值", "gmv"),
    "likes": ("likes", "点赞数", "点赞"),
    "comments": ("comments", "评论数", "评论"),
    "shares": ("shares", "分享数", "分享", "转发数"),
    "follows": ("follows", "new followers", "followers gained", "新增粉丝数", "新增关注", "涨粉数"),
}


def normalize(header):
    """'Amount spent (CNY)' -> 'amountspent', '消耗(元)' -> '消耗', 'Impr.' -> 'impr'."""
    text = re.sub(r"[(（\[].*?[)）\]]", "", str(header)).lower()
    return re.sub(r"[\s._\-:：/]+", "", text)


LOOKUP = {normalize(name): field for field, names in SYNONYMS.items() for name in names}


def field_for(header):
    return LOOKUP.get(normalize(header))


def guess(headers):
    """{field: header} for every header we recognise (first match wins)."""
    mapping = {}
    for header in headers:
        field = field_for(header)
        if field and field not in mapping:
            mapping[field] = header
    return mapping
