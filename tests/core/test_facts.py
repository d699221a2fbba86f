"""Model, serial and OS version from the stored sections header, for the fleet inventory."""

from __future__ import annotations

import pytest

from netraven_core.configtext.facts import Facts, extract_facts, header_lines

IOS = """\
! -- version: show version --
! Cisco IOS Software, C2960X Software (C2960X-UNIVERSALK9-M), Version 15.2(7)E8, RELEASE SOFTWARE (fc1)
! cisco WS-C2960X-48FPD-L (APM86XXX) processor (revision B0) with 524288K bytes of memory.
! Processor board ID FOCJYAH7NFX
! Model number                    : WS-C2960X-48FPD-L
! System serial number            : FOCJYAH7NFX
! -- inventory: show inventory --
! NAME: "1", DESCR: "WS-C2960X-48FPD-L"
! PID: WS-C2960X-48FPD-L , VID: V05  , SN: FOCJYAH7NFX
! -- end of sections --
hostname sw1
"""
JUNOS = """\
# -- version: show version --
# Hostname: r1
# Model: mx204
# Junos: 22.4R3-S2.11
# -- hardware: show chassis hardware --
# Item             Version  Part number  Serial number     Description
# Chassis                                FOCP9VQ5N7B      JNP204 [MX204]
# -- end of sections --
system { host-name r1; }
"""
NXOS = """\
! -- version: show version --
!   NXOS: version 10.2(5) [Maintenance Release]
!   cisco Nexus9000 C93180YC-FX Chassis
!   Processor Board ID FOCW8RNDDW3
! -- end of sections --
"""
FORTI = """\
# -- status: get system status --
# Version: FortiGate-VM64 v7.2.8,build1639,240313 (GA.M)
# Serial-Number: FGVM02TMFOC9PAK15VS
# -- hardware: get hardware status --
# Model name: FortiGate-VM64
# -- end of sections --
"""
PANOS = ("# -- system: show system info --\n# model: PA-3220\n# serial: 0FOCEF2SFKPN\n"
         "# sw-version: 10.2.9-h1\n# -- end of sections --\n")
EOS = ("! -- version: show version --\n! Arista DCS-7050SX3-48YC8\n! Serial number: FOCACVHB3WP\n"
       "! Software image version: 4.31.2F\n! -- end of sections --\n")


@pytest.mark.parametrize(("text", "expected"), [
    (IOS, Facts("WS-C2960X-48FPD-L", "FOCJYAH7NFX", "15.2(7)E8")),
    (JUNOS, Facts("mx204", "FOCP9VQ5N7B", "22.4R3-S2.11")),
    (NXOS, Facts("C93180YC-FX", "FOCW8RNDDW3", "10.2(5)")),
    (FORTI, Facts("FortiGate-VM64", "FGVM02TMFOC9PAK15VS", "7.2.8")),
    (PANOS, Facts("PA-3220", "0FOCEF2SFKPN", "10.2.9-h1")),
    (EOS, Facts("DCS-7050SX3-48YC8", "FOCACVHB3WP", "4.31.2F")),
])
def test_facts_per_vendor(text, expected):
    assert extract_facts(text) == expected


def test_no_header_no_facts_and_labels_are_not_output():
    assert not extract_facts("hostname sw1\nserial: looks-like-a-fact-but-is-config\n")
    assert "-- version: show version --" not in header_lines(IOS)
    assert header_lines(IOS)[0].startswith("Cisco IOS Software")
