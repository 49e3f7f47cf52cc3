"""Bilingual labels for the schema's controlled vocabularies, shared by every face (the site, the
责任清单, tables), so one kind of responsibility or frequency reads the same everywhere."""

from __future__ import annotations

from typing import Any

from responsibility.core.wording import plural
from responsibility.policy.model import (
    Action,
    ActorKind,
    Change,
    CounterpartyRole,
    Frequency,
    Grade,
    Level,
    Modality,
    ParentStatus,
    Post,
    Responsibility,
    Status,
    UnitKind,
)

RESPONSIBILITY_LABEL: dict[Responsibility, tuple[str, str]] = {
    Responsibility.overall: ("负总责", "overall"),
    Responsibility.principal: ("主体责任", "principal"),
    Responsibility.first_responsible_person: ("第一责任人", "first responsible person"),
    Responsibility.primary: ("首要责任", "primary"),
    Responsibility.direct: ("直接责任", "direct"),
    Responsibility.specific: ("具体责任", "specific"),
    Responsibility.assistance: ("帮扶责任", "assistance"),
    Responsibility.lead: ("牵头", "lead"),
    Responsibility.cooperating: ("配合", "cooperating"),
    Responsibility.supervisory: ("监督责任", "supervisory"),
    Responsibility.leadership: ("领导责任", "leadership"),
    Responsibility.general: ("负责", "general"),
}
MODALITY_LABEL: dict[Modality, tuple[str, str]] = {
    Modality.obligation: ("应当", "obligation"),
    Modality.recommendation: ("鼓励", "recommendation"),
    Modality.permission: ("可以", "permission"),
    Modality.prohibition: ("不得", "prohibition"),
}
FREQUENCY_LABEL: dict[Frequency, tuple[str, str]] = {
    Frequency.once: ("一次", "once"),
    Frequency.annual: ("每年", "annual"),
    Frequency.semiannual: ("每半年", "semiannual"),
    Frequency.quarterly: ("每季度", "quarterly"),
    Frequency.monthly: ("每月", "monthly"),
    Frequency.weekly: ("每周", "weekly"),
    Frequency.periodic: ("定期", "periodic"),
    Frequency.continuous: ("长期", "continuous"),
    Frequency.as_needed: ("及时/根据需要", "as needed"),
}
ROLE_LABEL: dict[CounterpartyRole, tuple[str, str]] = {
    CounterpartyRole.reports_to: ("报告", "reports to"),
    CounterpartyRole.signs_with: ("签署", "signs with"),
    CounterpartyRole.approved_by: ("审批", "approved by"),
    CounterpartyRole.reviewed_by: ("审核", "reviewed by"),
    CounterpartyRole.assessed_by: ("考核", "assessed by"),
    CounterpartyRole.supervised_by: ("监督", "supervised by"),
    CounterpartyRole.beneficiary: ("受益", "beneficiary"),
    CounterpartyRole.target: ("对象", "acts on"),
    CounterpartyRole.cooperates_with: ("配合", "cooperates with"),
}
LEVEL_LABEL: dict[Level, tuple[str, str]] = {
    Level.central: ("中央", "central"),
    Level.province: ("省级", "province"),
    Level.city: ("市级", "city"),
    Level.county: ("县级", "county"),
    Level.township: ("乡级", "township"),
    Level.village: ("村级", "village"),
    Level.all: ("各级", "all levels"),
    Level.society: ("社会", "society"),
}
# What a parent duty is to a local regulation (semantics.parent_status), as check, trace and the
# site name it.
STATUS_LABEL: dict[ParentStatus, tuple[str, str]] = {
    ParentStatus.implemented: ("已落实", "implemented"),
    ParentStatus.not_implemented: ("说明未实施", "declined with a reason"),
    ParentStatus.missing: ("缺失", "missing"),
    ParentStatus.not_addressed: ("不适用", "not addressed to this level"),
    ParentStatus.not_assessed: ("未收录", "not in the received text"),
}


