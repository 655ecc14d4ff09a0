"""The respondent flow: open a link, start, answer page by page, submit once.

The token is traded for a session on the first hop and never appears in a URL again.
Every page change saves on the server. A draft is found again without the session
through a resume cookie: a random key, httpOnly, scoped to ``/besvar/``, whose digest
is all the database keeps. So a timed-out session or a closed browser loses nothing.
"""

from __future__ import annotations

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views import View

from parathed.instrument.loader import load_published
from parathed.instrument.schema import ROLE_LABELS_DA, Role
from parathed.web.survey.forms import DONT_KNOW, PageForm, RoleForm, radio_options
from parathed.web.survey.models import Response, SurveyLink
from parathed.web.survey.pages import Page, questionnaire_pages
from parathed.web.survey.selectors import (
    draft_by_resume_key,
    draft_for_respondent,
    link_for_respondent,
    saved_answers,
    saved_page_answers,
)
from parathed.web.survey.services import (
    IncompleteResponseError,
    SurveyClosedError,
    link_is_usable,
    response_resume_key_issue,
    response_save_page,
    response_start,
    response_submit,
)

SESSION_LINK = "survey_link_id"
SESSION_RESPONSE = "survey_response_id"
SESSION_RESUME = "survey_resume"  # set by the link: jump to the page last saved
RESUME_COOKIE = "parathed_survey_resume"
RESUME_COOKIE_PATH = "/besvar/"
RESUME_COOKIE_AGE = 120 * 24 * 60 * 60  # longer than any collection round


def _closed(request: HttpRequest) -> HttpResponse:
    return render(request, "survey/closed.html", status=410)


def _unknown(request: HttpRequest) -> HttpResponse:
    return render(request, "survey/unknown_link.html", status=404)


def _page_url(number: int) -> str:
    if number < 1:
        return reverse("survey:respond")
    return reverse("survey:page", kwargs={"number": number})


def _set_resume_cookie(response: HttpResponse, key: str) -> None:
    response.set_cookie(
        RESUME_COOKIE,
        key,
        max_age=RESUME_COOKIE_AGE,
        path=RESUME_COOKIE_PATH,
        secure=settings.SESSION_COOKIE_SECURE,
        httponly=True,
        samesite="Lax",
    )


def _forget_resume_cookie(response: HttpResponse) -> None:
    response.delete_cookie(RESUME_COOKIE, path=RESUME_COOKIE_PATH, samesite="Lax")


class LinkOpenView(View):
    """Trades the token in the URL for a session, then drops the token from the URL."""

    def get(self, request: HttpRequest, token: str) -> HttpResponse:
        link = SurveyLink.objects.select_related("round").filter(token=token).first()
        if link is None:
            return _unknown(request)
        if not link_is_usable(link):
            return _closed(request)
        if request.session.get(SESSION_LINK) != link.pk:
            request.session.cycle_key()
            request.session[SESSION_LINK] = link.pk
            request.session.pop(SESSION_RESPONSE, None)
        request.session[SESSION_RESUME] = True
        return redirect("survey:respond")


class _RespondentView(View):
    """Finds the link and draft from the session, or from the resume cookie."""

    def gate(
        self, request: HttpRequest
    ) -> HttpResponse | tuple[SurveyLink, Response | None]:
        """Returns the page to show instead, or the link and its response so far."""
        link_id = request.session.get(SESSION_LINK)
        response_id = request.session.get(SESSION_RESPONSE)
        if response_id is None:
            draft = draft_by_resume_key(key=request.COOKIES.get(RESUME_COOKIE, ""))
            if draft is not None and link_id in (None, draft.link_id):
                link_id, response_id = draft.link_id, draft.pk
                request.session[SESSION_LINK] = link_id
                request.session[SESSION_RESPONSE] = response_id
        if link_id is None:
            return _unknown(request)
        response = (
            draft_for_respondent(response_id=response_id, link_id=link_id)
            if response_id is not None
            else None
        )
        link = response.link if response else link_for_respondent(link_id=link_id)
        if link is None:
            return _unknown(request)
        if response is not None and response.status == Response.Status.SUBMITTED:
            return redirect("survey:done")
        if not link_is_usable(link):
            return _closed(request)
        return link, response


class StartView(_RespondentView):
    """The first page: what is stored and who sees it, and the role where needed."""

    def _render(
        self,
        request: HttpRequest,
        link: SurveyLink,
        response: Response | None,
        form: RoleForm | None,
        status: int = 200,
    ) -> HttpResponse:
        role = Role(response.role if response else link.role or Role.MEDARBEJDER)
        pages = questionnaire_pages(load_published(link.round.instrument_version), role)
        return render(
            request,
            "survey/start.html",
            {
                "link": link,
                "response": response,
                "form": form,
                "role_options": radio_options(form["role"]) if form else None,
                "page_count": len(pages),
                "role_label": ROLE_LABELS_DA[role],
            },
            status=status,
        )

    def get(self, request: HttpRequest) -> HttpResponse:
        gate = self.gate(request)
        if isinstance(gate, HttpResponse):
            return gate
        link, response = gate
        resume = request.session.pop(SESSION_RESUME, False)
        if response is not None and resume and response.page >= 1:
            return redirect(_page_url(response.page))
        form = RoleForm() if response is None and not link.role else None
        return self._render(request, link, response, form)

    def post(self, request: HttpRequest) -> HttpResponse:
        gate = self.gate(request)
        if isinstance(gate, HttpResponse):
            return gate
        link, response = gate
        if response is not None:
            return redirect(_page_url(max(response.page, 1)))
        if link.role:
            role = Role(link.role)
        else:
            form = RoleForm(request.POST)
            if not form.is_valid():
                return self._render(request, link, None, form, status=400)
            role = Role(form.cleaned_data["role"])
        try:
            started = response_start(link=link, role=role, today=timezone.localdate())
        except SurveyClosedError:
            return _closed(request)
        request.session[SESSION_RESPONSE] = started.pk
        redirect_to = redirect(_page_url(1))
        _set_resume_cookie(
            redirect_to, response_resume_key_issue(response_id=started.pk)
        )
        return redirect_to


