"""`tripwire`: the one entry point. Commands live in their own modules; this file only assembles them."""

from __future__ import annotations

import click

from streams.cli_push import push_command
from streams.cli_rules import rules_group, scan_command
from streams.cli_service import demo_command, publish_command, tail_command, worker_command


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="tripwire")
def main() -> None:
    """Tripwire: detect geopolitical escalation signals in news and alert on them."""


main.add_command(scan_command)
rules_group.add_command(push_command)  # here, not in cli_rules: cli_push imports its helpers
main.add_command(rules_group)
main.add_command(worker_command)
main.add_command(publish_command)
main.add_command(tail_command)
main.add_command(demo_command)


if __name__ == "__main__":
    main()
