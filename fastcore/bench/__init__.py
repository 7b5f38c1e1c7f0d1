"""Side-by-side benchmarks of fastcore and LiteLLM; run `python -m fastcore.bench`."""
