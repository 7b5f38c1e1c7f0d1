cpdef str check_model(object model)
cpdef list check_messages(object messages, object model=*)
cpdef object check_tool_choice(object tool_choice, object model=*)
cpdef object check_stop(object stop)
