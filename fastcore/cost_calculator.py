"""`litellm.cost_calculator`."""


def __getattr__(name: str):
    if name in ("completion_cost", "cost_per_token"):
        from fastcore._ext import cost

        value = globals()[name] = getattr(cost, name)
        return value
    raise AttributeError(f"module 'fastcore.cost_calculator' has no attribute {name!r}")
