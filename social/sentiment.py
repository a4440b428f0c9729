"""The one sentiment analyser of the product, for English and Chinese text (feedback and social).

How it works, so that anyone can predict its answer:

1. The text is cut into clauses at punctuation (，。！？；,.!?; and line breaks). Negation never
   crosses a clause: in "不贵，但是不好用" the 不 of the first clause does not touch the second.
2. A clause is cut into words: English by spaces and apostrophes, Chinese by jieba word
   segmentation, with the lexicon's own phrases added to jieba's dictionary so "不满意" or
   "用不了" stay one word.
3. Each word in a positive list scores +1, each in a negative list -1. A negator ("not", "never",
   "no", "n't"; 不 没 没有 别 无 未 并不 从不 毫不) flips the *next* sentiment word of its clause:
   "not good" and "不好看" are negative, "not bad" and "不差" positive. A few words only carry
   sentiment when negated ("does not work", "没效果"): they are the `WHEN_NEGATED` lists.
4. After "but"/"however"/"但是"/"不过"/"可是" the rest of the text counts double: "包装好看，但是
   太难用了" is negative.
5. The sum decides: above zero positive, below zero negative, zero (or no text) neutral.

It needs no network and no model files. People correct it where it is wrong (feedback's manual
label, a mention's corrected label); `python manage.py sentiment_accuracy` measures it on the
labelled set in tests/social/data/.
"""

import logging
import re
from functools import lru_cache

POSITIVE, NEUTRAL, NEGATIVE = "positive", "neutral", "negative"

POSITIVE_EN = frozenset(str.split("""
good great excellent amazing awesome love loved loving lovely liked likes happy pleased satisfied
helpful fast quick quickly responsive professional perfect perfectly recommend recommended thanks thank
smooth effective efficient impressive outstanding reliable clear friendly best better nice
wonderful fantastic success successful improved exceeded valuable beautiful gorgeous favourite
favorite enjoy enjoyed enjoying fun glad delighted worth superb brilliant cool solid comfortable
fresh tasty delicious soft affordable bargain stunning elegant cute adorable incredible
impressed appreciate appreciated kudos bravo yay wow works
"""))

NEGATIVE_EN = frozenset(str.split("""
bad poor terrible awful horrible hate hated hates slow late delay delayed delays broken wrong
unhappy disappointed disappointing disappointment angry annoyed annoying frustrated frustrating useless
worse worst rude unprofessional complaint complain complaining issue issues problem problems fail failed
fails failure error errors mistake overcharged overpriced expensive confusing unclear unreliable missing lost
ignored scam spam refund cancel cancelled crash crashes crashed crashing bug buggy fake misleading
waste wasted ugly cheap flimsy leak leaked leaking damaged defective sticky itchy rash greasy
smells stinks gross nasty dirty mess noisy unusable unacceptable ridiculous pathetic garbage
trash junk regret ripoff rip-off never-again sick allergic burning irritated irritation stuck
outdated boring meh mediocre lame sucks sucked nightmare avoid shame shameful sad
broke stopped faded slower spamming oxidised forever headache dizzy
"""))

# Neutral on their own ("it works"), negative when negated ("does not work").
WHEN_NEGATED_EN = frozenset(str.split("work working worked help helped helps arrive arrived last lasts"
                                      " respond responded reply replied answer answered answers replies like"))
NEGATORS_EN = frozenset(str.split("not no never none nobody nothing neither nor without hardly barely cannot"))
BUT_EN = frozenset(str.split("but however though although yet"))

POSITIVE_ZH = frozenset(["满意", "非常满意", "很好", "好评", "优秀", "专业", "及时", "高效", "感谢", "谢谢", "喜欢", "超爱", "爱了", "推荐", "强烈推荐", "靠谱", "给力", "不错", "棒", "很棒", "超棒", "顺利", "清楚", "用心", "贴心", "超出预期", "好", "好用", "好看", "好吃", "好闻", "惊喜", "惊艳", "开心", "舒服", "划算", "实惠", "值得", "值", "回购", "必回购", "种草", "漂亮", "精致", "温和", "清爽", "滋润", "保湿", "水润", "细腻", "持久", "显白", "耐用", "方便", "快", "迅速", "神器", "完美", "满分", "赞", "点赞", "支持", "解决", "已解决", "超快", "好评如潮", "性价比高", "物美价廉", "高级", "可爱", "美", "美美", "香", "好喝", "安心", "放心", "热情", "耐心", "周到", "赞赞", "yyds", "绝了", "无敌", "宝藏"])

