"""Executes a notebook from a clean kernel (nbclient) in the notebook's own directory and fails
on the first cell that raises.  Usage: run_notebook.py NOTEBOOK.ipynb"""
import sys
from pathlib import Path

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError


def main(path: str) -> int:
    nb_path = Path(path).resolve()
    nb = nbformat.read(nb_path, as_version=4)
    client = NotebookClient(nb, timeout=300, kernel_name="python3",
                            resources={"metadata": {"path": str(nb_path.parent)}})
    try:
        client.execute()
    except CellExecutionError as e:
        print(f"{nb_path.name}: a cell failed:\n{e}", file=sys.stderr)
        return 1
    cells = [c for c in nb.cells if c.cell_type == "code"]
    print(f"{nb_path.name}: {len(cells)} code cells ran without error")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
