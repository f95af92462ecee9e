"""`make mutate`: how many single-point bugs in each module of generator/ the tests catch (see __main__).

Why it is built this way (issue 18):

- Its own mutator (mutants.py) rather than mutmut. mutmut 2 makes neither
  swapped arguments nor deleted statements, which the issue asks for; it
  lists mutants in one process while another mutates the file, a race that
  made the old tool restart it again and again; it needs pony and a SQLite
  cache of its own. A mutant here is one node's byte span replaced, found
  with `ast`, so every other byte stays as it is, a mutant that does not
  compile is never run, and a mutant is named by what it changes, not by a
  line number that an edit above moves.
- The modules come from walking the package (tree.py), named by their path
  under generator/, so the subpackages being introduced need no edit here.
- No run of the whole suite before the first mutant (select.py,
  measure.py): the test files that can reach a module are found statically,
  and only those not measured yet run under coverage, once; the measure is
  kept per test file, so the next module, or the next run, reuses it.
- Each mutant faces only the tests that run its line, cheapest first, stop
  at the first failure (run.py); the browser and kill tests come last, for
  the mutants the fast tests let through, within a budget of their own.
- Mutants live in scratch copies under mutate/work/, never in the working
  tree; verdicts are kept per module content (campaign.py), so a re-run
  after adding tests re-tries only the survivors.
- The figures, with a Wilson interval (a sample's rate is an estimate), go to
  the committed mutate/results.json and the table in docs/design.md (report.py).
"""
