"""Widget state in notebooks: the MIME types, and model ids named by content.

A kernel gives every widget model a random id, so re-executing an unchanged chapter would
rewrite every id in its file. :func:`name_models_by_content` renames each model after what it
holds, so the same chapter executed twice gives the same bytes, and a one-cell edit changes only
that cell and its own widgets.
"""

from __future__ import annotations

import hashlib
import json
import re

WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
WIDGET_STATE = "application/vnd.jupyter.widget-state+json"

_REFERENCE = re.compile(r"IPY_MODEL_([0-9A-Za-z_-]+)")


def _hash(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def content_names(state: dict) -> dict[str, str]:
    """``{model id: new id}``, each new id a hash of the model and of where it is used.

    A model is first named by its state with every reference replaced by the referenced model's
    name (bottom-up). Models with the same content (two default layouts, say) are told apart by
    the names of the models that use them and where (top-down); only models whose whole context
    is identical are numbered, in the order the kernel created them.
    """
    texts = {m: json.dumps(state[m], sort_keys=True) for m in state}
    refs = {m: [r for r in _REFERENCE.findall(texts[m]) if r in state] for m in state}

    content: dict[str, str] = {}

    def content_name(m: str) -> str:
        if m not in content:
            content[m] = "cycle"  # a reference cycle (ipywidgets makes none) stays finite
            text = _REFERENCE.sub(
                lambda g: "IPY_MODEL_" + (content_name(g.group(1)) if g.group(1) in state else g.group(1)),
                texts[m],
            )
            content[m] = _hash(text)
        return content[m]

    parents: dict[str, list[tuple[str, int]]] = {m: [] for m in state}
    for m in state:
        for position, child in enumerate(refs[m]):
            parents[child].append((m, position))

    final: dict[str, str] = {}

    def final_name(m: str) -> str:
        if m not in final:
            final[m] = content_name(m)  # provisional, also breaks cycles
            uses = sorted(f"{final_name(p)}:{pos}" for p, pos in parents[m])
            final[m] = _hash(content_name(m) + "|" + ",".join(uses)) if uses else content_name(m)
        return final[m]

    names = {m: final_name(m) for m in state}
    seen: dict[str, int] = {}
    for m in state:  # state order is creation order
        n = seen.get(names[m], 0)
        seen[names[m]] = n + 1
        if n:
            names[m] = _hash(f"{names[m]}#{n}")
    return {m: name[:32] for m, name in names.items()}


def name_models_by_content(nb) -> None:
    """Rename every widget model of the notebook ``nb`` (in place) by :func:`content_names`."""
    bundle = nb.metadata.get("widgets", {}).get(WIDGET_STATE)
    if not bundle or not bundle.get("state"):
        return
    names = content_names(bundle["state"])

    def rename(text: str) -> str:
        return _REFERENCE.sub(lambda g: "IPY_MODEL_" + names.get(g.group(1), g.group(1)), text)

    bundle["state"] = {
        names[m]: json.loads(rename(json.dumps(model))) for m, model in bundle["state"].items()
    }
    for cell in nb.cells:
        for out in cell.get("outputs", []) if cell.cell_type == "code" else []:
            view = out.get("data", {}).get(WIDGET_VIEW)
            if view and view.get("model_id") in names:
                view["model_id"] = names[view["model_id"]]