ACTOR_KIND_LABEL: dict[ActorKind, tuple[str, str]] = {
    ActorKind.role: ("角色（一类机构）", "role: a type of body"),
    ActorKind.concrete: ("具体机构", "concrete body"),
    ActorKind.composite: ("联合主体", "joint owners"),
}
REGULATION_STATUS_LABEL: dict[Status, tuple[str, str]] = {
    Status.in_force: ("现行有效", "in force"),
    Status.draft: ("讨论稿", "draft"),
    Status.practice: ("经验做法", "reported practice"),
}
# What a duty makes its owner do; the Chinese verbs are those model.Action glosses.
ACTION_LABEL: dict[Action, tuple[str, str]] = {
    Action.lead: ("领导", "lead"),
    Action.coordinate: ("统筹协调", "coordinate"),
    Action.formulate: ("制定", "formulate"),
    Action.implement: ("组织实施", "implement"),
    Action.establish: ("建立健全", "establish"),
    Action.sign: ("签署", "sign"),
    Action.report: ("报告", "report"),
    Action.fund: ("投入资金", "fund"),
    Action.integrate: ("整合", "integrate"),
    Action.allocate: ("分配", "allocate"),
    Action.supervise: ("监督", "supervise"),
    Action.inspect: ("检查", "inspect"),
    Action.assess: ("考核", "assess"),
    Action.audit: ("审计", "audit"),
    Action.guide: ("指导", "guide"),
    Action.publicise: ("宣传", "publicise"),
    Action.disclose: ("公开公示", "disclose"),
    Action.register: ("建档立卡", "register"),
    Action.review: ("审核", "review"),
    Action.approve: ("审定", "approve"),
    Action.verify: ("核实验收", "verify"),
    Action.propose: ("提出", "propose"),
    Action.record: ("记录存档", "record"),
    Action.manage: ("管理", "manage"),
    Action.ensure: ("确保", "ensure"),
    Action.mobilise: ("动员", "mobilise"),
    Action.participate: ("参与", "participate"),
    Action.assist: ("帮扶", "assist"),
    Action.train: ("培训", "train"),
    Action.commend: ("表彰奖励", "commend"),
    Action.hold_accountable: ("追究责任", "hold accountable"),
    Action.investigate: ("查处", "investigate"),
    Action.interpret: ("解释", "interpret"),
    Action.select: ("选派", "select"),
    Action.build: ("建设", "build"),
}
# The fields queries.compare reports as changed, named for a reader.
FIELD_LABEL: dict[str, tuple[str, str]] = {
    "owners": ("责任主体", "owners"),
    "responsibility": ("责任类型", "kind of responsibility"),
    "modality": ("约束力", "modality"),
    "frequency": ("频次", "frequency"),
    "artefacts": ("需形成材料", "artefacts"),
}
# A line of a chain in words, lower + before + upper + after: 县级政府接受市级党委和政府考核.
CHAIN_PHRASE: dict[str, tuple[str, str]] = {
    CounterpartyRole.reports_to.value: ("向", "报告"),
    CounterpartyRole.signs_with.value: ("与", "签署责任书"),
    CounterpartyRole.approved_by.value: ("报", "审批"),
    CounterpartyRole.reviewed_by.value: ("报", "审核"),
    CounterpartyRole.assessed_by.value: ("接受", "考核"),
    CounterpartyRole.supervised_by.value: ("接受", "监督"),
    CounterpartyRole.cooperates_with.value: ("配合", ""),
    "part-of": ("隶属于", ""),
}
# Fields of the policy files that encoders' notes mention, named as a reader knows them.
SCHEMA_FIELD_LABEL: dict[str, str] = {
    "cites": "引用文件",
    "implements": "实施的上级规定",
    "issuers": "印发机关",
    "issued": "印发日期",
    "effective": "施行日期",
    "document_number": "文号",
    "mechanisms": "所提机制",
    "parent": "上级文件",
    "not_implemented": "未实施的上级职责",
    "local_addition": "地方新增",
    "counterparties": "对象",
    "artefacts": "需形成材料",
    "owners": "责任主体",
    "frequency": "频次",
    "deadline": "时限",
    "quote": "原文",
}

# The controlled vocabulary of each policy field, for errors that teach the schema: a value
# written in Chinese (modality: 应当) is named with the value it means (obligation).
FIELD_VOCABULARY: dict[str, dict[Any, tuple[str, str]]] = {
    "action": ACTION_LABEL,
    "modality": MODALITY_LABEL,
    "frequency": FREQUENCY_LABEL,
    "responsibility": RESPONSIBILITY_LABEL,
    "role": ROLE_LABEL,
    "level": LEVEL_LABEL,
    "status": REGULATION_STATUS_LABEL,
}


