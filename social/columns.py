"""The fields a post export can fill, and the header names platforms use for them (English and
Chinese: Weibo, Douyin/巨量创意, Xiaohongshu/蒲公英, WeChat, Bilibili, Kuaishou, TikTok, Meta).
Headers are compared after `imports.columns.normalize` ("播放量(次)" -> "播放量")."""

from django.utils.translation import gettext_lazy as _

from imports.columns import normalize
from social.metrics import COUNTERS

REQUIRED = ("external_id", "published_at")
FIELDS = (*REQUIRED, "content_type", "format", "variant_label", "text", "campaign", *COUNTERS)

LABELS = {
    "external_id": _("Post ID"), "published_at": _("Published"), "content_type": _("Content type"),
    "format": _("Format"), "variant_label": _("Creative variant"), "text": _("Text"), "campaign": _("Campaign"),
    "impressions": _("Impressions"), "reach": _("Reach"), "likes": _("Likes"), "comments": _("Comments"),
    "shares": _("Shares"), "saves": _("Saves"), "clicks": _("Clicks"), "conversions": _("Conversions"),
    "video_views": _("Video views"),
}

SYNONYMS = {
    "external_id": ("post id", "post_id", "content id", "video id", "note id", "id", "permalink id",
                    "作品id", "笔记id", "微博id", "视频id", "内容id", "文章id", "帖子id", "稿件id", "bv号"),
    "published_at": ("publish time", "published", "published at", "publish date", "post time", "posted",
                     "created time", "date posted", "发布时间", "发布日期", "发布时间点", "发表时间", "发文时间",
                     "投稿时间", "创建时间"),
    "content_type": ("post type", "content type", "type", "media type", "内容类型", "作品类型", "笔记类型",
                     "类型", "体裁", "内容形式"),
    "format": ("format", "aspect", "aspect ratio", "画幅", "格式", "尺寸", "版式"),
    "variant_label": ("creative variant", "variant", "creative", "creative name", "a/b", "创意版本", "版本",
                      "创意", "创意名称", "素材名称", "素材"),
    "text": ("text", "post text", "caption", "message", "title", "description", "标题", "作品标题", "笔记标题",
             "文案", "正文", "内容", "微博内容", "作品描述"),
    "campaign": ("campaign", "campaign name", "活动", "活动名称", "广告计划", "推广计划"),
    "impressions": ("impressions", "impr", "views", "曝光量", "曝光", "展现量", "展示量", "展示次数", "阅读量",
                    "阅读数", "曝光次数"),
    "reach": ("reach", "people reached", "accounts reached", "覆盖人数", "触达人数", "覆盖用户数", "阅读人数"),
    "likes": ("likes", "reactions", "点赞", "点赞数", "点赞量", "获赞"),
    "comments": ("comments", "评论", "评论数", "评论量"),
    "shares": ("shares", "reposts", "转发", "转发数", "分享", "分享数", "转发量"),
    "saves": ("saves", "bookmarks", "collects", "收藏", "收藏数", "收藏量"),
    "clicks": ("clicks", "link clicks", "点击", "点击数", "点击量", "链接点击"),
    "conversions": ("conversions", "results", "purchases", "转化", "转化数", "成交订单数", "订单数"),
    "video_views": ("video views", "plays", "video plays", "3-second video plays", "播放量", "播放数",
                    "播放次数", "观看次数", "完播次数"),
}
LOOKUP = {normalize(name): field for field, names in SYNONYMS.items() for name in names}

CONTENT_TYPES = {
    "image": "image", "photo": "image", "picture": "image", "图文": "image", "图片": "image", "图集": "carousel",
    "video": "video", "视频": "video", "长视频": "video", "short video": "short_video", "reel": "short_video",
    "reels": "short_video", "short": "short_video", "短视频": "short_video", "live": "live", "直播": "live",
    "article": "article", "文章": "article", "长文": "article", "carousel": "carousel", "album": "carousel",
    "多图": "carousel", "轮播": "carousel", "text": "text", "status": "text", "纯文字": "text", "文字": "text",
}


def field_for(header):
    return LOOKUP.get(normalize(header))


def header_score(cells):
    return sum(1 for cell in cells if isinstance(cell, str) and field_for(cell))


def guess(headers):
    """{field: header} for every header recognised (the first wins)."""
    mapping = {}
    for header in headers:
        field = field_for(header)
        if field and field not in mapping:
            mapping[field] = header
    return mapping


def content_type_of(value, choices):
    text = str(value or "").strip().lower()
    if not text:
        return "other"
    if text in choices:
        return text
    return CONTENT_TYPES.get(text, "other")
