"""The build behind pyproject.toml: the extension xapi._xapi from every C
file of core/ and bindings/python/xapi_wrap.c (shipped in the dist
tarball; made with SWIG when missing and swig is installed), and the type
stubs made by bindings/python/stubs/gen_stubs.py.  configure's config.h is
not needed: the one setting it gives the core (_GNU_SOURCE) is written to
a config.h of the build's own."""

import glob
import os
import re
import shutil
import subprocess
import sys

from setuptools import Extension, setup
from setuptools.command.build_ext import build_ext
from setuptools.command.build_py import build_py

TOP = os.path.dirname(os.path.abspath(__file__))
PYDIR = os.path.join("bindings", "python")
WRAP = os.path.join(PYDIR, "xapi_wrap.c")


def version():
    with open(os.path.join(TOP, "core", "xapi.h"), encoding="utf-8") as f:
        m = re.search(r'#define XAPI_VERSION_STRING "([^"]+)"', f.read())
    return m.group(1)


def make_wrapper():
    """The wrapper's path: bindings/python/xapi_wrap.c as the tarball ships
    it, else one SWIG makes under build/ (the source tree is left alone)."""
    if os.path.exists(os.path.join(TOP, WRAP)):
        return WRAP
    swig = shutil.which("swig4.0") or shutil.which("swig")
    if swig is None:
        sys.exit("xapi-sockets: %s is missing and SWIG is not installed: "
                 "build from the dist tarball (make dist), or install swig"
                 % WRAP)
    out = os.path.join(TOP, "build", "swig-out")
    os.makedirs(out, exist_ok=True)
    subprocess.check_call([
        swig, "-python", "-interface", "_xapi",
        "-I" + os.path.join(TOP, "swig", "python"),
        "-I" + os.path.join(TOP, "swig"), "-I" + os.path.join(TOP, "core"),
        "-outdir", out, "-o", os.path.join(out, "xapi_wrap.c"),
        os.path.join(TOP, PYDIR, "xapi_python.i")])
    return os.path.relpath(os.path.join(out, "xapi_wrap.c"), TOP)


class BuildExt(build_ext):
    def run(self):
        wrap = make_wrapper()
        for ext in self.extensions:
            ext.sources = [wrap if s == WRAP else s for s in ext.sources]
        inc = os.path.join(self.build_temp, "xapi-config")
        os.makedirs(inc, exist_ok=True)
        with open(os.path.join(inc, "config.h"), "w") as f:
            f.write("/* config.h for a pip build (setup.py) */\n"
                    "#ifndef _GNU_SOURCE\n#define _GNU_SOURCE 1\n#endif\n")
        for ext in self.extensions:
            ext.include_dirs.insert(0, inc)
        super().run()


class BuildPy(build_py):
    def run(self):
        super().run()
        sys.path.insert(0, os.path.join(TOP, PYDIR, "stubs"))
        try:
            import gen_stubs
        finally:
            sys.path.pop(0)
        out = os.path.join(self.build_lib, "xapi")
        gen_stubs.main(os.path.join(TOP, "core"),
                       os.path.join(TOP, PYDIR, "stubs"), out)
        shutil.copyfile(os.path.join(TOP, PYDIR, "stubs", "py.typed"),
                        os.path.join(out, "py.typed"))


core = sorted(os.path.relpath(p, TOP)
              for p in glob.glob(os.path.join(TOP, "core", "*.c")))

setup(
    version=version(),
    ext_modules=[Extension(
        "xapi._xapi",
        sources=core + [WRAP],
        include_dirs=["core"],
        define_macros=[("HAVE_CONFIG_H", "1"), ("XAPI_BUILDING", "1")],
        extra_compile_args=["-std=gnu11", "-fvisibility=hidden",
                            "-Wno-unused-parameter",
                            "-Wno-missing-field-initializers"],
    )],
    cmdclass={"build_ext": BuildExt, "build_py": BuildPy},
)
