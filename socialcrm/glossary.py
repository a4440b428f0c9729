"""The alliance's words and their one Simplified Chinese rendering: the glossary, kept here only.

It is not a copy of the catalogue: it names the domain terms whose translation must not drift,
and tests/socialcrm/test_translations.py checks that every catalogue entry whose English is one
of these terms (any context) is translated with this Chinese. To change a term, change it here
and in the .po together; the test says which entries disagree.
"""

# English term -> (Chinese, the English forms the catalogue uses for it)
TERMS = {
    "advertiser": ("广告主", ("Advertiser", "Advertisers")),
    "publisher": ("媒体方", ("Publisher", "Publishers")),
    "campaign": ("广告活动", ("Campaign", "Campaigns")),
    "milestone": ("里程碑", ("Milestone", "Milestones")),
    "incident": ("事件", ("Incident", "Incidents")),
    "warning signal": ("预警信号", ("Signal", "Warning signal")),
    "feedback": ("反馈", ("Feedback",)),
    "cadence": ("沟通节奏", ("Cadence",)),
    "action item": ("行动项", ("Action item", "Action items")),
    "account manager": ("客户经理", ("Account manager",)),
    "project lead": ("项目负责人", ("Project lead",)),
    "post-mortem": ("复盘", ("Post-mortem",)),
    "trust score": ("信任分", ("Trust score",)),
    "plan board": ("计划看板", ("Plan board",)),
    "spend": ("花费", ("Spend",)),
    "revenue": ("收入", ("Revenue",)),
    "roi": ("投资回报率", ("ROI",)),
    "roas": ("广告支出回报率", ("ROAS",)),
    "ctr": ("点击率", ("CTR",)),
    "cpc": ("单次点击成本", ("CPC",)),
    "cpa": ("单次转化成本", ("CPA",)),
    "impressions": ("展示量", ("Impressions",)),
    "clicks": ("点击量", ("Clicks",)),
    "engagement rate": ("互动率", ("Engagement rate",)),
    "budget": ("预算", ("Budget",)),
}


def chinese(term):
    return TERMS[term][0]
