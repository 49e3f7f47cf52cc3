"""The policy schema: pydantic models for regulations, provisions, duties and catalogues.

Every model forbids unknown fields, so a misspelt key in a policy file is an error rather than
silently ignored data. Field descriptions are the schema's documentation: they are published in
the JSON Schema (``responsibility schema``) and in the generated reference pages.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Annotated, Any, Literal, Self

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints, model_validator
from pydantic import Strict as PydanticStrict

# Ids are lower-case ASCII so they are stable in URLs, file names and graph exports.
SLUG = r"^[a-z0-9]+(?:[-_.][a-z0-9]+)*$"
# Akoma Ntoso eId: `art_9`, `sec_1__subsec_2__item_3`, `preamble`.
EID = r"^[a-z]+(?:_[0-9a-z]+)?(?:__[a-z]+(?:_[0-9a-z]+)?)*$"
DUTY_REF = r"^[a-z0-9][a-z0-9-]*/[a-z0-9_]+/[a-z0-9][a-z0-9-]*$"

Slug = Annotated[str, StringConstraints(pattern=SLUG)]
Eid = Annotated[str, StringConstraints(pattern=EID)]
DutyRef = Annotated[str, StringConstraints(pattern=DUTY_REF)]
NonEmpty = Annotated[str, StringConstraints(min_length=1)]
# Values are not coerced: `local_addition: "yes"`, `cities: "12"` and `issued: "2017-03-09"` are
# errors, not True, 12 and a date (pydantic's lax mode would take all three).
Bool = Annotated[bool, PydanticStrict()]
Int = Annotated[int, PydanticStrict()]
Date = Annotated[dt.date, PydanticStrict()]


class Strict(BaseModel):
    """Base for every policy model: unknown fields are errors, values are not coerced silently."""

    # defer_build: schemas are built on first use, so a run that fails on YAML never pays for them
    model_config = ConfigDict(extra="forbid", frozen=False, populate_by_name=True, defer_build=True)

    # A loaded document shares one frozen set of given field names between its models (see
    # `compact`); a model that is changed or copied gets a set of its own first, so a change
    # never shows in another model.
    def __setattr__(self, name: str, value: Any) -> None:
        _own_fields_set(self)
        super().__setattr__(name, value)

    def __copy__(self) -> Self:
        copied = super().__copy__()
        _own_fields_set(copied)
        return copied

    def __deepcopy__(self, memo: dict[int, Any] | None = None) -> Self:
        copied = super().__deepcopy__(memo)
        _own_fields_set(copied)
        return copied


def _own_fields_set(m: BaseModel) -> None:
    fields = m.__pydantic_fields_set__
    if type(fields) is not set:
        object.__setattr__(m, "__pydantic_fields_set__", set(fields))


class SharedFieldSet(set[str]):
    """A set of given field names that several models hold (pydantic wants a `set`): it refuses
    to change, since a change would show in every model holding it. Models make their own copy
    before they change (``Strict.__setattr__``)."""

    __slots__ = ()

    def _refuse(self, *args: object, **kwargs: object) -> Any:
        raise TypeError("a shared set of field names does not change; the model copies it first")

    add = discard = remove = pop = clear = update = _refuse
    difference_update = intersection_update = symmetric_difference_update = _refuse
    __ior__ = __iand__ = __isub__ = __ixor__ = _refuse


class Shared:
    """What :func:`compact` shares between the documents of one load: equal strings and equal
    sets of given field names."""

    __slots__ = ("fields", "strings")

    def __init__(self) -> None:
        self.strings: dict[str, str] = {}
        self.fields: dict[frozenset[str], SharedFieldSet] = {}


def compact(doc: BaseModel, shared: Shared) -> None:
    """Make `doc`'s models share equal strings and field-name sets (with each other and with the
    documents compacted before with the same `shared`).

    A nationwide load holds tens of thousands of models: pydantic gives each its own set of the
    fields it was given (216 to 728 bytes, as much as the model) and its own copy of every string,
    though a county's text repeats its province's and a corpus has only some hundred distinct
    field sets. Values are unchanged; only equal objects become one.
    """
    strings, fields = shared.strings, shared.fields
    stack: list[BaseModel] = [doc]
    while stack:
        m = stack.pop()
        given = frozenset(m.__pydantic_fields_set__)
        one = fields.get(given)
        if one is None:
            one = fields[given] = SharedFieldSet(given)
        object.__setattr__(m, "__pydantic_fields_set__", one)
        values = m.__dict__
        for name, value in values.items():
            kind = type(value)
            if kind is str:
                values[name] = strings.setdefault(value, value)
            elif kind is list:
                for i, item in enumerate(value):
                    if type(item) is str:
                        value[i] = strings.setdefault(item, item)
                    elif isinstance(item, BaseModel):
                        stack.append(item)
            elif isinstance(value, BaseModel):
                stack.append(value)


class Text(Strict):
    """A bilingual label: the Chinese as the text gives it, and the project's English."""

    zh: NonEmpty = Field(description="Chinese, verbatim where it comes from a source text.")
    en: NonEmpty | None = Field(None, description="English rendering (see the glossary).")


