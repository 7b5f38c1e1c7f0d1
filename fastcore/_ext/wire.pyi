class Wire:
    """A wire format; its entry points are C-level methods (see wire.pxd)."""
    name: str
    def __init__(self, name: str) -> None: ...
