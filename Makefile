.PHONY: build debug test bench clean

build:
	python setup.py build_ext --inplace

# Annotated HTML beside each .pyx, and line tracing for coverage/profilers.
debug:
	FASTCORE_DEBUG=1 python setup.py build_ext --inplace --force

test: build
	pytest

bench: build
	python -m fastcore.bench --quick

clean:
	rm -rf build fastcore/_ext/*.c fastcore/_ext/*.so fastcore/_ext/*.html