class Level(StrEnum):
    """The tier of the state a body belongs to; `all` for 各级, `society` for non-state actors."""

    central = "central"
    province = "province"
    city = "city"
    county = "county"
    township = "township"
    village = "village"
    all = "all"
    society = "society"


LEVEL_ORDER: dict[Level, int] = {
    Level.central: 0,
    Level.province: 1,
    Level.city: 2,
    Level.county: 3,
    Level.township: 4,
    Level.village: 5,
}


class Responsibility(StrEnum):
    """How strongly an owner holds a duty (the kind of responsibility the text names)."""

    overall = "overall"  # 负总责
    principal = "principal"  # 主体责任
    first_responsible_person = "first-responsible-person"  # 第一责任人
    primary = "primary"  # 首要责任
    direct = "direct"  # 直接责任
    specific = "specific"  # 具体责任 / 具体实施
    assistance = "assistance"  # 帮扶责任
    lead = "lead"  # 牵头 / 统筹
    cooperating = "cooperating"  # 配合 / 参与
    supervisory = "supervisory"  # 监督 / 监督执纪问责
    leadership = "leadership"  # 领导责任 (when liability is pursued)
    general = "general"  # 负责 / the text names no kind


class Modality(StrEnum):
    """Deontic force: 应当/负责/要/必须, 积极/提倡/鼓励, 可以, 严禁/不得/禁止."""

    obligation = "obligation"
    recommendation = "recommendation"
    permission = "permission"
    prohibition = "prohibition"


MODALITY_STRENGTH: dict[Modality, int] = {
    Modality.permission: 0,
    Modality.recommendation: 1,
    Modality.obligation: 2,
    Modality.prohibition: 2,
}


class Frequency(StrEnum):
    """How often a duty recurs. `periodic` is 定期: regular, with the period unstated."""

    once = "once"
    annual = "annual"
    semiannual = "semiannual"
    quarterly = "quarterly"
    monthly = "monthly"
    weekly = "weekly"
    periodic = "periodic"
    continuous = "continuous"
    as_needed = "as-needed"


# Periods per year for frequencies that schedule artefacts; others expect none on a calendar.
PERIODS_PER_YEAR: dict[Frequency, int] = {
    Frequency.annual: 1,
    Frequency.semiannual: 2,
    Frequency.quarterly: 4,
    Frequency.monthly: 12,
    Frequency.weekly: 52,
}


