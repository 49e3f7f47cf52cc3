import sys

from responsibility.cli.main import main

sys.exit(main())
