"""The backup clients compared by ``bench/fleet_backup.py``, each run in its own process.

    python bench/_clients.py SPEC.json

SPEC holds ``kind`` (netraven | nornir | netmiko | floor), ``inventory`` (the simulator's YAML
inventory), ``workers`` and ``out`` (a git store for NetRaven, a directory of files for the
others).  The process measures itself around the backup (after its imports) and prints one JSON
line: wall time, CPU (own + waited-for children such as ``git``), peak RSS (``VmHWM``) and the
peak private memory of its child processes, counts.

Every competitor fetches exactly what NetRaven fetches: the catalogue platform's backup command,
in privileged mode where the platform has one.
"""

from __future__ import annotations

import json
import os
import sys
import threading
import time
from pathlib import Path
from typing import Any

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from netraven_core.plugins import Registry


def peak_rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return 0.0


def devices(spec: dict[str, Any]) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    data = yaml.safe_load(Path(spec["inventory"]).read_text())
    cred = data["credentials"][0]
    secret = {"username": cred["username"], "password": cred["password"].replace("$$", "$"),
              "enable": str(cred.get("enable_secret", "")).replace("$$", "$")}
    return data["devices"], secret


# ---------------------------------------------------------------------------------- NetRaven

def netraven(spec: dict[str, Any]) -> dict[str, Any]:
    from dataclasses import replace

    from netraven_core.engine import run_backup
    from netraven_core.engine.hostkeys import JsonHostKeyStore
    from netraven_core.inventory import load_inventory

    # Loading the plugins is importing modules (asyncssh, git, ...): outside the measurement,
    # like the competitors' imports.
    registry = Registry()
    registry.drivers, registry.platforms, registry.storage_backends  # noqa: B018
    import asyncssh  # noqa: F401 - the ssh driver imports it on first use; the floor imports it up front too
    if spec.get("rules"):  # imported once when a server worker starts: not part of a run
        import netraven_core.compliance
        import netraven_core.configtext.facts  # noqa: F401

    def work() -> dict[str, Any]:
        inventory = load_inventory(spec["inventory"], registry=registry)
        if spec.get("driver"):
            inventory = replace(inventory, devices=tuple(replace(d, driver=spec["driver"])
                                                         for d in inventory.devices))
        storage = registry.storage("git", spec["out"])
        if spec.get("rules"):  # bench/compliance_overhead.py: what the server does per new version
            storage = CheckingStorage(storage, spec["rules"], {d.hostname: d for d in inventory.devices})
        options = {} if spec.get("clean_processes") is None else {"clean_processes": spec["clean_processes"]}
        if spec.get("sections") is False:
            options["sections"] = False
        run = run_backup(inventory, storage, registry=registry, workers=spec["workers"], timeout=120,
                         host_keys=JsonHostKeyStore(Path(spec["out"]).with_suffix(".known_hosts.json")),
                         **options)
        storage.close()
        s = run.summary
        out = {"ok": s.ok, "failed": s.failed, "changed": s.changed, "by_category": s.by_category}
        if isinstance(storage, CheckingStorage):
            out.update(checked=storage.checked, rule_failures=storage.failures)
        return out

    return measured(work)


class CheckingStorage:
    """A storage that, after each save, runs the compliance rules and the fleet-facts extraction
    on every saved text: the server's per-version work (``version_checks``), minus the database
    write.  It runs on the engine's batch-writer thread, so its cost is on the
    run's critical path (the worst case: the server spreads it over its worker threads)."""

    def __init__(self, inner: Any, rules_path: str, devices: dict[str, Any]):
        from netraven_core.compliance import load_rules

        self.inner = inner
        self.rules = load_rules(Path(rules_path).read_text(), source=rules_path)
        self.devices = devices
        self.checked = self.failures = 0

    def __getattr__(self, name: str) -> Any:
        return getattr(self.inner, name)

    def save(self, configs: Any, **kwargs: Any) -> Any:
        from netraven_core.compliance import evaluate
        from netraven_core.configtext.facts import extract_facts

        infos = self.inner.save(configs, **kwargs)
        for config in configs:
            info = infos.get(config.hostname)
            if info is None:
                continue
            device = self.devices[config.hostname]
            text = config.text  # as the server's worker does: the text it saved, no read back
            evaluation = evaluate(self.rules, text, device.platform, device.tags)
            extract_facts(text)
            self.checked += 1
            self.failures += len(evaluation.failed)
        return infos


# ---------------------------------------------------------------------------------- Nornir