class Action(StrEnum):
    """A small controlled vocabulary of what a duty makes its owner do; `object` says to what."""

    lead = "lead"  # 负总责 / 领导 / 抓
    coordinate = "coordinate"  # 统筹 / 协调
    formulate = "formulate"  # 制定 policies, plans, opinions
    implement = "implement"  # 组织实施 / 落实
    establish = "establish"  # 建立 / 健全 a mechanism, system, pool, platform
    sign = "sign"  # 签署 / 签订
    report = "report"  # 报告 / 上报
    fund = "fund"  # 投入 / 安排资金 / 调整支出结构
    integrate = "integrate"  # 整合 resources or funds
    allocate = "allocate"  # 分配 / 调配
    supervise = "supervise"  # 监督 / 督促 / 督查
    inspect = "inspect"  # 检查 / 巡查
    assess = "assess"  # 考核 / 评估
    audit = "audit"  # 审计
    guide = "guide"  # 指导
    publicise = "publicise"  # 宣传
    disclose = "disclose"  # 公开 / 公示
    register = "register"  # 建档立卡 / 录入
    review = "review"  # 审核
    approve = "approve"  # 审定 / 审批
    verify = "verify"  # 核实 / 验收
    propose = "propose"  # 提出 / 评议 / 申报
    record = "record"  # 记录 / 存档 / 填写
    manage = "manage"  # 管理
    ensure = "ensure"  # 确保 / 保持 / 保证
    mobilise = "mobilise"  # 动员 / 引导社会力量
    participate = "participate"  # 参与 / 支持
    assist = "assist"  # 帮扶
    train = "train"  # 培训
    commend = "commend"  # 表彰 / 奖励
    hold_accountable = "hold-accountable"  # 追究责任 / 问责 / 约谈
    investigate = "investigate"  # 整治 / 查处 / 预防 crime
    interpret = "interpret"  # 解释
    select = "select"  # 选派 / 选优配强
    build = "build"  # 建设 / 建强 (infrastructure, organisations)


class CounterpartyRole(StrEnum):
    """How another body stands to the owner of a duty."""

    reports_to = "reports-to"
    signs_with = "signs-with"
    approved_by = "approved-by"
    reviewed_by = "reviewed-by"
    assessed_by = "assessed-by"
    supervised_by = "supervised-by"
    beneficiary = "beneficiary"
    target = "target"  # the body the duty acts on: guided, inspected, assessed, assisted
    cooperates_with = "cooperates-with"


# Roles that carry accountability upwards, from owner to counterparty.
UPWARD_ROLES: frozenset[CounterpartyRole] = frozenset(
    {
        CounterpartyRole.reports_to,
        CounterpartyRole.signs_with,
        CounterpartyRole.approved_by,
        CounterpartyRole.reviewed_by,
        CounterpartyRole.assessed_by,
        CounterpartyRole.supervised_by,
    }
)


class Status(StrEnum):
    in_force = "in-force"
    draft = "draft"
    practice = "practice"  # a reported practice, not a regulation (e.g. a press feature)


class ParentStatus(StrEnum):
    """What a parent duty is to a local regulation that implements the parent's regulation."""

    implemented = "implemented"  # a local duty carries it out (directly or through another)
    not_implemented = "not-implemented"  # declined in not_implemented, with a reason
    missing = "missing"  # applies, yet neither carried out nor declined
    not_addressed = "not-addressed"  # every owner sits above the regulation's levels
    not_assessed = "not-assessed"  # the regulation is an excerpt; the duty may lie in the rest


class ActorKind(StrEnum):
    """`role` is a type of body (county government); `concrete` is one body at a place;
    `composite` stands for joint owners (党委和政府)."""

    role = "role"
    concrete = "concrete"
    composite = "composite"


class Owner(Strict):
    """An owner of a duty and the kind of responsibility it bears."""

    actor: Slug = Field(description="Actor id from the catalogue or the regulation's own actors.")
    responsibility: Responsibility = Field(
        Responsibility.general, description="Kind of responsibility (负总责 → overall …)."
    )
    zh: NonEmpty | None = Field(
        None, description="The owner's name as this text gives it, where it differs from the catalogue."
    )
    inferred: Bool = Field(
        False,
        description="True where the text names no such body here: the encoder attributed the duty "
        "to it (the note says why). Shown in 〔〕, never as the text's words; it then has no zh.",
    )


class Counterparty(Strict):
    """Another body the duty involves, and its role (reports to, signs with, …)."""

    role: CounterpartyRole
    actor: Slug
    zh: NonEmpty | None = Field(None, description="The name as this text gives it.")


