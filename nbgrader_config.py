# nbgrader configuration for notebooks of the Transformers Lab kernel ("transformers-lab").
#
# Transformers Lab has its own tools (`tlab assign`, `tlab autograde`), but nbgrader itself works
# with this kernel too. Quiz questions check answers against salted hashes, so give nbgrader a
# source notebook whose quiz answers are already hashed while solutions and hidden tests stay:
#
#     tlab assign course/hw1-with-answers.ipynb --for-nbgrader --out source/hw1/
#     nbgrader generate_assignment hw1
#     nbgrader autograde hw1
#
# What nbgrader relies on, and the kernel provides: a failing check (`quiz.check`, `quiz.test`,
# a thrown assertion) is a real `error` output; cells that pass write nothing to stderr; a test
# cell whose last value is a bare number gets that many points (partial credit).
c = get_config()  # noqa: F821 (provided by nbgrader when it loads this file)

# Solution regions are `// BEGIN SOLUTION` … `// END SOLUTION`; the stub keeps the code valid
# TypeScript inside any function body.
c.ClearSolutions.begin_solution_delimeter = "BEGIN SOLUTION"
c.ClearSolutions.end_solution_delimeter = "END SOLUTION"
c.ClearSolutions.code_stub = {
    "typescript": '// YOUR CODE HERE\nthrow new Error("Not implemented yet");',
    "python": "# YOUR CODE HERE\nraise NotImplementedError()",
}

# Hidden tests are `// BEGIN HIDDEN TESTS` … `// END HIDDEN TESTS` inside test cells.
c.ClearHiddenTests.begin_test_delimeter = "BEGIN HIDDEN TESTS"
c.ClearHiddenTests.end_test_delimeter = "END HIDDEN TESTS"

# Stop an endless cell after a minute.
c.Execute.timeout = 60
c.Execute.interrupt_on_timeout = True
