"""Executing a chapter again gives exactly the stored outputs: text, PNG images and widget state.

nbval compares the text outputs; this test also compares the images and the explorers' stored
plots, byte for byte (widget model ids, which are random, are renumbered first).
"""

import hashlib
import json
import re
import sys

import pytest

from conftest import ROOT, chapter_paths, read

sys.path.insert(0, str(ROOT / "scripts"))
import execute  # noqa: E402  (scripts/execute.py: the project's execute command)

REFERENCE = re.compile(r"IPY_MODEL_([0-9a-f]{32})")
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
WIDGET_STATE = "application/vnd.jupyter.widget-state+json"


def widget_names(state):
    """Name each widget model by a hash of its state, references included (model ids are random)."""
    names = {}

    def name(model_id):
        if model_id not in names:
            names[model_id] = "cycle"
            text = json.dumps(state[model_id], sort_keys=True)
            text = REFERENCE.sub(lambda m: "IPY_MODEL_" + name(m.group(1)), text)
            names[model_id] = hashlib.sha256(text.encode()).hexdigest()[:16]
        return names[model_id]

    for model_id in state:
        name(model_id)
    return names


def canonical(nb):
    """Every code cell's outputs, and the widget state, with model ids replaced by content names."""
    state = nb.metadata.get("widgets", {}).get(WIDGET_STATE, {}).get("state", {})
    names = widget_names(state)
    cells = []
    for cell in (c for c in nb.cells if c.cell_type == "code"):
        outputs = json.loads(json.dumps(cell.outputs))
        for out in outputs:
            view = out.get("data", {}).get(WIDGET_VIEW)
            if view:
                view["model_id"] = names.get(view["model_id"], "missing")
        cells.append(json.dumps(outputs, sort_keys=True))
    return cells, sorted(names.values())


def check_same_outputs(path):
    stored_cells, stored_widgets = canonical(read(path))
    fresh_cells, fresh_widgets = canonical(execute.run(path))
    for i, (stored, fresh) in enumerate(zip(stored_cells, fresh_cells)):
        assert fresh == stored, f"{path.name}: code cell {i} gives different outputs"
    assert len(fresh_cells) == len(stored_cells)
    assert fresh_widgets == stored_widgets, f"{path.name}: the widget state (explorer plots) differs"


# One class per chapter: `--dist loadscope` then spreads the chapters over the workers.
for _path in chapter_paths():
    _name = "TestReproducible_" + _path.stem
    globals()[_name] = type(_name, (), {
        "test_same_outputs_when_executed_again": lambda self, _p=_path: check_same_outputs(_p),
    })