# Other words the texts use for a value, as the writing guide reads them (its Modality and
# Frequency lines; tests/test_schema_hints.py keeps the guide and this table in step).
WRITTEN_AS: dict[str, dict[str, tuple[str, ...]]] = {
    "modality": {
        Modality.obligation: ("应当", "负责", "要", "必须", "确保"),
        Modality.recommendation: ("积极", "提倡", "鼓励", "力争"),
        Modality.permission: ("可以",),
        Modality.prohibition: ("严禁", "不得", "禁止"),
    },
    "frequency": {
        Frequency.annual: ("每年",),
        Frequency.quarterly: ("每季度",),
        Frequency.periodic: ("定期",),
        Frequency.weekly: ("周例会",),
        Frequency.as_needed: ("及时", "根据需要", "不定期"),
    },
}


def value_for(field: str, written: object) -> tuple[str, str] | None:
    """The schema value (and its Chinese label) that `written` means in `field`, when it is that
    value's Chinese label or one of its alternatives (及时/根据需要), else None."""
    table = FIELD_VOCABULARY.get(field)
    if table is None or not isinstance(written, str) or not written.strip():
        return None
    text = written.strip()
    for value, (zh, _) in table.items():
        if text == zh or text in zh.split("/") or text in WRITTEN_AS.get(field, {}).get(value, ()):
            return str(value), zh
    # a shorter or longer form of exactly one label (建立 for 建立健全, 每年报告 for 每年)
    near = [(str(v), zh) for v, (zh, _) in table.items() if text in zh or zh in text]
    return near[0] if len(near) == 1 else None


def vocabulary_hint(field: str) -> str | None:
    """`obligation (应当), recommendation (鼓励), …`: the allowed values with their Chinese."""
    table = FIELD_VOCABULARY.get(field)
    if table is None:
        return None
    return ", ".join(f"{value} ({zh})" for value, (zh, _) in table.items())


# -- labels the text does not print ------------------------------------------------------------
# A provision's label that its source does not print — the paragraph number of a reported
# practice (〔第11段〕), a preamble (〔序言〕), an item number inferred from the sequence (二、〔3〕) —
# is shown in 六角括号 〔〕, as editors of Chinese texts mark what they supply, so a reader never
# takes it for the text's own words. policyset.citations marks it, and every face shows the
# citation it makes; the README's "Notation" explains the convention once. No printed label holds
# these brackets (tests/test_inferred_labels.py keeps it so), so the mark cannot be misread.
INFERRED_MARK: tuple[str, str] = ("〔", "〕")
# What the mark means, for a tooltip (the site) or a legend: 原文未印 (not printed in the source).
INFERRED_NOTE: tuple[str, str] = ("原文未印此编号，系推定", "not printed in the source: inferred")
# The same mark on a body the text does not name at that provision (Owner.inferred): 〔省级党委和政府〕.
INFERRED_OWNER_NOTE: tuple[str, str] = (
    "原文未写明责任主体，系推定",
    "the text names no such body here: inferred",
)


def inferred(label: str) -> str:
    """`label` marked as not printed in the text: 第11段 → 〔第11段〕."""
    return f"{INFERRED_MARK[0]}{label}{INFERRED_MARK[1]}"


def unmarked(citation: str) -> str:
    """A citation without the marks of :func:`inferred` (〔第11段〕 → 第11段): what a person types."""
    return citation.replace(INFERRED_MARK[0], "").replace(INFERRED_MARK[1], "")


def inferred_runs(citation: str) -> list[tuple[str, bool]]:
    """`citation` cut into runs, each with whether it is an inferred label (marks included):
    二、〔3〕 → [("二、", False), ("〔3〕", True)]; for a face that shows the mark's meaning."""
    out: list[tuple[str, bool]] = []
    rest = citation
    while rest:
        start = rest.find(INFERRED_MARK[0])
        end = rest.find(INFERRED_MARK[1], start + 1) if start >= 0 else -1
        if start < 0 or end < 0:
            out.append((rest, False))
            break
        if start:
            out.append((rest[:start], False))
        out.append((rest[start : end + 1], True))
        rest = rest[end + 1 :]
    return out


# -- the faces' words ---------------------------------------------------------------------------
# Every table, JSON label and 责任清单 names things from the tables above and below, in the
# language asked for (`--lang`): index 0 of each pair is Chinese, 1 English.

LANGUAGES = ("zh", "en")

