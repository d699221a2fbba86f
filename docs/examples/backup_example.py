"""NetRaven as a library: load an inventory, back up, read results, history and a diff.

Runs on its own against simulated devices (no network needed)::

    python docs/examples/backup_example.py [WORK_DIR]

WORK_DIR (default: a temporary directory) receives the inventory and the git storage.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

from netraven_core import JsonHostKeyStore, Registry, load_inventory, run_backup
from netraven_core.simulator import SimulatorThread

INVENTORY = """\
credentials:
  - name: lab-admin
    username: admin
    password: ${{LAB_PASSWORD}}     # read from the environment, never written here
    enable_secret: ${{LAB_ENABLE}}
    priority: 10
    tags: [lab]
devices:
{devices}
"""

DEVICE = """\
  - hostname: {hostname}
    host: 127.0.0.1
    port: {port}
    platform: {platform}
    tags: [lab]
"""


def main(work_dir: Path) -> int:
    registry = Registry()  # built-in plugins plus any installed third-party ones

    # 1. Three simulated devices on free local ports (the simulator logs in admin/sim-password).
    with SimulatorThread(3, ["cisco_ios", "arista_eos", "juniper_junos"], base_port=0,
                         host_key_path=work_dir / "sim_host_key") as sim:
        # 2. An inventory file; secrets come from ${ENV} references.
        os.environ["LAB_PASSWORD"] = sim.password
        os.environ["LAB_ENABLE"] = sim.enable_secret
        devices = "".join(DEVICE.format(hostname=d.hostname, port=d.port, platform=d.platform)
                          for d in sim.devices)
        inventory_path = work_dir / "inventory.yaml"
        inventory_path.write_text(INVENTORY.format(devices=devices))
        inventory = load_inventory(inventory_path, registry)
        print(f"loaded {len(inventory.devices)} devices and {len(inventory.credentials)} credential(s)")

        # 3. Git storage (created on first use) and a host key store kept outside the repository.
        storage = registry.storage("git", str(work_dir / "configs"))
        host_keys = JsonHostKeyStore(work_dir / "known_hosts.json")

        # 4. First backup: every device is new.
        run = run_backup(inventory, storage, registry=registry, host_keys=host_keys, workers=10, timeout=30)
        for result in run.results:
            status = "ok" if result.ok else f"FAILED ({result.error_category}: {result.error})"
            print(f"  {result.hostname:10} {status:8} changed={result.changed} +{result.lines_added}"
                  f" -{result.lines_removed} version={(result.version or '')[:12]}")
        print("summary:", run.summary.as_dict())
        if run.summary.failed:
            return 1

        # 5. Someone changes a device; the next run stores only that change.
        changed = sim.devices[0].hostname
        sim.set_config(changed, sim.generated(changed).text.rstrip("\n")
                       + "\ninterface Loopback99\n description added by the example\n")
        run = run_backup(inventory, storage, registry=registry, host_keys=host_keys, workers=10, timeout=30)
        print("second run:", run.summary.as_dict())

    # 6. History and diff come straight from storage (no device needed).
    print(f"history of {changed}:")
    for version in storage.history(changed):
        print(f"  {version.version[:12]} {version.timestamp:%Y-%m-%d %H:%M:%S} {version.size} bytes"
              f" +{version.lines_added} -{version.lines_removed} run={version.run_id}")
    print(f"diff of {changed} (last two versions):")
    print(storage.diff(changed))
    return 0


if __name__ == "__main__":
    if len(sys.argv) > 1:
        target = Path(sys.argv[1])
        target.mkdir(parents=True, exist_ok=True)
        sys.exit(main(target))
    with tempfile.TemporaryDirectory(prefix="netraven-example-") as tmp:
        sys.exit(main(Path(tmp)))
