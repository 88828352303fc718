"""Every ```python block of docs/python.md runs as written, from the repository's folder."""

import contextlib
import io
import os
import re
import unittest

from support import SOURCE_DIR


class DocsTest(unittest.TestCase):
    def test_every_example_runs(self):
        with open(os.path.join(SOURCE_DIR, "docs", "python.md"), encoding="utf-8") as f:
            blocks = re.findall(r"```python\n(.*?)```", f.read(), re.S)
        self.assertGreaterEqual(len(blocks), 5)
        cwd = os.getcwd()
        os.chdir(SOURCE_DIR)
        try:
            for i, block in enumerate(blocks):
                with self.subTest(block=i + 1), contextlib.redirect_stdout(io.StringIO()) as out:
                    exec(compile(block, "docs/python.md block %d" % (i + 1), "exec"), {})
                self.assertNotEqual(out.getvalue(), "")
        finally:
            os.chdir(cwd)


if __name__ == "__main__":
    unittest.main()
