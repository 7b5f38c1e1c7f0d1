"""Hostile inputs that once crashed the interpreter: each runs in its own process.

A case passes when the process exits normally, whatever exception the snippet
caught on the way; a segfault or an abort fails it (see _subprocess.py).
"""
import textwrap

import pytest

from tests.hardening._subprocess import run_isolated

# Every way a response object is read back: each must survive a cycle or a deep nesting.
READERS = """
import copy, pickle
READERS = {
    "model_dump": lambda o: o.model_dump(),
    "model_dump_exclude_none": lambda o: o.model_dump(exclude_none=True, exclude={"x"}),
    "model_dump_json": lambda o: o.model_dump_json(),
    "json": lambda o: o.json(),
    "to_dict": lambda o: o.to_dict(),
    "dict": lambda o: o.dict(),
    "repr": repr,
    "eq": lambda o: o == copy.copy(o),
    "copy": copy.copy,
    "deepcopy": copy.deepcopy,
    "pickle": lambda o: pickle.loads(pickle.dumps(o)),
    "model_extra": lambda o: o.model_extra,
    "fields_set": lambda o: o.model_fields_set,
    "iter": lambda o: list(o),
}
def read_all(obj, allowed=(RecursionError, ValueError, TypeError)):
    for name, fn in READERS.items():
        try:
            fn(obj)
        except allowed:
            pass
"""

# ---------------------------------------------------------------- shrinking input ----

SHRINKING = {
    "thread_trims_pydantic_history": """
        import threading, time, fastcore
        from pydantic import BaseModel
        class M(BaseModel):
            role: str = "user"
            content: str = "hi"
        hist = [M() for _ in range(300)]
        stop = False
        def trim():
            while not stop:
                if len(hist) > 1:
                    del hist[-1]
                else:
                    hist.extend(M() for _ in range(300))
        t = threading.Thread(target=trim)
        t.start()
        t0 = time.time()
        try:
            while time.time() - t0 < 1.5:
                try:
                    fastcore.completion(model="openai/gpt-4o", messages=hist, mock_response="x")
                except fastcore.exceptions.FastcoreError:
                    pass
        finally:
            stop = True
            t.join()
        print("OK")
    """,
    "model_dump_empties_the_list": """
        import fastcore
        msgs = []
        class Evil:
            def model_dump(self):
                msgs.clear()
                return {"role": "user", "content": "hi"}
        msgs.extend([Evil()] + [{"role": "user", "content": str(i)} for i in range(50)])
        r = fastcore.completion(model="openai/gpt-4o", messages=msgs, mock_response="x")
        assert r.choices[0].message.content == "x"
        print("OK")
    """,
    "role_hash_and_eq_empty_the_list": """
        import fastcore
        msgs = []
        class Role(str):
            def __hash__(self):
                msgs.clear(); return str.__hash__(self)
            def __eq__(self, other):
                msgs.clear(); return str.__eq__(self, other)
        msgs.extend([{"role": Role("user"), "content": "hi"} for _ in range(50)])
        fastcore.completion(model="openai/gpt-4o", messages=msgs, mock_response="x")
        print("OK")
    """,
    "dict_subclass_get_empties_the_list": """
        import fastcore
        msgs = []
        class D(dict):
            def get(self, k, default=None):
                msgs.clear(); return dict.get(self, k, default)
        msgs.extend([D(role="user", content="hi") for _ in range(50)])
        fastcore.completion(model="openai/gpt-4o", messages=msgs, mock_response="x")
        print("OK")
    """,
    "content_parts_shrink": """
        import fastcore
        parts = []
        class Part(dict):
            def get(self, k, default=None):
                parts.clear(); return dict.get(self, k, default)
        parts.extend([Part(type="text", text="a") for _ in range(50)])
        fastcore.completion(model="openai/gpt-4o", messages=[{"role": "user", "content": parts}],
                            mock_response="x")
        print("OK")
    """,
    "chunks_shrink_in_stream_chunk_builder": """
        import fastcore
        chunks = []
        class Chunk(dict):
            def get(self, k, default=None):
                chunks.clear(); return dict.get(self, k, default)
        chunks.extend([Chunk(choices=[{"index": 0, "delta": {"content": "a"}}]) for _ in range(50)])
        try:
            fastcore.stream_chunk_builder(chunks)
        except fastcore.exceptions.FastcoreError:
            pass
        print("OK")
    """,
    "tools_list_trimmed_by_thread": """
        import threading, time, fastcore
        tool = {"type": "function", "function": {"name": "f", "parameters": {"type": "object"}}}
        tools = [dict(tool) for _ in range(200)]
        stop = False
        def trim():
            while not stop:
                if len(tools) > 1:
                    del tools[-1]
                else:
                    tools.extend(dict(tool) for _ in range(200))
        t = threading.Thread(target=trim)
        t.start()
        t0 = time.time()
        try:
            while time.time() - t0 < 1.0:
                for prov, model in (("anthropic", "claude-sonnet-4-5"), ("gemini", "gemini-2.5-pro")):
                    try:
                        fastcore.get_optional_params(model=model, custom_llm_provider=prov, tools=tools)
                    except fastcore.exceptions.FastcoreError:
                        pass
        finally:
            stop = True
            t.join()
        print("OK")
    """,
    "tool_calls_shrink_while_building_a_message": """
        import fastcore
        calls = []
        class Call(dict):
            def keys(self):
                calls.clear(); return dict.keys(self)
        calls.extend([Call(id="c", type="function", function={"name": "f", "arguments": "{}"}) for _ in range(50)])
        try:
            fastcore.Message(content=None, tool_calls=calls).model_dump()
        except (TypeError, ValueError):
            pass
        print("OK")
    """,
}


