"""The single-node server's task consumer process runs below the API (``NETRAVEN_CONSUMER_NICE``),
so that on a busy CPU the API's requests go before a run's devices."""

from __future__ import annotations

import os
import sys

import pytest

from netraven_server.config import Settings
from netraven_server.service.consumerproc import ConsumerProcess

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="process priorities: Linux")


@pytest.mark.parametrize(("setting", "below"), [(None, 5), ("0", 0), ("12", 12)])
def test_consumer_process_runs_below_the_server(tmp_path, setting, below):
    env = {"NETRAVEN_DATA_DIR": str(tmp_path / "data")}
    if setting is not None:
        env["NETRAVEN_CONSUMER_NICE"] = setting
    consumer = ConsumerProcess(Settings.from_env(env), workers=2).start()
    try:
        # set between fork and exec: Popen has returned, so it is in place
        child = os.getpriority(os.PRIO_PROCESS, consumer.proc.pid)
        assert child == os.getpriority(os.PRIO_PROCESS, 0) + below
    finally:
        consumer.stop(timeout=20)


@pytest.mark.parametrize("value", ["-1", "20", "high"])
def test_a_bad_consumer_nice_says_which_setting(value):
    with pytest.raises(ValueError, match="NETRAVEN_CONSUMER_NICE"):
        Settings.from_env({"NETRAVEN_CONSUMER_NICE": value})
