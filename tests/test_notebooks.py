"""The lessons in notebooks/: stored without outputs, and run top to bottom on a clean kernel."""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

import pytest

nbformat = pytest.importorskip("nbformat")
nbclient = pytest.importorskip("nbclient")

NOTEBOOKS = sorted((Path(__file__).resolve().parents[1] / "notebooks").glob("*.ipynb"))
TIMEOUT = 120  # seconds per cell; the whole set runs in well under two minutes


def test_the_lessons_are_there():
    names = [path.stem for path in NOTEBOOKS]
    assert len(names) >= 5, names
    assert any(name.endswith("-fr") for name in names), "a lesson in French"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_stored_without_outputs(path):
    notebook = nbformat.read(path, as_version=4)
    nbformat.validate(notebook)
    for number, cell in enumerate(notebook.cells, 1):
        assert "execution" not in cell.metadata, f"cell {number} keeps timing metadata"
        if cell.cell_type == "code":
            assert cell.outputs == [], f"cell {number} has outputs: clear them before committing"
            assert cell.execution_count is None, f"cell {number} has an execution count"
    assert notebook.metadata.get("kernelspec", {}).get("name") == "python3"


def _runs_this_interpreter(argv0: str) -> bool:
    # jupyter_client starts a spec whose argv[0] is "python" with the current interpreter
    if argv0 in {"python", "python3", f"python{sys.version_info[0]}.{sys.version_info[1]}"}:
        return True
    try:
        return Path(argv0).resolve() == Path(sys.executable).resolve()
    except OSError:
        return False


@pytest.fixture(scope="session")
def kernel_name(tmp_path_factory):
    """'python3', made to run this interpreter (the one with treatymaps installed).

    A fresh ``pip install -e .[test]`` ships ipykernel's spec in the venv; when another
    'python3' spec shadows it (a user-level one for another Python), a spec for this
    interpreter is written to a temporary folder put first on JUPYTER_PATH.
    """
    from jupyter_client.kernelspec import KernelSpecManager, NoSuchKernel

    try:
        spec = KernelSpecManager().get_kernel_spec("python3")
        usable = _runs_this_interpreter(spec.argv[0])
    except NoSuchKernel:
        usable = False
    saved = os.environ.get("JUPYTER_PATH")
    if not usable:
        from ipykernel.kernelspec import install

        prefix = tmp_path_factory.mktemp("kernel")
        install(prefix=str(prefix), kernel_name="python3")
        share = prefix / "share" / "jupyter"
        os.environ["JUPYTER_PATH"] = os.pathsep.join(filter(None, [str(share), saved]))
        spec = KernelSpecManager().get_kernel_spec("python3")
        assert _runs_this_interpreter(spec.argv[0]), spec.argv
    yield "python3"
    if not usable:
        if saved is None:
            os.environ.pop("JUPYTER_PATH", None)
        else:
            os.environ["JUPYTER_PATH"] = saved


@pytest.mark.slow
@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_runs_top_to_bottom(path, kernel_name, tmp_path):
    notebook = nbformat.read(path, as_version=4)
    # run in a scratch folder so that files a lesson saves do not land in the repository
    client = nbclient.NotebookClient(notebook, kernel_name=kernel_name, timeout=TIMEOUT,
                                     resources={"metadata": {"path": str(tmp_path)}},
                                     allow_errors=False)
    start = time.perf_counter()
    client.execute()
    elapsed = time.perf_counter() - start
    shown = [o for c in notebook.cells if c.cell_type == "code" for o in c.outputs]
    assert any("image/png" in o.get("data", {}) for o in shown), "a lesson shows a map"
    assert elapsed < 60, f"{path.name} took {elapsed:.0f} s"