NEGATIVE_ZH = frozenset(["不满意", "失望", "糟糕", "太差", "差评", "投诉", "延迟", "拖延", "慢", "错误", "问题", "退款", "退货", "生气", "愤怒", "垃圾", "骗", "骗子", "敷衍", "不专业", "没回复", "乱扣费", "扣费", "差", "坑", "烂", "太坑", "离谱", "头晕", "打不通", "很一般", "难用", "难看", "难吃", "难闻", "过敏", "刺痛", "起皮", "闷痘", "爆痘", "长痘", "油腻", "假货", "掉色", "脱妆", "卡粉", "漏液", "破损", "坏了", "坏", "发霉", "异味", "臭", "贵", "太贵", "不值", "后悔", "踩雷", "雷", "智商税", "割韭菜", "虚假", "虚假宣传", "欺骗", "烦", "很烦", "烦人", "讨厌", "恶心", "无语", "气死", "闹心", "吐槽", "晕", "崩溃", "闪退", "卡顿", "死机", "用不了", "打不开", "登不上", "不能用", "没用", "没效果", "没反应", "不行", "不好", "不好用", "不靠谱", "不推荐", "别买", "千万别买", "劝退", "避雷", "拉黑", "取关", "退订", "收费", "扣钱", "霸王条款", "客服差", "态度差", "态度恶劣", "不理人", "石沉大海", "太多", "刷屏", "骚扰", "下架", "翻车", "注水", "造假", "抄袭"])

# Neutral on their own ("有效果"), negative when negated ("没效果" is in the lexicon already;
# these cover the split forms).
WHEN_NEGATED_ZH = frozenset(["效果", "用", "回复", "到货", "发货", "理", "处理", "管用", "有用", "好转", "改善", "成功"])
NEGATORS_ZH = frozenset(["不", "不会", "没", "没有", "别", "无", "未", "并不", "从不", "毫不", "从没", "从来不", "不是", "绝不", "毫无"])
BUT_ZH = frozenset(["但是", "但", "不过", "可是", "然而", "只是"])

CLAUSE = re.compile(r"[,.!?;:，。！？；：…\n~～]+")
EN_WORD = re.compile(r"[a-z]+(?:-[a-z]+)?(?:['’][a-z]+)?")
HAN = re.compile(r"[\u4e00-\u9fff]")


def classify(text):
    """'positive', 'neutral' or 'negative' for `text` in English, Chinese or both."""
    total = score(text)
    if total > 0:
        return POSITIVE
    if total < 0:
        return NEGATIVE
    return NEUTRAL


def score(text):
    total = 0.0
    weight = 1.0
    for clause in CLAUSE.split((text or "").lower()):
        clause_score, turned = _clause_score(clause)
        if turned:
            weight = 2.0  # what follows "but" is what the writer means
            clause_score, _turned = _clause_score(clause, skip_but=True)
        total += weight * clause_score
    return total


def _clause_score(clause, skip_but=False):
    words = _words(clause)
    turned = False
    if words and not skip_but and words[0] in (BUT_EN | BUT_ZH):
        turned = True
    total = 0
    negated = False
    for word in words:
        if word in NEGATORS_EN or word in NEGATORS_ZH or word.endswith(("n't", "n’t")):
            negated = True
            continue
        polarity = _polarity(word)
        if word in WHEN_NEGATED_EN or word in WHEN_NEGATED_ZH:
            polarity = 1 if word == "works" else 0
            if negated:
                polarity = polarity or 1
        if polarity and negated:
            polarity = -polarity
            negated = False
        total += polarity
    return total, turned


def _polarity(word):
    if word in POSITIVE_EN or word in POSITIVE_ZH:
        return 1
    if word in NEGATIVE_EN or word in NEGATIVE_ZH:
        return -1
    return 0


def _words(clause):
    if not HAN.search(clause):
        return EN_WORD.findall(clause)
    words = []
    for token in _segmenter().lcut(clause):
        token = token.strip()
        if not token:
            continue
        if HAN.search(token):
            words.extend(_split_negation(token))
        else:
            words.extend(EN_WORD.findall(token))
    return words


def _split_negation(token):
    """"不差" or "没用" that jieba kept whole but the lexicon does not know: negator + word."""
    if _polarity(token) or token in WHEN_NEGATED_ZH or token in NEGATORS_ZH or len(token) < 2:
        return [token]
    head, rest = token[0], token[1:]
    if head in NEGATORS_ZH and (_polarity(rest) or rest in WHEN_NEGATED_ZH):
        return [head, rest]
    return [token]


@lru_cache(maxsize=1)
def _segmenter():
    """jieba with the lexicon's phrases known as words (loaded once per process)."""
    import jieba

    jieba.setLogLevel(logging.WARNING)
    tokenizer = jieba.Tokenizer()
    for phrase in POSITIVE_ZH | NEGATIVE_ZH | NEGATORS_ZH | BUT_ZH | WHEN_NEGATED_ZH:
        if HAN.search(phrase):
            tokenizer.add_word(phrase, freq=200000)
    return tokenizer