class Duty(Strict):
    """One obligation (or permission, recommendation, prohibition) a provision creates."""

    id: Slug = Field(description="Unique within its provision; the full id is REG/PROVISION/DUTY.")
    summary: Text = Field(description="One line, bilingual, saying what the duty is.")
    owners: list[Owner] = Field(min_length=1)
    action: Action
    object: Text | None = Field(None, description="What the action applies to.")
    modality: Modality = Modality.obligation
    condition: Text | None = Field(None, description="Condition on the duty (有条件的…).")
    frequency: Frequency | None = Field(None, description="How often; null where the text is silent.")
    deadline: NonEmpty | None = Field(None, description="A due time the text gives (年初, 每季度末).")
    counterparties: list[Counterparty] = Field(default_factory=list)
    artefacts: list[Slug] = Field(default_factory=list, description="Artefact kinds it produces.")
    topics: list[Slug] = Field(default_factory=list)
    implements: list[DutyRef] = Field(
        default_factory=list, description="Full ids of parent duties this duty carries out."
    )
    local_addition: Bool = Field(
        False, description="True for a duty with no parent in the regulations it implements."
    )
    quote: NonEmpty = Field(description="Exact substring of the provision's text grounding the duty.")
    note: NonEmpty | None = Field(None, description="Ambiguities and encoding choices.")


class Provision(Strict):
    """The unit of citation: an article (第九条) or a numbered item (一(一)1)."""

    id: Eid = Field(description="Akoma Ntoso style eId: art_9, sec_1__subsec_2__item_3.")
    label: NonEmpty | None = Field(
        None, description="The label as printed (第九条, 1、); null for a preamble or a section body."
    )
    label_inferred: Bool = Field(
        False, description="True when the source prints no label and the label is inferred."
    )
    text: NonEmpty = Field(description="Verbatim text of the provision, without its label.")
    duties: list[Duty] = Field(default_factory=list)
    no_duty_reason: NonEmpty | None = Field(
        None, description="Why a provision assigns no duty (purpose, scope, effective date …)."
    )
    note: NonEmpty | None = None


class Division(Strict):
    """A chapter, section or subsection: a heading and what it contains, in printed order."""

    id: Eid
    label: NonEmpty | None = Field(None, description="As printed: 第一章, 一、, (一).")
    title: Text
    provisions: list[Provision] = Field(default_factory=list)
    divisions: list[Division] = Field(default_factory=list)


class CitedDocument(Strict):
    """A document the text cites that is not encoded in this library."""

    id: Slug
    title: Text
    number: NonEmpty | None = Field(None, description="Document number, e.g. 晋发〔2016〕23号.")
    issuer: Text | None = None
    parent: Bool = Field(False, description="True when this regulation implements it.")


class Mechanism(Strict):
    """A mechanism the text names but does not define (e.g. "4342"): recorded, not invented."""

    id: Slug
    name: Text
    defined: Bool = Field(False, description="Whether the text defines it.")
    note: NonEmpty | None = None


class NotImplemented(Strict):
    """A parent duty this regulation deliberately does not carry out, and why."""

    duty: DutyRef
    reason: NonEmpty


class CoverageKind(StrEnum):
    """How much of its text a regulation's encoding holds."""

    full = "full"  # the whole text
    excerpt = "excerpt"  # only the provisions listed in `received`


class Coverage(Strict):
    """Whether the encoding holds the whole text or only an excerpt of it.

    For an excerpt, parent duties the received provisions do not carry out are *not assessed*
    (未收录 not in the received text) rather than missing: the rest of the text may carry them out.
    """

    kind: CoverageKind = CoverageKind.full
    received: list[Eid] = Field(
        default_factory=list, description="For an excerpt: the provisions received, e.g. [art_1, art_2]."
    )
    note: NonEmpty | None = Field(
        None, description="Where the excerpt comes from, what is known of the rest."
    )

    @model_validator(mode="after")
    def _received_matches_kind(self) -> Coverage:
        if self.kind == CoverageKind.excerpt and not self.received:
            raise ValueError("an excerpt lists the provisions received in `received`")
        if self.kind == CoverageKind.full and self.received:
            raise ValueError("`received` is for an excerpt (kind: excerpt); a full text receives all")
        return self


class Scope(Strict):
    """Whom the regulation applies to, as the text states it."""

    text: Text
    cities: Int | None = Field(None, ge=0)
    counties: Int | None = Field(None, ge=0)
    note: NonEmpty | None = None


