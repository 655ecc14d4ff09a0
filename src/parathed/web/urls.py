"""The URLconf: staff pages, accounts and the respondent flow."""

from django.urls import include, path

urlpatterns = [
    path("", include("parathed.web.partnerships.urls")),
    path("konto/", include("parathed.web.accounts.urls")),
    path("", include("parathed.web.survey.urls")),
    path("partnerskaber/", include("parathed.web.survey.staff_urls")),
    path("partnerskaber/", include("parathed.web.survey.import_urls")),
    path("", include("parathed.web.fieldwork.urls")),
    path("", include("parathed.web.keyfigures.urls")),
    path("", include("parathed.web.reports.urls")),
]
