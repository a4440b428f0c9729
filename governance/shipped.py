"""The checklists the source articles recommend, shipped with the product in both languages.

Items carry a stable code, so a shipped item is shown in the reader's language; an item a user
rewrites loses its code and is shown as written.
"""

from django.utils.translation import gettext_lazy as _

BRAND_PROTECTION = "brand_protection"
DIGITAL_PRESENCE = "digital_presence"

TEMPLATES = {
    BRAND_PROTECTION: _("Brand protection (10 standard activities)"),
    DIGITAL_PRESENCE: _("Digital presence (15 basic activities)"),
}

ITEMS = {
    BRAND_PROTECTION: {
        "bp01": _("Monitor domains that defame the brand or infringe its trademarks"),
        "bp02": _("Register related domains in advance against squatting"),
        "bp03": _("Monitor online spaces for defamation or unauthorised use of logos"),
        "bp04": _("Register the brand's user names on social platforms in advance"),
        "bp05": _("Monitor social-platform user names for trademark infringement"),
        "bp06": _("Back up all content published or collected on the website"),
        "bp07": _("Read each platform's privacy and registration policies before a campaign"),
        "bp08": _("A policy for employees using personal accounts online"),
        "bp09": _("Guidelines for employees acting for the brand online"),
        "bp10": _("Share the relevant laws and regulations with employees"),
    },
    DIGITAL_PRESENCE: {
        "dp01": _("A company website"),
        "dp02": _("An e-commerce site"),
        "dp03": _("Online advertising"),
        "dp04": _("Active search-engine optimisation or search marketing"),
        "dp05": _("A mobile version of the website"),
        "dp06": _("A mobile version of the e-commerce site"),
        "dp07": _("A mobile app"),
        "dp08": _("A consumer-facing online community"),
        "dp09": _("Active social-network pages (WeChat, Weibo, Douyin, Xiaohongshu, Bilibili)"),
        "dp10": _("An active micro-blog account"),
        "dp11": _("Active video or showcase pages"),
        "dp12": _("Presence on local consumer platforms (e.g. Dianping/Meituan)"),
        "dp13": _("A blog"),
        "dp14": _("An employee intranet"),
        "dp15": _("An internal social-media policy for employees"),
    },
}


def shipped_label(code):
    for items in ITEMS.values():
        if code in items:
            return items[code]
    return None


def ensure_shipped_templates(template_model=None, item_model=None):
    """Create the shipped templates that do not exist yet (by code); safe to run any time."""
    if template_model is None:
        from governance.models import ChecklistTemplate as template_model
        from governance.models import TemplateItem as item_model
    for code, name in TEMPLATES.items():
        template, created = template_model.objects.get_or_create(code=code, defaults={"name": str(name)})
        if created:
            for position, (item_code, title) in enumerate(ITEMS[code].items()):
                item_model.objects.create(template=template, code=item_code, title=str(title),
                                          position=position)
