# AUTOMATICALLY GENERATED - DO NOT MODIFY
# generated: %(gendate)s on %(genhost)s
# This slave is disabled in slavealloc: this tac refuses to start it.
import sys
sys.stderr.write("slave %(slavename)s is disabled in slavealloc; not starting\n")
sys.exit(1)
