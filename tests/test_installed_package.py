"""The package as users install it: a wheel built from the project, installed into a fresh
virtual environment, run from there (not from this checkout)."""

from __future__ import annotations

import shutil
import site
import subprocess
import sys
from pathlib import Path

import pytest
import soundfile

ROOT = Path(__file__).resolve().parent.parent
pytestmark = pytest.mark.slow


def run(*args: str | Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(arg) for arg in args], cwd=cwd, capture_output=True, text=True, timeout=600
    )


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh venv with the wheel installed (`--no-deps`); its dependencies come from this
    test's own environment through a .pth file, so no network is needed. The .pth adds the
    folder only: the editable install of the checkout there is never activated."""
    work = tmp_path_factory.mktemp("installed")
    source = work / "source"  # build from a copy: the checkout gets no build/ or egg-info
    source.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy2(ROOT / name, source / name)
    shutil.copytree(
        ROOT / "reader", source / "reader", ignore=shutil.ignore_patterns("__pycache__")
    )
    wheels = work / "wheels"
    built = run(
        sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation",
        "--no-index", "-q", "-w", wheels, source, cwd=work,
    )  # fmt: skip
    assert built.returncode == 0, built.stderr
    (wheel,) = wheels.glob("reader-*.whl")

    venv = work / "venv"
    assert run(sys.executable, "-m", "venv", "--without-pip", venv, cwd=work).returncode == 0
    python = venv / "bin" / "python"
    installed = run(
        sys.executable, "-m", "pip", "--python", python, "install", "--no-deps", "--no-index",
        "-q", wheel, cwd=work,
    )  # fmt: skip
    assert installed.returncode == 0, installed.stderr
    target = run(python, "-c", "import sysconfig; print(sysconfig.get_path('purelib'))", cwd=work)
    dependencies = "\n".join(site.getsitepackages())
    (Path(target.stdout.strip()) / "test-dependencies.pth").write_text(dependencies + "\n")
    return venv


def test_the_installed_reader_is_the_wheel_not_the_checkout(installed: Path) -> None:
    where = run(installed / "bin" / "python", "-c", "import reader; print(reader.__file__)",
                cwd=installed)  # fmt: skip
    assert where.returncode == 0, where.stderr
    assert Path(where.stdout.strip()).is_relative_to(installed)


def test_the_installed_reader_has_its_voice_presets(installed: Path) -> None:
    listed = run(installed / "bin" / "reader", "voices", "--no-online", cwd=installed)
    assert listed.returncode == 0, listed.stderr
    for name in ("offline", "xiaoxiao", "yunyang", "yunxi", "xiaoyi"):
        assert f"  {name} " in listed.stdout


def test_the_installed_reader_speaks_offline(installed: Path, tmp_path: Path) -> None:
    text = tmp_path / "hello.txt"
    text.write_text("今天天气很好。\n", encoding="utf-8")
    spoken = run(installed / "bin" / "reader", "speak", text, "-o", tmp_path / "hello.mp3",
                 "--engine", "offline", cwd=tmp_path)  # fmt: skip
    assert spoken.returncode == 0, spoken.stderr
    assert soundfile.info(str(tmp_path / "hello.mp3")).duration > 0.8
    assert "今天天气很好" in (tmp_path / "hello.vtt").read_text(encoding="utf-8")