class Alias(Strict):
    """Another name a text gives a body (县政府 for 县级政府), with a provision that uses it: a
    name is looked up only as the texts write it, never invented."""

    zh: NonEmpty
    regulation: Slug = Field(description="The regulation whose text uses the name.")
    provision: NonEmpty = Field(description="The provision (its id) of that regulation that uses it.")
    quote: NonEmpty = Field(description="The words of the provision that use the name, verbatim.")


class Actor(Strict):
    """A body or role. Role types are per level; concrete actors are role types at a place."""

    id: Slug
    name: Text
    kind: ActorKind = ActorKind.role
    level: Level
    members: list[Slug] = Field(default_factory=list, description="For composites: the actors.")
    role: Slug | None = Field(None, description="For concrete actors: the role type it fills.")
    place: Slug | None = Field(None, description="For concrete actors: where it sits.")
    part_of: Slug | None = Field(None, description="The body it belongs to (an office of a group).")
    aliases: list[Alias] = Field(
        default_factory=list,
        description="Other names the texts use for it (县政府), each with the provision that uses "
        "it; the look-ups take them as they take the name.",
    )
    note: NonEmpty | None = None


class Place(Strict):
    """An administrative area: 中国 › 河北省 › 衡水市 › 武邑县."""

    id: Slug
    name: Text
    level: Level
    parent: Slug | None = None


class ArtefactKind(Strict):
    """A kind of document a duty produces: responsibility letter, progress report, plan …"""

    id: Slug
    name: Text
    satisfies: list[Slug] = Field(
        default_factory=list,
        description="Kinds an artefact of this kind also counts as (a rolling plan is an "
        "implementation plan); transitive, and a kind may not reach itself.",
    )
    note: NonEmpty | None = None


class Topic(Strict):
    id: Slug
    name: Text
    note: NonEmpty | None = None


class Regulation(Strict):
    """One regulation (or reported practice), one YAML file."""

    schema_: str | None = Field(None, alias="$schema", description="JSON Schema of this file.")
    kind: Literal["regulation"] = "regulation"
    id: Slug
    title: Text
    issuers: list[Slug] = Field(default_factory=list, description="Actor ids of the issuing bodies.")
    document_number: NonEmpty | None = None
    issued: Date | None = Field(None, description="Date of issue, where the text gives it.")
    effective: Date | None = Field(None, description="Date in force, where the text gives it.")
    effective_note: NonEmpty | None = Field(None, description="E.g. 'from issuance' (自印发之日).")
    status: Status = Status.in_force
    level: Level
    jurisdiction: Slug = Field(description="Place id the regulation governs.")
    scope: Scope | None = None
    coverage: Coverage | None = Field(
        None, description="Omitted for a full text; `kind: excerpt` with `received` for a part."
    )
    implements: list[Slug] = Field(default_factory=list, description="Regulations in this library.")
    cites: list[CitedDocument] = Field(default_factory=list)
    mechanisms: list[Mechanism] = Field(default_factory=list)
    not_implemented: list[NotImplemented] = Field(default_factory=list)
    source: NonEmpty | None = Field(None, description="Source text file beside this YAML.")
    heading: list[NonEmpty] = Field(
        default_factory=list, description="Lines printed before the body (title, issuance note)."
    )
    actors: list[Actor] = Field(default_factory=list, description="Actors of this regulation.")
    places: list[Place] = Field(default_factory=list)
    provisions: list[Provision] = Field(
        default_factory=list, description="Provisions outside any division (a preamble)."
    )
    divisions: list[Division] = Field(default_factory=list, description="Chapters, in order.")
    note: NonEmpty | None = None


class Catalogue(Strict):
    """Shared actors, places, artefact kinds and topics."""

    schema_: str | None = Field(None, alias="$schema")
    kind: Literal["catalogue"] = "catalogue"
    id: Slug
    actors: list[Actor] = Field(default_factory=list)
    places: list[Place] = Field(default_factory=list)
    artefact_kinds: list[ArtefactKind] = Field(default_factory=list)
    topics: list[Topic] = Field(default_factory=list)


