#!/usr/bin/env python3
"""Convert raw newspaper pages into article pages: ``python scripts/convert.py
[options]`` is ``newsarchive convert [options]`` run from this checkout
(the converter is :mod:`newsarchive.convert`; ``--help`` lists the options).
"""
import sys

from newsarchive.convert import main

if __name__ == "__main__":
    sys.exit(main())
