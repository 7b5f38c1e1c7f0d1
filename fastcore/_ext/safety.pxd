# Small inline helpers every compiled module uses to stay crash-free; the rules
# they serve are in docs/memory-safety.md.

cdef extern from *:
    """
    /* Py_EnterRecursiveCall returns "nonzero" on overflow; give Cython one error value. */
    static CYTHON_INLINE int fc_enter_recursion(const char *where) {
        return Py_EnterRecursiveCall(where) ? -1 : 0;
    }
    """
    # Every recursion in compiled code passes through this, so a cycle or a deep
    # nesting ends in RecursionError at the interpreter's limit, not in a C stack overflow.
    int enter_recursion "fc_enter_recursion" (const char *where) except -1

cdef extern from "Python.h":
    void leave_recursion "Py_LeaveRecursiveCall" ()
    int Py_ReprEnter(object o) except -1
    void Py_ReprLeave(object o)


cdef inline object plain_str(object value):
    # str subclasses (str enums such as LiteLLM's LlmProviders or smolagents'
    # MessageRole) as plain str: their hash and == then behave as the text's.
    # Anything else is returned as is, for the caller to reject.
    if type(value) is str or not isinstance(value, str):
        return value
    return str.__str__(value)
