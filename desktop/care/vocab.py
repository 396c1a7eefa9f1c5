"""Coded values of care and isolation, with their labels (English source, Chinese shipped).

Same shape as desktop/vocab.py: codes are stored, labels are shown; ``zh``/``en`` from there
read these tables too. Lists of codes are stored as one text, comma separated and sorted.
"""
import re

from desktop.textnorm import clean, list_words

CATEGORY = {                     # 关爱对象类别
    "elder_alone": ("Elderly living alone", "独居老人"),
    "empty_nest": ("Empty-nest elderly", "空巢老人"),
    "childless": ("Childless elderly", "孤寡老人"),
    "disabled": ("Disabled", "残疾人"),
    "bedridden": ("Bedridden", "失能卧床"),
    "treatment": ("Treatment outside (dialysis, chemotherapy)", "院外治疗（透析、放化疗）"),
    "pregnant": ("Pregnant", "孕产妇"),
    "child_alone": ("Child without a carer", "无人照料儿童"),
    "low_income": ("Low-income", "低保困难"),
    "mental_illness": ("Mental illness", "精神障碍"),
    "psych_support": ("Psychological support", "心理疏导"),
    # A ledger's own kind of care (退役军人, 高龄补贴): the person is on the list all the same,
    # the word kept in the note. Losing someone the office chose to look after is worse.
    "other": ("Other (see the note)", "其他（见备注）"),
}
NEED = {                         # 需求
    "groceries": ("Groceries bought", "代买生活物资"),
    "meals": ("Meals", "送餐"),
    "medicine": ("Medicine", "代购药品"),
    "escort": ("Escort to hospital", "陪同就医"),
    "talk": ("A talk", "谈心"),
    "bills": ("Bills paid", "代缴费用"),
    "errands": ("Errands", "代办事务"),
}
# code -> (English, Chinese); the interval in days is in INTERVAL_DAYS.
FREQUENCY = {                    # 走访频次
    "daily": ("Every day", "每天"),
    "every_2_days": ("Every 2 days", "每2天"),
    "every_3_days": ("Every 3 days", "每3天"),
    "twice_weekly": ("Twice a week", "每周两次"),
    "weekly": ("Weekly", "每周"),
    "fortnightly": ("Every 2 weeks", "每两周"),
    "monthly": ("Monthly", "每月"),
}
# Twice a week means never more than 4 days apart (Mon/Thu/Mon …: 3 then 4 days), so its
# interval is 4; it is not the same as every 3 days.
INTERVAL_DAYS = {"daily": 1, "every_2_days": 2, "every_3_days": 3, "twice_weekly": 4, "weekly": 7,
                 "fortnightly": 14, "monthly": 30}


def frequency_of_interval(days: float) -> tuple[str, bool]:
    """(the care list's frequency for a ledger's interval in days, whether the list has that
    rhythm). 每十天 is none of its rhythms: the nearest no rarer (weekly), and False, so the
    import says so rather than turn every 10 days into weekly without a word."""
    # A tie goes to the longer interval: 每周两次 (3.5 days) is twice weekly, not every 3 days.
    code = min(INTERVAL_DAYS, key=lambda c: (abs(INTERVAL_DAYS[c] - days), -INTERVAL_DAYS[c]))
    # Near enough is the same rhythm: 每周三次 (2.33 days) is every 2 days, 半月 (15) every two weeks.
    if abs(INTERVAL_DAYS[code] - days) <= max(0.5, 0.15 * INTERVAL_DAYS[code]):
        return code, True
    # Not one of them: the nearest that visits at least as often (nobody is visited too rarely).
    return max((c for c in INTERVAL_DAYS if INTERVAL_DAYS[c] <= days), key=INTERVAL_DAYS.get, default="daily"), False


def interval_days(frequency: str | None) -> int:
    """Days between visits. A frequency this version does not know (a newer machine's, come by
    sync) counts as daily: a vulnerable person shown due too often, never crashing the list."""
    return INTERVAL_DAYS.get(frequency or "", 1)


HELPER_KIND = {
    "staff": ("Community staff", "社区工作者"),
    "building_head": ("Building head", "楼栋长"),
    "volunteer": ("Volunteer", "志愿者"),
}
VISIT_MODE = {
    "in_person": ("In person", "上门"),
    "phone": ("Phone", "电话"),
    "wechat": ("WeChat", "微信"),
    # Nobody answered the door, the phone was not picked up: kept in the history (the way tried
    # is in what was found) but not a visit: the person stays due (desktop/care/due.py).
    "not_seen": ("Did not see the person", "未见到本人"),
}
NOT_SEEN = "not_seen"
ISOLATION_KIND = {               # the two colours an episode sets (desktop/vocab.py STATUS)
    "home_isolation": ("Home isolation", "居家隔离"),
    "observation": ("Medical observation", "医学观察"),
}


def period_word(kind: str) -> str:
    """What an episode's time is called on paper, by its kind (code or Chinese label): 隔离
    (隔离期间, 隔离期) for home isolation, 观察 (观察期间, 观察期) for medical observation."""
    observed = code_of(ISOLATION_KIND, kind) == "observation" or "观察" in (kind or "")    # 居家医学观察 too
    return "观察" if observed else "隔离"


