"""The compiled core. Every module here is a Cython extension; there is no pure-Python twin."""
