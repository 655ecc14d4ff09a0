"""The demo's logins with a second factor: the published key lets a newcomer in."""

from __future__ import annotations

import time
from datetime import date

import pytest
from django.test import Client

from parathed.demo.generator import generate_partnership
from parathed.instrument.loader import load_instrument
from parathed.web.accounts import totp
from parathed.web.accounts.models import TotpDevice
from parathed.web.partnerships.demo import DEMO_PASSWORD, DEMO_TOTP_SECRET, demo_load


@pytest.mark.django_db
def test_demo_consultants_and_steering_group_use_the_published_key() -> None:
    instrument = load_instrument()
    generated = generate_partnership(
        instrument=instrument, municipalities=2, respondents=5, seed=1
    )
    demo_load(
        demo=generated, instrument_version=instrument.version, today=date(2026, 11, 23)
    )
    devices = TotpDevice.objects.select_related("user").order_by("user__username")
    assert [d.user.username for d in devices] == [
        "konsulent",
        "konsulent-2",
        "styregruppe",
    ]
    assert all(d.secret == DEMO_TOTP_SECRET and d.confirmed_at for d in devices)

    client = Client()
    step = client.post(
        "/konto/login/", {"username": "konsulent", "password": DEMO_PASSWORD}
    )
    assert step["Location"] == "/konto/login/kode/"
    code = totp.code_at(DEMO_TOTP_SECRET, time.time())
    assert client.post(step["Location"], {"code": code}).status_code == 302
    assert client.get("/partnerskaber/").status_code == 200
    # A municipal contact of the demo logs in with the password alone.
    contact = Client()
    code_101 = generated.municipalities[0].ref.code
    response = contact.post(
        "/konto/login/", {"username": f"kontakt-{code_101}", "password": DEMO_PASSWORD}
    )
    assert response["Location"] == "/"
