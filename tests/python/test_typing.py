#!/usr/bin/env python3
"""Type stubs (PEP 561): the package ships .pyi stubs and py.typed beside
its modules, the stubs name every public name (constants included, which
the module adds at run time with globals().update()), and, when mypy is
installed (Debian: python3-mypy), ``mypy --strict`` passes on the stubs
and on the examples.  Without mypy that part is skipped with the reason
printed."""

import ast
import os
import shutil
import subprocess
import sys
import tempfile
import unittest

import xapi
import xapi.aio
import xapi.rfc3542
import xapi.socket_ext

PKG = os.path.dirname(os.path.abspath(xapi.__file__))
TOP = os.path.dirname(os.path.dirname(os.path.dirname(
    os.path.abspath(__file__))))
STUBS = ("__init__.pyi", "_constants.pyi", "aio.pyi", "rfc3542.pyi",
         "socket_ext.pyi")


def stub_names(filename):
    """Names a stub defines or re-exports (star imports followed)."""
    with open(os.path.join(PKG, filename), encoding="utf-8") as f:
        tree = ast.parse(f.read(), filename)
    names = set()
    for node in tree.body:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef,
                             ast.ClassDef)):
            names.add(node.name)
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target,
                                                              ast.Name):
            names.add(node.target.id)
        elif isinstance(node, ast.Assign):
            names.update(t.id for t in node.targets
                         if isinstance(t, ast.Name))
        elif isinstance(node, ast.ImportFrom):
            for a in node.names:
                if a.name == "*" and node.level == 1:
                    names |= stub_names(node.module + ".pyi")
                elif a.name == "*" and node.module == "socket":
                    import socket
                    names.update(socket.__all__)
                elif a.asname is not None:
                    names.add(a.asname)
    return names


def find_mypy():
    """A command running mypy, or None: this interpreter's, else the
    system python3's (Debian's python3-mypy)."""
    for py in (sys.executable, "/usr/bin/python3"):
        if not os.path.exists(py):
            continue
        r = subprocess.run([py, "-m", "mypy", "--version"],
                           stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        if r.returncode == 0:
            return [py, "-m", "mypy"]
    return None


class TestStubsShipped(unittest.TestCase):

    def test_files_beside_the_modules(self):
        for name in STUBS + ("py.typed",):
            self.assertTrue(os.path.isfile(os.path.join(PKG, name)), name)

    def test_every_public_name_is_in_the_stubs(self):
        for module, stub in ((xapi, "__init__.pyi"),
                             (xapi.rfc3542, "rfc3542.pyi"),
                             (xapi.socket_ext, "socket_ext.pyi"),
                             (xapi.aio, "aio.pyi")):
            with self.subTest(module.__name__):
                missing = set(module.__all__) - stub_names(stub)
                self.assertEqual(missing, set())

    def test_constants_are_typed(self):
        names = stub_names("_constants.pyi")
        self.assertEqual(set(xapi.CONSTANTS) - names, set())
        for n in ("IPV6_RECVPKTINFO", "ICMP6_RR_FLAGS_TEST",
                  "IP6OPT_MUTABLE", "IPV6_USE_MIN_MTU"):
            self.assertIn(n, names)


class TestMypyStrict(unittest.TestCase):

    @classmethod
    def setUpClass(cls):
        cls.mypy = find_mypy()
        if cls.mypy is None:
            reason = ("mypy is not installed for %s or /usr/bin/python3 "
                      "(Debian: apt-get install python3-mypy)"
                      % sys.executable)
            print("test_typing: SKIP mypy --strict: " + reason,
                  file=sys.stderr)
            raise unittest.SkipTest(reason)
        # The stubs alone, as a checker sees the installed package (the
        # private .py modules behind them are not part of the typed API);
        # one cache for the whole class.
        cls.tmp = tempfile.TemporaryDirectory()
        typed = os.path.join(cls.tmp.name, "typed", "xapi")
        os.makedirs(typed)
        for name in STUBS + ("py.typed",):
            shutil.copyfile(os.path.join(PKG, name),
                            os.path.join(typed, name))
        cls.env = dict(os.environ, MYPYPATH=os.path.dirname(typed))
        # mypy is a tool here, not code under test: no sanitizer runtime
        # preloaded into it (the sanitizer build sets LD_PRELOAD).
        for var in ("PYTHONPATH", "LD_PRELOAD", "PYTHONMALLOC"):
            cls.env.pop(var, None)
        cls.cache = os.path.join(cls.tmp.name, "cache")

    @classmethod
    def tearDownClass(cls):
        cls.tmp.cleanup()

    def mypy_run(self, *args):
        return subprocess.run(self.mypy + ["--strict", "--cache-dir",
                                           self.cache] + list(args),
                              env=self.env, cwd=TOP, stdout=subprocess.PIPE,
                              stderr=subprocess.STDOUT,
                              universal_newlines=True)

    def run_mypy(self, *args):
        r = self.mypy_run(*args)
        self.assertEqual(r.returncode, 0, r.stdout)

    def test_stubs(self):
        self.run_mypy("-p", "xapi")

    def test_examples(self):
        ex = os.path.join(TOP, "examples")
        files = [os.path.join(ex, "demo.py")] + sorted(
            os.path.join(ex, "python", f)
            for f in os.listdir(os.path.join(ex, "python"))
            if f.endswith(".py"))
        self.run_mypy(*files)

    def test_a_wrong_call_is_caught(self):
        # The stubs must give mypy something to check: a str where an int
        # constant goes, and a misspelt constant, are errors.
        with tempfile.NamedTemporaryFile("w", suffix=".py",
                                         delete=False) as f:
            f.write("import xapi\n"
                    "x: str = xapi.IPV6_RECVPKTINFO\n"
                    "y = xapi.IPV6_RECVPKTINFOO\n"
                    "xapi.recvmsg(0, [1], 'big')\n")
        self.addCleanup(os.unlink, f.name)
        r = self.mypy_run(f.name)
        self.assertNotEqual(r.returncode, 0)
        self.assertEqual(r.stdout.count("error:"), 3, r.stdout)


if __name__ == "__main__":
    unittest.main(verbosity=1)
