"""`make mutate`: how many single-point bugs in the core the tests catch (see __main__)."""
