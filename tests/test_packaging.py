"""The wheel carries the runtime resources, and the installed package finds them."""

from __future__ import annotations

import json
import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_wheel_ships_resources_that_the_installed_package_loads(tmp_path):
    build = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation",
         "--wheel-dir", str(tmp_path), str(ROOT)],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert build.returncode == 0, build.stdout + build.stderr
    wheel = next(tmp_path.glob("ldboard-*.whl"))
    names = set(zipfile.ZipFile(wheel).namelist())
    for needed in (
        "ldboard/resources/demo/board.json",
        "ldboard/resources/styles/app.qss",
        "ldboard/resources/icons/ldboard.svg",
    ):
        assert needed in names
    site = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(site)
    probe = (
        "from ldboard.resources import resources_root; from ldboard.store.demo import "
        "load_demo_content; print(resources_root()); print(len(load_demo_content()['items']))"
    )
    result = subprocess.run(
        [sys.executable, "-I", "-c", f"import sys; sys.path.insert(0, {str(site)!r}); {probe}"],
        capture_output=True, text=True, check=False, cwd=tmp_path,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    root, items = result.stdout.split()
    assert Path(root).is_relative_to(site), "resources come from the installed package"
    shipped = json.loads((ROOT / "resources" / "demo" / "board.json").read_text("utf-8"))
    assert int(items) == len(shipped["items"]) > 0
