"""Forms of fieldwork: the case screening, case label and plan, interviews, coding.

Free-text fields pass the CPR guard in ``clean``. A refused note or interview note is
not an error that loses the page: the field is emptied (the text is neither shown
again nor stored), its refusal is kept in ``refusals``, and the rest is saved.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django import forms
from django.http import QueryDict
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from parathed.analysis.agreement import check_applies, count_met
from parathed.analysis.date_rules import evaluate_date_rule
from parathed.instrument.schema import (
    CHECK_STATUS_LABELS_DA,
    ROLE_LABELS_DA,
    CaseCheck,
    CheckAnswerType,
    CheckStatus,
    Instrument,
    Role,
    Theme,
)
from parathed.web.fieldwork.guard import cpr_refusal, label_problem
from parathed.web.fieldwork.models import (
    INTERVIEW_NOTES_MAX,
    NOTE_MAX,
    PARAPHRASE_MAX,
    CaseScreening,
    CheckAnswer,
)
from parathed.web.fieldwork.services import AGE_BANDS, AnswerInput, CaseFacts

DATE_FORMATS = ["%Y-%m-%d", "%d-%m-%Y", "%d.%m.%Y", "%d/%m/%Y"]
MONTHS = (
    _("January"),
    _("February"),
    _("March"),
    _("April"),
    _("May"),
    _("June"),
    _("July"),
    _("August"),
    _("September"),
    _("October"),
    _("November"),
    _("December"),
)
# How the key dates are grouped on the form (presentation only; an unknown fact in a
# later instrument version lands in the last group).
FACT_GROUPS = (
    (
        _("Start and investigation"),
        (
            "awareness_date",
            "notification_received",
            "assessment_24h_date",
            "screening_date",
            "bfu_started_date",
            "bfu_finished_date",
            "preliminary_assessment_date",
        ),
    ),
    (
        _("Decision, support and follow-up"),
        (
            "child_conversation_date",
            "decision_date",
            "support_start_date",
            "placement_date",
            "first_followup_date",
            "plan_date",
            "plan_updated_date",
        ),
    ),
    (_("Transition to adulthood"), ("post18_plan_date", "transition_decision_date")),
)
OTHER_FACTS = _("Other dates")
FIRST_FACTS = ("review_date",)
NO_DATE_FACTS = ("birth_date",)  # kept as year and month only


def _date_field(label: str, help_text: str = "") -> forms.DateField:
    return forms.DateField(
        label=label,
        help_text=help_text,
        required=False,
        input_formats=DATE_FORMATS,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": _("Enter a date such as 2026-03-31.")},
    )


class GuardedForm(forms.Form):
    """A form that refuses CPR-shaped numbers in any raw input before other checks.

    Every posted text is checked first, so no later error message or re-rendered
    field can show it. A refused field is emptied and its Danish refusal kept in
    ``refusals``. A field in ``soft_fields`` (an optional note) does not stop the
    rest from being saved; any other refused field is an error of the form.
    """

    soft_fields: frozenset[str] = frozenset()

    def guard(self, places: dict[str, str] | None = None) -> None:
        """Checks the raw input of every field; ``places`` names some in Danish."""
        self.refusals: dict[str, str] = {}
        if not self.is_bound:
            return
        for name, field in self.fields.items():
            raw = self.data.get(name)
            if not isinstance(raw, str):
                continue
            where = (places or {}).get(name) or gettext("The field “%(label)s”") % {
                "label": field.label
            }
            refusal = cpr_refusal(raw, where=where)
            if refusal is not None:
                self.refusals[name] = refusal
                self.forget(name)

    def forget(self, name: str) -> None:
        """Empties the raw input of ``name``, so the page never shows it again."""
        source = self.data
        if isinstance(source, QueryDict):
            mutable = source.copy()
        else:
            mutable = QueryDict(mutable=True)
            mutable.update(source)
        mutable[name] = ""
        self.data = mutable

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        for name, refusal in self.refusals.items():
            if name in self.soft_fields:
                cleaned[name] = None
                continue
            self.errors.pop(name, None)  # e.g. "required" after emptying
            self.add_error(name, refusal)
        return cleaned

    def soft_refusals(self) -> list[tuple[str, str]]:
        """(field name, refusal) of optional notes, which did not stop the saving."""
        return [(n, r) for n, r in self.refusals.items() if n in self.soft_fields]


@dataclass(frozen=True)
class CheckRow:
    """One check on the form, with its fields and the computed outcome."""

    check: CaseCheck
    law: str
    status: forms.BoundField
    count: forms.BoundField | None
    note: forms.BoundField
    computed: str  # the Danish sentence of a date or count rule; "" for STATUS
    computed_met: bool | None
    rule_facts: tuple[str, ...]  # titles of the two dates a date rule reads
    refusal: str


@dataclass(frozen=True)
class CheckGroup:
    """The checks of one theme."""

    theme: Theme
    rows: tuple[CheckRow, ...]


def _status_choices(check: CaseCheck) -> list[tuple[str, str]]:
    labels = CHECK_STATUS_LABELS_DA
    if check.answer_type is CheckAnswerType.STATUS:
        return [(s.value, labels[s]) for s in CheckStatus]
    first = (
        gettext("Computed from the dates")
        if check.answer_type is CheckAnswerType.DATE
        else gettext("Counted (enter the number)")
    )
    return [
        ("", first),
        (CheckStatus.NOT_RELEVANT.value, labels[CheckStatus.NOT_RELEVANT]),
        (CheckStatus.NOT_DOCUMENTED.value, labels[CheckStatus.NOT_DOCUMENTED]),
    ]


def count_sentence(check: CaseCheck, count: int | None) -> str:
    """Returns the Danish sentence of a COUNT check ("3 — højst 1 (ikke opfyldt)")."""
    parts = []
    if check.count_min is not None:
        parts.append(gettext("at least %(n)s") % {"n": check.count_min})
    if check.count_max is not None:
        parts.append(gettext("at most %(n)s") % {"n": check.count_max})
    limit = gettext("the norm is %(limit)s") % {"limit": " og ".join(parts)}
    refs = ", ".join(ref.label() for ref in check.law_refs)
    if count is None:
        return gettext("Enter the number — %(limit)s, %(refs)s") % {
            "limit": limit,
            "refs": refs,
        }
    verdict = gettext("met") if count_met(check, count) else gettext("not met")
    return gettext("%(count)s — %(limit)s, %(refs)s (%(verdict)s)") % {
        "count": count,
        "limit": limit,
        "refs": refs,
        "verdict": verdict,
    }


class CaseScreeningForm(GuardedForm):
    """Case facts first, then every check that applies to the saved kinds of case."""

    def __init__(
        self,
        *args: Any,
        instrument: Instrument,
        screening: CaseScreening,
        stored: dict[str, CheckAnswer],
        dates: dict[str, date],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.instrument = instrument
        self.screening = screening
        self.dates = dates
        self.fields["age_band"] = forms.ChoiceField(
            label=_("Age of the child"),
            choices=[(b, gettext("%(band)s years") % {"band": b}) for b in AGE_BANDS],
            widget=forms.RadioSelect,
            required=False,
            initial=screening.age_band,
        )
        self.fields["kinds"] = forms.MultipleChoiceField(
            label=_("Kind of case (tick all that apply)"),
            choices=[(k.code, k.title) for k in instrument.case_kinds],
            widget=forms.CheckboxSelectMultiple,
            required=False,
            initial=list(screening.kinds),
        )
        self.fields["birth_year"] = forms.IntegerField(
            label=_("Year of birth"),
            min_value=1990,
            max_value=2100,
            required=False,
            initial=screening.birth_year,
            widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
        )
        self.fields["birth_month"] = forms.TypedChoiceField(
            label=_("Month of birth"),
            choices=[("", "—")] + [(str(n), m) for n, m in enumerate(MONTHS, 1)],
            coerce=int,
            empty_value=None,
            required=False,
            initial=screening.birth_month,
        )
        self.fact_titles = {f.name: f.title for f in instrument.case_facts}
        for fact in instrument.case_facts:
            if fact.derived or fact.name in NO_DATE_FACTS:
                continue
            self.fields[f"date__{fact.name}"] = _date_field(
                fact.title, fact.description
            )
            self.fields[f"date__{fact.name}"].initial = dates.get(fact.name)
        # No checks before the kind of case is saved: which apply depends on it.
        self.checks = tuple(
            c
            for c in instrument.case_checks
            if screening.kinds and check_applies(c, screening.kinds)
        )
        for check in self.checks:
            answer = stored.get(check.id)
            self.fields[f"status__{check.id}"] = forms.ChoiceField(
                label=check.text,
                choices=_status_choices(check),
                widget=forms.RadioSelect,
                required=False,
                initial=answer.status if answer else "",
            )
            if check.answer_type is CheckAnswerType.COUNT:
                self.fields[f"count__{check.id}"] = forms.IntegerField(
                    label=_("Number"),
                    min_value=0,
                    max_value=99,
                    required=False,
                    initial=answer.count if answer else None,
                )
            self.fields[f"note__{check.id}"] = forms.CharField(
                label=_("Evidence note (optional, no names or CPR numbers)"),
                max_length=NOTE_MAX,
                required=False,
                initial=answer.note if answer else "",
                widget=forms.TextInput(
                    attrs={
                        "autocomplete": "off",
                        "placeholder": _(
                            "Where in the case file, and why (no names or CPR numbers)"
                        ),
                    }
                ),
            )
        self.soft_fields = frozenset(f"note__{c.id}" for c in self.checks)
        self.guard(
            {
                f"note__{c.id}": gettext("The evidence note of %(check)s")
                % {"check": c.id}
                for c in self.checks
            }
        )

    def facts(self) -> CaseFacts:
        """Returns the cleaned case facts."""
        data = self.cleaned_data
        return CaseFacts(
            age_band=data["age_band"] or "",
            kinds=tuple(data["kinds"]),
            birth_year=data["birth_year"],
            birth_month=data["birth_month"],
            dates={
                name.removeprefix("date__"): value
                for name, value in data.items()
                if name.startswith("date__") and value is not None
            },
        )

    def answers(self) -> dict[str, AnswerInput]:
        """Returns the answers; a refused note is None (the stored one stays)."""
        data = self.cleaned_data
        return {
            check.id: AnswerInput(
                status=CheckStatus(data[f"status__{check.id}"])
                if data[f"status__{check.id}"]
                else None,
                count=data.get(f"count__{check.id}"),
                note=data[f"note__{check.id}"],
            )
            for check in self.checks
        }

    def _needed_facts(self) -> set[str] | None:
        """Facts the applicable checks' date rules read; None before kinds are set."""
        if not self.checks:
            return None
        needed = set(FIRST_FACTS)
        for check in self.checks:
            if check.rule is not None:
                needed |= {check.rule.start, check.rule.end}
        return needed

    def _shown(self, fact: str) -> bool:
        needed = self._needed_facts()
        name = f"date__{fact}"
        return needed is None or fact in needed or bool(self[name].value())

    def fact_groups(self) -> list[tuple[str, list[forms.BoundField]]]:
        """Returns the date fields the case's checks use, in their groups."""
        names = [n for n in self.fields if n.startswith("date__")]
        placed = {f"date__{f}" for _, facts in FACT_GROUPS for f in facts}
        placed |= {f"date__{f}" for f in FIRST_FACTS}
        groups = [
            (
                str(title),
                [
                    self[f"date__{f}"]
                    for f in facts
                    if f"date__{f}" in names and self._shown(f)
                ],
            )
            for title, facts in FACT_GROUPS
        ]
        rest = [
            self[n]
            for n in names
            if n not in placed and self._shown(n.removeprefix("date__"))
        ]
        if rest:
            groups.append((str(OTHER_FACTS), rest))
        return [(title, fields) for title, fields in groups if fields]

    def optional_facts(self) -> list[forms.BoundField]:
        """Returns the empty date fields no applicable check reads (shown folded)."""
        return [
            self[n]
            for n in self.fields
            if n.startswith("date__")
            and n.removeprefix("date__") not in FIRST_FACTS
            and not self._shown(n.removeprefix("date__"))
        ]

    def birth_shown(self) -> bool:
        """Whether year and month of birth belong in the open part of the form."""
        needed = self._needed_facts()
        return (
            needed is None
            or bool({"age_17_5_date", "age_18_date"} & needed)
            or self.screening.birth_year is not None
        )

    def first_facts(self) -> list[forms.BoundField]:
        """Returns the facts shown before the groups (the date of the review)."""
        return [self[f"date__{f}"] for f in FIRST_FACTS if f"date__{f}" in self.fields]

    def check_groups(self, stored: dict[str, CheckAnswer]) -> list[CheckGroup]:
        """Returns the applicable checks by theme, with computed outcomes."""
        groups = []
        for theme in sorted(self.instrument.themes, key=lambda t: t.order):
            rows = []
            for check in (c for c in self.checks if c.theme == theme.code):
                computed, met = "", None
                facts: tuple[str, ...] = ()
                if check.rule is not None:
                    outcome = evaluate_date_rule(check.rule, self.dates)
                    computed, met = outcome.explain(check), outcome.met
                    facts = tuple(
                        self.fact_titles.get(n, n)
                        for n in (check.rule.start, check.rule.end)
                    )
                elif check.answer_type is CheckAnswerType.COUNT:
                    answer = stored.get(check.id)
                    count = answer.count if answer else None
                    computed = count_sentence(check, count)
                    met = None if count is None else count_met(check, count)
                rows.append(
                    CheckRow(
                        check=check,
                        law=", ".join(r.label() for r in check.law_refs),
                        status=self[f"status__{check.id}"],
                        count=self[f"count__{check.id}"]
                        if check.answer_type is CheckAnswerType.COUNT
                        else None,
                        note=self[f"note__{check.id}"],
                        computed=computed,
                        computed_met=met,
                        rule_facts=facts,
                        refusal=self.refusals.get(f"note__{check.id}", ""),
                    )
                )
            if rows:
                groups.append(CheckGroup(theme=theme, rows=tuple(rows)))
        return groups


