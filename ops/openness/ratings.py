#!/usr/bin/env python3
"""Builds the `openness_ratings` of src/main/resources/dataset/reference.json (issue #20 part 6,
METHODOLOGY.md section 6) from the public data repositories of the European Open Source AI Index
(opening-up-chatgpt/opening-up-chatgpt.github.io, projects/*.yaml, CC-BY-4.0) and the Model Openness
Tool (lfai/model_openness_tool, models/*.yml, MIT), read at the commits below from bare mirrors:

    MIRRORS=/work/.mirror python3 ops/openness/ratings.py

One rating per default model, component and rater. The mapping of each index's fields onto the
service's components, and the rule that turns a Model Openness Tool entry into a status, are written
out below and in reference-README.md ("Openness ratings"). Prints the ratings as JSON on stdout.
"""
import json
import os
import subprocess
import sys

import yaml

MIRRORS = os.environ.get("MIRRORS", "/work/.mirror")
EOSAI_REPO = "opening-up-chatgpt/opening-up-chatgpt.github.io"
EOSAI_COMMIT = "801f68773ae7f7d9e527afb7bbaf3e9d8d29f2fb"
MOT_REPO = "lfai/model_openness_tool"
MOT_COMMIT = "8b5d30e90a7c62d7d6ece48b91e69ff495920a4d"

EOSAI_NOTE = ("European Open Source AI Index (opening-up-chatgpt.github.io), data licensed CC-BY-4.0; cite: Liesenfeld, "
              "Lopez and Dingemanse 2023, Opening up ChatGPT: Tracking openness, transparency, and accountability in "
              "instruction-tuned text generators, CUI '23, doi:10.1145/3571884.3604316")
MOT_NOTE = ("Model Openness Tool (mot.isitopen.ai, LF AI & Data), data in lfai/model_openness_tool under the MIT License, "
            "Copyright 2024 The Model Openness Tool Authors; it rates models against the Model Openness Framework 1.0")

# Default project -> (the index's file, the member of the family it rates).
EOSAI = {
    "olmo": ("projects/olmo-7b-instruct.yaml", "OLMo 7B Instruct"),
    "mistral-7b": ("projects/mistral-7B.yaml", "Mistral 7B Instruct"),
    "mixtral": ("projects/mixtral-8x7B-instruct.yaml", "Mixtral 8x7B Instruct"),
    "falcon": ("projects/Falcon-40B-instruct.yaml", "Falcon 40B Instruct"),
    "llama": ("projects/llama-3.1.yaml", "Llama 3.1"),
    "gemma": ("projects/gemma-instruct.yaml", "Gemma Instruct"),
    "qwen": ("projects/qwen-1.5-chat.yaml", "Qwen 1.5 Chat"),
}
MOT = {
    "olmo": ("models/OLMo-7B.yml", "OLMo-7B"),
    "mistral-7b": ("models/Mistral-7B-v0.1.yml", "Mistral-7B-v0.1"),
    "mixtral": ("models/Mixtral-8x7B-Instruct-v0.1.yml", "Mixtral-8x7B-Instruct-v0.1"),
    "falcon": ("models/Falcon-40B.yml", "Falcon-40B"),
    "llama": ("models/Llama-3.1-8B.yml", "Llama-3.1-8B"),
    "gemma": ("models/gemma-7b.yml", "gemma-7b"),
    "qwen": ("models/Qwen1.5-72B-Chat.yml", "Qwen1.5-72B-Chat"),
    "bloom": ("models/BLOOM.yml", "BLOOM"),
    "pythia": ("models/Pythia-6.9B.yml", "Pythia-6.9B"),
    "gpt-j": ("models/GPT-J.yml", "GPT-J"),
    "deepseek-v3": ("models/DeepSeek-V3.yml", "DeepSeek-V3"),
    "deepseek-r1": ("models/DeepSeek-R1.yml", "DeepSeek-R1"),
    "grok-1": ("models/Grok-1.yml", "Grok-1"),
    "stable-diffusion": ("models/Stable-Diffusion.yml", "Stable-Diffusion"),
}

# European Open Source AI Index field -> component. Not mapped: architecture and code documentation,
# the peer-reviewed `paper` (the component is any paper: `preprint`), RL data and weights, package, API.
EOSAI_FIELDS = {"opencode": "training-code", "llmweights": "weights", "llmdata": "training-data",
                "datasheet": "data-documentation", "modelcard": "model-card", "preprint": "paper", "license": "license"}

