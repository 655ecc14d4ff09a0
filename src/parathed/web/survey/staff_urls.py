"""URLs of the staff side of collection: rounds, links, invitations, response rates."""

from django.urls import path

from parathed.web.survey import staff_views as views

app_name = "links"
urlpatterns = [
    path("<slug:slug>/maaling/", views.RoundManageView.as_view(), name="round-manage"),
    path(
        "<slug:slug>/maaling/ny/", views.RoundCreateView.as_view(), name="round-create"
    ),
    path(
        "<slug:slug>/maaling/luk/", views.RoundCloseView.as_view(), name="round-close"
    ),
    path(
        "<slug:slug>/maaling/links/udsted/",
        views.LinksIssueView.as_view(),
        name="links-issue",
    ),
    path(
        "<slug:slug>/maaling/links/<int:link_id>/luk/",
        views.LinkActionView.as_view(action="close"),
        name="link-close",
    ),
    path(
        "<slug:slug>/maaling/links/<int:link_id>/genaabn/",
        views.LinkActionView.as_view(action="reopen"),
        name="link-reopen",
    ),
    path(
        "<slug:slug>/maaling/links/<int:link_id>/forny/",
        views.LinkActionView.as_view(action="rotate"),
        name="link-rotate",
    ),
    path(
        "<slug:slug>/svarprocent/",
        views.PartnershipRatesView.as_view(),
        name="partnership-rates",
    ),
    path(
        "<slug:slug>/kommuner/<str:code>/svarprocent/",
        views.MunicipalityRatesView.as_view(),
        name="municipality-rates",
    ),
    path(
        "<slug:slug>/kommuner/<str:code>/invitationer/",
        views.InvitationsPrintView.as_view(),
        name="invitations-print",
    ),
]