@pytest.mark.parametrize("name", sorted(SHRINKING))
def test_inputs_that_change_while_read(name):
    run_isolated(SHRINKING[name])


# ---------------------------------------------------------------------- cycles ----

CYCLES = {
    "message_holds_itself": "o = fastcore.Message(content='x'); o.me = o",
    "response_choices_hold_the_response": "o = fastcore.ModelResponse(); o.choices.append(o)",
    "provider_fields_dict_holds_itself": "d = {}; d['d'] = d; o = fastcore.Message(content='x', provider_specific_fields=d)",
    "usage_details_hold_the_usage": "o = fastcore.Usage(prompt_tokens=1); o.prompt_tokens_details = o",
    "list_in_slot_holds_the_object": "o = fastcore.Message(content='x'); o.tool_calls = [o]",
    "dict_extra_holds_the_object": "o = fastcore.Delta(content='x'); vars(o)['x'] = {'o': o}",
    "stream_chunk_holds_itself": "o = fastcore.ModelResponseStream(); o.choices[0].delta.content = o",
    "hidden_params_hold_the_response": "o = fastcore.ModelResponse(); o._hidden_params = {'o': o}",
}


@pytest.mark.parametrize("name", sorted(CYCLES))
def test_cycles(name):
    run_isolated(READERS + f"""
import fastcore
{CYCLES[name]}
read_all(o)
try:
    o.model_dump()
except ValueError as e:
    assert "Circular reference" in str(e), e
print("OK")
""")


# --------------------------------------------------------------- deep nesting ----

# CPython's own repr of nested lists dies below this stack size; fastcore must
# survive wherever CPython does.
SMALL_STACK = 256 * 1024

DEEP = {
    "messages_in_provider_fields": """
        o = fastcore.Message(content='x')
        for _ in range(5000):
            o = fastcore.Message(content='x', provider_specific_fields={'m': o})
    """,
    "nested_lists_in_a_slot": """
        inner = []
        for _ in range(5000):
            inner = [inner]
        o = fastcore.Message(content='x'); o.tool_calls = inner
    """,
    "nested_dicts_in_extras": """
        inner = {}
        for _ in range(5000):
            inner = {'a': inner}
        o = fastcore.ModelResponse(extra=inner)
    """,
    "chunks_of_chunks": """
        o = fastcore.ModelResponseStream()
        for _ in range(5000):
            o = fastcore.ModelResponseStream(provider_specific_fields={'c': o})
    """,
}


@pytest.mark.parametrize("name", sorted(DEEP))
def test_deep_nesting_in_a_thread_with_a_small_stack(name):
    body = textwrap.indent(textwrap.dedent(DEEP[name]), "    ")
    run_isolated(READERS + f"""
import threading, fastcore
threading.stack_size({SMALL_STACK})
def run():
{body}
    read_all(o)
t = threading.Thread(target=run)
t.start()
t.join()
print("OK")
""")


@pytest.mark.parametrize("shape", ["cyclic", "deep"])
@pytest.mark.parametrize("provider,model", [("anthropic", "claude-sonnet-4-5"),
                                            ("anthropic", "claude-3-5-sonnet-20240620"),
                                            ("gemini", "gemini-2.5-pro"), ("bedrock", "anthropic.claude-3-sonnet")])
def test_response_format_schema_cyclic_or_deep(shape, provider, model):
    build = ("s = {'type': 'object', 'properties': {}}; s['properties']['x'] = s" if shape == "cyclic" else
             "s = {'type': 'string'}\nfor _ in range(5000):\n    s = {'type': 'object', 'properties': {'x': s}, 'anyOf': [s]}")
    run_isolated(f"""
import threading, fastcore
threading.stack_size({SMALL_STACK})
def run():
    {build.replace(chr(10), chr(10) + '    ')}
    rf = {{'type': 'json_schema', 'json_schema': {{'name': 'a', 'schema': s}}}}
    for call in (lambda: fastcore.get_optional_params(model={model!r}, custom_llm_provider={provider!r},
                                                      response_format=rf),
                 lambda: fastcore.completion(model={provider + '/' + model!r}, response_format=rf,
                                             messages=[{{'role': 'user', 'content': 'hi'}}], mock_response='x')):
        try:
            call()
        except fastcore.exceptions.FastcoreError:
            pass
t = threading.Thread(target=run)
t.start()
t.join()
print("OK")
""")


# -------------------------------------------------------------------- pickles ----