def _first_incomplete(pages: tuple[Page, ...], answered: set[str]) -> int | None:
    for page in pages:
        if any(item.id not in answered for item in page.items):
            return page.number
    return None


class PageView(_RespondentView):
    """One page of statements and open questions; every change is saved."""

    def _pages(self, response: Response) -> tuple[Page, ...]:
        instrument = load_published(response.instrument_version)
        return questionnaire_pages(instrument, Role(response.role))

    def _render(
        self,
        request: HttpRequest,
        link: SurveyLink,
        pages: tuple[Page, ...],
        form: PageForm,
        status: int = 200,
    ) -> HttpResponse:
        return render(
            request,
            "survey/page.html",
            {
                "link": link,
                "page": form.page,
                "page_count": len(pages),
                "is_last": form.page.number == len(pages),
                "form": form,
                "percent": round(100 * (form.page.number - 1) / len(pages)),
            },
            status=status,
        )

    def _resolve(
        self, request: HttpRequest, number: int
    ) -> HttpResponse | tuple[SurveyLink, Response, tuple[Page, ...], Page]:
        gate = self.gate(request)
        if isinstance(gate, HttpResponse):
            return gate
        link, response = gate
        if response is None:
            return redirect("survey:respond")
        pages = self._pages(response)
        if not 1 <= number <= len(pages):
            raise Http404
        return link, response, pages, pages[number - 1]

    def get(self, request: HttpRequest, number: int) -> HttpResponse:
        resolved = self._resolve(request, number)
        if isinstance(resolved, HttpResponse):
            return resolved
        link, response, pages, page = resolved
        answers, texts = saved_page_answers(response_id=response.pk)
        incomplete = _first_incomplete(pages, set(answers))
        if incomplete is not None and incomplete < number:
            return redirect(_page_url(incomplete))
        initial: dict[str, str] = {
            item.id: DONT_KNOW if answers[item.id] is None else str(answers[item.id])
            for item in page.items
            if item.id in answers
        }
        initial |= texts
        return self._render(request, link, pages, PageForm(page=page, initial=initial))

    def post(self, request: HttpRequest, number: int) -> HttpResponse:
        resolved = self._resolve(request, number)
        if isinstance(resolved, HttpResponse):
            return resolved
        link, response, pages, page = resolved
        action = request.POST.get("action", "next")
        forward = action != "back"
        form = PageForm(request.POST, page=page, require_all=forward)
        valid = form.is_valid()
        target = number + 1 if forward else number - 1
        answers, open_answers = form.valid_answers(), form.valid_open_answers()
        if valid and target > len(pages):
            return self._submit(request, response, pages, answers, open_answers)
        try:
            saved = response_save_page(
                response_id=response.pk,
                answers=answers,
                open_answers=open_answers,
                page=max(target, 1) if valid else number,
            )
        except SurveyClosedError:
            return _closed(request)
        if not saved:
            return redirect("survey:done")
        if not valid:
            return self._render(request, link, pages, form, status=400)
        return redirect(_page_url(target))

    def _submit(
        self,
        request: HttpRequest,
        response: Response,
        pages: tuple[Page, ...],
        answers: dict[str, int | None],
        open_answers: dict[str, str],
    ) -> HttpResponse:
        """Stores the last page and submits in one transaction; on a gap, saves the
        page and goes to the gap."""
        try:
            response_submit(
                response_id=response.pk,
                answers=answers,
                open_answers=open_answers,
                today=timezone.localdate(),
            )
        except SurveyClosedError:
            return _closed(request)
        except IncompleteResponseError:
            response_save_page(
                response_id=response.pk,
                answers=answers,
                open_answers=open_answers,
                page=len(pages),
            )
            answered = set(saved_answers(response_id=response.pk))
            return redirect(_page_url(_first_incomplete(pages, answered) or 1))
        done = redirect("survey:done")
        _forget_resume_cookie(done)
        return done


class DoneView(View):
    """The completion page; shown again on any repeat of the submit."""

    def get(self, request: HttpRequest) -> HttpResponse:
        response_id = request.session.get(SESSION_RESPONSE)
        submitted = (
            response_id is not None
            and Response.objects.filter(
                pk=response_id, status=Response.Status.SUBMITTED
            ).exists()
        )
        if not submitted:
            return redirect("survey:respond")
        page = render(request, "survey/done.html")
        _forget_resume_cookie(page)
        return page
