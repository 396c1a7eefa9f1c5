"""Coded values of the register and their labels, English (source) and Chinese (shipped).

Codes are stored; labels are shown. The window picks the label of its language; paper and
the command line use Chinese. One table, so a new code cannot miss its translation (a test
checks every entry has both).
"""

STATUS = {                      # the four colours of the battle map (作战图)
    "healthy": ("Healthy", "健康"),
    "home_isolation": ("Home isolation", "居家隔离"),
    "observation": ("Medical observation", "医学观察"),
    "away": ("Away", "外出"),
}
STATUS_COLOURS = {              # what the office's paper map uses
    "healthy": "#2e7d32", "home_isolation": "#c62828", "observation": "#ef8f00", "away": "#1565c0",
}


def status_colour(status: str | None) -> str:
    """A status's colour. One this version does not know (a newer machine's, come by sync) or
    none yet (a row whose insert has not arrived) is drawn in a neutral dark grey, never a crash."""
    return STATUS_COLOURS.get(status or "", "#616161")


RELATION = {
    "head": ("Head of household", "户主"),
    "spouse": ("Spouse", "配偶"),
    "child": ("Child", "子女"),
    "child_in_law": ("Child-in-law", "儿媳/女婿"),
    "grandchild": ("Grandchild", "孙子女"),
    "parent": ("Parent", "父母"),
    "grandparent": ("Grandparent", "祖父母"),
    "sibling": ("Sibling", "兄弟姐妹"),
    "tenant": ("Tenant", "租客"),
    "other": ("Other", "其他"),
}
RESIDENCE = {
    "registered": ("Registered here, lives here", "户籍人口"),
    "resident": ("Lives here, registered elsewhere", "常住人口（非户籍）"),
    "floating": ("Floating population", "流动人口"),
    "registered_away": ("Registered here, lives elsewhere", "人户分离（户在人不在）"),
}
TENURE = {
    "owned": ("Owner-occupied", "自有住房"),
    "rented": ("Rented", "租住"),
    "other": ("Other", "其他"),
}
ID_TYPE = {
    "resident_id": ("Resident ID card", "居民身份证"),
    "passport": ("Passport", "护照"),
    "hk_macao": ("HK/Macao travel permit", "港澳居民来往内地通行证"),
    "taiwan": ("Taiwan travel permit", "台湾居民来往大陆通行证"),
    "foreign_permanent": ("Foreign permanent residence ID", "外国人永久居留身份证"),
    "other": ("Other document", "其他证件"),
}
SEX = {"M": ("Male", "男"), "F": ("Female", "女")}
# The office's own kind (desktop.place_words: a village's words are 村, 村民, 村委会).
COMMUNITY_KIND = {
    "community": ("Community", "社区"),
    "village": ("Village", "村"),
}
COMPOUND_KIND = {
    "compound": ("Compound", "小区/院落"),
    "village_group": ("Village group", "村民小组"),
}
# An account's role (desktop.accounts.roles; its messages use the Chinese).
ROLE = {
    "admin": ("Administrator", "管理员"),
    "staff": ("Staff", "工作人员"),
    "gate": ("Gate volunteer", "卡口值守"),
}

VOCABULARIES = {"status": STATUS, "relation": RELATION, "residence": RESIDENCE, "tenure": TENURE,
                "id_type": ID_TYPE, "sex": SEX, "compound_kind": COMPOUND_KIND,
                "community_kind": COMMUNITY_KIND, "role": ROLE}


def zh(vocabulary: dict, code: str | None) -> str:
    return vocabulary.get(code or "", ("", code or ""))[1]


def en(vocabulary: dict, code: str | None) -> str:
    return vocabulary.get(code or "", (code or "", ""))[0]
