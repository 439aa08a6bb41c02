"""The exit codes every command shares, so scripts can tell the outcomes apart.

0 success, 1 the board is unhealthy (damaged, broken references), 2 the file
cannot be used or the command line is wrong.
"""

EXIT_OK, EXIT_UNHEALTHY, EXIT_UNUSABLE = 0, 1, 2