def nornir(spec: dict[str, Any]) -> dict[str, Any]:
    from nornir import InitNornir
    from nornir_netmiko.tasks import netmiko_send_command

    platforms = Registry().platforms
    devs, cred = devices(spec)
    out = Path(spec["out"])
    out.mkdir(parents=True, exist_ok=True)
    hosts = {d["hostname"]: {
        "hostname": d["host"], "port": d["port"], "username": cred["username"],
        "password": cred["password"], "platform": platforms[d["platform"]].drivers["netmiko"]["device_type"],
        "data": {"nr_platform": d["platform"]},
        "connection_options": {"netmiko": {"extras": {"secret": cred["enable"]}}},
    } for d in devs}
    host_file = out / "hosts.yaml"
    host_file.write_text(yaml.safe_dump(hosts))

    def backup(task: Any) -> None:
        p = platforms[task.host.data["nr_platform"]]
        try:
            texts = [task.run(netmiko_send_command, command_string=cmd, enable=p.enable is not None).result
                     for cmd in p.backup_commands]
            (out / f"{task.host.name}.cfg").write_text("\n".join(texts))
        finally:
            # Close as soon as the device is done (the default keeps every session open until
            # close_connections(), i.e. N idle sessions and N paramiko threads at the end).
            task.host.close_connections()

    def work() -> dict[str, Any]:
        nr = InitNornir(runner={"plugin": "threaded", "options": {"num_workers": spec["workers"]}},
                        inventory={"plugin": "SimpleInventory", "options": {"host_file": str(host_file)}},
                        logging={"enabled": False})
        result = nr.run(task=backup)
        nr.close_connections()
        failed = sorted(result.failed_hosts)
        return {"ok": len(result) - len(failed), "failed": len(failed),
                "errors": [str(result[h].exception)[:200] for h in failed[:3]]}

    return measured(work)


# ---------------------------------------------------------------------------------- netmiko

def netmiko(spec: dict[str, Any]) -> dict[str, Any]:
    from concurrent.futures import ThreadPoolExecutor

    from netmiko import ConnectHandler

    platforms = Registry().platforms
    devs, cred = devices(spec)
    out = Path(spec["out"])
    out.mkdir(parents=True, exist_ok=True)

    def one(d: dict[str, Any]) -> str | None:
        p = platforms[d["platform"]]
        try:
            conn = ConnectHandler(device_type=p.drivers["netmiko"]["device_type"], host=d["host"],
                                  port=d["port"], username=cred["username"], password=cred["password"],
                                  secret=cred["enable"])
            try:
                if p.enable is not None:
                    conn.enable()
                texts = [conn.send_command(cmd) for cmd in p.backup_commands]
            finally:
                conn.disconnect()
            (out / f"{d['hostname']}.cfg").write_text("\n".join(texts))
            return None
        except Exception as exc:
            return f"{d['hostname']}: {type(exc).__name__}: {str(exc)[:150]}"

    def work() -> dict[str, Any]:
        with ThreadPoolExecutor(max_workers=spec["workers"]) as pool:
            errors = [e for e in pool.map(one, devs) if e]
        return {"ok": len(devs) - len(errors), "failed": len(errors), "errors": errors[:3]}

    return measured(work)


# ---------------------------------------------------------------------------------- raw floor

def floor(spec: dict[str, Any]) -> dict[str, Any]:
    """The cheapest client: asyncssh, log in, enable, pager off, read the configuration.  It
    waits for the exact prompt at the end of the buffer and does nothing else (no redaction,
    no storage, no error handling beyond counting failures)."""
    import asyncio
    import re

    import asyncssh

    platforms = Registry().platforms
    devs, cred = devices(spec)

    async def one(d: dict[str, Any], sem: asyncio.Semaphore) -> bool:
        p = platforms[d["platform"]]
        prompt_re = re.compile(p.prompt_pattern, re.MULTILINE)
        pager_re = re.compile(p.paging_prompt) if p.paging_prompt else None
        gates = [(re.compile(pattern), keys) for pattern, keys in p.login_gates]
        suffix = str(p.drivers.get("ssh", {}).get("username_suffix", ""))
        async with sem:
            try:
                async with asyncssh.connect(d["host"], d["port"], username=cred["username"] + suffix,
                                            password=cred["password"], known_hosts=None,
                                            config=None, agent_path=None) as conn:
                    proc = await conn.create_process(term_type="vt100", term_size=(511, 0))
                    buf = ""

                    async def until(test: Any) -> str:
                        nonlocal buf
                        while not test(buf):
                            chunk = await proc.stdout.read(65536)
                            if not chunk:
                                raise EOFError
                            buf += chunk
                            for gate, keys in gates:  # ERS: "Enter Ctrl-Y to begin."
                                if gate.search(chunk):
                                    proc.stdin.write(keys)
                            if "any key" in chunk:
                                proc.stdin.write(" ")
                            elif pager_re and pager_re.search(buf[-200:]):  # a pager that stays on
                                buf = pager_re.sub("", buf)
                                proc.stdin.write(p.paging_response)
                        text, buf = buf, ""
                        return text

                    def last_line(text: str) -> str:
                        return text[text.rfind("\n") + 1:]

                    at_prompt = lambda b: prompt_re.search(last_line(b)[-200:])  # noqa: E731
                    first = None
                    if p.inband_login:  # the shell may ask for the login again (PowerConnect)
                        user_re = re.compile(p.username_prompt)
                        first = await until(lambda b: user_re.search(b[-100:]) or at_prompt(b))
                        if not at_prompt(first):
                            proc.stdin.write(cred["username"] + "\n")
                            pw_login = re.compile(p.password_prompt)
                            await until(lambda b: pw_login.search(b[-100:]))
                            proc.stdin.write(cred["password"] + "\n")
                            first = None
                    prompt = last_line(first if first is not None else await until(at_prompt))
                    if p.enable is not None:
                        pw_re = re.compile(p.enable.password_prompt)
                        priv = re.compile(p.enable.privileged_prompt)
                        proc.stdin.write(p.enable.command + "\n")
                        # Some accounts' enable asks for no password (VOSS, ERS, Onyx).
                        got = await until(lambda b: pw_re.search(b[-100:])
                                          or priv.search(last_line(b)[-200:]))
                        if pw_re.search(got[-100:]):
                            proc.stdin.write(cred["enable"] + "\n")
                            got = await until(lambda b: priv.search(last_line(b)[-200:]))
                        prompt = last_line(got)
                    for cmd in (*p.setup_commands, *p.backup_commands):
                        proc.stdin.write(cmd + "\n")
                        await until(lambda b, pr=prompt: b.endswith(pr))
                    proc.stdin.write(p.exit_command + "\n")
                    return True
            except (OSError, asyncssh.Error, EOFError) as exc:
                failed.append(f"{d['platform']}: {type(exc).__name__}")
                return False

    failed: list[str] = []

    async def limited(d: dict[str, Any], sem: asyncio.Semaphore) -> bool:
        # A dialogue the floor does not know fails the device instead of hanging the run.
        try:
            return await asyncio.wait_for(one(d, sem), 60)
        except TimeoutError:
            failed.append(f"{d['platform']}: no expected prompt within 60 s")
            return False

    async def run() -> list[bool]:
        sem = asyncio.Semaphore(spec["workers"])
        return await asyncio.gather(*(limited(d, sem) for d in devs))

    def work() -> dict[str, Any]:
        results = asyncio.run(run())
        return {"ok": sum(results), "failed": len(results) - sum(results), "errors": sorted(failed)[:10]}

    return measured(work)