def duty_ref(regulation: str, provision: str, duty: str) -> str:
    """The full, stable id of a duty."""
    return f"{regulation}/{provision}/{duty}"


def walk_provisions(reg: Regulation) -> list[tuple[Provision, Division | None]]:
    """Every provision in printed order with its innermost division (None for a preamble)."""
    out: list[tuple[Provision, Division | None]] = [(p, None) for p in reg.provisions]

    def visit(div: Division) -> None:
        out.extend((p, div) for p in div.provisions)
        for sub in div.divisions:
            visit(sub)

    for div in reg.divisions:
        visit(div)
    return out


# -- computable rules (a `kind: rules` document beside a regulation) ------------------------------
# Rules are kept out of the regulation's own file so that the encoding of the text stays a
# faithful transcription, and so that rules can be written (and reviewed) separately from it.


def _expression(value: str | None) -> str | None:
    """Reject an expression that does not parse, naming the column of the bad token."""
    if value is not None:
        from responsibility.core.expr import parse

        parse(value)
    return value


Expression = Annotated[NonEmpty, AfterValidator(_expression)]


class FactTable(StrEnum):
    """The tables of facts a rule reads (see ``docs/computable.md`` for their fields)."""

    fiscal = "fiscal"  # figures by place and year: revenue, poverty funds, 报账率 …
    assessments = "assessments"  # assessment results by place or unit and year
    personnel = "personnel"  # changes of post of leading cadres
    counties = "counties"  # poor-county status: listed, exited (摘帽)
    cases = "cases"  # exit case records: the steps taken, by whom, when
    households = "households"  # poor households (建档立卡贫困户): id, village
    pairings = "pairings"  # 结对帮扶: a 帮扶责任人 (cadre) paired with a household
    villages = "villages"  # poor villages (贫困村)
    teams = "teams"  # 驻村工作队 sent to a village, with its 第一书记


# -- the controlled vocabularies of facts -------------------------------------------------------------
# The one list of each: computable.facts reads a row's value against it (a value not in it is an
# F003, as a misspelt post or change would match no rule and turn a violation into a clean pass),
# and labels.FACT_VOCABULARY words each value for findings and hints.


class Post(StrEnum):
    """A personnel row's `post`."""

    party_secretary = "party-secretary"  # 党委书记
    county_head = "county-head"  # 县长
    deputy_county_head = "deputy-county-head"  # 副县长: recorded; the 不调离 rules cover the heads only


class Change(StrEnum):
    """A personnel row's `change` of post."""

    transfer = "transfer"
    promotion = "promotion"
    demotion = "demotion"
    removal = "removal"
    retirement = "retirement"
    death = "death"
    appointment = "appointment"


class Grade(StrEnum):
    """An assessment's `grade` (考核等次), and a first secretary's."""

    excellent = "excellent"
    good = "good"
    pass_ = "pass"
    failing = "failing"


class UnitKind(StrEnum):
    """An assessed unit's `unit_kind` (单位类别)."""

    county_department = "county-department"
    township = "township"


class Rounding(StrEnum):
    half_up = "half-up"  # 11.5 → 12, 11.4 → 11
    down = "down"  # never more than the share
    up = "up"  # never fewer than the share


class Ties(StrEnum):
    include = "include"  # everyone tied with the last place inside the cut is inside
    exclude = "exclude"  # everyone tied with the first place outside the cut is outside


class _RuleBase(Strict):
    id: Slug = Field(description="Unique within its rules document; the full id is REGULATION/RULE.")
    provisions: list[Eid] = Field(
        min_length=1, description="Provisions the rule computes; the first is the one cited first."
    )
    summary: Text = Field(description="What the rule requires, in one line.")
    quote: NonEmpty = Field(description="Exact substring of the first provision's text grounding the rule.")
    note: NonEmpty | None = Field(None, description="Readings of the text the rule depends on.")
    terms: dict[str, NonEmpty] = Field(
        default_factory=dict, description="Display names of facts in explanations (fact → label)."
    )
    percent: list[str] = Field(default_factory=list, description="Facts shown as percentages.")