class CaseLabelForm(GuardedForm):
    """Starts a screening: the case's pseudonymous label."""

    label = forms.CharField(
        label=_("Case label"),
        help_text=_(
            "A short pseudonym such as “Sag A” or “Sag 3”. Never the child's name, "
            "initials or CPR number: keep the key to the case in the municipality."
        ),
        widget=forms.TextInput(attrs={"autocomplete": "off", "size": 12}),
        error_messages={"required": _("Enter a label for the case.")},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.guard({"label": gettext("The case label")})

    def clean_label(self) -> str:
        label = " ".join(str(self.cleaned_data["label"]).split())
        problem = label_problem(label)
        if problem is not None:
            self.forget("label")  # it may be a name: not shown again
            raise forms.ValidationError(problem)
        return label


class CasePlanForm(GuardedForm):
    """How many cases the municipality's screening covers."""

    planned_cases = forms.IntegerField(
        label=_("Number of cases to screen"), min_value=1, max_value=30
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.guard()


ROLE_CHOICES = [(role.value, ROLE_LABELS_DA[role]) for role in Role]


class InterviewForm(GuardedForm):
    """An interview record: date, roles present, head count; optional notes."""

    soft_fields = frozenset({"notes"})

    held_on = forms.DateField(
        label=_("Date of the interview"),
        input_formats=DATE_FORMATS,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={
            "required": _("Enter the date of the interview."),
            "invalid": _("Enter a date such as 2026-03-31."),
        },
    )
    roles = forms.MultipleChoiceField(
        label=_("Roles present"),
        choices=ROLE_CHOICES,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Tick at least one role.")},
    )
    participants = forms.IntegerField(
        label=_("Number of participants (no names)"),
        min_value=1,
        max_value=50,
        error_messages={"required": _("Enter the number of participants.")},
    )
    notes = forms.CharField(
        label=_("Notes (optional; no names or CPR numbers)"),
        required=False,
        max_length=INTERVIEW_NOTES_MAX,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.guard({"notes": gettext("The interview notes")})

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        roles, participants = cleaned.get("roles"), cleaned.get("participants")
        if roles and participants is not None and participants < len(roles):
            self.add_error(
                "participants",
                gettext("There are fewer participants than roles present."),
            )
        return cleaned


class StatementForm(GuardedForm):
    """One coded statement: who said it, theme, strength or challenge, needs."""

    def __init__(
        self, *args: Any, instrument: Instrument, roles: list[str], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        valences = instrument.coding.valences if instrument.coding else ()
        self.fields["role"] = forms.ChoiceField(
            label=_("Said by"),
            choices=[(r, ROLE_LABELS_DA[Role(r)]) for r in roles],
            widget=forms.RadioSelect,
            error_messages={"required": _("Choose who said it.")},
            initial=roles[0] if len(roles) == 1 else None,
        )
        self.fields["theme"] = forms.ChoiceField(
            label=_("Theme"),
            choices=[("", "—")] + [(t.code, t.title) for t in instrument.themes],
            error_messages={"required": _("Choose a theme.")},
        )
        self.fields["valence"] = forms.ChoiceField(
            label=_("Strength or challenge"),
            choices=[(v.code, v.title) for v in valences],
            widget=forms.RadioSelect,
            error_messages={"required": _("Choose strength or challenge.")},
        )
        self.fields["development_needs"] = forms.MultipleChoiceField(
            label=_("Development needs"),
            choices=[(n.code, n.title) for n in instrument.development_needs],
            widget=forms.CheckboxSelectMultiple,
            required=False,
        )
        self.fields["paraphrase"] = forms.CharField(
            label=_("Short paraphrase (optional; never shown in partnership outputs)"),
            required=False,
            max_length=PARAPHRASE_MAX,
            widget=forms.TextInput(attrs={"autocomplete": "off"}),
        )
        self.guard({"paraphrase": gettext("The paraphrase")})