# Where a duty or a link comes from (queries.Basis): the regulation's own text, or a parent
# regulation or a role type the body fills.
BASIS_LABEL: dict[str, tuple[str, str]] = {
    "stated": ("本级规定", "stated"),
    "inherited": ("承接", "inherited"),
    # a chain's link from a regulation in force over the line's area that the line's own
    # regulation does not name as its parent (the central measure, in 麻江's line)
    "governing": ("上级规定", "governing"),
    # a chain's link from a parent duty that a regulation of the line lists as not implemented
    # and none restates: the parent binds all the same, and the reader sees it is not restated
    "declined": ("上级规定（本级未承接）", "governing (not restated here)"),
}
# A link of a chain, read from its lower end to its upper one: 向…报告, 接受…考核 (CHAIN_PHRASE's
# words around the upper body), "reports to", "assessed by"; or an office's place in its body.
_ROLE_EN: dict[str, str] = {role.value: en for role, (_, en) in ROLE_LABEL.items()}
RELATION_LABEL: dict[str, tuple[str, str]] = {
    **{role.value: label for role, label in ROLE_LABEL.items()},
    **{
        relation: (f"{before}…{after}" if after else before, _ROLE_EN.get(relation, "part of"))
        for relation, (before, after) in CHAIN_PHRASE.items()
    },
}
# Column headers and headings of the command-line tables (FIELD_LABEL's fields included).
COLUMN_LABEL: dict[str, tuple[str, str]] = {
    **FIELD_LABEL,
    "article": ("条款", "article"),
    "duty": ("职责", "duty"),
    "owner": ("责任主体", "owner"),
    "members": ("成员/所属机构", "members / instances"),
    "basis": ("来源", "basis"),
    "condition": ("条件", "condition"),
    "depth": ("层次", "depth"),
    "lower": ("下级", "lower"),
    "relation": ("关系", "relation"),
    "upper": ("上级", "upper"),
    "regulation": ("规定", "regulation"),
    "level": ("层级", "level"),
    "status": ("状态", "status"),
    "duties / reason": ("职责/理由", "duties / reason"),
    "topic": ("主题", "topic"),
    "name": ("名称", "name"),
    "id": ("标识", "id"),
    "zh": ("中文名称", "Chinese name"),
    "en": ("英文名称", "English name"),
    "kind": ("类别", "kind"),
    "place": ("所在地", "place"),
    "parent": ("上级地区", "parent"),
    "duties": ("职责数", "duties"),
    "satisfies": ("可作为", "satisfies"),
    "upward": ("向上", "upward"),
    "downward": ("向下", "downward"),
    "top": ("顶端", "top"),
    "none": ("(无)", "(none)"),
    # a chain's line: the bodies filling the role asked about there, under whose names its
    # links are shown; a body whose place lies outside the line's area; the lines with no link
    "bodies in line": ("本规定线中的具体机构", "bodies filling it in this line"),
    "outside line": ("不在本规定线的地域内", "outside this line's area"),
    "lines without link": ("以下规定线中无链接", "no link in these lines"),
    "unchanged": ("未变", "unchanged"),
    "no topic": ("(无主题)", "(no topic)"),
    "per level": ("各层级责任主体的职责数", "duties per owner level"),
}
# Things counted in sentences: a Chinese measure word and noun, an English noun (its plural made
# by core.wording.plural).
COUNT_LABEL: dict[str, tuple[str, str]] = {
    "duty": ("项职责", "duty"),
    "pair": ("组对应职责", "counterpart pair"),
}

