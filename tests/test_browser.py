"""The viewer as a person meets it: graph.html opened from disk in headless Chromium."""
from __future__ import annotations

import re
import shutil
import subprocess

import pytest

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


def open_in_chromium(path, tmp_path, budget_ms=8000):
    if CHROMIUM is None:
        pytest.fail("Chromium is not installed: .ci/run installs the Debian package chromium")
    result = subprocess.run(
        [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--no-first-run", "--disable-sync", f"--user-data-dir={tmp_path / 'profile'}",
         "--enable-logging=stderr", "--v=0", f"--virtual-time-budget={budget_ms}", "--dump-dom", path.as_uri()],
        capture_output=True, text=True, timeout=120,
    )
    console = [line for line in result.stderr.splitlines() if ":CONSOLE" in line]
    return result.stdout, console


def test_sample_viewer_draws_with_no_console_error(sample_build, tmp_path):
    out, _, _ = sample_build
    dom, console = open_in_chromium(out / "graph.html", tmp_path)
    assert "<canvas" in dom, "vis-network drew nothing"
    assert console == [], console
    assert re.search(r"showing (all \d+|\d+ of \d+) entities", dom)


def test_sample_viewer_screenshot(sample_build, tmp_path):
    out, _, _ = sample_build
    shot = tmp_path / "viewer.png"
    subprocess.run(
        [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--no-first-run", f"--user-data-dir={tmp_path / 'profile'}",
         "--virtual-time-budget=8000", "--window-size=1400,900", f"--screenshot={shot}", (out / "graph.html").as_uri()],
        capture_output=True, timeout=120, check=True,
    )
    assert shot.stat().st_size > 20_000
