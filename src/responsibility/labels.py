"""Bilingual labels for the schema's controlled vocabularies, shared by every face (the site, the
责任清单, tables), so one kind of responsibility or frequency reads the same everywhere."""

from __future__ import annotations

from .model import CounterpartyRole, Frequency, Modality, Responsibility

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