SLOT = {"morning": ("Morning", "上午"), "evening": ("Evening", "下午")}
SYMPTOM = {
    "cough": ("Cough", "咳嗽"),
    "sore_throat": ("Sore throat", "咽痛"),
    "fatigue": ("Fatigue", "乏力"),
    "breath": ("Short of breath", "气促"),
    "diarrhoea": ("Diarrhoea", "腹泻"),
    "taste_smell": ("Loss of taste or smell", "嗅味觉减退"),
    "muscle_ache": ("Muscle ache", "肌肉酸痛"),
}
DUE_STATE = {
    "neglected": ("Not visited for twice the interval", "超过两个周期未走访"),
    "overdue": ("Overdue", "已逾期"),
    "due": ("Due today", "今天应访"),
    "not_due": ("Not due", "未到期"),
}
# A subject's state in a few words (due.state_words), the same on the care list, paper, exports
# and the command line; short, so a list's column shows it whole at 1024 pixels.
STATE_WORDS = {
    "neglected": ("{days} days unvisited", "{days}天未走访"),
    "overdue": ("{days} days overdue", "逾期{days}天"),
    "due": ("Due today", "今天应访"),
    "due_that_day": ("Due that day", "当天应访"),     # on the list or sheet of another day
    "not_due": ("Not due", "未到期"),
}
# A not-seen attempt since the last visit (its day is in the person's visits).
# In English "(not seen last time)" made the care list's state column 233 pixels wide: at 1024
# the categories and the visit beside it were cut to "Elderly …" and "Ev…".
NOT_SEEN_LAST_TIME = ("{state} (not seen)", "{state}（上次未见到）")

# Words ledgers use for the same things (Excel columns typed by hand).
SYNONYMS = {
    "独居": "elder_alone", "空巢": "empty_nest", "孤寡": "childless", "孤老": "childless",
    "残疾": "disabled", "失能": "bedridden", "卧床": "bedridden", "透析": "treatment",
    "化疗": "treatment", "放疗": "treatment", "放化疗": "treatment", "孕妇": "pregnant",
    "孕产妇": "pregnant", "留守儿童": "child_alone", "困境儿童": "child_alone", "无人照看": "child_alone",
    "无人照料": "child_alone", "无人看护": "child_alone", "低保": "low_income",
    "困难": "low_income", "精神": "mental_illness", "心理": "psych_support", "特困": "low_income",
    "五保": "childless", "分散供养": "low_income", "临时救助": "low_income", "失独": "childless",
    "高龄": "empty_nest", "智力残疾": "disabled", "肢体残疾": "disabled",
    "买菜": "groceries", "代买": "groceries", "送餐": "meals", "买药": "medicine", "药品": "medicine",
    "就医": "escort", "陪诊": "escort", "聊天": "talk", "谈心": "talk", "缴费": "bills", "代办": "errands",
    "疏导": "talk", "探视": "talk", "探望": "talk", "代缴": "bills", "水电": "bills", "送菜": "groceries",
    "送药": "medicine", "配药": "medicine",
    "每日": "daily", "一天一次": "daily", "天天": "daily", "两天一次": "every_2_days",
    "隔天": "every_2_days", "三天一次": "every_3_days", "3天一次": "every_3_days",
    "一周两次": "twice_weekly", "每周2次": "twice_weekly", "每周二次": "twice_weekly",
    "每周一次": "weekly", "一周一次": "weekly", "每星期": "weekly", "半月一次": "fortnightly",
    "两周一次": "fortnightly", "每月一次": "monthly", "一月一次": "monthly", "每两天一次": "every_2_days",
    "半个月一次": "fortnightly", "每半月": "fortnightly", "每两周": "fortnightly",
}

def join_codes(codes) -> str:
    return ",".join(sorted(set(c for c in codes if c)))


def split_codes(text: str | None) -> tuple[str, ...]:
    return tuple(c for c in (text or "").split(",") if c)


def code_of(vocabulary: dict, text: str) -> str | None:
    """The code a typed word stands for: the code itself, either label, or a ledger synonym."""
    word = clean(text)
    if not word:
        return None
    if word in vocabulary:
        return word
    for code, labels in vocabulary.items():
        if word.lower() in (labels[0].lower(), labels[1]):
            return code
    code = SYNONYMS.get(word)
    if code in vocabulary:
        return code
    # '独居老人（女）' or '透析病人': a synonym inside a longer word.
    for synonym, code in sorted(SYNONYMS.items(), key=lambda kv: -len(kv[0])):
        if code in vocabulary and synonym in word:
            return code
    return None


def codes_from_text(vocabulary: dict, items) -> tuple[list[str], list[str]]:
    """(codes, words not understood) from a list of words or one text like '独居、买菜/买药'."""
    if isinstance(items, str):
        words = [items]
    else:
        words = [str(i) for i in items or ()]
    parts = [w for word in words for w in list_words(word) if clean(w)]
    codes, unknown = [], []
    for part in parts:
        code = code_of(vocabulary, part)
        (codes if code else unknown).append(code or clean(part))
    return sorted(set(codes)), unknown


# Words too loose to name a category inside a free note: 精神很好, 行动困难, 心理负担 are not
# 精神障碍, 低保困难, 心理疏导; 高龄 alone is not 空巢.
_LOOSE_IN_NOTES = {"精神", "困难", "心理", "高龄"}
# 非低保, 无残疾, 不是独居: the word denied.
_DENIED = re.compile("(?:非|无|不是|没有|未)$")


def categories_in_note(note: str | None) -> list[str]:
    """The care categories a person's note names (a ledger's 备注: '低保户，独居', '残疾人'),
    to suggest when the person is put on the care list. Only a suggestion: the clerk sees it."""
    text = clean(note or "")
    words = {labels[1]: code for code, labels in CATEGORY.items() if code != "other"}
    words.update({w: code for w, code in SYNONYMS.items() if code in CATEGORY and w not in _LOOSE_IN_NOTES})
    found = set()
    for word, code in words.items():
        if any(not _DENIED.search(text[:m.start()]) for m in re.finditer(re.escape(word), text)):
            found.add(code)
    return sorted(found)

