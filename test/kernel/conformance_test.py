"""The Jupyter project's kernel conformance suite (jupyter_kernel_test) against our kernel.

Run by test/kernel/conformance.test.ts with JUPYTER_PATH pointing at a private kernelspec.
"""
import unittest

import jupyter_kernel_test


class TransformersLabKernelTests(jupyter_kernel_test.KernelTests):
    kernel_name = "transformers-lab"
    language_name = "typescript"
    file_extension = ".ts"

    code_hello_world = 'console.log("hello, world")'
    code_stderr = 'console.error("something went wrong")'

    completion_samples = [
        {"text": "const zebraStripes = 3;\nzebraStr", "matches": {"zebraStripes"}},
        {"text": "[1, 2].fla", "matches": {"flat", "flatMap"}},
    ]

    complete_code_samples = ["1", "const x = 1;", "function f() { return 1 }", "for (const i of [1, 2]) {\n  console.log(i)\n}"]
    incomplete_code_samples = ["function f() {", "const x = [1, 2,", "console.log(", "const s = `multi", "/* a comment"]
    invalid_code_samples = ["1 +* 2", "let x = )", "}"]

    code_generate_error = 'throw new Error("boom")'

    code_execute_result = [
        {"code": "1 + 2", "result": "3"},
        {"code": "'abc'.toUpperCase()", "result": "'ABC'"},
        {"code": "[1, 2, 3].map((x) => x * 2)", "result": "[ 2, 4, 6 ]"},
        {"code": "({ _repr_mimebundle_: () => ({ 'text/html': '<b>rich</b>', 'text/plain': 'rich' }) })", "mime": "text/html", "result": "<b>rich</b>"},
    ]

    code_display_data = [
        {"code": 'display({ "text/html": "<b>hi</b>", "text/plain": "hi" })', "mime": "text/html"},
        {"code": "plot({ type: 'scatter', x: [1, 2, 3], y: [3, 1, 2] }).show()", "mime": "application/vnd.plotly.v1+json"},
    ]

    code_history_pattern = "1 +*"
    supported_history_operations = ("tail", "range", "search")

    code_inspect_sample = "Tensor"
    code_page_something = "Tensor?"
    code_clear_output = "clear_output()"


if __name__ == "__main__":
    unittest.main(verbosity=2)
