"""``netraven simulate``: run simulated SSH devices in the foreground."""

from __future__ import annotations

import asyncio
import errno
import signal
import sys
import warnings
from collections.abc import Callable

import click

from ..simulator import FAULTS, Simulator, known_profiles
from ..simulator.configgen import DEFAULT_CONFIG_SIZE
from ..simulator.variants import VARIANTS
from ._background import fork_until_ready


def _parse_assignments(values: tuple[str, ...], count: int, known: tuple[str, ...],
                       option: str) -> list[tuple[str, int]]:
    """``NAME:INDEX[,INDEX...]`` values as (name, index) pairs, checked."""
    pairs: list[tuple[str, int]] = []
    for value in values:
        name, sep, indexes = value.partition(":")
        if not sep or name not in known or not indexes:
            raise click.BadParameter(
                f"{value!r}: expected NAME:INDEX[,INDEX...] with NAME one of {', '.join(known)}",
                param_hint=option)
        for item in indexes.split(","):
            try:
                index = int(item)
            except ValueError:
                raise click.BadParameter(f"{value!r}: {item!r} is not a device index",
                                         param_hint=option) from None
            if not 0 <= index < count:
                raise click.BadParameter(f"{value!r}: index {index} is outside 0..{count - 1}",
                                         param_hint=option)
            pairs.append((name, index))
    return pairs


def _parse_faults(values: tuple[str, ...], count: int) -> dict[int, str]:
    return {index: mode for mode, index in _parse_assignments(values, count, FAULTS, "--fault")}


def _parse_variants(values: tuple[str, ...], count: int) -> dict[int, set[str]]:
    variants: dict[int, set[str]] = {}
    for name, index in _parse_assignments(values, count, VARIANTS, "--variant"):
        variants.setdefault(index, set()).add(name)
    return variants


def _parse_telnet(value: str | None, count: int) -> dict[int, str]:
    if not value:
        return {}
    return {index: "telnet" for _n, index in _parse_assignments((f"telnet:{value}",), count,
                                                                ("telnet",), "--telnet")}


def _parse_indexes(value: str | None, count: int, option: str) -> list[int] | None:
    if value is None:
        return None
    return [index for _n, index in _parse_assignments((f"devices:{value}",), count, ("devices",), option)]


def _parse_platforms(value: str | None) -> list[str] | None:
    if not value:
        return None
    names = [p.strip() for p in value.split(",") if p.strip()]
    known = known_profiles()
    unknown = [p for p in names if p not in known]
    if unknown or not names:
        raise click.BadParameter(f"unknown platform(s) {', '.join(unknown) or value!r}; "
                                 f"known: {', '.join(known)}", param_hint="--platforms")
    return names


@click.command("simulate")
@click.option("--count", type=click.IntRange(min=1), required=True, help="Number of devices.")
@click.option("--platforms", help="Comma-separated platforms, assigned round-robin (default: all).")
@click.option("--base-port", type=click.IntRange(0, 65535), default=23000, show_default=True,
              help="Device i listens on BASE_PORT + i (0: any free ports).")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--config-dir", type=click.Path(file_okay=False), help="Serve DIR/<hostname>.cfg when present.")
@click.option("--inventory-out", type=click.Path(dir_okay=False), help="Write a YAML inventory here.")
@click.option("--fault", "faults", multiple=True, metavar="MODE:INDEX[,INDEX...]",
              help=f"Fault mode for some devices; modes: {', '.join(FAULTS)}.")
@click.option("--telnet", "telnet", metavar="INDEX[,INDEX...]",
              help="Serve these devices over telnet instead of SSH (platforms that offer it).")
@click.option("--variant", "variants", multiple=True, metavar="NAME:INDEX[,INDEX...]",
              help=f"Real-device quirks for some devices (several per device allowed); "
                   f"variants: {', '.join(VARIANTS)}.")
@click.option("--config-size", type=click.IntRange(min=0), default=DEFAULT_CONFIG_SIZE, show_default=True,
              help="Approximate size in bytes of generated configurations.")