class ConditionRule(_RuleBase):
    """A condition that must hold on every row of a fact table it applies to (quantities)."""

    kind: Literal["condition"]
    table: FactTable
    level: Level | None = Field(None, description="Only rows about places (or units) of this level.")
    applies: Expression | None = Field(None, description="Rows the rule applies to (default: all).")
    require: Expression = Field(description="The condition each row must satisfy.")


class RankingRule(_RuleBase):
    """The top share of a ranking is entitled to something (通报表扬); checked against a record."""

    kind: Literal["ranking"]
    table: Literal[FactTable.assessments] = FactTable.assessments
    level: Level | None = None
    applies: Expression | None = Field(None, description="Rows ranked (default: all).")
    score: Expression = Field(description="The score ranked, highest first.")
    share: Annotated[str, StringConstraints(pattern=r"^\d+(\.\d+)?%$")] = Field(
        description="Share at the top that is entitled, e.g. 20%."
    )
    rounding: Rounding = Field(Rounding.half_up, description="How share × number ranked becomes a count.")
    ties: Ties = Field(Ties.include, description="Who is inside when scores tie at the cut.")
    record: str | None = Field(
        None, description="Field recording the decision taken (commended: true); checked when present."
    )


class StreakRule(_RuleBase):
    """A condition holding in consecutive years gives an entitlement (连续三年优秀 → 优先提拔)."""

    kind: Literal["streak"]
    table: Literal[FactTable.assessments] = FactTable.assessments
    level: Level | None = None
    require: Expression = Field(description="The condition that must hold each year.")
    years: Int = Field(ge=2, description="How many consecutive years.")
    entitles: Text = Field(description="What the streak gives (晋升职务时优先考虑).")


class EventRule(_RuleBase):
    """Events of a kind are forbidden while a place is in a state (no reassignment before exit)."""

    kind: Literal["event"]
    table: Literal[FactTable.personnel] = FactTable.personnel
    applies: Expression = Field(description="Events the constraint concerns (post, change …).")
    forbid: Expression = Field(
        description="State in which such an event is a breach; reads poor_county, exited, exit_date."
    )


class Step(Strict):
    """One step of a procedure: what is done, by whom, and the words that require it."""

    id: Slug
    name: Text
    by: list[Slug] = Field(min_length=1, description="Actors who may take the step.")
    jointly: Bool = Field(False, description="True when all of `by` must take part (两委和工作队核实).")
    notice: Bool = Field(False, description="A public notice: the record must show it drew no objection.")
    provision: Eid | None = Field(
        None, description="The provision stating this step (default: the rule's first)."
    )
    quote: NonEmpty = Field(description="Exact substring of that provision's text.")


class ProcedureRule(_RuleBase):
    """Ordered steps with the approving body of each; exit case records are checked against them."""

    kind: Literal["procedure"]
    table: Literal[FactTable.cases] = FactTable.cases
    subject: Literal["household", "village", "county"] = Field(description="What exits.")
    steps: list[Step] = Field(min_length=1, description="In the order they must happen.")


class CoverageRule(_RuleBase):
    """Every poor subject has at least one record covering it (全覆盖): each poor household a
    帮扶责任人 in `pairings`, each poor village a 驻村工作队 in `teams`."""

    kind: Literal["coverage"]
    subject: Literal["household", "village"] = Field(
        description="household: `households` covered by `pairings`; village: `villages` covered by `teams`."
    )


Rule = Annotated[
    ConditionRule | RankingRule | StreakRule | EventRule | ProcedureRule | CoverageRule,
    Field(discriminator="kind"),
]


class RuleSet(Strict):
    """The computable rules of one regulation: `policies/<reg>/<reg>.rules.yaml`."""

    schema_: str | None = Field(None, alias="$schema", description="JSON Schema of this file.")
    kind: Literal["rules"] = "rules"
    regulation: Slug = Field(description="The regulation whose provisions these rules compute.")
    cite_as: NonEmpty = Field(description="Short name in findings: 武邑 in `武邑 一(一)4: …`.")
    rules: list[Rule] = Field(default_factory=list)

    @property
    def id(self) -> str:
        return self.regulation
