"""A small offline sentiment classifier for English and Chinese feedback.

How it works, so that anyone can predict its answer:

1. English text is split into lower-case words; each word found in `POSITIVE_EN` scores +1 and
   each word in `NEGATIVE_EN` scores -1. A negator ("not", "no", "never", "don't", ...) flips the
   sign of the next sentiment word within three words: "not good" is negative, "not bad" positive.
2. Chinese text is scanned for the phrases in `POSITIVE_ZH` / `NEGATIVE_ZH`, longest phrase
   first, so "不满意" counts once as negative and not also as "满意". A negator character
   (不 没 未 别 无 非) directly before a phrase flips it: "不好" is negative, "不差" positive.
3. The sum decides: above zero positive, below zero negative, zero (or no text) neutral.

It needs no network and no model files; it is deliberately simple and is overridden by a person
whenever it is wrong (`Feedback.sentiment_is_manual`): a manual label is never recomputed.
"""

import re

POSITIVE_EN = frozenset(str.split("""
good great excellent amazing awesome love loved lovely like liked happy pleased satisfied
helpful fast quick quickly responsive professional perfect recommend recommended thanks thank
smooth effective efficient impressive outstanding reliable clear friendly best better nice
wonderful fantastic success successful improved exceeded valuable
"""))

NEGATIVE_EN = frozenset(str.split("""
bad poor terrible awful horrible hate hated slow late delay delayed delays broken wrong
unhappy disappointed disappointing disappointment angry annoyed frustrated frustrating useless
worse worst rude unprofessional complaint complain issue issues problem problems fail failed
failure error errors mistake overcharged expensive confusing unclear unreliable missing lost
ignored scam spam never-again refund cancel
"""))

NEGATORS_EN = frozenset(str.split("not no never none nobody nothing neither nor without hardly barely"))
NEGATION_WINDOW = 3

POSITIVE_ZH = (
    "非常满意", "满意", "很好", "好评", "优秀", "专业", "及时", "高效", "感谢", "谢谢", "喜欢",
    "推荐", "靠谱", "给力", "不错", "棒", "顺利", "清楚", "用心", "贴心", "超出预期", "好",
)
NEGATIVE_ZH = (
    "不满意", "失望", "糟糕", "太差", "差评", "投诉", "延迟", "拖延", "慢", "错误", "问题",
    "退款", "生气", "愤怒", "垃圾", "骗", "敷衍", "不专业", "没回复", "乱扣费", "扣费", "差",
    "坑", "烂",
)
NEGATORS_ZH = "不没未别无非"

_ZH_LEXICON = sorted(
    [(phrase, 1) for phrase in POSITIVE_ZH] + [(phrase, -1) for phrase in NEGATIVE_ZH],
    key=lambda item: -len(item[0]),
)
_WORD = re.compile(r"[a-z]+(?:['’][a-z]+)?")
_HAN = re.compile(r"[\u4e00-\u9fff]+")

POSITIVE, NEUTRAL, NEGATIVE = "positive", "neutral", "negative"


def classify(text):
    """'positive', 'neutral' or 'negative' for `text` in English, Chinese or both."""
    total = score(text)
    if total > 0:
        return POSITIVE
    if total < 0:
        return NEGATIVE
    return NEUTRAL


def score(text):
    text = (text or "").lower()
    return _english_score(text) + sum(_chinese_score(run) for run in _HAN.findall(text))


def _english_score(text):
    total = 0
    negate_left = 0
    for word in _WORD.findall(text):
        if word in NEGATORS_EN or word.endswith(("n't", "n’t")):
            negate_left = NEGATION_WINDOW
            continue
        polarity = 1 if word in POSITIVE_EN else -1 if word in NEGATIVE_EN else 0
        if polarity and negate_left:
            polarity = -polarity
            negate_left = 0
        elif negate_left:
            negate_left -= 1
        total += polarity
    return total


def _chinese_score(run):
    total = 0
    position = 0
    while position < len(run):
        match = _match_phrase(run, position)
        if match is None:
            position += 1
            continue
        phrase, polarity = match
        if _negated(run, position, phrase):
            polarity = -polarity
        total += polarity
        position += len(phrase)
    return total


def _match_phrase(run, position):
    for phrase, polarity in _ZH_LEXICON:
        if run.startswith(phrase, position):
            return phrase, polarity
    return None


def _negated(run, position, phrase):
    """A negator right before the phrase (or "没有"), unless the phrase itself starts with one."""
    if phrase[0] in NEGATORS_ZH:
        return False
    before = run[max(0, position - 2):position]
    return bool(before) and (before[-1] in NEGATORS_ZH or before == "没有")