@click.option("--host-key", "host_key", type=click.Path(dir_okay=False),
              help="Host key file (default ~/.cache/netraven/simulator_host_key).")
@click.option("--seed", type=int, default=0, show_default=True, help="Seed of the generated configurations.")
@click.option("--password-env", help="Write the password into the inventory as ${VAR} instead.")
@click.option("--drift-interval", type=click.FloatRange(min=0), default=0, show_default=True,
              metavar="SECONDS",
              help="Every SECONDS, the drifting devices change their configuration (a description, "
                   "an ACL line, a VLAN); 0: never.")
@click.option("--drift-devices", metavar="INDEX[,INDEX...]",
              help="Which devices drift (default: every other one, 0, 2, 4...).")
@click.option("--response-delay", type=click.FloatRange(min=0), default=0, show_default=True,
              metavar="SECONDS",
              help="Every device waits SECONDS before answering a backup command, as a real one "
                   "does while it builds its configuration.")
@click.option("--background", is_flag=True,
              help="Return once the devices listen (printing the ready line and the pid to stop) "
                   "and keep serving in the background.")
def simulate(count: int, platforms: str | None, base_port: int, host: str, config_dir: str | None,
             inventory_out: str | None, faults: tuple[str, ...], telnet: str | None,
             variants: tuple[str, ...],
             config_size: int, host_key: str | None,
             seed: int, password_env: str | None, drift_interval: float, drift_devices: str | None,
             response_delay: float, background: bool) -> None:
    """Run COUNT simulated SSH devices until interrupted (login admin / sim-password,
    enable secret sim-enable).  Prints a line containing "ready" once listening.

    Device i listens on BASE_PORT + i; when a port is taken, pick other ports with --base-port
    (0: any free ports, written to --inventory-out)."""
    if base_port and base_port + count - 1 > 65535:
        raise click.BadParameter(f"ports {base_port}..{base_port + count - 1} exceed 65535",
                                 param_hint="--base-port")
    try:
        sim = Simulator(count, _parse_platforms(platforms), base_port=base_port, config_dir=config_dir,
                        faults=_parse_faults(faults, count), host_key_path=host_key,
                        config_size=config_size, seed=seed, host=host,
                        variants={i: frozenset(v) for i, v in _parse_variants(variants, count).items()},
                        transports=_parse_telnet(telnet, count), drift_interval=drift_interval or None,
                        drift_devices=_parse_indexes(drift_devices, count, "--drift-devices"),
                        response_delay=response_delay)
    except ValueError as exc:  # a variant or transport the device's platform does not have
        raise click.BadParameter(str(exc), param_hint="--variant/--telnet") from None
    warnings.filterwarnings("ignore", module=r"asyncssh\..*")
    announce = fork_until_ready() if background else _echo
    try:
        asyncio.run(_serve(sim, inventory_out, password_env, announce))
    except OSError as exc:
        hint = (f" (another program uses a port of {base_port}-{base_port + count - 1}? "
                "choose other ports with --base-port, or --base-port 0 for any free ones)"
                if base_port and exc.errno in (errno.EADDRINUSE, errno.EACCES) else "")
        click.echo(f"error: {exc}{hint}", err=True)
        sys.exit(1)


def _echo(line: str) -> None:
    click.echo(line)
    sys.stdout.flush()


async def _serve(sim: Simulator, inventory_out: str | None, password_env: str | None,
                 announce: Callable[[str], None]) -> None:
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop.set)
    await sim.start()
    try:
        if inventory_out:
            sim.write_inventory(inventory_out, password_env=password_env)
        ports = [d.port for d in sim.devices]
        faults = sum(1 for d in sim.devices if d.fault)
        drifting = len(sim.drifting())
        drift = f", {drifting} drifting every {sim.drift.interval:g}s" if drifting else ""
        if sim.response_delay:
            drift += f", backups answered after {sim.response_delay:g}s"
        announce(f"ready: {len(sim.devices)} devices on {sim.host}:{min(ports)}-{max(ports)}"
                 f" ({faults} with faults{drift}); host key {sim.host_key_line}")
        await stop.wait()
    finally:
        await sim.stop()


COMMANDS = [simulate]
