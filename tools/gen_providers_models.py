"""Regenerate fastcore/_ext/providers_models.json from the installed LiteLLM.

LiteLLM decides the provider of a bare model name ("gpt-4o", "claude-3-opus")
by membership in lists it derives from its bundled cost map. fastcore keeps
only those names, grouped in the order LiteLLM consults them, and loads the
file lazily on the first bare name its prefix rules cannot place.

Usage: LITELLM_LOCAL_MODEL_COST_MAP=True python tools/gen_providers_models.py
"""
import json
import os
from pathlib import Path

os.environ.setdefault("LITELLM_LOCAL_MODEL_COST_MAP", "True")
import litellm  # noqa: E402

# (provider, LiteLLM list attributes) in LiteLLM's lookup order; first hit wins.
GROUPS = (
    ("openai", ("open_ai_chat_completion_models", "openai_image_generation_models",
                "openai_video_generation_models")),
    ("text-completion-openai", ("open_ai_text_completion_models",)),
    ("anthropic", ("anthropic_models",)),
    ("cohere", ("cohere_models", "cohere_embedding_models")),
    ("cohere_chat", ("cohere_chat_models",)),
    ("replicate", ("replicate_models",)),
    ("openrouter", ("openrouter_models",)),
    ("maritalk", ("maritalk_models",)),
    ("vertex_ai", ("vertex_chat_models", "vertex_code_chat_models", "vertex_text_models",
                   "vertex_code_text_models", "vertex_language_models", "vertex_embedding_models",
                   "vertex_vision_models", "vertex_ai_image_models", "vertex_ai_video_models")),
    ("ai21_chat", ("ai21_chat_models", "ai21_models")),
    ("aleph_alpha", ("aleph_alpha_models",)),
    ("baseten", ("baseten_models",)),
    ("nlp_cloud", ("nlp_cloud_models",)),
    ("petals", ("petals_models",)),
    ("bedrock", ("bedrock_models", "bedrock_embedding_models", "bedrock_converse_models")),
    ("watsonx", ("watsonx_models",)),
    ("openai", ("open_ai_embedding_models",)),
    ("empower", ("empower_models",)),
    ("gradient_ai", ("gradient_ai_models",)),
)

# Extra sets consulted on prefixed names (azure/<cohere or mistral>, ai21/<chat model>,
# azure_ai/<openai model>).
SETS = {
    "cohere_chat": ("cohere_chat_models",),
    "mistral_chat": ("mistral_chat_models",),
    "ai21_chat": ("ai21_chat_models",),
    "azure_openai": ("open_ai_chat_completion_models", "open_ai_text_completion_models",
                     "open_ai_embedding_models"),
}


def _names(attrs):
    out = set()
    for attr in attrs:
        out.update(m for m in getattr(litellm, attr) if isinstance(m, str))
    return sorted(out)


def main():
    data = {
        "litellm_version": getattr(litellm, "version", None) or "",
        "groups": [[provider, _names(attrs)] for provider, attrs in GROUPS],
        "sets": {name: _names(attrs) for name, attrs in SETS.items()},
    }
    out = Path(__file__).resolve().parent.parent / "fastcore" / "_ext" / "providers_models.json"
    out.write_text(json.dumps(data, separators=(",", ":"), sort_keys=False) + "\n")
    print(f"wrote {out} ({out.stat().st_size} bytes)")


if __name__ == "__main__":
    main()