# ----------------------------------------------------------------------------------

class ChildMemory(threading.Thread):
    """Samples the private memory (USS: pages no other process shares) of this process's
    children (git, NetRaven's cleaning worker) twice a second; keeps the peak of their sum.
    A forked child's RSS would count the pages it shares with its parent a second time."""

    def __init__(self) -> None:
        super().__init__(daemon=True, name="bench-child-memory")
        self.peak_mb = 0.0
        self._stopped = threading.Event()

    def run(self) -> None:
        me = str(os.getpid())
        # Children get later pids (wrap-around aside): skipping earlier ones keeps the sampler's
        # own CPU, which counts as the client's, negligible.
        while not self._stopped.wait(0.5):
            total = 0
            for entry in os.scandir("/proc"):
                if not entry.name.isdigit() or int(entry.name) <= int(me):
                    continue
                try:
                    stat = Path(f"/proc/{entry.name}/stat").read_text()
                    if stat.rsplit(")", 1)[1].split()[1] != me:
                        continue
                    rollup = Path(f"/proc/{entry.name}/smaps_rollup").read_text()
                except (OSError, IndexError):
                    continue
                total += sum(int(line.split()[1]) for line in rollup.splitlines()
                             if line.startswith(("Private_Clean:", "Private_Dirty:")))
            self.peak_mb = max(self.peak_mb, total / 1024)

    def stop(self) -> float:
        self._stopped.set()
        self.join()
        return self.peak_mb


def measured(work: Any) -> dict[str, Any]:
    profile = SPEC.get("profile")
    profiler = None
    if profile:  # pyinstrument (statistical, low overhead) around the measured part only
        from pyinstrument import Profiler

        profiler = Profiler(interval=0.002, async_mode="disabled")
        profiler.start()
    children = ChildMemory()
    children.start()
    t0, c0 = time.perf_counter(), os.times()
    result = work()
    wall, c1 = time.perf_counter() - t0, os.times()
    cpu = (c1.user - c0.user) + (c1.system - c0.system)
    if profiler is not None:
        profiler.stop()
        Path(profile).write_text(profiler.output_text(unicode=False, color=False, show_all=False))
    children_cpu = (c1.children_user - c0.children_user) + (c1.children_system - c0.children_system)
    return {**result, "wall_s": wall, "cpu_s": cpu, "children_cpu_s": children_cpu,
            "peak_rss_mb": peak_rss_mb(), "child_peak_rss_mb": children.stop()}


SPEC: dict[str, Any] = {}


def main() -> None:
    spec = json.loads(Path(sys.argv[1]).read_text())
    SPEC.update(spec)
    client = {"netraven": netraven, "nornir": nornir, "netmiko": netmiko, "floor": floor}[spec["kind"]]
    print(json.dumps(client(spec)), flush=True)


if __name__ == "__main__":
    main()