CRAFTED = {
    "short_tuple": "_restore(R.ModelResponse, 1, (1, 2), 0, None)",
    "empty_tuple_v0": "_rebuild(R.ModelResponse, (), 0, None)",
    "long_tuple": "_restore(R.Message, 1, tuple(range(50)), 0, None)",
    "not_a_tuple": "_restore(R.Message, 1, [1, 2, 3, 4, 5], 0, None)",
    "wrong_slot_type": "_restore(R.ModelResponse, 1, ('id', 1, 'm', 'o', None, 5, {}, None), 0, None)",
    "new_returns_an_int": "class X(R.ModelResponse):\n    def __new__(cls): return 5\n_restore(X, 1, ('id', 1, 'm', 'o', None, [], {}, None), 0, None)",
    "not_a_class": "_restore(5, 1, (), 0, None)",
    "foreign_class": "_restore(dict, 1, (), 0, None)",
    "abstract_base": "_restore(R._Record, 1, (), 0, None)",
    "future_version": "_restore(R.Message, 99, (None, 'assistant', None, None, None), 0, None)",
    "negative_unset": "_restore(R.Message, 1, (None, 'assistant', None, None, None), -1, None)",
    "huge_unset": "_restore(R.Message, 1, (None, 'assistant', None, None, None), 1 << 70, None)",
    "dict_with_int_keys": "_restore(R.Message, 1, (None, 'assistant', None, None, None), 0, {1: 2})",
    "dict_not_a_dict": "_restore(R.Message, 1, (None, 'assistant', None, None, None), 0, [1])",
}


@pytest.mark.parametrize("name", sorted(CRAFTED))
def test_crafted_pickle_state_is_refused(name):
    run_isolated(READERS + f"""
import pickle
import fastcore._ext.response as R
from fastcore._ext.response import _rebuild, _restore
try:
    obj = None
{chr(10).join('    ' + line for line in CRAFTED[name].splitlines())}
except pickle.UnpicklingError as e:
    print("refused:", e)
else:
    raise SystemExit("accepted crafted state")
print("OK")
""")


def test_crafted_pickle_stream_never_crashes():
    # The same states as real pickle byte streams, through pickle.loads.
    run_isolated("""
import pickle, fastcore
import fastcore._ext.response as R
class Forge:
    def __init__(self, fn, args): self.fn, self.args = fn, args
    def __reduce__(self): return (self.fn, self.args)
cases = [
    (R._rebuild, (R.ModelResponse, ("id", 1, "m", "o", None, [], {}), 0, {"usage": 5})),
    (R._rebuild, (R.ModelResponse, ("id",), 0, None)),
    (R._restore, (R.Choices, 1, (None, None, 5), 0, None)),
    (R._restore, (R.Usage, 1, ("x", [], {}, 5, None), 0, None)),
]
for fn, args in cases:
    try:
        obj = pickle.loads(pickle.dumps(Forge(fn, args)))
    except pickle.UnpicklingError:
        continue
    obj.model_dump(); repr(obj); pickle.loads(pickle.dumps(obj))
print("OK")
""")


# ------------------------------------------------------ wrong types everywhere ----

def test_wrong_types_in_every_typed_attribute():
    run_isolated(READERS + """
import fastcore, gc
import fastcore._ext.response as R

class BadStr(str):
    def __str__(self): raise RuntimeError("no")
    def __repr__(self): raise RuntimeError("no")
class BadEq:
    def __eq__(self, other): raise RuntimeError("no")
    __hash__ = None

cyc = []; cyc.append(cyc)
HOSTILE = [None, 0, -1, 10 ** 400, float("nan"), float("inf"), "", "x" * 10000, b"\\xff", object(),
           BadStr("s"), BadEq(), [], {}, cyc, {1: 2}, R.Message(), R.Usage(), (1, 2), set([1])]
samples = [R.Function(name="f", arguments="{}"), R.ChatCompletionMessageToolCall(function={"name": "f"}),
           R.ChatCompletionDeltaToolCall(function={"name": "f"}, index=0), R.Message(content="x"),
           R.Choices(), R.Usage(prompt_tokens=1), R.CompletionTokensDetailsWrapper(),
           R.PromptTokensDetailsWrapper(), R.Delta(content="x"), R.StreamingChoices(),
           R.ModelResponse(), R.ModelResponseStream(),
           fastcore.completion(model="openai/gpt-4o", messages=[{"role": "user", "content": "hi"}],
                               mock_response="x")]
allowed = (RecursionError, ValueError, TypeError, AttributeError, RuntimeError)
for sample in samples:
    fields = [k for k in dir(type(sample)) if not k.startswith("__")
              and type(getattr(type(sample), k, None)).__name__ == "getset_descriptor"]
    for field in fields:
        for value in HOSTILE:
            obj = __import__("copy").copy(sample)
            try:
                setattr(obj, field, value)
            except allowed:
                continue
            read_all(obj, allowed)
    vars(sample)[1] = 2                       # a non-str key in __dict__
    vars(sample)["_private"] = BadEq()
    read_all(sample, allowed)
gc.collect()
print("OK")
""", timeout=120)
