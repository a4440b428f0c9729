"""Words the PRC Advertising Law (广告法) forbids or restricts, seeded once; admins keep the list.

Article 9 forbids absolute terms such as 最 / 第一 / 国家级 / 顶级 / best; articles 16-18 forbid
promising cures or efficacy for medical and health products; article 25 forbids promising returns
on investments. (term, category, reason in English, reason in Chinese)
"""

ABSOLUTE_EN = "Absolute claim: forbidden by article 9 of the PRC Advertising Law."
ABSOLUTE_ZH = "绝对化用语：《广告法》第九条禁止使用。"
MEDICAL_EN = "Medical promise: efficacy or cure claims are forbidden (articles 16-18)."
MEDICAL_ZH = "医疗承诺：《广告法》第十六至十八条禁止表示功效、安全性或治愈率。"
FINANCIAL_EN = "Financial promise: guaranteed returns are forbidden (article 25)."
FINANCIAL_ZH = "收益承诺：《广告法》第二十五条禁止对收益作出保证性承诺。"

DEFAULT_TERMS = (
    *((term, "absolute", ABSOLUTE_EN, ABSOLUTE_ZH) for term in (
        "最", "第一", "国家级", "顶级", "100%", "极致", "首选", "唯一", "绝对", "全网第一", "世界级",
        "best", "number one", "No.1", "world-class", "the only",
    )),
    *((term, "medical", MEDICAL_EN, MEDICAL_ZH) for term in (
        "根治", "治愈", "药到病除", "无副作用", "cure", "no side effects",
    )),
    *((term, "financial", FINANCIAL_EN, FINANCIAL_ZH) for term in (
        "保本", "稳赚", "零风险", "无风险", "guaranteed return", "risk-free",
    )),
)


def seed_default_terms(term_model):
    """Add the shipped terms that are missing (the migration, and tests after a table flush)."""
    term_model.objects.bulk_create(
        [term_model(term=term, category=category, reason_en=reason_en, reason_zh=reason_zh)
         for term, category, reason_en, reason_zh in DEFAULT_TERMS],
        ignore_conflicts=True,
    )
