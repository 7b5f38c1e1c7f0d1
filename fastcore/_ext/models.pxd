# What cost.pyx reads from the model table at C level.
cpdef dict model_cost()
cpdef dict price_info(object model, object provider)
cpdef tuple model_args(object model, object provider)
cdef object _cached(object key)                 # the bounded answers cache (see models.pyx)
cdef void _remember(object key, object value)
cdef size_t _generation() noexcept            # changes when cached answers may be stale
