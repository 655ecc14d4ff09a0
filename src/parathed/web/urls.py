"""The URLconf: staff pages, accounts and the respondent flow."""

from django.urls import include, path

urlpatterns = [
    path("", include("parathed.web.partnerships.urls")),
    path("konto/", include("parathed.web.accounts.urls")),
    path("", include("parathed.web.survey.urls")),
    path("", include("parathed.web.reports.urls")),
]
