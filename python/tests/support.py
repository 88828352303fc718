"""What the tests of the Python module share: the module, or a clear skip without it."""

import os
import unittest

SOURCE_DIR = os.environ.get("CROSSCHECK_SOURCE_DIR") or os.path.dirname(
    os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
BINARY = os.environ.get("CROSSCHECK_BINARY") or os.path.join(SOURCE_DIR, "build", "crosscheck")

try:
    import crosscheck  # noqa: F401  (re-exported for the tests)
except ImportError as e:
    raise unittest.SkipTest("the crosscheck module is not importable (%s): build it (cmake --build build) and set "
                            "PYTHONPATH=build/python" % e)