# -- facts (check --facts, responsibility test) --------------------------------------------------
# The facts the shipped rules read, named as the texts and the office's tables name them, for a
# finding that says which fact is missing (R002). docs/computable.md gives the same words in its
# table of facts (tests/test_r002_distinct.py keeps the two in step).
FACT_LABEL: dict[str, tuple[str, str]] = {
    "general_budget_revenue": ("一般公共预算收入", "general budget revenue"),
    "special_poverty_funds": ("县本级专项扶贫投入", "county special poverty funds"),
    "fiscal_poverty_funds": ("财政扶贫投入", "fiscal poverty funds"),
    "reimbursement_rate": ("报账率", "reimbursement rate"),
    "reimbursement_rate_minimum": ("省考核验收最低要求", "provincial minimum"),
    "score": ("考核得分", "assessment score"),
    "grade": ("考核等次", "assessment grade"),
    "commended": ("通报表扬", "commended"),
    "unit_kind": ("单位类别", "kind of unit"),
    "poverty_weight": ("脱贫攻坚实绩占比", "weight of poverty alleviation results"),
    "first_secretary_grade": ("第一书记考核等次", "first secretary's grade"),
}
# The values of a `personnel` row, for a finding that says who moved and how (R001, R002 of the
# 不摘帽不调离 rules). 党委书记, not 县委书记: a row may be at any level, and its place is named
# beside it. docs/computable.md's table of facts gives the same words.
POST_LABEL: dict[Post, tuple[str, str]] = {
    Post.party_secretary: ("党委书记", "Party secretary"),
    Post.county_head: ("县长", "county head"),
    Post.deputy_county_head: ("副县长", "deputy county head"),
}
CHANGE_LABEL: dict[Change, tuple[str, str]] = {
    Change.transfer: ("调动", "transfer"),
    Change.promotion: ("提拔", "promotion"),
    Change.demotion: ("降职", "demotion"),
    Change.removal: ("免职", "removal"),
    Change.retirement: ("退休", "retirement"),
    Change.death: ("去世", "death"),
    Change.appointment: ("任职", "appointment"),
}
GRADE_LABEL: dict[Grade, tuple[str, str]] = {
    Grade.excellent: ("优秀", "excellent"),
    Grade.good: ("良好", "good"),
    Grade.pass_: ("合格", "pass"),
    Grade.failing: ("不合格", "failing"),
}
UNIT_KIND_LABEL: dict[UnitKind, tuple[str, str]] = {
    UnitKind.county_department: ("县直部门", "county department"),
    UnitKind.township: ("乡镇", "township"),
}
# The facts fields of a controlled vocabulary, with the words of each value: a value written in
# Chinese (post: 县长) is named in the hint with the value it means.
FACT_VOCABULARY: dict[str, dict[Any, tuple[str, str]]] = {
    "post": POST_LABEL,
    "change": CHANGE_LABEL,
    "grade": GRADE_LABEL,
    "first_secretary_grade": GRADE_LABEL,
    "unit_kind": UNIT_KIND_LABEL,
}

# -- registers (responsibility registers check) ------------------------------------------------------
# What a register check finds in an exit case or a coverage table, as a county's office says it.
REGISTER_FINDING_LABEL: dict[str, tuple[str, str]] = {
    "missing-step": ("缺少步骤", "missing step"),
    "out-of-order": ("顺序颠倒", "steps out of order"),
    "wrong-body": ("办理主体不符", "taken by the wrong body"),
    "notice-objection": ("公示有异议", "notice drew objections"),
    "notice-unrecorded": ("公示结果未记录", "notice outcome not recorded"),
    "unknown-step": ("程序外步骤", "step not in the procedure"),
    "not-covered": ("未覆盖", "not covered"),
}
# The rules a register is checked against, by kind and subject: 贫困户退出 (the procedure),
# 帮扶责任人全覆盖 (甘肃 第二十八条's words).
REGISTER_RULE_LABEL: dict[str, tuple[str, str]] = {
    "procedure/household": ("贫困户退出", "household exit"),
    "procedure/village": ("贫困村退出", "village exit"),
    "procedure/county": ("贫困县退出", "county exit"),
    "coverage/household": ("帮扶责任人全覆盖", "a 帮扶责任人 for every poor household"),
    "coverage/village": ("驻村工作队全覆盖", "a 驻村工作队 for every poor village"),
}
# The subjects of a register's rows, counted: 300 件 (exit cases), 200 户, 160 个村.
REGISTER_UNIT_LABEL: dict[str, tuple[str, str]] = {
    "exits": ("件", "case"),
    "households": ("户", "household"),
    "villages": ("个村", "village"),
    "rows": ("条", "record"),
}
# What is not covered: the subject of a coverage rule, and what would cover it.
REGISTER_SUBJECT_LABEL: dict[str, tuple[str, str]] = {
    "household": ("贫困户", "poor household"),
    "village": ("贫困村", "poor village"),
}


def say(table: dict[Any, tuple[str, str]], value: object, lang: str = "zh") -> str:
    """`value` of a controlled vocabulary as `table` labels it in `lang` (the value itself, as
    written, when the table has no label for it)."""
    i = LANGUAGES.index(lang)
    for key, pair in table.items():
        if key == value or str(key) == str(value):
            return pair[i]
    return str(value)


def in_lang(zh: str | None, en: str | None, lang: str = "zh") -> str:
    """A bilingual text in `lang`; when the encoding has none in that language, the other one
    marked with its language ([en] …, [zh] …), so a reader sees it is not a translation."""
    first, other, mark = (zh, en, "en") if lang == "zh" else (en, zh, "zh")
    if first:
        return first
    return f"[{mark}] {other}" if other else ""


def count(n: int, noun: str, lang: str = "zh") -> str:
    """3 项职责 / 3 duties (1 duty): a count in words."""
    zh, en = COUNT_LABEL[noun]
    return f"{n} {zh}" if lang == "zh" else plural(n, en)
