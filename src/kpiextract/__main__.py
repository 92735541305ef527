"""`python -m kpiextract ...`: the same command line as the `kpiextract` script."""

from kpiextract.cli import main

if __name__ == "__main__":
    main()