# Model Openness Framework component -> component, and which of the release's default licences covers it.
MOT_COMPONENTS = {"Inference code": ("inference-code", "code"), "Training code": ("training-code", "code"),
                  "Model parameters (Final)": ("weights", "data"), "Datasets": ("training-data", "data"),
                  "Data card": ("data-documentation", "document"), "Evaluation results": ("evaluation", "document"),
                  "Model card": ("model-card", "document"), "Research paper": ("paper", "document")}
# Licences the Open Source Definition or the open data/content definitions accept (MOF's "open licences").
OPEN_LICENCES = {"apache-2.0", "mit", "bsd-2-clause", "bsd-3-clause", "cc-by-4.0", "cc-by-sa-4.0", "cc0-1.0",
                 "cdla-permissive-2.0", "odc-by-1.0", "odbl-1.0", "gpl-2.0", "gpl-3.0", "agpl-3.0", "lgpl-3.0",
                 "mpl-2.0", "cc-by-3.0", "unlicense"}


def show(repo_dir, commit, path):
    return subprocess.run(["git", "--git-dir", repo_dir, "show", f"{commit}:{path}"], check=True,
                          capture_output=True, text=True).stdout


def is_open(licence):
    """Whether a licence name the tool records is an open licence: SPDX ids, or the tool's spelling 'Apache 2.0'."""
    return licence.strip().lower().replace(" ", "-") in OPEN_LICENCES


def licence_name(value):
    if isinstance(value, dict):
        return (value.get("name") or "").strip()
    return (value or "").strip() if isinstance(value, str) else ""


def eosai(ratings):
    repo = f"{MIRRORS}/opening-up-chatgpt+opening-up-chatgpt.github.io/repo"
    for project, (path, member) in EOSAI.items():
        text = show(repo, EOSAI_COMMIT, path)
        data = yaml.safe_load(text)
        lines = text.splitlines()
        for field, component in EOSAI_FIELDS.items():
            rated = data.get(field) or {}
            status = (rated.get("class") or "").strip()
            if status not in ("open", "partial", "closed"):
                continue  # left empty: the index does not rate it
            start = next(i for i, line in enumerate(lines) if line.startswith(field + ":"))
            block = [lines[start]] + [l for l in lines[start + 1:start + 4] if l.startswith(" ")]
            ratings.append({
                "project": project, "component": component, "rater": "eu-open-source-ai-index", "status": status,
                "note": f"{member}: the index's `{field}` is {status}" + (f" ({rated['notes'].strip()})" if rated.get("notes") else ""),
                "source": f"https://github.com/{EOSAI_REPO}/blob/{EOSAI_COMMIT}/{path}",
                "confidence": "verified", "quote": " ".join(l.strip() for l in block),
                "source_note": EOSAI_NOTE,
            })


def mot(ratings):
    repo = f"{MIRRORS}/lfai+model_openness_tool/repo"
    for project, (path, member) in MOT.items():
        text = show(repo, MOT_COMMIT, path)
        release = yaml.safe_load(text)["release"]
        licences = release.get("license") or {}
        default = {kind: licence_name(licences.get(kind)) or licence_name(licences.get("distribution"))
                   for kind in ("code", "data", "document")}
        distribution = licence_name(licences.get("distribution"))
        for entry in release.get("components") or []:
            mapped = MOT_COMPONENTS.get(entry.get("name"))
            if not mapped:
                continue
            component, kind = mapped
            licence = licence_name(entry.get("license")) or default[kind]
            status = "open" if is_open(licence) else "partial"
            ratings.append({
                "project": project, "component": component, "rater": "model-openness-tool", "status": status,
                "note": f"{member}: the Model Openness Tool lists '{entry['name']}' in the release under "
                        f"'{licence or 'no licence named'}'; included under an open licence is open, included under"
                        f" another or none is partial (reference-README.md, Openness ratings)",
                "source": f"https://github.com/{MOT_REPO}/blob/{MOT_COMMIT}/{path}",
                "confidence": "inferred", "source_note": MOT_NOTE,
            })
        if distribution:
            ratings.append({
                "project": project, "component": "license", "rater": "model-openness-tool",
                "status": "open" if is_open(distribution) else "partial",
                "note": f"{member}: the release's distribution licence in the Model Openness Tool is '{distribution}'",
                "source": f"https://github.com/{MOT_REPO}/blob/{MOT_COMMIT}/{path}",
                "confidence": "inferred", "source_note": MOT_NOTE,
            })


def main():
    ratings = []
    eosai(ratings)
    mot(ratings)
    json.dump(ratings, sys.stdout, indent=2, ensure_ascii=False)
    print()


if __name__ == "__main__":
    main()
