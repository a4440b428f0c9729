"""The fields a performance file can fill, and the header names platforms use for them."""

import re

from django.utils.translation import gettext_lazy as _

from reports.kpis import COUNTERS

IDENTITY_FIELDS = ("day", "campaign", "publisher", "platform")
# The platform's own campaign id: kept beside the name for the step that maps platform campaigns.
PLATFORM_FIELDS = ("campaign_external_id", "publisher_external_id")
# The last day of a row that covers a period rather than a day (Meta's "Reporting ends"): such a
# row's reach is the period's reach (campaigns.PeriodReach); its other numbers are not daily.
PERIOD_FIELDS = ("day_end",)
FIELDS = (*IDENTITY_FIELDS, "day_end", *PLATFORM_FIELDS, *COUNTERS)
MONEY_FIELDS = ("spend", "revenue")

LABELS = {
    "day": _("Day"), "day_end": _("Period end (for rows covering several days)"), "campaign": _("Campaign"), "campaign_external_id": _("Platform campaign id"), "publisher": _("Publisher"), "platform": _("Platform"),
    "publisher_external_id": _("Platform account id"),
    "impressions": _("Impressions"), "reach": _("Reach"), "clicks": _("Clicks"),
    "conversions": _("Conversions"), "spend": _("Spend"), "revenue": _("Revenue"), "likes": _("Likes"),
    "comments": _("Comments"), "shares": _("Shares"), "follows": _("New followers"),
}

# One table of the header names platforms use, English and Chinese: Meta, Google Ads, TikTok,
# 巨量引擎/Ocean Engine, 磁力引擎/Kuaishou, 腾讯广告, 小红书聚光, 微博. Compared after `normalize`.
SYNONYMS = {
    "day": ("day", "date", "reporting starts", "reporting date", "stat time day", "日期", "时间", "统计日期",
            "数据日期", "日期时间", "天"),
    "day_end": ("reporting ends", "end date", "period end", "date end", "结束日期", "截止日期", "结束时间"),
    "campaign": ("campaign", "campaign name", "ad campaign", "campaign_name", "广告计划名称", "广告计划",
                 "计划名称", "活动名称", "推广计划", "推广计划名称", "广告系列", "广告系列名称", "计划"),
    "campaign_external_id": ("campaign id", "campaign_id", "广告计划id", "计划id", "推广计划id",
                             "广告系列id", "活动id"),
    "publisher": ("publisher", "account", "account name", "advertiser name", "kol", "媒体", "账号",
                  "账户名称", "达人", "发布者", "博主", "账户"),
    "publisher_external_id": ("account id", "account_id", "customer id", "广告主id", "账户id", "账号id"),
    "platform": ("platform", "channel", "平台", "渠道", "媒体平台"),
    "impressions": ("impressions", "impr", "views", "展示数", "展现量", "展示量", "曝光量", "曝光",
                    "展示次数", "曝光次数"),
    "reach": ("reach", "覆盖人数", "触达人数", "覆盖用户数"),
    "clicks": ("clicks", "link clicks", "clicks (all)", "点击数", "点击量", "点击次数"),
    "conversions": ("conversions", "results", "conv", "purchases", "转化数", "转化量", "转化次数",
                    "目标转化数", "成交订单数"),
    "spend": ("spend", "cost", "amount spent", "total cost", "消耗", "花费", "消费", "总花费", "总消耗",
              "消耗金额"),
    "revenue": ("revenue", "conv value", "conversion value", "purchase value", "total conversion value",
                "purchases conversion value", "website purchases conversion value", "收入", "成交金额",
                "转化价值", "gmv", "成交额", "支付金额", "直接成交金额"),
    "likes": ("likes", "点赞数", "点赞", "点赞量"),
    "comments": ("comments", "评论数", "评论", "评论量"),
    "shares": ("shares", "分享数", "分享", "转发数", "转发", "转发量"),
    "follows": ("follows", "new followers", "followers gained", "paid follows", "新增粉丝数", "新增关注",
                "涨粉数", "关注数", "新增关注数"),
}
# A column like these means the file is a breakdown: several rows per campaign and day, to add up.
BREAKDOWN_HEADERS = (
    "ad set name", "ad set", "ad name", "ad", "ad group", "ad group name", "creative", "creative name",
    "age", "gender", "region", "country", "placement", "device", "keyword", "广告组", "广告组名称",
    "广告名称", "广告", "创意", "创意名称", "年龄", "性别", "地域", "省份", "城市", "版位", "关键词", "单元",
    "推广单元", "广告单元",
)


def normalize(header):
    """'Amount spent (CNY)' -> 'amountspent', '消耗(元)' -> '消耗', 'Impr.' -> 'impr'."""
    text = re.sub(r"[(（\[].*?[)）\]]", "", str(header)).lower()
    return re.sub(r"[\s._\-:：/]+", "", text)


LOOKUP = {normalize(name): field for field, names in SYNONYMS.items() for name in names}


BREAKDOWN_LOOKUP = frozenset(normalize(name) for name in BREAKDOWN_HEADERS)


def is_breakdown_header(header):
    return normalize(header) in BREAKDOWN_LOOKUP


def header_score(cells):
    """How many cells of a line name a known field: the header line scores highest."""
    return sum(1 for cell in cells if isinstance(cell, str) and field_for(cell))


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
