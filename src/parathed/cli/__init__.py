"""The ``parathed`` command: parses arguments, calls a service or core function, prints.

Each subcommand group lives in its own module here and is registered below.
"""

from __future__ import annotations

import click

from parathed.cli.accounts import log, totp, user
from parathed.cli.instrument import instrument
from parathed.cli.keyfigures import keyfigures
from parathed.cli.web import demo, links, report, serve


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="parathed")
def main() -> None:
    """parathed: readiness analyses of municipalities for Barnets lov."""


for command in (instrument, demo, links, report, serve, keyfigures, user, totp, log):
    main.add_command(command)
