"""A quicker ``__init__`` for the frozen dataclasses an import makes once per row (issue 14.8).

A frozen dataclass's own ``__init__`` looks up ``object.__setattr__`` again for every field;
a 100,000-row preview makes a ``PlanRow`` and a ``RegisterDraft`` per row, and that lookup
was a third of their cost. ``quick_init`` writes the same ``__init__`` (same parameters and
defaults, read from the dataclass's own fields: one list) with the setter bound once.
"""
from dataclasses import MISSING, fields


def quick_init(cls):
    """Class decorator, above ``@dataclass(frozen=True)``: the same ``__init__``, quicker.
    Only for plain fields (no default_factory, init=False, kw_only or __post_init__)."""
    own = fields(cls)
    if hasattr(cls, "__post_init__") or any(
            f.default_factory is not MISSING or not f.init or f.kw_only for f in own):
        raise TypeError(f"quick_init: {cls.__name__} has fields it does not handle")
    defaults = {f"_default_{f.name}": f.default for f in own if f.default is not MISSING}
    params = ", ".join(f.name if f.default is MISSING else f"{f.name}=_default_{f.name}" for f in own)
    body = "".join(f"\n    _set(self, {f.name!r}, {f.name})" for f in own)
    scope = {"_set": object.__setattr__, **defaults}
    exec(f"def __init__(self, {params}):{body}", scope)
    init = scope["__init__"]
    init.__qualname__ = f"{cls.__qualname__}.__init__"
    init.__doc__ = cls.__init__.__doc__
    cls.__init__ = init
    return cls
