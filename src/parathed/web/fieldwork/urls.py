"""URLs of fieldwork: cases, agreement, interviews and coverage per municipality."""

from django.urls import path

from parathed.web.fieldwork import views

app_name = "fieldwork"
MUNICIPALITY = "partnerskaber/<slug:slug>/kommuner/<str:code>/"
urlpatterns = [
    path(MUNICIPALITY + "sager/", views.CaseListView.as_view(), name="case-list"),
    path(
        MUNICIPALITY + "sager/<int:screening_id>/",
        views.CaseEditView.as_view(),
        name="case-edit",
    ),
    path(
        MUNICIPALITY + "sager/<int:screening_id>/enighed/",
        views.CaseAgreementView.as_view(),
        name="case-agreement",
    ),
    path(
        MUNICIPALITY + "interviews/",
        views.InterviewListView.as_view(),
        name="interview-list",
    ),
    path(
        MUNICIPALITY + "interviews/<int:interview_id>/",
        views.InterviewDetailView.as_view(),
        name="interview-detail",
    ),
    path(
        MUNICIPALITY + "interviews/daekning/",
        views.CoverageView.as_view(),
        name="interview-coverage",
    ),
    path(
        "partnerskaber/<slug:slug>/feltarbejde/log/",
        views.AccessLogView.as_view(),
        name="access-log",
    ),
]
